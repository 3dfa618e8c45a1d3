"""Writes for networks: organisations, people, memberships, bodies and invitations.

Every function is atomic, keyword-only and audited. Permission to call it is checked by the
view (``permissions``); domain rules are checked here and raise ``ValidationError`` with a
message in the user's language.
"""

import hashlib
import secrets
from datetime import date, timedelta
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bestuurstafel.core import audit, mail
from bestuurstafel.core.imports import ImportFailed, RowError, read_table, resolve_columns
from bestuurstafel.geo.models import Municipality

from . import selectors
from .models import (
    Body,
    BodyMembership,
    CareLine,
    Invitation,
    Membership,
    Network,
    Organisation,
    Person,
    Role,
    Sector,
    TargetGroup,
    active_q,
    open_invitation_q,
)

NETWORK_FIELDS = (
    "public_description",
    "contact_name",
    "contact_email",
    "website",
    "expected_sectors",
    "expected_target_groups",
)


@transaction.atomic
def network_update(
    *,
    actor: Any,
    network: Network,
    municipalities: list[Municipality] | None = None,
    **fields: Any,
) -> Network:
    unknown = set(fields) - set(NETWORK_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    before = audit.snapshot(network, fields)
    for name, value in fields.items():
        setattr(network, name, value)
    network.full_clean()
    network.save()
    changes = audit.diff(before, audit.snapshot(network, fields))
    if municipalities is not None:
        old = sorted(m.code for m in network.municipalities.all())
        network.municipalities.set(municipalities)
        new = sorted(m.code for m in municipalities)
        if old != new:
            changes["municipalities"] = audit.change(old, new)
    audit.record(
        actor=actor,
        action="networks.network_update",
        target=network,
        network=network,
        changes=changes,
    )
    return network


# --- Organisations --------------------------------------------------------------------------------


def _check_unique_name(network: Network, name: str, exclude: int | None = None) -> None:
    others = Organisation.objects.filter(network=network).annotate(lname=Lower("name"))
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.filter(lname=name.strip().lower()).exists():
        raise ValidationError(
            {"name": _("This network already has an organisation called “%s”.") % name.strip()}
        )


ORGANISATION_FIELDS = (
    "name",
    "sector",
    "care_lines",
    "target_groups",
    "website",
    "description",
    "joined_on",
    "left_on",
)


def _clean_organisation(organisation: Organisation) -> None:
    organisation.name = organisation.name.strip()
    organisation.care_lines = sorted({int(v) for v in organisation.care_lines})
    if any(v not in CareLine.values for v in organisation.care_lines):
        raise ValidationError({"care_lines": _("Unknown care line.")})
    if any(v not in TargetGroup.values for v in organisation.target_groups):
        raise ValidationError({"target_groups": _("Unknown target group.")})
    if (
        organisation.left_on
        and organisation.joined_on
        and organisation.left_on < organisation.joined_on
    ):
        raise ValidationError({"left_on": _("The organisation cannot leave before it joined.")})
    organisation.full_clean(validate_constraints=False)


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    network: Network,
    name: str,
    sector: str,
    care_lines: list[int] | None = None,
    target_groups: list[str] | None = None,
    municipalities: list[Municipality] | None = None,
    website: str = "",
    description: str = "",
    joined_on: date | None = None,
    left_on: date | None = None,
) -> Organisation:
    _check_unique_name(network, name)
    organisation = Organisation(
        network=network,
        name=name,
        sector=sector,
        care_lines=care_lines or [],
        target_groups=target_groups or [],
        website=website,
        description=description,
        joined_on=joined_on,
        left_on=left_on,
    )
    _clean_organisation(organisation)
    organisation.save()
    if municipalities:
        organisation.municipalities.set(municipalities)
    audit.record(
        actor=actor,
        action="networks.organisation_create",
        target=organisation,
        network=network,
        changes=audit.snapshot(organisation, ORGANISATION_FIELDS),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: Any,
    organisation: Organisation,
    municipalities: list[Municipality] | None = None,
    **fields: Any,
) -> Organisation:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    if "name" in fields:
        _check_unique_name(organisation.network, fields["name"], exclude=organisation.pk)
    before = audit.snapshot(organisation, ORGANISATION_FIELDS)
    for name, value in fields.items():
        setattr(organisation, name, value)
    _clean_organisation(organisation)
    organisation.save()
    changes = audit.diff(before, audit.snapshot(organisation, ORGANISATION_FIELDS))
    if municipalities is not None:
        old = sorted(m.code for m in organisation.municipalities.all())
        organisation.municipalities.set(municipalities)
        new = sorted(m.code for m in municipalities)
        if old != new:
            changes["municipalities"] = audit.change(old, new)
    audit.record(
        actor=actor,
        action="networks.organisation_update",
        target=organisation,
        network=organisation.network,
        changes=changes,
    )
    return organisation


