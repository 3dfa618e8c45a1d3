"""Reads of meetings and everything in them, past the permission boundary.

Every object with a confidentiality level is filtered with ``networks.access.visible_q`` (lists)
or ``can_see_level`` (one object); pages, documents, calendar feeds and e-mails all read through
the functions here, so a partner never meets a members-only item anywhere. Something not
visible raises ``Http404``, exactly like something that does not exist.

A meeting's own level is "public" for a public meeting and "network" otherwise; drafts are seen
only by who manages the body's meetings.

Standing in: someone who stands in for a member of the body at one meeting holds that member's
seat for that meeting only, so they also see its "body only" items, files, notes, decisions,
actions and lessons learned (``stand_ins``, used by ``_level_q`` and ``can_see``, the one place
that rule lives).
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.networks.access import ANONYMOUS, Viewer, can_see_level, visible_q
from bestuurstafel.networks.models import (
    FULL_MEMBER_ROLES,
    Body,
    BodyMembership,
    Membership,
    Network,
    Organisation,
    Person,
    active_q,
)

from . import permissions
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attachment,
    CalendarToken,
    Decision,
    Meeting,
    MeetingStatus,
    MinutesComment,
    MinutesSection,
    MinutesStatus,
    Participant,
    Reflection,
    Rsvp,
)


def parse_code(value: Any) -> uuid.UUID:
    """A public code from a URL or a form; anything that is not a UUID is simply not found."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


# --- The rules, as filters ------------------------------------------------------------------------


def _managed_bodies_q(viewer: Viewer, prefix: str = "") -> Q:
    """Meetings whose body the viewer manages (drafts are visible to them only)."""
    if viewer.is_admin:
        # Not Q(): "x | Q()" is just x in Django, and this must widen.
        return Q(pk__isnull=False)
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    managed = viewer.chaired_body_ids | viewer.secretary_body_ids
    return Q(**{f"{prefix}network__in": viewer.secretary_network_ids}) | Q(
        **{f"{prefix}body__in": managed}
    )


def _manages(viewer: Viewer, meeting: Meeting) -> bool:
    """The rule of ``_managed_bodies_q`` for one meeting in memory."""
    if viewer.is_admin:
        return True
    if not viewer.is_authenticated:
        return False
    return meeting.network_id in viewer.secretary_network_ids or meeting.body_id in (
        viewer.chaired_body_ids | viewer.secretary_body_ids
    )


def visible_meetings(viewer: Viewer) -> QuerySet[Meeting]:
    """Meetings the viewer may see: published or cancelled ones by their level, and drafts of
    bodies whose meetings the viewer manages."""
    meetings = Meeting.objects.annotate(
        access_level=Case(
            When(is_public=True, then=Value(Confidentiality.PUBLIC.value)),
            default=Value(Confidentiality.NETWORK.value),
            output_field=CharField(),
        )
    )
    announced = ~Q(status=MeetingStatus.DRAFT) & visible_q(viewer, level_field="access_level")
    return meetings.filter(announced | _managed_bodies_q(viewer))


def meeting_is_visible(viewer: Viewer, meeting: Meeting) -> bool:
    """The rule of ``visible_meetings`` for one meeting in memory."""
    if meeting.is_draft:
        return permissions.can_manage_meeting(viewer, meeting)
    return can_see_level(
        viewer, level=meeting.level, network_id=meeting.network_id, body_id=meeting.body_id
    )


