"""Reads of networks, organisations, people and bodies, past the permission boundary.

Functions that show non-public data take the ``viewer`` and raise ``Http404`` (not 403) for
anything the viewer may not see, so that an outsider learns nothing about what exists.
"""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.geo.models import Municipality

from . import permissions
from .access import Viewer
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


def network_list_public() -> QuerySet[Network]:
    taking_part = Membership.objects.filter(active_q(), organisation=OuterRef("pk"))
    return Network.objects.filter(is_listed=True).annotate(
        municipality_count=Count("municipalities", distinct=True),
        organisation_count=Count(
            "organisations",
            filter=Q(organisations__in=Organisation.objects.filter(Exists(taking_part))),
            distinct=True,
        ),
    )


def network_get(*, slug: str) -> Network:
    network = Network.objects.select_related("region", "parent").filter(slug=slug).first()
    if network is None:
        raise Http404
    return network


def organisations_taking_part(*, network: Network) -> QuerySet[Organisation]:
    """Organisations represented today by at least one current membership."""
    today = timezone.localdate()
    represented = Membership.objects.filter(active_q(today), organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(network=network)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .filter(Exists(represented))
        .prefetch_related(Prefetch("municipalities", Municipality.objects.order_by("name")))
        .order_by("name")
    )


@dataclass
class SectorGroup:
    sector: str
    label: str
    organisations: list[Organisation]


def organisations_by_sector(*, network: Network) -> list[SectorGroup]:
    groups: dict[str, list[Organisation]] = {}
    for organisation in organisations_taking_part(network=network):
        groups.setdefault(organisation.sector, []).append(organisation)
    return [
        SectorGroup(sector=value, label=str(label), organisations=groups[value])
        for value, label in Sector.choices
        if value in groups
    ]


def body_list_public(*, network: Network) -> QuerySet[Body]:
    return (
        Body.objects.filter(network=network)
        .select_related("network", "municipality", "parent")
        .annotate(
            member_count=Count("body_memberships", filter=active_q(prefix="body_memberships__"))
        )
    )


def body_get(*, network: Network, slug: str) -> Body:
    body = (
        Body.objects.filter(network=network, slug=slug)
        .select_related("network", "municipality", "parent")
        .first()
    )
    if body is None:
        raise Http404
    return body


@dataclass
class Seat:
    """A person in a body, with the organisation they represent in the body's network."""

    body_membership: BodyMembership
    person: Person
    organisation: Organisation | None
    network_role: str | None


def body_composition(*, viewer: Viewer, body: Body) -> list[Seat]:
    if not permissions.can_view_body_composition(viewer, body):
        raise PermissionDenied
    seats = list(BodyMembership.objects.filter(active_q(), body=body).select_related("person"))
    memberships = {
        m.person_id: m
        for m in Membership.objects.filter(
            active_q(), network=body.network_id, person__in=[s.person_id for s in seats]
        ).select_related("organisation")
    }
    order = {"chair": 0, "vice_chair": 1, "secretary": 2, "member": 3, "advisor": 4}
    result = [
        Seat(
            body_membership=s,
            person=s.person,
            organisation=memberships[s.person_id].organisation
            if s.person_id in memberships
            else None,
            network_role=memberships[s.person_id].role if s.person_id in memberships else None,
        )
        for s in seats
    ]
    result.sort(key=lambda seat: (order.get(seat.body_membership.role, 9), seat.person.family_name))
    return result