@transaction.atomic
def organisation_delete(*, actor: Any, organisation: Organisation) -> None:
    """Remove an organisation altogether (the operator, in the admin; the network's own pages
    end a membership with ``left_on`` instead). Projects it led lose their lead without their
    own ``updated_at`` moving, so the network's ``updated_at`` moves: the versions built on it
    (the monitor's ETag and Last-Modified, for every audience) change, and no client keeps a
    page that still names the organisation."""
    network = organisation.network
    audit.record(
        actor=actor,
        action="networks.organisation_delete",
        target=organisation,
        network=network,
        changes=audit.snapshot(organisation, ORGANISATION_FIELDS),
    )
    organisation.delete()
    network.save(update_fields=["updated_at"])


ORGANISATION_IMPORT_COLUMNS = {
    "naam": ("name", "organisatie", "organisation"),
    "sector": (),
    "lijnen": ("zorglijnen", "care_lines", "lijn"),
    "doelgroepen": ("target_groups", "doelgroep"),
    "gemeenten": ("municipalities", "gemeentecodes", "gemeente"),
    "website": ("url",),
}


def _choice_lookup(choices: list[tuple[Any, Any]]) -> dict[str, Any]:
    """Accept the stored value or the (Dutch or English) label, case-insensitively."""
    from django.utils import translation

    lookup: dict[str, Any] = {}
    for value, label in choices:
        lookup[str(value).lower()] = value
        for language in ("nl", "en"):
            with translation.override(language):
                lookup[str(label).lower()] = value
    return lookup


def _split(value: str) -> list[str]:
    for separator in (";", "|"):
        value = value.replace(separator, ",")
    return [part.strip() for part in value.split(",") if part.strip()]


NAME_MAX = Organisation._meta.get_field("name").max_length or 200
WEBSITE_MAX = Organisation._meta.get_field("website").max_length or 200