def stand_ins(viewer: Viewer) -> QuerySet[Participant]:
    """The viewer's seats for one meeting: the rows where they stand in for a member of the body.

    A deputy's row (``stands_in_for``) of a meeting that is not cancelled, whose member was
    invited as a member of the body, answered "send my deputy" and named this very person, and
    still sits in the body; the deputy still takes part in the meeting's network. The member
    answering otherwise, or the row being removed, ends it. Used inside other queries (as a
    subquery: no query of its own) and by ``stands_in`` for one meeting.
    """
    if viewer.person_id is None or not viewer.network_ids:
        return Participant.objects.none()
    member_seat = BodyMembership.objects.filter(
        active_q(), body=OuterRef("meeting__body"), person=OuterRef("stands_in_for__person")
    )
    return (
        Participant.objects.filter(
            person=viewer.person_id,
            stands_in_for__invited=True,
            stands_in_for__rsvp=Rsvp.DEPUTY,
            stands_in_for__deputy=viewer.person_id,
            meeting__network__in=viewer.network_ids,
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .filter(Exists(member_seat))
    )


def stands_in(viewer: Viewer, meeting: Meeting) -> bool:
    """Whether the viewer stands in for a member of the body at ``meeting`` (one query)."""
    if viewer.person_id is None:
        return False
    return stand_ins(viewer).filter(meeting=meeting.pk).exists()


def _level_q(
    viewer: Viewer,
    *,
    meeting: str,
    network: str | None = None,
    level: str = "confidentiality",
    of: Meeting | None = None,
) -> Q:
    """``visible_q`` for something of a meeting (``meeting`` is the path to it): the viewer's own
    rights, and "body only" of the meetings where they stand in for a member of the body.

    ``of`` is the one meeting a query is limited to (the caller filters on it as well): when the
    viewer sees that meeting's "body only" by their own seat, the stand-in part would add
    nothing, and is left out of the SQL."""
    q = visible_q(
        viewer,
        network_field=network or f"{meeting}__network",
        body_field=f"{meeting}__body",
        level_field=level,
    )
    if viewer.is_admin or viewer.person_id is None or not viewer.network_ids:
        return q  # (never "| ..." on the admin's Q(): that would narrow it)
    if of is not None and can_see_level(
        viewer, level=Confidentiality.BODY, network_id=of.network_id, body_id=of.body_id
    ):
        return q
    seats = stand_ins(viewer).values("meeting")
    return q | Q(**{level: Confidentiality.BODY, f"{meeting}__in": seats})


def _item_q(
    viewer: Viewer, prefix: str = "", *, meeting: str | None = None, of: Meeting | None = None
) -> Q:
    """Agenda items the viewer may see: by their own level and, for a sub-item, by its main
    item's too (a hidden item hides its sub-items everywhere, not only in the agenda: the
    meeting list's count, files, guests, the decision list). ``meeting`` is the path to the
    item's meeting when the query has a shorter one (a decision's own ``meeting``)."""
    meeting = meeting or f"{prefix}meeting"
    own = _level_q(viewer, meeting=meeting, level=f"{prefix}confidentiality", of=of)
    main = _level_q(viewer, meeting=meeting, level=f"{prefix}parent__confidentiality", of=of)
    if not main:
        return own  # every level: nothing to add (and "| Q()" would narrow it)
    return own & (Q(**{f"{prefix}parent__isnull": True}) | main)


def _attachment_q(viewer: Viewer, *, of: Meeting | None = None) -> Q:
    # Both the file's own level and its item's: a partner in a body may see "body only" but
    # never anything of a "members only" item.
    return _level_q(viewer, meeting="item__meeting", of=of) & _item_q(
        viewer, prefix="item__", of=of
    )


def _body_within_item_q(viewer: Viewer, *, of: Meeting | None = None) -> Q:
    """A "body only" decision or action is closed by its item as well: the levels are not one
    line (a partner may sit in a body, but never sees a "members only" item), and "body only"
    is chosen as the most closed level. A more open level on a closed item stays a deliberate
    publication (``forms.WithinItem``); only "body only" takes the item's level with it."""
    item = _item_q(viewer, prefix="item__", meeting="meeting", of=of)
    if not item:
        return Q()
    return ~Q(confidentiality=Confidentiality.BODY) | Q(item__isnull=True) | item


def _decision_level_q(viewer: Viewer, *, of: Meeting | None = None) -> Q:
    """Decisions by their level (and a "body only" one by its item's too)."""
    return _level_q(viewer, meeting="meeting", of=of) & _body_within_item_q(viewer, of=of)


def _decision_q(viewer: Viewer, *, of: Meeting | None = None) -> Q:
    """Decisions by their level, once the minutes left draft (managers see them at once)."""
    return (
        _decision_level_q(viewer, of=of)
        & ~Q(meeting__status=MeetingStatus.DRAFT)
        & (~Q(meeting__minutes_status=MinutesStatus.DRAFT) | _managed_bodies_q(viewer, "meeting__"))
    )


def _action_q(viewer: Viewer, *, of: Meeting | None = None) -> Q:
    return _level_q(viewer, meeting="meeting", network="network", of=of) & _body_within_item_q(
        viewer, of=of
    )


def can_see_in(
    viewer: Viewer, *, level: str, meeting: Meeting, standing_in: bool | None = None
) -> bool:
    """``can_see_level`` for something of ``meeting`` at ``level``, with the stand-in's seat:
    the rule of ``_level_q`` for one object. ``standing_in`` saves the query when the caller
    knows it already (``stand_in_meeting_ids`` for a list)."""
    if can_see_level(viewer, level=level, network_id=meeting.network_id, body_id=meeting.body_id):
        return True
    if level != Confidentiality.BODY or viewer.is_admin:
        return False
    return stands_in(viewer, meeting) if standing_in is None else standing_in


def readable_levels(viewer: Viewer, meeting: Meeting) -> list[str]:
    """The levels at which the viewer reads things of ``meeting`` (the levels they may write a
    lesson learned at: it must not vanish from their own view)."""
    standing_in = stands_in(viewer, meeting)
    return [
        level
        for level in Confidentiality.values
        if can_see_in(viewer, level=level, meeting=meeting, standing_in=standing_in)
    ]


def can_see(viewer: Viewer, obj: Any, meeting: Meeting, *, standing_in: bool | None = None) -> bool:
    """``can_see_in`` for one object of a meeting (item, attachment, decision, ...)."""
    return can_see_in(viewer, level=obj.confidentiality, meeting=meeting, standing_in=standing_in)


def item_is_visible(
    viewer: Viewer, item: AgendaItem, meeting: Meeting, *, standing_in: bool | None = None
) -> bool:
    """``_item_q`` for one item in memory: its own level and its main item's."""
    if not can_see(viewer, item, meeting, standing_in=standing_in):
        return False
    return item.parent is None or can_see(viewer, item.parent, meeting, standing_in=standing_in)


def can_see_on_item(
    viewer: Viewer,
    *,
    level: str,
    item: AgendaItem | None,
    meeting: Meeting,
    standing_in: bool | None = None,
) -> bool:
    """``can_see_in`` for a decision or action at ``level`` on ``item``: the rule of
    ``_body_within_item_q`` for one object (a "body only" one is closed by its item too)."""
    if not can_see_in(viewer, level=level, meeting=meeting, standing_in=standing_in):
        return False
    if level != Confidentiality.BODY or item is None:
        return True
    return item_is_visible(viewer, item, meeting, standing_in=standing_in)


def stand_in_meeting_ids(viewer: Viewer, meeting_ids: set[int]) -> set[int]:
    """Which of ``meeting_ids`` the viewer stands in at (one query; none for an empty set)."""
    if not meeting_ids or viewer.person_id is None:
        return set()
    return set(
        stand_ins(viewer).filter(meeting__in=meeting_ids).values_list("meeting_id", flat=True)
    )


# --- One meeting ------------------------------------------------------------------------------------


def meeting_audience(viewer: Viewer, meeting: Meeting, *, standing_in: bool | None = None) -> str:
    """Which of this meeting's contents the viewer may see, as a short key.

    Two viewers with the same key see exactly the same agenda items, files, decisions and
    invitees of the meeting: the items, files and decisions all carry the meeting's network and
    body, so ``_level_q`` comes down to one yes/no per level (``can_see_in``, with the seat of a
    deputy standing in); decisions of draft minutes depend on managing the meeting
    (``_decision_q``); invitees on taking part in the network (``participants_for``). The
    meeting page caches its shared parts under this key, so a change to those rules must
    change this function too: ``tests/test_page_cache.py`` compares both for every persona.
    ``standing_in`` saves the query when the caller knows it already.
    """
    if standing_in is None and not can_see_level(
        viewer, level=Confidentiality.BODY, network_id=meeting.network_id, body_id=meeting.body_id
    ):
        standing_in = stands_in(viewer, meeting)
    levels = "".join(
        "1" if can_see_in(viewer, level=level, meeting=meeting, standing_in=standing_in) else "0"
        for level in Confidentiality.values
    )
    manages = "1" if _manages(viewer, meeting) else "0"
    people = "1" if viewer.is_admin or viewer.is_in(meeting.network_id) else "0"
    return f"{levels}{manages}{people}"


def meeting_get_for_user(*, viewer: Viewer, network: Network, code: Any) -> Meeting:
    """One meeting, if the viewer may see it (``meeting_is_visible``: the rule of
    ``visible_meetings`` in memory, which a test holds to the same answers)."""
    meeting = (
        Meeting.objects.filter(network=network, code=parse_code(code))
        .select_related("body", "chair", "minutes_approved_in")
        .first()
    )
    if meeting is None or not meeting_is_visible(viewer, meeting):
        raise Http404
    meeting.network = network  # the same object: no join, no query
    return meeting


def meeting_get_for_manager(*, viewer: Viewer, network: Network, code: Any) -> Meeting:
    """A meeting the viewer manages; others get the same 404 as a meeting that does not exist
    (a member may see the meeting, but not its management pages: 403 then)."""
    from django.core.exceptions import PermissionDenied

    meeting = meeting_get_for_user(viewer=viewer, network=network, code=code)
    if not permissions.can_manage_meeting(viewer, meeting):
        raise PermissionDenied
    return meeting


def item_get_for_manager(*, viewer: Viewer, meeting: Meeting, code: Any) -> AgendaItem:
    """An item of a meeting already checked with ``meeting_get_for_manager``, if the viewer
    may see it: who manages a body's meetings through a seat (its chair or secretary) reads by
    their own role, so a partner chairing a body never opens a "members only" item by its code
    (the builder does not show it to them either)."""
    item = (
        AgendaItem.objects.filter(
            _item_q(viewer, of=meeting), meeting=meeting, code=parse_code(code)
        )
        .select_related("meeting", "meeting__body", "meeting__network", "presenter", "parent")
        .first()
    )
    if item is None:
        raise Http404
    return item


def main_items_for_manager(*, viewer: Viewer, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The main items a manager may put a sub-item under: those they may see (a partner
    chairing the body is not offered, nor can post, a members-only item)."""
    return AgendaItem.objects.filter(
        _item_q(viewer, of=meeting), meeting=meeting, parent__isnull=True
    ).order_by("position")


def carried_to_for_manager(*, item: AgendaItem) -> list[AgendaItem]:
    """The items a later meeting took over from ``item`` (already checked with
    ``item_get_for_manager``), with their meetings, earliest first: one query."""
    return list(
        AgendaItem.objects.filter(carried_from=item)
        .select_related("meeting", "meeting__network")
        .order_by("meeting__starts_at", "pk")
    )


def decision_get_for_manager(*, viewer: Viewer, meeting: Meeting, code: Any) -> Decision:
    """A decision of a meeting already checked with ``meeting_get_for_manager``, if the viewer
    may see it (as ``item_get_for_manager``; draft minutes are the manager's to see)."""
    decision = (
        Decision.objects.filter(
            _decision_level_q(viewer, of=meeting), meeting=meeting, code=parse_code(code)
        )
        .select_related("meeting", "meeting__network", "item")
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def action_get_for_manager(*, viewer: Viewer, meeting: Meeting, code: Any) -> Action:
    """An action of a meeting already checked with ``meeting_get_for_manager``, if the viewer
    may see it (as ``item_get_for_manager``)."""
    action = (
        Action.objects.filter(_action_q(viewer, of=meeting), meeting=meeting, code=parse_code(code))
        .select_related(
            "meeting", "meeting__network", "network", "item", "owner_person", "owner_organisation"
        )
        .first()
    )
    if action is None:
        raise Http404
    return action


@dataclass
class Agenda:
    """The items of one meeting as the viewer may see them, in order, with their files."""

    meeting: Meeting
    items: list[AgendaItem]  # top-level, each with .subitems and .files
    total_minutes: int

    @property
    def flat(self) -> list[AgendaItem]:
        return _flat(self.items)

    @property
    def attachments(self) -> list[Attachment]:
        files = [f for item in self.flat for f in item.files]  # type: ignore[attr-defined]
        return sorted(files, key=lambda f: f.number)

    @property
    def planned_end(self) -> datetime:
        return self.meeting.starts_at + timedelta(minutes=self.total_minutes)

    @property
    def overrun_minutes(self) -> int:
        """How much longer the items as planned take than the meeting (0 if they fit)."""
        over = self.planned_end - self.meeting.ends_at
        return max(0, int(over.total_seconds() // 60))

    @property
    def overruns(self) -> bool:
        return self.overrun_minutes > 0


def agenda_for(*, viewer: Viewer, meeting: Meeting) -> Agenda:
    """Visible items (a hidden item hides its sub-items), their visible files, presenters and
    carry-over links. Three queries, whatever the number of items and files."""
    attachments = Attachment.objects.filter(
        _attachment_q(viewer, of=meeting), item__meeting=meeting.pk
    ).order_by("number", "pk")
    # The carry-over links, only to meetings and items the viewer may see: "carried to the
    # meeting of 18 December" must not tell a member the date of a draft (or a closed item).
    elsewhere = AgendaItem.objects.filter(
        _item_q(viewer), meeting__in=visible_meetings(viewer).values("pk")
    )
    carried_to = elsewhere.select_related("meeting").order_by("meeting__starts_at")
    rows = list(
        AgendaItem.objects.filter(meeting=meeting)
        .filter(_item_q(viewer, of=meeting))
        .annotate(
            from_visible=Exists(elsewhere.filter(pk=OuterRef("carried_from"))),
            # Carried to a meeting the reader may not see (yet): the agenda says "to a later
            # meeting", without its date.
            carried_later=Exists(AgendaItem.objects.filter(carried_from=OuterRef("pk"))),
        )
        .select_related("presenter", "carried_from__meeting", "minutes_of")
        .prefetch_related(
            Prefetch("attachments", attachments, to_attr="files"),
            Prefetch("carried_to", carried_to, to_attr="carried_to_items"),
        )
        .order_by("position", "pk")
    )
    for row in rows:
        row.meeting = meeting  # the same object: no query for item.meeting
        if row.carried_from_id is not None and not row.from_visible:
            row.carried_from = None  # for reading only: these rows are never saved
    top = _nest(rows)
    total = max((i.offset_minutes + i.duration_minutes for i in rows), default=0)
    return Agenda(meeting=meeting, items=top, total_minutes=total)


def _nest(rows: Sequence[AgendaItem]) -> list[AgendaItem]:
    """The top-level items of the visible ``rows`` (in agenda order), each with its visible
    ``.subitems``: a sub-item whose item is hidden is hidden with it."""
    by_pk = {row.pk: row for row in rows}
    top: list[AgendaItem] = []
    for row in rows:
        row.subitems = []  # type: ignore[attr-defined]
    for row in rows:
        if row.parent_id is None:
            top.append(row)
        elif row.parent_id in by_pk:
            by_pk[row.parent_id].subitems.append(row)  # type: ignore[attr-defined]
    return top


def _flat(top: list[AgendaItem]) -> list[AgendaItem]:
    """Items and their sub-items in reading order (4, 4.1, 4.2, 5)."""
    result: list[AgendaItem] = []
    for item in top:
        result.append(item)
        result.extend(item.subitems)  # type: ignore[attr-defined]
    return result


def attachment_get_for_user(*, viewer: Viewer, meeting: Meeting, code: Any) -> Attachment:
    attachment = (
        Attachment.objects.filter(item__meeting=meeting, code=parse_code(code))
        .filter(_attachment_q(viewer))
        .select_related("item")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def attachment_get_for_manager(*, viewer: Viewer, meeting: Meeting, code: Any) -> Attachment:
    """A file of a meeting already checked with ``meeting_get_for_manager``, if the viewer may
    see it (as ``item_get_for_manager``)."""
    attachment = (
        Attachment.objects.filter(
            _attachment_q(viewer, of=meeting), item__meeting=meeting, code=parse_code(code)
        )
        .select_related("item")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def participants_for(*, viewer: Viewer, meeting: Meeting) -> list[Participant]:
    """Who is invited and who came: for the people of the network only. A guest who came for
    one item only for those who may see that item (their name and organisation can tell what a
    closed item is about)."""
    if not (viewer.is_admin or viewer.is_in(meeting.network_id)):
        return []
    found = Participant.objects.filter(meeting=meeting)
    item_q = _item_q(viewer, prefix="item__", of=meeting)
    if item_q:  # (an empty Q() sees everything: never "| ..." on it)
        found = found.filter(Q(item__isnull=True) | item_q)
    return list(
        found.select_related(
            "person", "organisation", "deputy", "stands_in_for__person", "item"
        ).order_by(
            F("person__family_name").asc(nulls_last=True), "person__given_name", "guest_name", "pk"
        )
    )


def own_participation(*, viewer: Viewer, meeting: Meeting) -> Participant | None:
    """The viewer's own invitation to the meeting (or their standing in), if any."""
    if viewer.person_id is None or not viewer.is_in(meeting.network_id):
        return None
    return (
        Participant.objects.filter(meeting=meeting, person=viewer.person_id)
        .select_related("deputy", "stands_in_for__person")
        .first()
    )


@dataclass
class Invitees:
    """Who is invited and what they answered, as the meeting page shows it."""

    people: list[Participant]
    counts: dict[str, int]


def invitees_for(*, viewer: Viewer, meeting: Meeting) -> Invitees:
    people = participants_for(viewer=viewer, meeting=meeting)
    counts = dict.fromkeys(Rsvp.values, 0)
    for participant in people:
        if participant.stands_in_for_id is None and not participant.is_guest:
            counts[participant.rsvp] += 1
    return Invitees(people=people, counts=counts)


def deputy_choices(*, viewer: Viewer, meeting: Meeting) -> QuerySet[Person]:
    """Who may stand in for the viewer: the named deputy and colleagues of the same
    organisation, all taking part in the network (a deputy without a role there could not open
    the meeting they are sent to: see ``named_deputy_outside``)."""
    organisation = viewer.organisations.get(meeting.network_id)
    named = Membership.objects.filter(
        active_q(), network=meeting.network_id, person=viewer.person_id
    ).values("deputy")
    taking_part = Membership.objects.filter(active_q(), network=meeting.network_id).values("person")
    colleagues = Membership.objects.filter(
        active_q(), network=meeting.network_id, organisation=organisation
    ).values("person")
    query = Q(pk__in=named) & Q(pk__in=taking_part)
    if organisation is not None:
        query |= Q(pk__in=colleagues)
    organisation_name = Membership.objects.filter(
        active_q(), network=meeting.network_id, person=OuterRef("pk")
    ).values("organisation__name")[:1]
    return (
        Person.objects.filter(query)
        .exclude(pk=viewer.person_id or 0)
        .annotate(organisation_name=Subquery(organisation_name))
        .order_by("family_name")
    )


def named_deputy_outside(*, viewer: Viewer, meeting: Meeting) -> Person | None:
    """The viewer's named deputy when that person takes no part in the meeting's network (and so
    cannot be sent: the secretary has to add them, e.g. with the role "deputy"); one query."""
    if viewer.person_id is None:
        return None
    taking_part = Membership.objects.filter(
        active_q(), network=meeting.network_id, person=OuterRef("pk")
    )
    named = Membership.objects.filter(
        active_q(), network=meeting.network_id, person=viewer.person_id
    ).values("deputy")
    return (
        Person.objects.filter(pk__in=named)
        .exclude(Exists(taking_part))
        .order_by("family_name", "pk")
        .first()
    )


def decisions_for(*, viewer: Viewer, meeting: Meeting) -> list[Decision]:
    return list(
        Decision.objects.filter(meeting=meeting)
        .filter(_decision_q(viewer, of=meeting))
        .select_related("item")
        .order_by("item__position", "pk")
    )


def actions_for(*, viewer: Viewer, meeting: Meeting) -> list[Action]:
    actions = list(
        Action.objects.filter(meeting=meeting)
        .filter(_action_q(viewer, of=meeting))
        .select_related("owner_person", "owner_organisation", "item", "network")
        .order_by("item__position", "due_date", "owner_organisation__name", "pk")
    )
    for action in actions:
        action.meeting = meeting  # the same object, with its body and network loaded
    return actions


@dataclass
class ActionGroup:
    """The actions made from one request to every organisation, shown as one line."""

    actions: list[Action]

    @property
    def first(self) -> Action:
        return self.actions[0]

    @property
    def done_count(self) -> int:
        return sum(1 for a in self.actions if a.status == ActionStatus.DONE)

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.actions if a.is_overdue)


def group_requests(actions: list[Action]) -> list[Action | ActionGroup]:
    """Single actions as they are; the actions of one request together, in first place."""
    entries: list[Action | ActionGroup] = []
    groups: dict[Any, ActionGroup] = {}
    for action in actions:
        if action.request_code is None:
            entries.append(action)
        elif action.request_code in groups:
            groups[action.request_code].actions.append(action)
        else:
            groups[action.request_code] = ActionGroup(actions=[action])
            entries.append(groups[action.request_code])
    return [g.first if isinstance(g, ActionGroup) and len(g.actions) == 1 else g for g in entries]


@dataclass
class Represented:
    """A member represented at the meeting, and the name of who stood in for them ("" when
    nobody is known)."""

    participant: Participant
    deputy_name: str

    @property
    def name(self) -> str:
        return self.participant.name

    @property
    def organisation_name(self) -> str:
        return self.participant.organisation_name


@dataclass
class Minutes:
    """The minutes of one meeting, as the viewer may read them."""

    meeting: Meeting
    agenda: Agenda
    participants: list[Participant]
    sections: dict[int, MinutesSection]  # item pk -> visible section
    decisions: list[Decision]
    actions: list[Action]

    def present(self) -> list[Participant]:
        from .models import Presence

        return [p for p in self.participants if p.presence == Presence.PRESENT]

    def represented(self) -> list[Represented]:
        """The members who sent a deputy, each with who stood in for them when known: the
        participant who stands in for them (the one who came first), else the deputy they
        named. Built from the participants already loaded: no queries."""
        from .models import Presence

        stand_ins: dict[int, list[Participant]] = {}
        for p in self.participants:
            if p.stands_in_for_id is not None:
                stand_ins.setdefault(p.stands_in_for_id, []).append(p)
        found = []
        for p in self.participants:
            if p.presence != Presence.REPRESENTED:
                continue
            others = sorted(stand_ins.get(p.pk, []), key=lambda d: d.presence != Presence.PRESENT)
            if others:
                deputy_name = others[0].name
            elif p.deputy_id is not None and p.deputy is not None:
                deputy_name = p.deputy.full_name
            else:
                deputy_name = ""
            found.append(Represented(participant=p, deputy_name=deputy_name))
        return found

    def absent_with_notice(self) -> list[Participant]:
        from .models import Presence

        return [p for p in self.participants if p.presence == Presence.ABSENT_NOTICE]

    def absent_without_notice(self) -> list[Participant]:
        from .models import Presence

        return [p for p in self.participants if p.presence == Presence.ABSENT]

    def new_members(self) -> list[Participant]:
        return [p for p in self.participants if p.is_new_member]

    def for_item(self, item: AgendaItem) -> dict[str, Any]:
        return {
            "section": self.sections.get(item.pk),
            "decisions": [d for d in self.decisions if d.item_id == item.pk],
            "actions": [a for a in self.actions if a.item_id == item.pk],
        }


def minutes_can_read(viewer: Viewer, meeting: Meeting) -> bool:
    """Draft minutes are for who manages the meeting; sent or approved ones for the people
    who may see the meeting (section by section, by level)."""
    if permissions.can_manage_meeting(viewer, meeting):
        return True
    return meeting.minutes_status != MinutesStatus.DRAFT and not meeting.is_draft


def minutes_for(*, viewer: Viewer, meeting: Meeting) -> Minutes:
    if not minutes_can_read(viewer, meeting):
        raise Http404
    agenda = agenda_for(viewer=viewer, meeting=meeting)
    visible_items = {item.pk for item in agenda.flat}
    sections = {
        s.item_id: s
        for s in MinutesSection.objects.filter(item__meeting=meeting)
        .filter(_item_q(viewer, prefix="item__"))
        .filter(_level_q(viewer, meeting="item__meeting"))
        if s.item_id in visible_items
    }
    return Minutes(
        meeting=meeting,
        agenda=agenda,
        participants=participants_for(viewer=viewer, meeting=meeting),
        sections=sections,
        decisions=decisions_for(viewer=viewer, meeting=meeting),
        actions=actions_for(viewer=viewer, meeting=meeting),
    )


def section_for_item(item: AgendaItem) -> MinutesSection | None:
    return MinutesSection.objects.filter(item=item).select_related("updated_by").first()


def later_meetings(*, meeting: Meeting, begun: bool = False) -> QuerySet[Meeting]:
    """Meetings of the same body after this one (for carrying items); with ``begun`` only those
    that have begun and are not drafts (minutes are approved in a meeting that took place)."""
    found = Meeting.objects.filter(body=meeting.body_id, starts_at__gt=meeting.starts_at).exclude(
        status=MeetingStatus.CANCELLED
    )
    if begun:
        found = found.filter(starts_at__lte=timezone.now()).exclude(status=MeetingStatus.DRAFT)
    return found.order_by("starts_at")


def reflections_for(*, viewer: Viewer, meeting: Meeting) -> list[Reflection]:
    return list(
        Reflection.objects.filter(meeting=meeting)
        .filter(_level_q(viewer, meeting="meeting"))
        .select_related("author")
    )


# --- Lists ------------------------------------------------------------------------------------------


def meeting_list_for_user(
    *,
    viewer: Viewer,
    network: Network,
    body: Body | None = None,
    when: str = "upcoming",
) -> QuerySet[Meeting]:
    meetings = (
        visible_meetings(viewer)
        .filter(network=network)
        .select_related("body", "network")
        .annotate(item_count=Count("items", filter=_item_q(viewer, prefix="items__")))
    )
    if body is not None:
        meetings = meetings.filter(body=body)
    now = timezone.now()
    if when == "past":
        return meetings.filter(ends_at__lt=now).order_by("-starts_at")
    if when == "all":
        return meetings.order_by("-starts_at")
    return meetings.filter(ends_at__gte=now).order_by("starts_at")


def decision_list_for_user(
    *,
    viewer: Viewer,
    network: Network,
    body: Body | None = None,
    query: str = "",
    year: int | None = None,
) -> QuerySet[Decision]:
    decisions = (
        Decision.objects.filter(meeting__network=network)
        .filter(_decision_q(viewer))
        .select_related("meeting", "meeting__body", "meeting__network", "item", "item__parent")
        .order_by("-meeting__starts_at", "item__position", "pk")
    )
    if body is not None:
        decisions = decisions.filter(meeting__body=body)
    if year:
        decisions = decisions.filter(meeting__starts_at__year=year)
    for word in query.split():
        decisions = decisions.filter(text__icontains=word)
    return decisions


def decorate_decisions(viewer: Viewer, decisions: list[Decision]) -> list[Decision]:
    """Whether the viewer may see each decision's meeting and item (for links and titles).
    At most one query: for "body only" items the viewer might see by standing in."""
    maybe = {
        d.meeting_id
        for d in decisions
        for item in (d.item, d.item.parent if d.item is not None else None)
        if item is not None
        and item.confidentiality == Confidentiality.BODY
        and not can_see_level(
            viewer,
            level=item.confidentiality,
            network_id=d.meeting.network_id,
            body_id=d.meeting.body_id,
        )
    }
    seats = stand_in_meeting_ids(viewer, maybe)
    for decision in decisions:
        meeting = decision.meeting
        decision.meeting_visible = meeting_is_visible(viewer, meeting)  # type: ignore[attr-defined]
        decision.item_visible = (  # type: ignore[attr-defined]
            decision.item is not None
            and decision.meeting_visible  # type: ignore[attr-defined]
            and item_is_visible(viewer, decision.item, meeting, standing_in=meeting.pk in seats)
        )
    return decisions


def decision_years(*, viewer: Viewer, network: Network) -> list[int]:
    dates = (
        Decision.objects.filter(meeting__network=network)
        .filter(_decision_q(viewer))
        .dates("meeting__starts_at", "year", order="DESC")
    )
    return [d.year for d in dates]


ACTION_SCOPES = ("mine", "organisation", "all")
ACTION_STATES = ("open", "overdue", "done", "all")


def action_list_for_user(
    *,
    viewer: Viewer,
    network: Network,
    scope: str = "all",
    state: str = "open",
    body: Body | None = None,
    query: str = "",
) -> QuerySet[Action]:
    from django.core.exceptions import PermissionDenied

    if not permissions.can_view_actions(viewer, network):
        raise PermissionDenied
    actions = (
        Action.objects.filter(network=network)
        .filter(_action_q(viewer))
        .select_related(
            "owner_person",
            "owner_organisation",
            "meeting",
            "meeting__body",
            "meeting__network",
            "item",
            "network",
        )
    )
    if scope == "mine":
        # Someone without a person here (or without an organisation in the network) owns
        # nothing: filtering on None would match every action owned by the other kind.
        mine = viewer.person_id
        actions = actions.filter(owner_person=mine) if mine else actions.none()
    elif scope == "organisation":
        organisation = viewer.organisations.get(network.pk)
        actions = (
            actions.filter(owner_organisation=organisation) if organisation else actions.none()
        )
    today = timezone.localdate()
    if state == "open":
        actions = actions.filter(status=ActionStatus.OPEN)
    elif state == "overdue":
        actions = actions.filter(status=ActionStatus.OPEN, due_date__lt=today)
    elif state == "done":
        actions = actions.filter(status=ActionStatus.DONE)
    if body is not None:
        actions = actions.filter(meeting__body=body)
    for word in query.split():
        actions = actions.filter(
            Q(description__icontains=word)
            | Q(owner_organisation__name__icontains=word)
            | Q(owner_person__family_name__icontains=word)
        )
    # Open (the overdue first) before done.
    return actions.order_by("-status", "due_date", "owner_organisation__name", "pk")


def action_get_for_user(*, viewer: Viewer, network: Network, code: Any) -> Action:
    action = (
        Action.objects.filter(network=network, code=parse_code(code))
        .filter(_action_q(viewer))
        .select_related("meeting", "meeting__body", "owner_person", "owner_organisation")
        .first()
    )
    if action is None:
        raise Http404
    return action


def reflection_list_for_user(*, viewer: Viewer, network: Network) -> QuerySet[Reflection]:
    from django.core.exceptions import PermissionDenied

    if not permissions.can_view_reflections(viewer, network):
        raise PermissionDenied
    return (
        Reflection.objects.filter(meeting__network=network)
        .filter(_level_q(viewer, meeting="meeting"))
        .filter(meeting__in=visible_meetings(viewer))
        .select_related("author", "meeting", "meeting__body")
        .order_by("-meeting__starts_at", "-created_at", "-pk")
    )


# --- The member's start page -------------------------------------------------------------------------


@dataclass
class Dashboard:
    meetings: list[Any]  # each with .mine (the viewer's participation or None)
    actions: list[Action]
    organisation_actions: list[Action]
    networks: list[Network]
    minutes_for_comment: list[Any] = field(default_factory=list)  # Meetings, with .my_comments


def dashboard_for(*, viewer: Viewer, limit: int = 8) -> Dashboard:
    """My next meetings (bodies I sit in, or I am invited to) and my open actions."""
    if viewer.person_id is None:
        return Dashboard(meetings=[], actions=[], organisation_actions=[], networks=[])
    mine = Participant.objects.filter(person=viewer.person_id).select_related(
        "stands_in_for__person"
    )
    meetings = list(
        visible_meetings(viewer)
        .filter(ends_at__gte=timezone.now())
        .filter(
            Q(body__in=viewer.body_ids)
            | Q(Exists(Participant.objects.filter(meeting=OuterRef("pk"), person=viewer.person_id)))
        )
        .select_related("body", "network")
        .prefetch_related(Prefetch("participants", mine, to_attr="own"))
        .order_by("starts_at")[:limit]
    )
    for meeting in meetings:
        meeting.mine = meeting.own[0] if meeting.own else None  # type: ignore[attr-defined]
    # Two of my meetings at the same time: each card says so (cancelled ones do not count).
    held = [m for m in meetings if not m.is_cancelled]
    for meeting in meetings:
        meeting.overlaps = [  # type: ignore[attr-defined]
            other
            for other in held
            if other is not meeting
            and not meeting.is_cancelled
            and other.starts_at < meeting.ends_at
            and meeting.starts_at < other.ends_at
        ]
    base = (
        Action.objects.filter(status=ActionStatus.OPEN, network__in=viewer.network_ids)
        .filter(_action_q(viewer))
        .select_related(
            "network",
            "meeting",
            "meeting__body",
            "meeting__network",
            "owner_person",
            "owner_organisation",
        )
        .order_by("due_date", "pk")
    )
    own = list(base.filter(owner_person=viewer.person_id)[:50])
    organisations = [o for o in viewer.organisations.values() if o is not None]
    organisation_actions = list(base.filter(owner_organisation__in=organisations)[:50])
    networks = list(Network.objects.filter(pk__in=viewer.network_ids).order_by("name"))
    # Minutes sent for comment of meetings I was invited to (or stood in at), as on the minutes
    # page: not those I manage (I write them).
    sent_to_me = (
        visible_meetings(viewer)
        .filter(minutes_status=MinutesStatus.SENT)
        .filter(Exists(Participant.objects.filter(meeting=OuterRef("pk"), person=viewer.person_id)))
        .annotate(
            my_comments=Count(
                "minutes_comments", filter=Q(minutes_comments__author=viewer.person_id)
            )
        )
        .select_related("body", "network")
        .order_by(F("minutes_sent_at").desc(nulls_last=True), "-starts_at")[:50]
    )
    minutes_for_comment = [m for m in sent_to_me if not permissions.can_manage_meeting(viewer, m)][
        :5
    ]
    return Dashboard(
        meetings=meetings,
        actions=own,
        organisation_actions=organisation_actions,
        networks=networks,
        minutes_for_comment=minutes_for_comment,
    )


# --- Conflicts and meeting load -----------------------------------------------------------------------


def expected_people(body: Body) -> QuerySet[Person]:
    """Who is invited to a meeting of ``body``: its current members."""
    return Person.objects.filter(
        body_memberships__in=BodyMembership.objects.filter(active_q(), body=body)
    ).distinct()


def invitees_without_login(meeting: Meeting) -> int:
    """How many people invited to ``meeting`` (for a draft: who will be) have no login. They get
    the e-mails, but cannot open the meeting's pages; the secretary can send them a login.

    Only people who still take part in the network count: the members page offers a login to
    them, not to an invitee whose membership has ended since the invitations went out."""
    if meeting.is_draft:
        people = expected_people(meeting.body)
    else:
        people = Person.objects.filter(participations__meeting=meeting)
    current = Membership.objects.filter(active_q(), network=meeting.network_id)
    return people.filter(user__isnull=True, memberships__in=current).distinct().count()


@dataclass
class Conflict:
    person: Person
    organisation: str
    meeting_label: str
    starts_at: datetime
    ends_at: datetime
    through: str = ""  # for an organisation conflict: the colleague who is expected there


def _overlapping(starts_at: datetime, ends_at: datetime, exclude: int | None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.exclude(status=MeetingStatus.CANCELLED).filter(
        starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude is not None:
        meetings = meetings.exclude(pk=exclude)
    return meetings.select_related("body", "network")


def _meeting_label(viewer: Viewer, meeting: Meeting) -> str:
    from django.utils.translation import gettext as _

    if meeting_is_visible(viewer, meeting):
        if meeting.title == meeting.body.name:
            return f"{meeting.title} ({meeting.network.label})"
        return f"{meeting.title} ({meeting.body.name}, {meeting.network.label})"
    if viewer.is_in(meeting.network_id):
        return _("a meeting of %(body)s") % {"body": meeting.body.name}
    return _("a meeting in another network")


def conflicts_for(
    *,
    viewer: Viewer,
    body: Body,
    starts_at: datetime,
    ends_at: datetime,
    exclude: Meeting | None = None,
) -> list[Conflict]:
    """Invitees (or their organisations) already expected elsewhere at that time, in any
    body of any network (local cooperation bodies included). Six queries."""
    invitees = {p.pk: p for p in expected_people(body)}
    overlapping = {
        m.pk: m for m in _overlapping(starts_at, ends_at, exclude.pk if exclude else None)
    }
    if not invitees or not overlapping:
        return []
    # Everyone expected at the overlapping meetings: their body's members and their participants.
    expected: dict[int, set[int]] = defaultdict(set)  # meeting pk -> person pks
    seats = BodyMembership.objects.filter(
        active_q(), body__in={m.body_id for m in overlapping.values()}
    ).values_list("body_id", "person_id")
    by_body: dict[int, set[int]] = defaultdict(set)
    for body_id, person_id in seats:
        by_body[body_id].add(person_id)
    for meeting in overlapping.values():
        expected[meeting.pk] |= by_body[meeting.body_id]
    for meeting_id, person_id, rsvp in Participant.objects.filter(
        meeting__in=overlapping, person__isnull=False
    ).values_list("meeting_id", "person_id", "rsvp"):
        if rsvp in {Rsvp.ABSENT, Rsvp.DEPUTY}:
            expected[meeting_id].discard(person_id)
        else:
            expected[meeting_id].add(person_id)
    all_people = set().union(*expected.values()) | set(invitees)
    # Organisations, by name across networks (each network keeps its own organisation rows).
    names_of: dict[int, set[str]] = defaultdict(set)
    shown_as: dict[int, str] = {}
    for person_id, network_id, name in Membership.objects.filter(
        active_q(), person__in=all_people, organisation__isnull=False
    ).values_list("person_id", "network_id", "organisation__name"):
        names_of[person_id].add(name.lower())
        if network_id == body.network_id or person_id not in shown_as:
            shown_as[person_id] = name
    people = {p.pk: p for p in Person.objects.filter(pk__in=all_people - set(invitees))}
    people.update(invitees)
    conflicts: list[Conflict] = []
    for meeting in sorted(overlapping.values(), key=lambda m: m.starts_at):
        label = _meeting_label(viewer, meeting)
        there = expected[meeting.pk]
        conflicts.extend(
            Conflict(
                person=invitees[person_id],
                organisation=shown_as.get(person_id, ""),
                meeting_label=label,
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
            )
            for person_id in sorted(there & set(invitees), key=lambda pk: invitees[pk].family_name)
        )
        # Organisations: an invitee's organisation already sends someone else there.
        for person_id, invitee in invitees.items():
            if person_id in there:
                continue
            colleague = next(
                (pk for pk in sorted(there) if names_of[pk] & names_of[person_id]), None
            )
            if colleague is not None:
                conflicts.append(
                    Conflict(
                        person=invitee,
                        organisation=shown_as.get(person_id, ""),
                        meeting_label=label,
                        starts_at=meeting.starts_at,
                        ends_at=meeting.ends_at,
                        through=people[colleague].full_name,
                    )
                )
    return conflicts


@dataclass
class LoadRow:
    label: str
    organisation: str = ""
    meetings: int = 0
    hours: float = 0.0
    bodies: list[str] = field(default_factory=list)
    adds_meetings: int = 0
    adds_hours: float = 0.0
    code: Any = None

    @property
    def meetings_after(self) -> int:
        return self.meetings + self.adds_meetings

    @property
    def hours_after(self) -> float:
        return self.hours + self.adds_hours


@dataclass
class Load:
    year: int
    people: list[LoadRow]
    organisations: list[LoadRow]


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    """The calendar year in local time. Every caller keeps the year within FIRST_YEAR-LAST_YEAR
    of the meeting forms (the load page within ten years of now), so this never overflows."""
    zone = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def meeting_load(
    *,
    viewer: Viewer,
    network: Network,
    year: int | None = None,
    people: list[int] | None = None,
    adding: Meeting | None = None,
    adding_hours: float = 0.0,
    adding_meetings: int = 1,
) -> Load:
    """Meetings and hours per person and per organisation in a calendar year, across every
    body of every network the people sit in. A person is expected at a meeting when they are
    invited to it (and did not decline) or, before invitations go out, sit in its body.

    What the viewer may not see stays out of sight, as in ``conflicts_for``: a draft counts
    only for who may see it (it is not announced yet, so its hours would tell that it exists),
    and a meeting of another network the viewer may not see is counted under "a body in another
    network", not by its body's name.

    ``people`` limits the rows; ``adding_hours`` shows what a planned meeting would add for
    them. Five queries.
    """
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if not permissions.can_view_load(viewer, network):
        raise PermissionDenied
    year = year or timezone.localdate().year
    start, end = _year_bounds(year)
    memberships = (
        Membership.objects.filter(active_q(), network=network)
        .select_related("person", "organisation")
        .order_by("person__family_name", "person__given_name")
    )
    if people is not None:
        memberships = memberships.filter(person__in=people)
    memberships_list = list(memberships)
    person_ids = {m.person_id for m in memberships_list}
    seats: dict[int, set[int]] = defaultdict(set)  # person -> body ids
    for person_id, body_id in BodyMembership.objects.filter(
        active_q(), person__in=person_ids
    ).values_list("person_id", "body_id"):
        seats[person_id].add(body_id)
    all_bodies = set().union(*seats.values()) if seats else set()
    seen = Exists(visible_meetings(viewer).filter(pk=OuterRef("pk")))
    meetings = {
        m["pk"]: m
        for m in Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(Q(body__in=all_bodies) | Q(participants__person__in=person_ids))
        .annotate(seen=seen)
        .filter(~Q(status=MeetingStatus.DRAFT) | Q(seen=True))
        .values("pk", "body_id", "body__name", "network_id", "starts_at", "ends_at", "seen")
        .distinct()
    }
    elsewhere = _("a body in another network")
    for meeting in meetings.values():
        if not meeting["seen"] and not viewer.is_in(meeting["network_id"]):
            meeting["body__name"] = elsewhere
    invited: dict[int, dict[int, str]] = defaultdict(dict)  # meeting -> person -> rsvp
    for meeting_id, person_id, rsvp in Participant.objects.filter(
        meeting__in=list(meetings), person__isnull=False
    ).values_list("meeting_id", "person_id", "rsvp"):
        invited[meeting_id][person_id] = rsvp
    per_person: dict[int, LoadRow] = {}
    org_rows: dict[str, LoadRow] = {}
    org_meetings: dict[str, set[int]] = defaultdict(set)
    for membership in memberships_list:
        person = membership.person
        organisation = membership.organisation.name if membership.organisation else ""
        row = LoadRow(label=person.full_name, organisation=organisation, code=person.code)
        for meeting in meetings.values():
            answers = invited.get(meeting["pk"])
            if answers:
                expected = membership.person_id in answers and answers[
                    membership.person_id
                ] not in (Rsvp.ABSENT, Rsvp.DEPUTY)
            else:
                expected = meeting["body_id"] in seats[membership.person_id]
            if expected:
                hours = (meeting["ends_at"] - meeting["starts_at"]).total_seconds() / 3600
                row.meetings += 1
                row.hours += hours
                row.bodies.append(meeting["body__name"])
                if organisation:
                    org_meetings[organisation].add(meeting["pk"])
        if adding_hours:
            row.adds_meetings = adding_meetings
            row.adds_hours = adding_hours
        per_person[membership.person_id] = row
        if organisation:
            org = org_rows.setdefault(organisation, LoadRow(label=organisation))
            org.hours += row.hours
            org.adds_hours += row.adds_hours
            if adding_hours:
                org.adds_meetings = adding_meetings
    for name, row in org_rows.items():
        row.meetings = len(org_meetings[name])
    for row in per_person.values():
        row.bodies = sorted(set(row.bodies))
    return Load(
        year=year,
        people=list(per_person.values()),
        organisations=sorted(org_rows.values(), key=lambda r: (-r.hours, r.label)),
    )


# --- Calendar feeds -------------------------------------------------------------------------------------


def feed_meetings(
    *,
    viewer: Viewer,
    network: Network | None = None,
    body: Body | None = None,
    person_id: int | None = None,
) -> list[Meeting]:
    """Published and cancelled meetings (no drafts) for a calendar, from a year back on."""
    since = timezone.now() - timedelta(days=366)
    meetings = (
        visible_meetings(viewer)
        .exclude(status=MeetingStatus.DRAFT)
        .filter(ends_at__gte=since)
        .select_related("body", "network")
    )
    if network is not None:
        meetings = meetings.filter(network=network)
    if body is not None:
        meetings = meetings.filter(body=body)
    if person_id is not None:
        meetings = meetings.filter(
            Q(body__in=viewer.body_ids)
            | Q(Exists(Participant.objects.filter(meeting=OuterRef("pk"), person=person_id)))
        )
    return list(meetings.order_by("starts_at"))


def feed_agendas(*, viewer: Viewer, meetings: list[Meeting]) -> dict[int, list[AgendaItem]]:
    """The visible items and sub-items of many meetings, in reading order, in one query (for
    event descriptions): as ``agenda_for``, a hidden item hides its sub-items."""
    by_meeting = {meeting.pk: meeting for meeting in meetings}
    rows: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in (
        AgendaItem.objects.filter(meeting__in=meetings)
        .filter(_item_q(viewer))
        .select_related("presenter")
        .order_by("position", "pk")
    ):
        item.meeting = by_meeting[item.meeting_id]  # no query for item.planned_start()
        rows[item.meeting_id].append(item)
    return {pk: _flat(_nest(items)) for pk, items in rows.items()}


def feed_actions(*, viewer: Viewer, person_id: int) -> list[Action]:
    """Open action deadlines of one person (their own and their organisation's)."""
    organisations = [o for o in viewer.organisations.values() if o is not None]
    return list(
        Action.objects.filter(status=ActionStatus.OPEN, due_date__isnull=False)
        .filter(network__in=viewer.network_ids)
        .filter(Q(owner_person=person_id) | Q(owner_organisation__in=organisations))
        .filter(_action_q(viewer))
        .select_related("network", "meeting", "owner_organisation", "owner_person")
        .order_by("due_date", "pk")
    )


def calendar_token_get(*, token: str) -> CalendarToken:
    import hashlib

    digest = hashlib.sha256(token.encode()).hexdigest()
    found = (
        CalendarToken.objects.filter(token_hash=digest, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        raise Http404
    return found


def calendar_token_for(*, viewer: Viewer) -> CalendarToken | None:
    if viewer.user is None:
        return None
    return CalendarToken.objects.filter(user=viewer.user, revoked_at__isnull=True).first()


# --- For services and notifications -----------------------------------------------------------------------


def member_organisations(*, network: Network, include_partners: bool = False) -> list[Organisation]:
    """Organisations represented today by a member (and, if asked, by a partner)."""
    roles = set(FULL_MEMBER_ROLES) | ({"partner"} if include_partners else set())
    represented = Membership.objects.filter(active_q(), organisation=OuterRef("pk"), role__in=roles)
    today = timezone.localdate()
    return list(
        Organisation.objects.filter(network=network)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .filter(Exists(represented))
        .order_by("name")
    )


def meetings_needing_reminders(*, now: datetime) -> list[Meeting]:
    """Published meetings whose reminder day has come and which have not begun. A meeting
    published after its reminder day had passed gets none: its invitation is the reminder."""
    horizon = now + timedelta(days=31)
    candidates = Meeting.objects.filter(
        status=MeetingStatus.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=horizon,
        reminder_days__gt=0,
    ).select_related("network", "body")
    due = [(m, m.starts_at - timedelta(days=m.reminder_days)) for m in candidates]
    return [m for m, day in due if day <= now and (m.published_at is None or m.published_at < day)]


def actions_needing_reminders(*, today: date, days_before: int) -> list[Action]:
    """Open actions due within ``days_before`` days or overdue."""
    return list(
        Action.objects.filter(
            status=ActionStatus.OPEN,
            due_date__isnull=False,
            due_date__lte=today + timedelta(days=days_before),
        )
        .select_related("network", "meeting", "owner_person", "owner_organisation")
        .order_by("due_date", "pk")
    )


def anonymous_viewer() -> Viewer:
    return ANONYMOUS


def calendar_reply_invitee(*, uid: str, tokens: tuple[str, ...]) -> Participant | None:
    """The invitee a calendar answer is from: the meeting by the event's UID, the invitee by the
    secret in the organizer's address of their invitation (``ical.reply_token``). None when the
    UID is not one of ours or no token matches (the e-mail's sender is never trusted)."""
    from django.utils.crypto import constant_time_compare

    from .ical import reply_token

    prefix, _sep, host = uid.partition("@")
    if host != "bestuurstafel" or not prefix.startswith("meeting-") or not tokens:
        return None
    try:
        code = uuid.UUID(prefix.removeprefix("meeting-"))
    except ValueError:
        return None
    meeting = Meeting.objects.select_related("network", "body").filter(code=code).first()
    if meeting is None:
        return None
    invitees = Participant.objects.filter(
        meeting=meeting, person__isnull=False, stands_in_for__isnull=True
    ).select_related("person", "person__user")
    for participant in invitees:
        assert participant.person is not None
        expected = reply_token(meeting, participant.person.code)
        if any(constant_time_compare(expected, token) for token in tokens):
            participant.meeting = meeting
            return participant
    return None


def can_comment_on_minutes(viewer: Viewer, meeting: Meeting) -> bool:
    """Someone invited to the meeting (or standing in), while its minutes are sent for comment;
    one query. Not who manages the meeting: they change the minutes themselves."""
    if viewer.person_id is None or meeting.minutes_status != MinutesStatus.SENT:
        return False
    if permissions.can_manage_meeting(viewer, meeting):
        return False
    return Participant.objects.filter(meeting=meeting, person=viewer.person_id).exists()


def minutes_comments_for(*, viewer: Viewer, meeting: Meeting) -> list[MinutesComment]:
    """The comments on a meeting's minutes: all of them for who manages the meeting, otherwise
    the viewer's own. One query, with the author's organisation at that meeting.

    An author whose comment is on an item they may no longer see (its level was raised after
    they wrote) keeps their own text, but not the item's number and title: ``item_hidden``."""
    manager = permissions.can_manage_meeting(viewer, meeting)
    comments = MinutesComment.objects.filter(meeting=meeting)
    if not manager:
        if viewer.person_id is None:
            return []
        comments = comments.filter(author=viewer.person_id)
    organisation = Participant.objects.filter(
        meeting=meeting, person=OuterRef("author"), organisation__isnull=False
    ).values("organisation__name")[:1]
    found: list[MinutesComment] = list(
        comments.select_related("item", "item__parent", "author", "handled_by").annotate(
            organisation_name=Subquery(organisation)
        )
    )
    if not manager:
        standing_in: bool | None = None  # asked once, and only for an item hidden otherwise
        for comment in found:
            item = comment.item
            if item is None or item_is_visible(viewer, item, meeting, standing_in=False):
                continue
            if standing_in is None:
                standing_in = stands_in(viewer, meeting)
            if not standing_in or not item_is_visible(viewer, item, meeting, standing_in=True):
                comment.item_hidden = True  # type: ignore[attr-defined]
                comment.item = None
    return found


def open_minutes_comments(meeting: Meeting) -> int:
    """How many comments on the minutes the secretariat has not processed yet (one query)."""
    return MinutesComment.objects.filter(meeting=meeting, handled_at__isnull=True).count()


def minutes_comment_get(
    *, viewer: Viewer, meeting: Meeting, code: Any, own: bool
) -> MinutesComment:
    """One comment of ``meeting``: for the secretariat (``own=False``, the view checks that the
    viewer manages the meeting) or the viewer's own (``own=True``); 404 otherwise."""
    comments = MinutesComment.objects.filter(meeting=meeting, code=code)
    if own:
        comments = comments.filter(author=viewer.person_id or 0)
    comment = comments.select_related("meeting", "meeting__network").first()
    if comment is None:
        raise Http404
    return comment
