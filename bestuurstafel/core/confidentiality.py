"""The confidentiality level: the one core type every app reuses.

Every object that can carry a level stores it in a field made by ``confidentiality_field()``.
Who may see which level is decided in one place only: ``networks.access.visible_q``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public")
    NETWORK = "network", _("Network (members and partners)")
    MEMBERS = "members", _("Members only")
    BODY = "body", _("Body only")


# From most open to most closed; used to compare levels (an attachment may not be more open
# than the item it belongs to, and so on).
ORDER = [
    Confidentiality.PUBLIC,
    Confidentiality.NETWORK,
    Confidentiality.MEMBERS,
    Confidentiality.BODY,
]


def is_more_open(level: str, than: str) -> bool:
    return ORDER.index(Confidentiality(level)) < ORDER.index(Confidentiality(than))


def most_closed(*levels: str) -> Confidentiality:
    return max((Confidentiality(level) for level in levels), key=ORDER.index)


def confidentiality_field(default: str = Confidentiality.NETWORK) -> models.CharField:
    return models.CharField(
        _("confidentiality"),
        max_length=10,
        choices=Confidentiality.choices,
        default=default,
        help_text=_("Who may see this: the public, the network, members only or the body only."),
    )