def _is_url(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def organisations_import(
    *, actor: Any, network: Network, file: IO[bytes], filename: str, commit: bool
) -> list[dict[str, Any]]:
    """Read organisations from CSV/XLSX; validate every row; save all rows or none.

    Columns: naam, sector, lijnen (0-3), doelgroepen, gemeenten (GM codes or names), website.
    Returns the rows as read (for the preview). Raises ``ImportFailed`` with row and column.
    """
    table = read_table(file, filename)
    cols = resolve_columns(table, ORGANISATION_IMPORT_COLUMNS, required={"naam", "sector"})
    sectors = _choice_lookup(Sector.choices)
    groups = _choice_lookup(TargetGroup.choices)
    municipalities = {m.code: m for m in Municipality.objects.all()}
    by_name = {m.name.lower(): m for m in municipalities.values()}
    existing = {
        n.lower()
        for n in Organisation.objects.filter(network=network).values_list("name", flat=True)
    }
    seen: dict[str, int] = {}
    errors: list[RowError] = []
    rows: list[dict[str, Any]] = []
    for number, row in table:
        name = row.get(cols["naam"], "").strip()
        row_errors: list[RowError] = []
        if not name:
            row_errors.append(RowError(number, cols["naam"], _("the name is empty")))
        elif name.lower() in existing:
            row_errors.append(
                RowError(number, cols["naam"], _("“%s” already exists in this network") % name)
            )
        elif name.lower() in seen:
            row_errors.append(
                RowError(
                    number,
                    cols["naam"],
                    _("“%(name)s” also appears in row %(row)s")
                    % {"name": name, "row": seen[name.lower()]},
                )
            )
        elif len(name) > NAME_MAX:
            row_errors.append(
                RowError(
                    number,
                    cols["naam"],
                    _("the name is longer than %(max)s characters") % {"max": NAME_MAX},
                )
            )
        else:
            seen[name.lower()] = number
        sector_raw = row.get(cols["sector"], "").strip()
        sector = sectors.get(sector_raw.lower())
        if sector is None:
            row_errors.append(
                RowError(number, cols["sector"], _("unknown sector “%s”") % sector_raw)
            )
        care_lines: list[int] = []
        for part in _split(row.get(cols.get("lijnen", ""), "")) if "lijnen" in cols else []:
            if part.isdecimal() and part.isascii() and int(part) in CareLine.values:
                care_lines.append(int(part))
            else:
                row_errors.append(
                    RowError(
                        number, cols["lijnen"], _("“%s” is not a care line (0, 1, 2 or 3)") % part
                    )
                )
        target_groups: list[str] = []
        for part in (
            _split(row.get(cols.get("doelgroepen", ""), "")) if "doelgroepen" in cols else []
        ):
            group = groups.get(part.lower())
            if group is None:
                row_errors.append(
                    RowError(number, cols["doelgroepen"], _("unknown target group “%s”") % part)
                )
            else:
                target_groups.append(group)
        served: list[Municipality] = []
        for part in _split(row.get(cols.get("gemeenten", ""), "")) if "gemeenten" in cols else []:
            municipality = municipalities.get(part.upper()) or by_name.get(part.lower())
            if municipality is None:
                row_errors.append(
                    RowError(number, cols["gemeenten"], _("unknown municipality “%s”") % part)
                )
            else:
                served.append(municipality)
        website = row.get(cols.get("website", ""), "").strip() if "website" in cols else ""
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        if website and (len(website) > WEBSITE_MAX or not _is_url(website)):
            row_errors.append(
                RowError(number, cols["website"], _("“%s” is not a web address") % website)
            )
        errors.extend(row_errors)
        rows.append(
            {
                "row": number,
                "name": name,
                "sector": sector,
                "care_lines": care_lines,
                "target_groups": target_groups,
                "municipalities": served,
                "website": website,
            }
        )
    if not rows and not errors:
        errors.append(RowError(None, "", _("The file has no rows with organisations.")))
    if errors:
        raise ImportFailed(errors)
    if commit:
        with transaction.atomic():
            for values in rows:
                try:
                    organisation_create(
                        actor=actor,
                        network=network,
                        name=values["name"],
                        sector=values["sector"],
                        care_lines=values["care_lines"],
                        target_groups=values["target_groups"],
                        municipalities=values["municipalities"],
                        website=values["website"],
                    )
                except ValidationError as exc:
                    raise ImportFailed(
                        [RowError(values["row"], "", "; ".join(exc.messages))]
                    ) from None
            audit.record(
                actor=actor,
                action="networks.organisations_import",
                network=network,
                changes={"file": filename, "rows": len(rows)},
            )
    return rows


# --- People and memberships ------------------------------------------------------------------------

MEMBERSHIP_FIELDS = ("organisation", "role", "start_date", "end_date", "deputy")
# Partners, the secretariat and an external chair may take part without representing a member.
ROLES_WITHOUT_ORGANISATION = frozenset({Role.PARTNER, Role.SECRETARY, Role.CHAIR})


def _validate_membership(membership: Membership) -> None:
    if (
        membership.organisation is not None
        and membership.organisation.network_id != membership.network_id
    ):
        raise ValidationError({"organisation": _("This organisation belongs to another network.")})
    if membership.end_date and membership.end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if membership.deputy_id is not None and membership.deputy_id == membership.person_id:
        raise ValidationError({"deputy": _("Someone cannot be their own deputy.")})
    if membership.role not in ROLES_WITHOUT_ORGANISATION and membership.organisation is None:
        raise ValidationError(
            {"organisation": _("A member represents an organisation: choose one.")}
        )
    open_elsewhere = Membership.objects.filter(
        person=membership.person_id, network=membership.network_id, end_date__isnull=True
    ).exclude(pk=membership.pk)
    if membership.end_date is None and open_elsewhere.exists():
        raise ValidationError(_("This person already has an open membership of this network."))


@transaction.atomic
def membership_create(
    *,
    actor: Any,
    network: Network,
    person: Person,
    organisation: Organisation | None,
    role: str,
    start_date: date | None = None,
    end_date: date | None = None,
    deputy: Person | None = None,
) -> Membership:
    membership = Membership(
        network=network,
        person=person,
        organisation=organisation,
        role=role,
        start_date=start_date or timezone.localdate(),
        end_date=end_date,
        deputy=deputy,
    )
    _validate_membership(membership)
    membership.save()
    audit.record(
        actor=actor,
        action="networks.membership_create",
        target=membership,
        network=network,
        changes=audit.snapshot(membership, MEMBERSHIP_FIELDS),
    )
    return membership


@transaction.atomic
def membership_update(*, actor: Any, membership: Membership, **fields: Any) -> Membership:
    """Change a membership. An end date set here, or moved earlier, ends what ending the
    membership ends (``_close_after``), as "End membership" does."""
    unknown = set(fields) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    ended_before = membership.end_date
    for name, value in fields.items():
        setattr(membership, name, value)
    _validate_membership(membership)
    membership.save()
    changes: dict[str, Any] = audit.diff(before, audit.snapshot(membership, MEMBERSHIP_FIELDS))
    end = membership.end_date
    if end is not None and (ended_before is None or end < ended_before):
        seats, withdrawn = _close_after(membership, end)
        changes |= {"body_seats_ended": seats, "login_invitations_withdrawn": withdrawn}
    audit.record(
        actor=actor,
        action="networks.membership_update",
        target=membership,
        network=membership.network,
        changes=changes,
    )
    return membership


def _close_after(membership: Membership, end_date: date) -> tuple[int, int]:
    """What ends with a membership, unless another membership of the person in the network
    goes on past ``end_date`` (someone changing organisation has two for a while): their seats
    in the network's bodies, on the same date; and, once they no longer take part, their open
    login links. Returns how many seats ended and how many links were withdrawn."""
    goes_on = (
        Membership.objects.filter(network=membership.network, person=membership.person)
        .exclude(pk=membership.pk)
        .filter(start_date__lte=end_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=end_date))
        .exists()
    )
    if goes_on:
        return 0, 0
    seats = list(
        BodyMembership.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=end_date),
            person=membership.person,
            body__network=membership.network,
        )
    )
    for seat in seats:
        seat.end_date = max(end_date, seat.start_date)
        seat.save(update_fields=["end_date", "updated_at"])
    # Someone who no longer takes part has no use for a login link sent to make one.
    withdrawn = 0
    still_taking_part = Membership.objects.filter(
        active_q(), network=membership.network, person=membership.person
    ).exists()
    if not still_taking_part:
        withdrawn = Invitation.objects.filter(
            open_invitation_q(),
            network=membership.network,
            person=membership.person,
            login_only=True,
        ).update(revoked_at=timezone.now(), updated_at=timezone.now())
    return len(seats), withdrawn