def directory(
    *,
    viewer: Viewer,
    network: Network,
    query: str = "",
    organisation: str = "",
    sector: str = "",
    body: str = "",
    role: str = "",
) -> QuerySet[Membership]:
    """Who is who: the current memberships of a network, with each person's bodies there."""
    if not permissions.can_view_directory(viewer, network):
        raise PermissionDenied
    seats = BodyMembership.objects.filter(active_q(), body__network=network).select_related("body")
    memberships = (
        Membership.objects.filter(active_q(), network=network)
        .select_related("person", "organisation", "deputy")
        .prefetch_related(Prefetch("person__body_memberships", seats, to_attr="seats"))
        .order_by("person__family_name", "person__given_name")
    )
    for word in query.split():
        memberships = memberships.filter(
            Q(person__given_name__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__infix__icontains=word)
            | Q(person__job_title__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    if organisation:
        try:
            memberships = memberships.filter(organisation__code=uuid.UUID(organisation))
        except ValueError:
            memberships = memberships.none()
    if sector in Sector.values:
        memberships = memberships.filter(organisation__sector=sector)
    if body:
        memberships = memberships.filter(
            person__body_memberships__in=BodyMembership.objects.filter(
                active_q(), body__network=network, body__slug=body
            )
        )
    if role in Role.values:
        memberships = memberships.filter(role=role)
    return memberships


def _code(value: str) -> uuid.UUID:
    """A public code from a URL; anything that is not a UUID is simply not found."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


def person_in_network(*, viewer: Viewer, network: Network, code: str) -> Membership:
    if not permissions.can_view_directory(viewer, network):
        raise PermissionDenied
    seats = BodyMembership.objects.filter(active_q(), body__network=network).select_related("body")
    membership = (
        Membership.objects.filter(active_q(), network=network, person__code=_code(code))
        .select_related("person", "organisation", "deputy")
        .prefetch_related(Prefetch("person__body_memberships", seats, to_attr="seats"))
        .first()
    )
    if membership is None:
        raise Http404
    return membership


# --- Coverage -------------------------------------------------------------------------------------


@dataclass
class CoverageCell:
    key: str
    label: str
    organisations: list[str] = field(default_factory=list)
    expected: bool = True

    @property
    def is_gap(self) -> bool:
        return self.expected and not self.organisations


@dataclass
class CoverageDimension:
    key: str
    title: str
    cells: list[CoverageCell]

    @property
    def gaps(self) -> list[CoverageCell]:
        return [c for c in self.cells if c.is_gap]


@dataclass
class Coverage:
    network: Network
    body: Body | None
    organisation_count: int
    dimensions: list[CoverageDimension]

    @property
    def gaps(self) -> list[tuple[CoverageDimension, CoverageCell]]:
        return [(d, c) for d in self.dimensions for c in d.gaps]


def coverage(*, viewer: Viewer, network: Network, body: Body | None = None) -> Coverage:
    """Which sectors, care lines, target groups and municipalities are represented, and the gaps.

    The network's coverage is public; a body's coverage is for people in the network.
    """
    from django.utils.translation import gettext as _

    organisations = list(organisations_taking_part(network=network))
    if body is not None:
        if not permissions.can_view_body_composition(viewer, body):
            raise PermissionDenied
        people = BodyMembership.objects.filter(active_q(), body=body).values("person_id")
        org_ids = set(
            Membership.objects.filter(active_q(), network=network, person__in=people).values_list(
                "organisation_id", flat=True
            )
        )
        organisations = [o for o in organisations if o.pk in org_ids]
    municipalities = list(network.municipalities.order_by("name"))
    expected_sectors = set(network.expected_sectors or Sector.values)
    expected_groups = set(network.expected_target_groups or TargetGroup.values)

    def names(predicate: object) -> list[str]:
        return [o.name for o in organisations if predicate(o)]  # type: ignore[operator]

    sectors = [
        CoverageCell(
            key=value,
            label=str(label),
            organisations=names(lambda o, v=value: o.sector == v),
            expected=value in expected_sectors,
        )
        for value, label in Sector.choices
    ]
    sectors = [c for c in sectors if c.expected or c.organisations]
    care_lines = [
        CoverageCell(
            key=str(value),
            label=str(label),
            organisations=names(lambda o, v=value: v in [int(x) for x in o.care_lines]),
        )
        for value, label in CareLine.choices
    ]
    groups = [
        CoverageCell(
            key=value,
            label=str(label),
            organisations=names(lambda o, v=value: v in o.target_groups),
            expected=value in expected_groups,
        )
        for value, label in TargetGroup.choices
    ]
    places = [
        CoverageCell(
            key=m.code,
            label=m.name,
            organisations=names(lambda o, pk=m.pk: any(x.pk == pk for x in o.municipalities.all())),
        )
        for m in municipalities
    ]
    return Coverage(
        network=network,
        body=body,
        organisation_count=len(organisations),
        dimensions=[
            CoverageDimension("sector", _("Sectors"), sectors),
            CoverageDimension("care_line", _("Care lines"), care_lines),
            CoverageDimension("target_group", _("Target groups"), groups),
            CoverageDimension("municipality", _("Municipalities"), places),
        ],
    )


# --- Administration (secretaries) -----------------------------------------------------------------


def _require_manager(viewer: Viewer, network: Network) -> None:
    if not permissions.can_manage_network(viewer, network):
        raise PermissionDenied


def organisation_list_for_admin(*, viewer: Viewer, network: Network) -> QuerySet[Organisation]:
    _require_manager(viewer, network)
    return (
        Organisation.objects.filter(network=network)
        .annotate(current_members=Count("memberships", filter=active_q(prefix="memberships__")))
        .prefetch_related(Prefetch("municipalities", Municipality.objects.order_by("name")))
        .order_by("name")
    )


def organisation_get_for_admin(*, viewer: Viewer, network: Network, code: str) -> Organisation:
    _require_manager(viewer, network)
    organisation = Organisation.objects.filter(network=network, code=_code(code)).first()
    if organisation is None:
        raise Http404
    return organisation


def membership_list_for_admin(
    *, viewer: Viewer, network: Network, state: str = "current"
) -> QuerySet[Membership]:
    _require_manager(viewer, network)
    memberships = (
        Membership.objects.filter(network=network)
        .select_related("person", "person__user", "organisation", "deputy")
        .annotate(
            login_invited=Exists(
                Invitation.objects.filter(
                    open_invitation_q(), network=network, email__iexact=OuterRef("person__email")
                )
            )
        )
    )
    today = timezone.localdate()
    if state == "ended":
        memberships = memberships.filter(end_date__lt=today)
    elif state == "future":
        memberships = memberships.filter(start_date__gt=today)
    elif state != "all":
        memberships = memberships.filter(active_q(today))
    return memberships.order_by("person__family_name", "person__given_name")


def membership_get_for_admin(*, viewer: Viewer, network: Network, code: str) -> Membership:
    _require_manager(viewer, network)
    membership = (
        Membership.objects.filter(network=network, code=_code(code))
        .select_related("person", "organisation", "deputy")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def current_people(*, network: Network) -> QuerySet[Person]:
    return Person.objects.filter(
        memberships__in=Membership.objects.filter(active_q(), network=network)
    ).distinct()


def memberships_without_login(*, network: Network) -> QuerySet[Membership]:
    """Current members with an e-mail address, no login and no open invitation: the people a
    secretary can send an invitation to make a login."""
    return (
        Membership.objects.filter(
            active_q(), network=network, person__user__isnull=True, person__email__isnull=False
        )
        .exclude(person__email="")
        .exclude(
            Exists(
                Invitation.objects.filter(
                    open_invitation_q(), network=network, email__iexact=OuterRef("person__email")
                )
            )
        )
        .select_related("person", "organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def people_without_login_count(*, network: Network) -> int:
    """How many people ``memberships_without_login`` would invite (one each, however many
    current memberships they have)."""
    return (
        memberships_without_login(network=network).order_by().values("person_id").distinct().count()
    )


def open_invitation_for(*, network: Network, email: str | None) -> Invitation | None:
    if not email:
        return None
    return (
        Invitation.objects.filter(open_invitation_q(), network=network, email__iexact=email)
        .order_by("-created_at")
        .first()
    )


def invitation_list_for_admin(*, viewer: Viewer, network: Network) -> QuerySet[Invitation]:
    _require_manager(viewer, network)
    return Invitation.objects.filter(network=network).select_related("organisation", "invited_by")


def invitation_get_for_admin(*, viewer: Viewer, network: Network, code: str) -> Invitation:
    _require_manager(viewer, network)
    invitation = Invitation.objects.filter(network=network, code=_code(code)).first()
    if invitation is None:
        raise Http404
    return invitation


def body_list_for_admin(*, viewer: Viewer, network: Network) -> QuerySet[Body]:
    _require_manager(viewer, network)
    return body_list_public(network=network)


def body_get_for_admin(*, viewer: Viewer, network: Network, slug: str) -> Body:
    _require_manager(viewer, network)
    return body_get(network=network, slug=slug)


def body_membership_get_for_admin(*, viewer: Viewer, body: Body, pk: int) -> BodyMembership:
    _require_manager(viewer, body.network)
    seat = BodyMembership.objects.filter(body=body, pk=pk).select_related("person").first()
    if seat is None:
        raise Http404
    return seat


def audit_log(
    *, viewer: Viewer, network: Network, query: str = "", action: str = ""
) -> QuerySet[AuditEvent]:
    if not permissions.can_view_audit_log(viewer, network):
        raise PermissionDenied
    events = AuditEvent.objects.filter(network=network)
    if action:
        events = events.filter(action__startswith=action)
    for word in query.split():
        events = events.filter(
            Q(actor_label__icontains=word)
            | Q(target_label__icontains=word)
            | Q(action__icontains=word)
        )
    return events.order_by("-created_at", "-id")


# --- Own profile ------------------------------------------------------------------------------------


def profile_for(*, viewer: Viewer) -> Person | None:
    if viewer.person_id is None:
        return None
    memberships = Membership.objects.filter(active_q()).select_related(
        "network", "organisation", "deputy"
    )
    seats = BodyMembership.objects.filter(active_q()).select_related("body", "body__network")
    return (
        Person.objects.filter(pk=viewer.person_id)
        .prefetch_related(
            Prefetch("memberships", memberships, to_attr="current_memberships"),
            Prefetch("body_memberships", seats, to_attr="seats"),
            Prefetch(
                "deputy_for",
                Membership.objects.filter(active_q()).select_related("person", "network"),
                to_attr="standing_in_for",
            ),
        )
        .first()
    )
