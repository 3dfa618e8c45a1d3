"""Who is asking, and what they may see: the one confidentiality boundary of the platform.

``Viewer`` is built once per request (``request.viewer``, two queries) from the user's current
memberships. ``visible_q`` turns it into a filter for any model that carries a confidentiality
level; every selector of every app uses it, so pages, exports, feeds, search, e-mail and API all
see the same thing.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from bestuurstafel.core.confidentiality import Confidentiality

from .models import (
    FULL_MEMBER_ROLES,
    TWO_FACTOR_ROLES,
    BodyMembership,
    BodyRole,
    Membership,
    Role,
    active_q,
)

if TYPE_CHECKING:
    from bestuurstafel.accounts.models import User


@dataclass(frozen=True)
class Viewer:
    user: "User | None" = None
    person_id: int | None = None
    is_admin: bool = False
    roles: dict[int, str] = field(default_factory=dict)  # network id -> role
    organisations: dict[int, int | None] = field(default_factory=dict)  # network id -> org id
    body_ids: frozenset[int] = frozenset()
    body_network_ids: dict[int, int] = field(default_factory=dict)  # body id -> network id
    chaired_body_ids: frozenset[int] = frozenset()
    # Bodies where the person holds the secretary's seat (e.g. a working group's secretary).
    secretary_body_ids: frozenset[int] = frozenset()
    # Built for a person rather than a request (an e-mail recipient, who may have no login).
    for_person: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None or self.for_person

    def role_in(self, network_id: int) -> str | None:
        return self.roles.get(network_id)

    def is_in(self, network_id: int) -> bool:
        """Any current role in the network (member, partner, ...)."""
        return network_id in self.roles

    def is_full_member(self, network_id: int) -> bool:
        """A role that sees "members only": everyone but partners."""
        return self.roles.get(network_id) in FULL_MEMBER_ROLES

    def is_secretary(self, network_id: int) -> bool:
        return self.roles.get(network_id) == Role.SECRETARY

    def is_chair(self, network_id: int) -> bool:
        return self.roles.get(network_id) == Role.CHAIR

    def is_editor(self, network_id: int) -> bool:
        return self.roles.get(network_id) == Role.EDITOR

    def chairs_body(self, body_id: int) -> bool:
        return body_id in self.chaired_body_ids

    def is_body_secretary(self, body_id: int) -> bool:
        return body_id in self.secretary_body_ids

    @property
    def network_ids(self) -> set[int]:
        return set(self.roles)

    @property
    def full_member_network_ids(self) -> set[int]:
        return {n for n, role in self.roles.items() if role in FULL_MEMBER_ROLES}

    @property
    def secretary_network_ids(self) -> set[int]:
        return {n for n, role in self.roles.items() if role == Role.SECRETARY}

    @property
    def requires_two_factor(self) -> bool:
        return (
            self.is_admin
            or any(role in TWO_FACTOR_ROLES for role in self.roles.values())
            or bool(self.chaired_body_ids)
        )


ANONYMOUS = Viewer()


def _viewer(
    person: Any, *, user: Any = None, is_admin: bool = False, for_person: bool = False
) -> Viewer:
    """The viewer of ``person`` from their memberships and body seats that are current today."""
    # Oldest first, so that with two current memberships of one network (someone changing
    # organisation, for a while) the most recent one decides the role and the organisation.
    memberships = list(
        Membership.objects.filter(active_q(), person=person)
        .order_by("start_date", "pk")
        .values_list("network_id", "role", "organisation_id")
    )
    roles = {network_id: role for network_id, role, _org in memberships}
    # A body seat only counts while the person still takes part in that network.
    body_rows = [
        row
        for row in BodyMembership.objects.filter(active_q(), person=person).values_list(
            "body_id", "role", "body__network_id"
        )
        if row[2] in roles
    ]
    return Viewer(
        user=user,
        person_id=person.pk,
        is_admin=is_admin,
        roles=roles,
        organisations={network_id: org for network_id, _role, org in memberships},
        body_ids=frozenset(body_id for body_id, _role, _n in body_rows),
        body_network_ids={body_id: network_id for body_id, _role, network_id in body_rows},
        chaired_body_ids=frozenset(b for b, role, _n in body_rows if role == BodyRole.CHAIR),
        secretary_body_ids=frozenset(b for b, role, _n in body_rows if role == BodyRole.SECRETARY),
        for_person=for_person,
    )


def viewer_for_user(user: Any) -> Viewer:
    """What the logged-in ``user`` may see (anonymous visitors get ``ANONYMOUS``)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    person = getattr(user, "person", None)
    is_admin = bool(user.is_superuser or user.is_staff)
    if person is None:
        return Viewer(user=user, is_admin=is_admin)
    return _viewer(person, user=user, is_admin=is_admin)


def viewer_for_person(person: Any) -> Viewer:
    """What ``person`` may see, login or not: to build an e-mail or a feed per recipient.

    The same rule as ``viewer_for_user``, so a message never shows a recipient more than their
    own pages would.
    """
    user = person.user if person.user_id is not None else None
    if user is not None and not user.is_active:
        return ANONYMOUS  # a switched-off login: its pages show what a visitor sees
    if user is not None and getattr(user, "person", None) == person:
        return viewer_for_user(user)
    return _viewer(person, for_person=True)


def visible_q(
    viewer: Viewer,
    *,
    network_field: str = "network",
    body_field: str | None = "body",
    level_field: str = "confidentiality",
) -> Q:
    """A filter for objects carrying a confidentiality level that ``viewer`` may see.

    - public: everyone;
    - network: everyone with a current role in the object's network (members and partners);
    - members only: current roles other than partner;
    - body only: current members of the object's body (and the network's secretaries);
    - the network's secretaries see everything of their network; platform admins see all.
    """
    if viewer.is_admin:
        return Q()
    level = level_field
    q = Q(**{level: Confidentiality.PUBLIC})
    if not viewer.is_authenticated:
        return q
    networks_in = f"{network_field}__in"
    q |= Q(**{level: Confidentiality.NETWORK, networks_in: viewer.network_ids})
    q |= Q(**{level: Confidentiality.MEMBERS, networks_in: viewer.full_member_network_ids})
    if body_field is not None:
        q |= Q(**{level: Confidentiality.BODY, f"{body_field}__in": viewer.body_ids})
    q |= Q(**{networks_in: viewer.secretary_network_ids})
    return q


def can_see_level(
    viewer: Viewer, *, level: str, network_id: int, body_id: int | None = None
) -> bool:
    """The same rule as ``visible_q`` for one object already in memory."""
    if viewer.is_admin or level == Confidentiality.PUBLIC:
        return True
    if not viewer.is_authenticated:
        return False
    if viewer.is_secretary(network_id):
        return True
    if level == Confidentiality.NETWORK:
        return viewer.is_in(network_id)
    if level == Confidentiality.MEMBERS:
        return viewer.is_full_member(network_id)
    if level == Confidentiality.BODY:
        return body_id is not None and body_id in viewer.body_ids
    return False