@transaction.atomic
def membership_end(*, actor: Any, membership: Membership, end_date: date) -> Membership:
    """End a membership, and the person's seats in the network's bodies on the same date
    (unless another membership of theirs in the network goes on). A membership that ended
    already is not reopened by ending it later: that is a change of its dates."""
    if end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if membership.end_date is not None and membership.end_date < end_date:
        raise ValidationError(
            {
                "end_date": _("This membership already ended on %(date)s.")
                % {"date": formats.date_format(membership.end_date, "SHORT_DATE_FORMAT")}
            }
        )
    membership.end_date = end_date
    membership.save(update_fields=["end_date", "updated_at"])
    seats, withdrawn = _close_after(membership, end_date)
    audit.record(
        actor=actor,
        action="networks.membership_end",
        target=membership,
        network=membership.network,
        changes={
            "end_date": end_date,
            "body_seats_ended": seats,
            "login_invitations_withdrawn": withdrawn,
        },
    )
    return membership


PROFILE_FIELDS = ("given_name", "infix", "family_name", "job_title", "phone", "bio")


@transaction.atomic
def person_update_profile(*, actor: Any, person: Person, **fields: Any) -> Person:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    before = audit.snapshot(person, PROFILE_FIELDS)
    for name, value in fields.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.full_clean()
    person.save()
    audit.record(
        actor=actor,
        action="networks.profile_update",
        target=person,
        changes=audit.diff(before, audit.snapshot(person, PROFILE_FIELDS)),
    )
    return person


# --- Invitations -------------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_invitation(invitation: Invitation, token: str) -> None:
    link = settings.SITE_ROOT + reverse("networks:invitation_accept", kwargs={"token": token})
    mail.queue_template(
        key=f"invitation:{invitation.pk}:{invitation.token_hash[:16]}",
        to=[invitation.email],
        template="networks/email/invitation",
        context={"invitation": invitation, "link": link, "network": invitation.network},
    )


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    network: Network,
    email: str,
    given_name: str,
    family_name: str,
    infix: str = "",
    organisation: Organisation | None = None,
    role: str = Role.MEMBER,
    start_date: date | None = None,
    bodies: list[Body] | None = None,
) -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and the token (only ever in the link)."""
    email = email.strip().lower()
    if Membership.objects.filter(active_q(), network=network, person__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "Someone with this e-mail address already takes part in this network. "
                    "If they have no login yet, send them one from their page under Members."
                )
            }
        )
    if selectors.open_invitation_for(network=network, email=email) is not None:
        raise ValidationError(
            {
                "email": _(
                    "There is already an open invitation for this address; resend or withdraw it."
                )
            }
        )
    if organisation is not None and organisation.network_id != network.pk:
        raise ValidationError({"organisation": _("This organisation belongs to another network.")})
    if role not in ROLES_WITHOUT_ORGANISATION and organisation is None:
        raise ValidationError(
            {"organisation": _("A member represents an organisation: choose one.")}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        network=network,
        email=email,
        given_name=given_name.strip(),
        infix=infix.strip(),
        family_name=family_name.strip(),
        organisation=organisation,
        role=role,
        start_date=start_date or timezone.localdate(),
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    if bodies:
        if any(b.network_id != network.pk for b in bodies):
            raise ValidationError({"bodies": _("A body belongs to another network.")})
        invitation.bodies.set(bodies)
    _send_invitation(invitation, token)
    audit.record(
        actor=actor,
        action="networks.invitation_create",
        target=invitation,
        network=network,
        changes={"email": email, "role": role, "organisation": organisation},
    )
    return invitation, token


def _login_invitation(*, actor: Any, membership: Membership) -> tuple[Invitation, str]:
    person = membership.person
    if person.user_id is not None:
        raise ValidationError(_("%(name)s already has a login.") % {"name": person.full_name})
    if not person.email:
        raise ValidationError(
            _("%(name)s has no e-mail address, so no invitation can be sent.")
            % {"name": person.full_name}
        )
    if not membership.is_active:
        raise ValidationError(
            _("%(name)s no longer takes part in this network.") % {"name": person.full_name}
        )
    network = membership.network
    if selectors.open_invitation_for(network=network, email=person.email) is not None:
        raise ValidationError(
            _("There is already an open invitation for this address; resend or withdraw it.")
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        network=network,
        email=person.email.strip().lower(),
        given_name=person.given_name,
        infix=person.infix,
        family_name=person.family_name,
        organisation=membership.organisation,
        role=membership.role,
        start_date=membership.start_date,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        person=person,
        login_only=True,
    )
    _send_invitation(invitation, token)
    audit.record(
        actor=actor,
        action="networks.login_invitation_create",
        target=invitation,
        network=network,
        changes={"email": invitation.email},
    )
    return invitation, token


@transaction.atomic
def login_invitation_create(*, actor: Any, membership: Membership) -> tuple[Invitation, str]:
    """Invite someone who already takes part, but has no login, to make one. Accepting links
    the new login to the person; their membership and seats stay as they are."""
    return _login_invitation(actor=actor, membership=membership)


@transaction.atomic
def login_invitations_create(*, actor: Any, network: Network) -> list[Invitation]:
    """The same for every current member with an e-mail address, no login and no open
    invitation: one invitation per person (someone changing organisation can have two current
    memberships for a while). All or nothing."""
    sent: dict[int, Invitation] = {}
    for membership in selectors.memberships_without_login(network=network):
        if membership.person_id not in sent:
            sent[membership.person_id] = _login_invitation(actor=actor, membership=membership)[0]
    return list(sent.values())


@transaction.atomic
def invitation_resend(*, actor: Any, invitation: Invitation) -> tuple[Invitation, str]:
    """A new link (the old one stops working) valid for the full period again."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("This invitation was already accepted or withdrawn."))
    if invitation.login_only and not _takes_part(invitation.person_id, invitation.network_id):
        raise ValidationError(
            _("This person no longer takes part in the network: a login link is of no use.")
        )
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token_hash", "expires_at", "updated_at"])
    _send_invitation(invitation, token)
    audit.record(
        actor=actor,
        action="networks.invitation_resend",
        target=invitation,
        network=invitation.network,
    )
    return invitation, token


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit.record(
        actor=actor,
        action="networks.invitation_revoke",
        target=invitation,
        network=invitation.network,
    )
    return invitation


class InvitationInvalid(Exception):
    """The link cannot be used; ``reason`` is unknown, expired, used or revoked."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def invitation_for_token(*, token: str) -> Invitation:
    invitation = (
        Invitation.objects.filter(token_hash=_hash(token))
        .select_related("network", "organisation")
        .first()
    )
    if invitation is None:
        raise InvitationInvalid("unknown")
    if invitation.accepted_at:
        raise InvitationInvalid("used")
    if invitation.revoked_at:
        raise InvitationInvalid("revoked")
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid("expired")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str | None = None, user: Any = None) -> Any:
    """Accept: create (or reuse) the person and their login, then the membership and seats.

    A new person sets a password; someone who already has a login is logged in as ``user``.
    Returns the user.
    """
    invitation = invitation_for_token(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationInvalid("used")
    user_model = get_user_model()
    existing_user = user_model.objects.filter(email__iexact=invitation.email).first()
    if existing_user is not None:
        if user is None or user.pk != existing_user.pk:
            raise ValidationError(_("This address already has a login: log in first to accept."))
        account = existing_user
    else:
        if user is not None and getattr(user, "is_authenticated", False):
            raise ValidationError(_("You are logged in as someone else; log out first to accept."))
        if not password:
            raise ValidationError({"password1": _("Choose a password.")})
        account = user_model(email=invitation.email)
        validate_password(password, account)
        account.set_password(password)
        account.save()
    if invitation.login_only:
        person = _login_only_person(invitation, account)
    else:
        person = _joining_person(invitation, account)
        membership_create(
            actor=account,
            network=invitation.network,
            person=person,
            organisation=invitation.organisation,
            role=invitation.role,
            start_date=min(invitation.start_date, timezone.localdate()),
        )
        for body in invitation.bodies.all():
            body_member_add(actor=account, body=body, person=person, role="member")
    invitation.accepted_at = timezone.now()
    invitation.person = person
    invitation.save(update_fields=["accepted_at", "person", "updated_at"])
    audit.record(
        actor=account,
        action="networks.invitation_accept",
        target=invitation,
        network=invitation.network,
    )
    return account


def _joining_person(invitation: Invitation, account: Any) -> Person:
    """The person who joins: found by e-mail address or login, or new; linked to the login."""
    person = Person.objects.filter(email__iexact=invitation.email).first()
    if person is None:
        person = getattr(account, "person", None)
    if person is None:
        person = Person.objects.create(
            given_name=invitation.given_name,
            infix=invitation.infix,
            family_name=invitation.family_name,
            email=invitation.email,
        )
    if person.user_id is None:
        person.user = account
        person.save(update_fields=["user", "updated_at"])
    return person


def _takes_part(person_id: int | None, network_id: int) -> bool:
    return (
        person_id is not None
        and Membership.objects.filter(active_q(), network=network_id, person=person_id).exists()
    )


def _login_only_person(invitation: Invitation, account: Any) -> Person:
    """The person who takes part already, linked to the login (which may not be someone else's)."""
    person = invitation.person
    if person is None or (person.email or "").lower() != invitation.email.lower():
        # The person is gone, or their address changed after the link was sent to the old one.
        raise InvitationInvalid("revoked")
    if not _takes_part(person.pk, invitation.network_id):
        # Their membership ended (by "End membership" or by its end date): the link is void.
        raise InvitationInvalid("revoked")
    linked = getattr(account, "person", None)
    if person.user_id not in (None, account.pk) or (linked is not None and linked.pk != person.pk):
        raise ValidationError(_("This person already has another login."))
    if person.user_id is None:
        person.user = account
        person.save(update_fields=["user", "updated_at"])
    return person


# --- Bodies ------------------------------------------------------------------------------------------

BODY_FIELDS = ("name", "slug", "kind", "description", "municipality", "parent", "position")


def _validate_body(body: Body) -> None:
    if (
        body.municipality is not None
        and not body.network.municipalities.filter(pk=body.municipality.pk).exists()
    ):
        raise ValidationError({"municipality": _("This municipality is not part of the network.")})
    if body.kind == "local_body" and body.municipality is None:
        raise ValidationError(
            {"municipality": _("A local cooperation body works in one municipality: choose it.")}
        )
    if body.parent is not None:
        if body.parent.network_id != body.network_id:
            raise ValidationError({"parent": _("That body belongs to another network.")})
        ancestor: Body | None = body.parent
        while ancestor is not None:
            if ancestor.pk == body.pk:
                raise ValidationError({"parent": _("A body cannot report to itself.")})
            ancestor = ancestor.parent
    if Body.objects.filter(network=body.network, slug=body.slug).exclude(pk=body.pk).exists():
        raise ValidationError({"slug": _("Another body of this network has this web address.")})
    body.full_clean(validate_constraints=False)


@transaction.atomic
def body_create(
    *, actor: Any, network: Network, name: str, kind: str, slug: str = "", **fields: Any
) -> Body:
    body = Body(
        network=network, name=name.strip(), kind=kind, slug=slug or slugify(name)[:50], **fields
    )
    _validate_body(body)
    body.save()
    audit.record(
        actor=actor,
        action="networks.body_create",
        target=body,
        network=network,
        changes=audit.snapshot(body, BODY_FIELDS),
    )
    return body


@transaction.atomic
def body_update(*, actor: Any, body: Body, **fields: Any) -> Body:
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    before = audit.snapshot(body, BODY_FIELDS)
    for name, value in fields.items():
        setattr(body, name, value)
    if not body.slug:
        body.slug = slugify(body.name)[:50]
    _validate_body(body)
    body.save()
    audit.record(
        actor=actor,
        action="networks.body_update",
        target=body,
        network=body.network,
        changes=audit.diff(before, audit.snapshot(body, BODY_FIELDS)),
    )
    return body


@transaction.atomic
def body_member_add(
    *, actor: Any, body: Body, person: Person, role: str, start_date: date | None = None
) -> BodyMembership:
    if not Membership.objects.filter(active_q(), network=body.network_id, person=person).exists():
        raise ValidationError(
            {"person": _("Only people who take part in the network can sit in its bodies.")}
        )
    if BodyMembership.objects.filter(body=body, person=person, end_date__isnull=True).exists():
        raise ValidationError({"person": _("This person already sits in this body.")})
    seat = BodyMembership(
        body=body, person=person, role=role, start_date=start_date or timezone.localdate()
    )
    seat.full_clean(validate_constraints=False)
    seat.save()
    audit.record(
        actor=actor,
        action="networks.body_member_add",
        target=seat,
        network=body.network,
        changes={"body": body.name, "person": person.full_name, "role": role},
    )
    return seat


@transaction.atomic
def body_member_update(
    *, actor: Any, seat: BodyMembership, role: str, end_date: date | None = None
) -> BodyMembership:
    before = audit.snapshot(seat, ("role", "end_date"))
    seat.role = role
    if end_date is not None:
        if end_date < seat.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        seat.end_date = end_date
    seat.full_clean(validate_constraints=False)
    seat.save()
    audit.record(
        actor=actor,
        action="networks.body_member_update",
        target=seat,
        network=seat.body.network,
        changes=audit.diff(before, audit.snapshot(seat, ("role", "end_date"))),
    )
    return seat
