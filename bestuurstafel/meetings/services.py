"""Writes for meetings: planning, agenda, attachments, invitations and answers, attendance,
minutes, decisions, actions and reflections.

Every function is atomic, keyword-only and audited. Who may call it is checked by the view
(``permissions``); domain rules are checked here and raise ``ValidationError`` with a message in
the user's language, and nothing is saved then. E-mails are stored in the same transaction and
delivered after the commit (``notifications`` → ``core.mail``).
"""

import calendar
import hashlib
import logging
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bestuurstafel.core import audit
from bestuurstafel.core.confidentiality import Confidentiality, is_more_open, most_closed
from bestuurstafel.core.templatetags.bt import datum
from bestuurstafel.networks.access import can_see_level, viewer_for_person
from bestuurstafel.networks.models import (
    Body,
    BodyMembership,
    Membership,
    Organisation,
    Person,
    active_q,
)

from . import notifications, selectors
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attachment,
    CalendarToken,
    Decision,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    MinutesComment,
    MinutesSection,
    MinutesStatus,
    Participant,
    Presence,
    Purpose,
    Reflection,
    Rsvp,
)
from .signals import touch_meeting

logger = logging.getLogger(__name__)

# --- Helpers ----------------------------------------------------------------------------------------


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError(
            {"end_time": _("The meeting must end after it starts: check the end date and time.")}
        )
    if ends_at - starts_at > timedelta(hours=48):
        raise ValidationError({"end_time": _("A meeting cannot last longer than 48 hours.")})


def _require_open(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled; it can no longer be changed."))


def _require_agenda_editable(meeting: Meeting) -> None:
    _require_open(meeting)
    if meeting.minutes_locked:
        raise ValidationError(
            _("The minutes of this meeting are approved; its agenda can no longer be changed.")
        )


def _require_minutes_editable(meeting: Meeting) -> None:
    _require_open(meeting)
    if meeting.is_draft:
        raise ValidationError(_("Publish the meeting before you write its minutes."))
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes of this meeting are approved and locked."))


def _record(actor: Any, action: str, target: Any, meeting: Meeting, **changes: Any) -> None:
    audit.record(
        actor=actor, action=action, target=target, network=meeting.network, changes=changes
    )


MEETING_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "description",
    "is_public",
    "reminder_days",
    "chair",
)
# Changes invitees must hear about (a calendar update).
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "location", "online_url")


# --- Planning ---------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    body: Body,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    online_url: str = "",
    description: str = "",
    is_public: bool = False,
    reminder_days: int = 7,
    chair: Person | None = None,
    series: MeetingSeries | None = None,
) -> Meeting:
    """A new meeting of ``body``, as a draft (only its managers see it until it is published)."""
    _check_times(starts_at, ends_at)
    meeting = Meeting(
        network=body.network,
        body=body,
        series=series,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        online_url=online_url,
        description=description,
        is_public=is_public,
        reminder_days=reminder_days,
        chair=chair,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    meeting.full_clean()
    meeting.save()
    _record(
        actor,
        "meetings.meeting_create",
        meeting,
        meeting,
        **audit.snapshot(meeting, MEETING_FIELDS),
    )
    # Minutes sent for comment when the body had no later meeting yet are adopted in this one.
    waiting = Meeting.objects.filter(
        body=body, starts_at__lt=meeting.starts_at, minutes_status=MinutesStatus.SENT
    ).exclude(pk__in=AgendaItem.objects.filter(minutes_of__isnull=False).values("minutes_of"))
    for earlier in waiting.order_by("starts_at"):
        _approval_item(actor=actor, meeting=earlier, at=meeting)
    return meeting


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def series_dates(first: date, *, every: int, unit: str, count: int) -> list[date]:
    if unit == "weeks":
        return [first + timedelta(weeks=every * n) for n in range(count)]
    return [add_months(first, every * n) for n in range(count)]


@transaction.atomic
def meeting_series_create(
    *,
    actor: Any,
    body: Body,
    title: str,
    first_date: date,
    start_time: time,
    end_time: time,
    every: int,
    unit: str,
    count: int,
    location: str = "",
    online_url: str = "",
    is_public: bool = False,
    reminder_days: int = 7,
) -> MeetingSeries:
    """Several meetings at once, e.g. four half-day plenaries a year (every 3 months, 4 times)."""
    if not 2 <= count <= 24:
        raise ValidationError({"count": _("A series has between 2 and 24 meetings.")})
    if unit not in ("weeks", "months") or every < 1:
        raise ValidationError({"every": _("Choose how often the meetings repeat.")})
    if end_time <= start_time:
        raise ValidationError(
            {"end_time": _("Each meeting must end after it starts: choose a later end time.")}
        )
    series = MeetingSeries.objects.create(network=body.network, body=body, title=title.strip())
    for day in series_dates(first_date, every=every, unit=unit, count=count):
        meeting_create(
            actor=actor,
            body=body,
            title=title,
            starts_at=_aware(day, start_time),
            ends_at=_aware(day, end_time),
            location=location,
            online_url=online_url,
            is_public=is_public,
            reminder_days=reminder_days,
            series=series,
        )
    audit.record(
        actor=actor,
        action="meetings.series_create",
        target=series,
        network=body.network,
        changes={"count": count, "every": every, "unit": unit, "first": first_date},
    )
    return series


@transaction.atomic
def meeting_update(*, actor: Any, meeting: Meeting, **fields: Any) -> Meeting:
    """Change the meeting. Once published, a change of time, place or title goes to every
    invitee as a calendar update (SEQUENCE raised)."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    _require_agenda_editable(meeting)
    before = audit.snapshot(meeting, MEETING_FIELDS)
    # The update e-mail says what it was ("Voorheen: ..."), not only what it is now.
    previous = Meeting(
        starts_at=meeting.starts_at, ends_at=meeting.ends_at, location=meeting.location
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    _check_times(meeting.starts_at, meeting.ends_at)
    if meeting.starts_at != previous.starts_at:
        _check_approvals_stay_true(meeting)
    meeting.full_clean()
    changes = audit.diff(before, audit.snapshot(meeting, MEETING_FIELDS))
    # A meeting that is over is corrected for the record (it ran later, elsewhere): invitees
    # get no calendar update for it.
    notify = (
        meeting.status == MeetingStatus.PUBLISHED
        and not meeting.has_ended
        and any(name in changes for name in CALENDAR_FIELDS)
    )
    if notify:
        meeting.sequence += 1
    meeting.save()
    _record(actor, "meetings.meeting_update", meeting, meeting, **changes)
    if notify:
        notifications.meeting_messages(meeting=meeting, kind="update", previous=previous)
    return meeting


def _check_approvals_stay_true(meeting: Meeting) -> None:
    """Minutes are approved in a later meeting that has begun (``minutes_approve``): the
    approving meeting cannot move to before a meeting whose minutes it approved, nor into the
    future, or the locked minutes would claim what the dates contradict."""
    approved = Meeting.objects.filter(minutes_approved_in=meeting).order_by("-starts_at").first()
    if approved is None:
        return
    if meeting.starts_at <= approved.starts_at or meeting.starts_at > timezone.now():
        raise ValidationError(
            {
                "date": _(
                    "This meeting approved the minutes of the meeting of %(date)s: it stays "
                    "after that meeting and cannot move into the future."
                )
                % {"date": datum(approved.starts_at)}
            }
        )


def _invitees(meeting: Meeting) -> list[tuple[Person, Organisation | None]]:
    """The body's current members who take part in the network, with their organisation."""
    seats = BodyMembership.objects.filter(active_q(), body=meeting.body_id).values("person")
    memberships = (
        Membership.objects.filter(active_q(), network=meeting.network_id, person__in=seats)
        .select_related("person", "organisation")
        .order_by("person__family_name")
    )
    return [(m.person, m.organisation) for m in memberships]


@transaction.atomic
def meeting_publish(*, actor: Any, meeting: Meeting) -> Meeting:
    """Publish the agenda: invite the body's members by e-mail, each with the agenda they may
    see and an iCalendar invitation. A meeting that is already over (held before it was in
    Bestuurstafel) is recorded the same way, without invitations, so that its attendance and
    minutes can be written."""
    _require_open(meeting)
    if not meeting.is_draft:
        raise ValidationError(_("This meeting has already been published."))
    if not meeting.items.exists():
        raise ValidationError(_("Add at least one agenda item before you publish the agenda."))
    meeting.status = MeetingStatus.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.save(update_fields=["status", "published_at", "updated_at"])
    invitees = _invitees(meeting)
    Participant.objects.bulk_create(
        [
            Participant(meeting=meeting, person=person, organisation=organisation, invited=True)
            for person, organisation in invitees
        ],
        ignore_conflicts=True,
    )
    touch_meeting(meeting.pk)
    over = meeting.has_ended
    _record(actor, "meetings.meeting_publish", meeting, meeting, invited=len(invitees), held=over)
    if not over:
        notifications.meeting_messages(meeting=meeting, kind="invitation")
    return meeting


@transaction.atomic
def meeting_send_update(*, actor: Any, meeting: Meeting) -> int:
    """Send the current agenda to every invitee again (after the agenda changed)."""
    _require_agenda_editable(meeting)
    if meeting.status != MeetingStatus.PUBLISHED:
        raise ValidationError(_("Only a published meeting can be sent again."))
    if meeting.has_ended:
        raise ValidationError(_("This meeting is over: its agenda is not sent again."))
    meeting.sequence += 1
    meeting.save(update_fields=["sequence", "updated_at"])
    sent = notifications.meeting_messages(meeting=meeting, kind="update")
    _record(actor, "meetings.meeting_send_update", meeting, meeting, sent=sent)
    return sent


@transaction.atomic
def meeting_cancel(*, actor: Any, meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel the meeting; invitees get a calendar cancellation (METHOD:CANCEL)."""
    _require_open(meeting)
    if meeting.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError(_("A meeting with minutes cannot be cancelled."))
    if meeting.decisions.exists() or meeting.actions.exists():
        # Its actions would stay on the lists and be reminded, yet could no longer be changed.
        raise ValidationError(
            _("This meeting has decisions or actions in its minutes; it cannot be cancelled.")
        )
    if Meeting.objects.filter(minutes_approved_in=meeting).exists():
        raise ValidationError(
            _(
                "Minutes of an earlier meeting were approved in this meeting; it cannot be cancelled."
            )
        )
    was_published = meeting.status == MeetingStatus.PUBLISHED
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = reason.strip()
    meeting.sequence += 1
    meeting.save(
        update_fields=["status", "cancelled_at", "cancel_reason", "sequence", "updated_at"]
    )
    _record(actor, "meetings.meeting_cancel", meeting, meeting, reason=meeting.cancel_reason)
    if was_published:
        notifications.meeting_messages(meeting=meeting, kind="cancellation")
    return meeting


# --- Agenda -----------------------------------------------------------------------------------------


def renumber(meeting: Meeting) -> None:
    """Number the items (1, 2, 2.1, ...) and their planned start, and the attachments
    (Bijlage 1..n in agenda order). Numbers are the same for every reader: a hidden item keeps
    its number, so "item 5" means one thing in every copy of the minutes."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    top = [i for i in items if i.parent_id is None]
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    ordered: list[AgendaItem] = []
    offset = 0
    for n, item in enumerate(top, start=1):
        item.number, item.offset_minutes = str(n), offset
        ordered.append(item)
        sub_offset = offset
        for m, child in enumerate(children.get(item.pk, []), start=1):
            child.number, child.offset_minutes = f"{n}.{m}", sub_offset
            sub_offset += child.duration_minutes
            ordered.append(child)
        # Sub-items that together take longer than their item push the next item on.
        offset += max(item.duration_minutes, sub_offset - offset)
    AgendaItem.objects.bulk_update(items, ["number", "offset_minutes"])
    rank = {item.pk: index for index, item in enumerate(ordered)}
    files = list(Attachment.objects.filter(item__meeting=meeting))
    files.sort(key=lambda f: (rank.get(f.item_id, 0), f.position, f.pk))
    for number, attachment in enumerate(files, start=1):
        attachment.number = number
    Attachment.objects.bulk_update(files, ["number"])
    touch_meeting(meeting.pk)  # bulk updates send no signals


def _check_item(
    *,
    meeting: Meeting,
    title: str,
    presenter: Person | None,
    presenter_name: str,
    parent: AgendaItem | None,
    purpose: str,
    confidentiality: str,
    item: AgendaItem | None = None,
) -> None:
    if not title.strip():
        raise ValidationError({"title": _("Give the agenda item a title.")})
    if presenter is not None and presenter_name.strip():
        raise ValidationError(
            {"presenter_name": _("Choose a presenter from the network or name a guest, not both.")}
        )
    if parent is not None:
        if parent.meeting_id != meeting.pk:
            raise ValidationError({"parent": _("The main item belongs to another meeting.")})
        if parent.parent_id is not None:
            raise ValidationError({"parent": _("A sub-item cannot have sub-items of its own.")})
        if item is not None and (parent.pk == item.pk or item.children.exists()):
            raise ValidationError(
                {"parent": _("An item with sub-items cannot become a sub-item itself.")}
            )
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Unknown confidentiality level.")})


ITEM_FIELDS = (
    "title",
    "description",
    "presenter",
    "presenter_name",
    "purpose",
    "duration_minutes",
    "confidentiality",
    "parent",
)


@transaction.atomic
def agenda_item_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    description: str = "",
    presenter: Person | None = None,
    presenter_name: str = "",
    purpose: str = Purpose.INFORM,
    duration_minutes: int = 10,
    confidentiality: str = Confidentiality.NETWORK,
    parent: AgendaItem | None = None,
    carried_from: AgendaItem | None = None,
    minutes_of: Meeting | None = None,
    at_index: int | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda (or of its main item), or at place ``at_index``
    among its siblings (0 is the first), moving the items from there one place down."""
    _require_agenda_editable(meeting)
    _check_item(
        meeting=meeting,
        title=title,
        presenter=presenter,
        presenter_name=presenter_name,
        parent=parent,
        purpose=purpose,
        confidentiality=confidentiality,
    )
    if parent is not None and is_more_open(confidentiality, parent.confidentiality):
        confidentiality = parent.confidentiality  # a sub-item is never more open than its item
    siblings = list(
        AgendaItem.objects.filter(meeting=meeting, parent=parent).order_by("position", "pk")
    )
    if at_index is not None and 0 <= at_index < len(siblings):
        for position, sibling in enumerate(siblings):
            sibling.position = position if position < at_index else position + 1
        AgendaItem.objects.bulk_update(siblings, ["position"])
        position = at_index
    else:
        position = siblings[-1].position + 1 if siblings else 0
    item = AgendaItem(
        meeting=meeting,
        parent=parent,
        position=position,
        title=title.strip(),
        description=description,
        presenter=presenter,
        presenter_name=presenter_name.strip(),
        purpose=purpose,
        duration_minutes=duration_minutes,
        confidentiality=confidentiality,
        carried_from=carried_from,
        minutes_of=minutes_of,
    )
    item.full_clean()
    item.save()
    renumber(meeting)
    item.refresh_from_db(fields=["number", "offset_minutes"])
    _record(actor, "meetings.item_add", item, meeting, **audit.snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def agenda_item_update(*, actor: Any, item: AgendaItem, **fields: Any) -> AgendaItem:
    """Change an item. Making it more closed closes its files and notes with it, and the
    decisions and actions that had its level."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    meeting = item.meeting
    _require_agenda_editable(meeting)
    before = audit.snapshot(item, ITEM_FIELDS)
    was = item.confidentiality
    new_parent = fields.get("parent", item.parent)
    parent_changed = "parent" in fields and (
        (new_parent.pk if new_parent else None) != item.parent_id
    )
    _check_item(
        meeting=meeting,
        title=fields.get("title", item.title),
        presenter=fields.get("presenter", item.presenter),
        presenter_name=fields.get("presenter_name", item.presenter_name),
        parent=new_parent,
        purpose=fields.get("purpose", item.purpose),
        confidentiality=fields.get("confidentiality", item.confidentiality),
        item=item,
    )
    level = fields.get("confidentiality", item.confidentiality)
    if new_parent is not None and is_more_open(level, new_parent.confidentiality):
        fields["confidentiality"] = new_parent.confidentiality
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if parent_changed:
        last = (
            AgendaItem.objects.filter(meeting=meeting, parent=new_parent)
            .exclude(pk=item.pk)
            .aggregate(last=Max("position"))["last"]
        )
        item.position = 0 if last is None else last + 1
    item.full_clean()
    item.save()
    _close_contents(item, was=was)
    renumber(meeting)
    item.refresh_from_db(fields=["number", "offset_minutes"])
    changes = audit.diff(before, audit.snapshot(item, ITEM_FIELDS))
    _record(actor, "meetings.item_update", item, meeting, **changes)
    return item


def _close_contents(item: AgendaItem, *, was: str) -> None:
    """Sub-items, files and notes are never more open than their item. Decisions and actions
    that had the item's level follow it; one made more open on purpose (a decision published
    from a closed deliberation) keeps its own level."""
    for child in AgendaItem.objects.filter(parent=item):
        if is_more_open(child.confidentiality, item.confidentiality):
            child_was = child.confidentiality
            child.confidentiality = item.confidentiality
            child.save(update_fields=["confidentiality", "updated_at"])
            _close_contents(child, was=child_was)
    for model in (Attachment, MinutesSection):
        for obj in model.objects.filter(item=item):
            if is_more_open(obj.confidentiality, item.confidentiality):
                obj.confidentiality = item.confidentiality
                obj.save(update_fields=["confidentiality", "updated_at"])
    if is_more_open(was, item.confidentiality):
        for followers in (Decision.objects, Action.objects):
            followers.filter(item=item, confidentiality=was).update(
                confidentiality=item.confidentiality, updated_at=timezone.now()
            )


@transaction.atomic
def agenda_item_delete(*, actor: Any, item: AgendaItem) -> None:
    meeting = item.meeting
    _require_agenda_editable(meeting)
    with_children = Q(item=item) | Q(item__parent=item)
    if (
        Decision.objects.filter(with_children).exists()
        or Action.objects.filter(with_children).exists()
    ):
        raise ValidationError(
            _("This item has decisions or actions in the minutes; it cannot be removed.")
        )
    if Participant.objects.filter(with_children).exists():
        raise ValidationError(
            _("A guest came to the meeting for this item; remove the guest first.")
        )
    approved = (
        Meeting.objects.filter(pk=item.minutes_of_id, minutes_approved_in=meeting).first()
        if item.minutes_of_id is not None
        else None
    )
    if approved is not None:
        # The locked minutes say they were approved here, under this item.
        raise ValidationError(
            _(
                "The minutes of the meeting of %(date)s were approved under this item; it "
                "cannot be removed."
            )
            % {"date": datum(approved.starts_at)}
        )
    label = str(item)
    # Stored files go only once the removal is committed.
    files = [a.file for a in Attachment.objects.filter(item__in=[item, *item.children.all()])]
    item.delete()

    def remove_files() -> None:
        for stored in files:
            stored.delete(save=False)

    transaction.on_commit(remove_files)
    renumber(meeting)
    audit.record(
        actor=actor,
        action="meetings.item_delete",
        target=meeting,
        network=meeting.network,
        changes={"item": label},
    )


@transaction.atomic
def agenda_item_move(*, actor: Any, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item one place up or down among its siblings (the keyboard way to reorder)."""
    meeting = item.meeting
    _require_agenda_editable(meeting)
    siblings = list(
        AgendaItem.objects.filter(meeting=meeting, parent=item.parent_id).order_by("position", "pk")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(siblings):
        return item
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        sibling.position = position
    AgendaItem.objects.bulk_update(siblings, ["position"])
    renumber(meeting)
    item.refresh_from_db()
    _record(
        actor, "meetings.agenda_reorder", meeting, meeting, moved=str(item.title), to=item.number
    )
    return item


@transaction.atomic
def agenda_reorder(
    *, actor: Any, meeting: Meeting, parent: AgendaItem | None, codes: Sequence[Any]
) -> None:
    """Put the items under ``parent`` (or the main items) in the order given (drag and drop)."""
    _require_agenda_editable(meeting)
    siblings = {str(s.code): s for s in AgendaItem.objects.filter(meeting=meeting, parent=parent)}
    wanted = [str(c) for c in codes]
    if sorted(wanted) != sorted(siblings):
        raise ValidationError(_("The agenda changed meanwhile; reload the page and try again."))
    for position, code in enumerate(wanted):
        siblings[code].position = position
    AgendaItem.objects.bulk_update(list(siblings.values()), ["position"])
    renumber(meeting)
    _record(
        actor,
        "meetings.agenda_reorder",
        meeting,
        meeting,
        order=[siblings[c].title for c in wanted],
    )


def _before_closing(meeting: Meeting) -> int | None:
    """Where a carried item goes: before the last main item, which on a Dutch agenda closes the
    meeting ("Rondvraag en sluiting"); at the end of an agenda of fewer than two items."""
    count = AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).count()
    return count - 1 if count >= 2 else None


@transaction.atomic
def agenda_item_carry_over(*, actor: Any, item: AgendaItem, to_meeting: Meeting) -> AgendaItem:
    """Carry an item to a later meeting of the same body: a draft item there, linked back."""
    meeting = item.meeting
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes of this meeting are approved and locked."))
    if to_meeting.body_id != meeting.body_id or to_meeting.starts_at <= meeting.starts_at:
        raise ValidationError({"meeting": _("Choose a later meeting of the same body.")})
    if to_meeting.is_cancelled or to_meeting.minutes_locked:
        raise ValidationError({"meeting": _("That meeting can no longer take new items.")})
    if item.carried_to.filter(meeting=to_meeting).exists():
        raise ValidationError({"meeting": _("This item is already on that meeting's agenda.")})
    new = agenda_item_add(
        actor=actor,
        meeting=to_meeting,
        title=item.title,
        description=item.description,
        presenter=item.presenter,
        presenter_name=item.presenter_name,
        purpose=item.purpose,
        duration_minutes=item.duration_minutes,
        confidentiality=item.confidentiality,
        carried_from=item,
        at_index=_before_closing(to_meeting),
    )
    _record(
        actor, "meetings.item_carry_over", item, meeting, to=str(to_meeting), new_number=new.number
    )
    return new


# --- Attachments ------------------------------------------------------------------------------------

# Extension -> (content type, accepted first bytes)
ALLOWED_FILES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
    ".ppt": ("application/vnd.ms-powerpoint", (b"\xd0\xcf\x11\xe0",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    ".odp": ("application/vnd.oasis.opendocument.presentation", (b"PK\x03\x04",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


def check_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; a clear message for anything else."""
    name = upload.name or ""
    suffix = PurePosixPath(name).suffix.lower()
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if suffix not in ALLOWED_FILES:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” cannot be added: only PDF, Word, Excel, PowerPoint, OpenDocument "
                    "and images (PNG, JPEG) are allowed."
                )
                % {"name": name}
            }
        )
    if not upload.size:
        raise ValidationError({"file": _("“%(name)s” is empty.") % {"name": name}})
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("“%(name)s” is %(size)s MB; files may be at most %(limit)s MB.")
                % {
                    "name": name,
                    "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                    "limit": settings.MAX_UPLOAD_MB,
                }
            }
        )
    content_type, signatures = ALLOWED_FILES[suffix]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(s) for s in signatures):
        raise ValidationError(
            {
                "file": _("“%(name)s” is not a real %(type)s file.")
                % {"name": name, "type": suffix.lstrip(".").upper()}
            }
        )
    return content_type


@transaction.atomic
def attachment_add(
    *,
    actor: Any,
    item: AgendaItem,
    title: str,
    upload: UploadedFile,
    confidentiality: str | None = None,
) -> Attachment:
    """Attach a file to an item; it gets the next Bijlage number in agenda order. A file is
    never more open than its item."""
    meeting = item.meeting
    _require_agenda_editable(meeting)
    content_type = check_upload(upload)
    level = most_closed(item.confidentiality, confidentiality or item.confidentiality)
    last = Attachment.objects.filter(item=item).aggregate(last=Max("position"))["last"]
    name = PurePosixPath(upload.name or "bestand").name
    attachment = Attachment(
        item=item,
        title=title.strip() or PurePosixPath(name).stem,
        original_name=name[:300],
        content_type=content_type,
        size=upload.size or 0,
        confidentiality=level,
        position=0 if last is None else last + 1,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save(name, upload, save=False)
    # If anything below fails, the stored file goes too: nothing half-saved.
    try:
        attachment.full_clean()
        attachment.save()
        renumber(meeting)
    except Exception:
        attachment.file.delete(save=False)
        raise
    attachment.refresh_from_db(fields=["number"])
    _record(
        actor,
        "meetings.attachment_add",
        attachment,
        meeting,
        title=attachment.title,
        file=name,
        confidentiality=level,
    )
    return attachment


@transaction.atomic
def attachment_delete(*, actor: Any, attachment: Attachment) -> None:
    meeting = attachment.item.meeting
    _require_agenda_editable(meeting)
    label = str(attachment)
    stored = attachment.file
    attachment.delete()
    renumber(meeting)
    transaction.on_commit(lambda: stored.delete(save=False))
    audit.record(
        actor=actor,
        action="meetings.attachment_delete",
        target=meeting,
        network=meeting.network,
        changes={"attachment": label},
    )


# --- Answers and attendance ---------------------------------------------------------------------------


@transaction.atomic
def rsvp_answer(
    *,
    actor: Any,
    meeting: Meeting,
    person: Person,
    answer: str,
    deputy: Person | None = None,
    note: str = "",
    via: str = "",
) -> Participant:
    """An invitee answers: attend, absent, or send my deputy. The deputy is invited in turn
    (with the agenda they may see); a deputy no longer needed hears so. ``via``: where the answer
    came from when not the page (``calendar``), for the audit log."""
    if meeting.status != MeetingStatus.PUBLISHED:
        raise ValidationError(_("This meeting is not open for answers."))
    if meeting.has_started:
        raise ValidationError(
            _("This meeting has already begun; you can no longer change your answer.")
        )
    if answer not in (Rsvp.ATTEND, Rsvp.ABSENT, Rsvp.DEPUTY):
        raise ValidationError({"answer": _("Choose whether you attend.")})
    participant = (
        Participant.objects.select_for_update()
        .filter(meeting=meeting, person=person, stands_in_for__isnull=True)
        .first()
    )
    if participant is None:
        raise ValidationError(_("You are not invited to this meeting."))
    if answer == Rsvp.DEPUTY:
        viewer = viewer_for_person(person)
        allowed = selectors.deputy_choices(viewer=viewer, meeting=meeting)
        if deputy is None or not allowed.filter(pk=deputy.pk).exists():
            raise ValidationError(
                {"deputy": _("Choose who stands in for you (your deputy or a colleague).")}
            )
        if Participant.objects.filter(
            meeting=meeting, person=deputy, stands_in_for__isnull=True
        ).exists():
            raise ValidationError(
                {
                    "deputy": _("%(name)s is invited to this meeting already.")
                    % {"name": deputy.full_name}
                }
            )
        # One person stands in for one invitee: a second would move the stand-in to them, and
        # when either then attends after all, the deputy would be told they are not needed.
        if (
            Participant.objects.filter(meeting=meeting, person=deputy)
            .exclude(stands_in_for=participant)
            .exists()
        ):
            raise ValidationError(
                {
                    "deputy": _("%(name)s already stands in for someone else at this meeting.")
                    % {"name": deputy.full_name}
                }
            )
    else:
        deputy = None
    old_deputy = participant.deputy
    participant.rsvp = answer
    participant.rsvp_at = timezone.now()
    participant.rsvp_note = note.strip()[:300]
    participant.deputy = deputy
    if answer == Rsvp.ABSENT:
        participant.presence = Presence.ABSENT_NOTICE
    elif answer == Rsvp.DEPUTY:
        participant.presence = Presence.REPRESENTED
    elif participant.presence in (Presence.ABSENT_NOTICE, Presence.REPRESENTED):
        participant.presence = Presence.UNKNOWN
    participant.save()
    if old_deputy is not None and old_deputy != deputy:
        stand_in = Participant.objects.filter(
            meeting=meeting, person=old_deputy, stands_in_for=participant
        ).first()
        if stand_in is not None:
            # Told with a key of this stand-in's own: asked again later, told again.
            occasion = str(stand_in.pk)
            stand_in.delete()
            notifications.meeting_message(
                meeting=meeting, person=old_deputy, kind="withdrawn", occasion=occasion
            )
    if deputy is not None and deputy != old_deputy:
        stand_in, _created = Participant.objects.update_or_create(
            meeting=meeting,
            person=deputy,
            defaults={
                "stands_in_for": participant,
                "organisation": participant.organisation,
                "invited": False,
                "rsvp": Rsvp.ATTEND,
                "rsvp_at": timezone.now(),
            },
        )
        notifications.meeting_message(
            meeting=meeting, person=deputy, kind="deputy", occasion=str(stand_in.pk)
        )
    _record(
        actor,
        "meetings.rsvp",
        participant,
        meeting,
        answer=answer,
        deputy=deputy.full_name if deputy else "",
        **({"via": via} if via else {}),
    )
    return participant


# --- Answers from calendar programs -----------------------------------------------------------------

CALENDAR_ANSWERS = {"ACCEPTED": Rsvp.ATTEND, "DECLINED": Rsvp.ABSENT}


@dataclass(frozen=True)
class CalendarReplyOutcome:
    result: str  # recorded, unchanged, refused, unknown
    detail: str
    participant: Participant | None = None


def calendar_replies_receive(*, message: bytes) -> list[CalendarReplyOutcome]:
    """Record the answers in one e-mail from a calendar program (``replies.parse``).

    The answer counts for the invitee whose secret is in the reply (never the e-mail's sender):
    accept means attend, decline means absent, with the same rules as on the page (through
    ``rsvp_answer``). An answer that cannot count (tentative, a delegation, after the start, a
    cancelled meeting) is not recorded, and the invitee gets an e-mail that says why and links to
    the page. An e-mail with no answer we recognise changes nothing and sends nothing, so a
    stranger learns nothing from writing to the address. Each answer is its own transaction.
    """
    from . import replies

    outcomes = []
    for reply in replies.parse(message):
        participant = selectors.calendar_reply_invitee(uid=reply.uid, tokens=reply.tokens)
        if participant is None or participant.person is None:
            outcomes.append(CalendarReplyOutcome("unknown", f"no invitee for {reply.uid}"))
            continue
        meeting, person = participant.meeting, participant.person
        answer = CALENDAR_ANSWERS.get(reply.partstat)
        # The reason of a refusal is written in the invitee's language, as the e-mail is.
        with translation.override(notifications.language_of(person)), transaction.atomic():
            if answer is None:
                reason = (
                    _("To send your deputy, choose them on the meeting page.")
                    if reply.partstat == "DELEGATED"
                    else _("A tentative answer does not count: accept or decline the invitation.")
                )
                notifications.calendar_reply_refused(
                    meeting=meeting, person=person, reason=reason, key=reply.message_key
                )
                outcomes.append(CalendarReplyOutcome("refused", reply.partstat, participant))
                continue
            if participant.rsvp == answer and reply.comment in ("", participant.rsvp_note):
                outcomes.append(CalendarReplyOutcome("unchanged", answer, participant))
                continue
            try:
                with transaction.atomic():
                    rsvp_answer(
                        actor=person.user,
                        meeting=meeting,
                        person=person,
                        answer=answer,
                        note=reply.comment or participant.rsvp_note,
                        via="calendar",
                    )
            except ValidationError as error:
                reason = " ".join(error.messages)
                notifications.calendar_reply_refused(
                    meeting=meeting, person=person, reason=reason, key=reply.message_key
                )
                outcomes.append(CalendarReplyOutcome("refused", reason, participant))
                continue
        outcomes.append(CalendarReplyOutcome("recorded", answer, participant))
    return outcomes


@dataclass
class AttendanceRow:
    participant: Participant
    presence: str
    is_new_member: bool = False


@transaction.atomic
def attendance_record(
    *,
    actor: Any,
    meeting: Meeting,
    rows: list[AttendanceRow],
    residents_present: int,
    guests: Sequence[tuple[str, str, AgendaItem | None]] = (),
) -> Meeting:
    """Who was there: present, absent with notice, represented by a deputy; new members
    welcomed; guests by name, each for the whole meeting or for one item; the number of
    residents present."""
    _require_minutes_editable(meeting)
    if residents_present < 0:
        raise ValidationError(
            {"residents_present": _("The number of residents cannot be negative.")}
        )
    for row in rows:
        if row.participant.meeting_id != meeting.pk:
            raise ValidationError(_("That participant belongs to another meeting."))
        if row.presence not in Presence.values:
            raise ValidationError(_("Unknown attendance."))
        row.participant.presence = row.presence
        row.participant.is_new_member = row.is_new_member
    Participant.objects.bulk_update([r.participant for r in rows], ["presence", "is_new_member"])
    touch_meeting(meeting.pk)
    added = []
    # The form sent twice (a double click, a page sent again) adds its guests once.
    known = {
        (g.guest_name.casefold(), g.guest_organisation.casefold(), g.item_id)
        for g in Participant.objects.filter(meeting=meeting, person__isnull=True)
    }
    for name, organisation, item in guests:
        if item is not None and item.meeting_id != meeting.pk:
            raise ValidationError(_("That item belongs to another meeting."))
        key = (
            name.strip()[:150].casefold(),
            organisation.strip()[:200].casefold(),
            item.pk if item is not None else None,
        )
        if name.strip() and key not in known:
            known.add(key)
            added.append(
                Participant.objects.create(
                    meeting=meeting,
                    item=item,
                    guest_name=name.strip()[:150],
                    guest_organisation=organisation.strip()[:200],
                    invited=False,
                    rsvp=Rsvp.ATTEND,
                    presence=Presence.PRESENT,
                )
            )
    meeting.residents_present = residents_present
    meeting.save(update_fields=["residents_present", "updated_at"])
    _record(
        actor,
        "meetings.attendance",
        meeting,
        meeting,
        present=sum(1 for r in rows if r.presence == Presence.PRESENT),
        guests=[g.guest_name for g in added],
        residents=residents_present,
        new_members=[r.participant.name for r in rows if r.is_new_member],
    )
    return meeting


@transaction.atomic
def guest_remove(*, actor: Any, participant: Participant) -> None:
    meeting = participant.meeting
    _require_minutes_editable(meeting)
    if not participant.is_guest:
        raise ValidationError(_("Only guests can be removed."))
    name = participant.guest_name
    participant.delete()
    _record(actor, "meetings.guest_remove", meeting, meeting, guest=name)


# --- Minutes ------------------------------------------------------------------------------------------


class MinutesConflict(Exception):
    """Someone saved these notes after the editor opened them; nothing was overwritten."""

    def __init__(self, section: MinutesSection) -> None:
        super().__init__("minutes changed meanwhile")
        self.section = section


@transaction.atomic
def minutes_section_save(
    *,
    actor: Any,
    item: AgendaItem,
    text: str,
    confidentiality: str | None = None,
    version: int,
) -> MinutesSection:
    """Save the notes of one item, if nobody else saved them since ``version`` was read;
    otherwise raise ``MinutesConflict`` and change nothing. Notes are never more open than
    their item."""
    meeting = item.meeting
    _require_minutes_editable(meeting)
    level = most_closed(item.confidentiality, confidentiality or item.confidentiality)
    section, _created = MinutesSection.objects.get_or_create(
        item=item, defaults={"confidentiality": level}
    )
    changed = MinutesSection.objects.filter(pk=section.pk, version=version).update(
        text=text,
        confidentiality=level,
        version=F("version") + 1,
        updated_by=actor if getattr(actor, "is_authenticated", False) else None,
        updated_at=timezone.now(),
    )
    section.refresh_from_db()
    if not changed:
        raise MinutesConflict(section)
    _record(
        actor, "meetings.minutes_save", section, meeting, item=item.number, version=section.version
    )
    return section


@transaction.atomic
def minutes_send_for_comment(*, actor: Any, meeting: Meeting) -> Meeting:
    """Draft minutes go to the invitees for comment; the next meeting of the body gets the
    item to adopt them."""
    _require_minutes_editable(meeting)
    if meeting.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError(_("These minutes have already been sent for comment."))
    if not meeting.has_started:
        raise ValidationError(_("The meeting has not taken place yet."))
    meeting.minutes_status = MinutesStatus.SENT
    meeting.minutes_sent_at = timezone.now()
    meeting.save(update_fields=["minutes_status", "minutes_sent_at", "updated_at"])
    following = selectors.later_meetings(meeting=meeting).first()
    if following is not None and not following.minutes_locked:
        _approval_item(actor=actor, meeting=meeting, at=following)
    _record(actor, "meetings.minutes_send", meeting, meeting)
    notifications.minutes_message(meeting=meeting)
    return meeting


@transaction.atomic
def minutes_comment_add(
    *, actor: Any, meeting: Meeting, author: Person, text: str, item: AgendaItem | None = None
) -> MinutesComment:
    """Someone invited to the meeting comments on its minutes while they are sent for comment:
    on an item they may see, or on the minutes as a whole. The comment is for the secretariat."""
    if meeting.minutes_status != MinutesStatus.SENT:
        raise ValidationError(_("Comments are taken while the minutes are sent for comment."))
    if not Participant.objects.filter(meeting=meeting, person=author).exists():
        raise ValidationError(_("Only the people invited to this meeting comment on its minutes."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    if len(text) > 2000:
        raise ValidationError({"text": _("Keep it short: at most 2000 characters.")})
    if item is not None:
        visible = selectors.agenda_for(viewer=viewer_for_person(author), meeting=meeting).flat
        if item.meeting_id != meeting.pk or item.pk not in {i.pk for i in visible}:
            raise ValidationError({"item": _("Choose an item of these minutes.")})
    comment = MinutesComment.objects.create(meeting=meeting, item=item, author=author, text=text)
    _record(
        actor,
        "meetings.minutes_comment_add",
        comment,
        meeting,
        item=item.number if item else "",
        text=text,
    )
    return comment


@transaction.atomic
def minutes_comment_handle(*, actor: Any, comment: MinutesComment, handled: bool) -> MinutesComment:
    """The secretariat marks a comment as processed in the minutes (or open again)."""
    meeting = comment.meeting
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes of this meeting are approved and locked."))
    comment.handled_at = timezone.now() if handled else None
    comment.handled_by = actor if handled and getattr(actor, "is_authenticated", False) else None
    comment.save(update_fields=["handled_at", "handled_by", "updated_at"])
    _record(actor, "meetings.minutes_comment_handle", comment, meeting, handled=handled)
    return comment


@transaction.atomic
def minutes_comment_withdraw(*, actor: Any, comment: MinutesComment) -> None:
    """The author takes a comment back, as long as the secretariat has not processed it."""
    meeting = comment.meeting
    if meeting.minutes_status != MinutesStatus.SENT:
        raise ValidationError(_("Comments are taken while the minutes are sent for comment."))
    if comment.is_handled:
        raise ValidationError(_("The secretariat has already processed this comment."))
    _record(actor, "meetings.minutes_comment_withdraw", meeting, meeting, text=comment.text)
    comment.delete()


def _long_date(meeting: Meeting) -> str:
    return str(datum(meeting.starts_at))


def _approval_item(*, actor: Any, meeting: Meeting, at: Meeting) -> AgendaItem:
    existing = AgendaItem.objects.filter(meeting=at, minutes_of=meeting).first()
    if existing is not None:
        return existing

    return agenda_item_add(
        actor=actor,
        meeting=at,
        title=_("Minutes of the meeting of %(date)s") % {"date": datum(meeting.starts_at)},
        purpose=Purpose.ADOPT,
        duration_minutes=5,
        confidentiality=Confidentiality.NETWORK,
        minutes_of=meeting,
        # Right after the opening, where Dutch boards adopt the previous minutes.
        at_index=1,
    )


@transaction.atomic
def minutes_approve(*, actor: Any, meeting: Meeting, approved_in: Meeting) -> Meeting:
    """Adopt the minutes in a later meeting of the body (an item of that meeting's agenda).
    Approved minutes are locked."""
    _require_open(meeting)
    if meeting.minutes_status != MinutesStatus.SENT:
        raise ValidationError(_("Send the minutes for comment before they are approved."))
    if approved_in.body_id != meeting.body_id or approved_in.starts_at <= meeting.starts_at:
        raise ValidationError(
            {"approved_in": _("Minutes are approved in a later meeting of the same body.")}
        )
    if approved_in.is_cancelled:
        raise ValidationError({"approved_in": _("That meeting has been cancelled.")})
    if approved_in.is_draft:
        raise ValidationError(
            {
                "approved_in": _(
                    "That meeting is still a draft: publish it, or record it if it is over, first."
                )
            }
        )
    if approved_in.starts_at > timezone.now():
        raise ValidationError(
            {
                "approved_in": _(
                    "Minutes are approved in a meeting that has taken place; the meeting of "
                    "%(date)s has not begun yet."
                )
                % {"date": _long_date(approved_in)}
            }
        )
    _approval_item(actor=actor, meeting=meeting, at=approved_in)
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = actor if getattr(actor, "is_authenticated", False) else None
    meeting.minutes_approved_in = approved_in
    meeting.save(
        update_fields=[
            "minutes_status",
            "minutes_approved_at",
            "minutes_approved_by",
            "minutes_approved_in",
            "updated_at",
        ]
    )
    _record(actor, "meetings.minutes_approve", meeting, meeting, approved_in=str(approved_in))
    return meeting


# --- Decisions and actions -------------------------------------------------------------------------------


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    meeting: Meeting,
    item: AgendaItem | None,
    text: str,
    confidentiality: str | None = None,
) -> Decision:
    """A decision, at its item's level unless another is chosen (a decision may be published
    from a closed deliberation, but never by default)."""
    _require_minutes_editable(meeting)
    confidentiality = _level_within(item, confidentiality)
    if not text.strip():
        raise ValidationError({"text": _("Write down what was decided.")})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": _("That item belongs to another meeting.")})
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Unknown confidentiality level.")})
    decision = Decision(
        meeting=meeting,
        item=item,
        text=text.strip(),
        confidentiality=confidentiality,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    decision.full_clean()
    decision.save()
    _record(
        actor,
        "meetings.decision_record",
        decision,
        meeting,
        text=decision.text,
        confidentiality=confidentiality,
    )
    return decision


@transaction.atomic
def decision_delete(*, actor: Any, decision: Decision) -> None:
    meeting = decision.meeting
    _require_minutes_editable(meeting)
    text = decision.text
    decision.delete()
    _record(actor, "meetings.decision_delete", meeting, meeting, text=text)


DECISION_FIELDS = ("text", "confidentiality")


class EditConflict(ValidationError):
    """Someone else saved the decision or action after this form was opened (``version``)."""


def _require_version(obj: Decision | Action, version: str | None, message: str) -> None:
    """Two people correcting the same decision or action never silently overwrite each other:
    the form carries the version it was opened at (``updated_at``), checked under a row lock.
    ``message`` may name ``%(saved)s``: the text saved meanwhile."""
    if version is None:
        return
    current = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
    if current is None or current.version != version:
        saved = getattr(current, "text", None) or getattr(current, "description", "")
        raise EditConflict(message % {"saved": saved})


def current_version(obj: Decision | Action) -> str:
    """The version saved now (after a conflict, the form carries it to save again)."""
    current = type(obj).objects.filter(pk=obj.pk).first()
    return current.version if current is not None else ""


@transaction.atomic
def decision_update(
    *,
    actor: Any,
    decision: Decision,
    text: str,
    confidentiality: str | None,
    version: str | None = None,
) -> Decision:
    """Correct a decision (a typo, another level), with the same rules as ``decision_record``;
    not once the minutes are approved, nor when someone else saved it after ``version`` was
    read (``EditConflict``)."""
    meeting = decision.meeting
    _require_minutes_editable(meeting)
    _require_version(
        decision,
        version,
        _(
            "Someone else changed this decision after you opened this page. It now reads: "
            "“%(saved)s”. Your text is kept below: save again to replace it, or go back."
        ),
    )
    confidentiality = _level_within(decision.item, confidentiality)
    if not text.strip():
        raise ValidationError({"text": _("Write down what was decided.")})
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Unknown confidentiality level.")})
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.text = text.strip()
    decision.confidentiality = confidentiality
    decision.full_clean()
    decision.save()
    changes = audit.diff(before, audit.snapshot(decision, DECISION_FIELDS))
    _record(actor, "meetings.decision_update", decision, meeting, **changes)
    return decision


def _level_within(item: AgendaItem | None, confidentiality: str | None) -> str:
    """The level of a decision or action: the one chosen, else its item's (else the network)."""
    if confidentiality:
        return confidentiality
    return item.confidentiality if item is not None else Confidentiality.NETWORK


def _check_owner(
    *,
    network_id: int,
    meeting: Meeting | None,
    item: AgendaItem | None,
    owner_person: Person | None,
    owner_organisation: Organisation | None,
    confidentiality: str,
) -> None:
    if owner_person is None and owner_organisation is None:
        raise ValidationError(
            {"owner_person": _("Choose who carries out the action: a person or an organisation.")}
        )
    if owner_person is not None and owner_organisation is not None:
        # One owner, so "mine" and "my organisation's" never disagree on whose action it is.
        raise ValidationError(
            {"owner_organisation": _("Choose a person or an organisation, not both.")}
        )
    if owner_organisation is not None and owner_organisation.network_id != network_id:
        raise ValidationError(
            {"owner_organisation": _("That organisation is not part of this network.")}
        )
    if owner_person is not None:
        sees = _person_sees(
            owner_person,
            network_id=network_id,
            meeting=meeting,
            item=item,
            confidentiality=confidentiality,
        )
        if not sees:
            raise ValidationError(
                {
                    "owner_person": _(
                        "%(name)s may not see an action at this confidentiality level."
                    )
                    % {"name": owner_person.full_name}
                }
            )
    if owner_organisation is not None and confidentiality == Confidentiality.MEMBERS:
        roles = set(
            Membership.objects.filter(
                active_q(), network=network_id, organisation=owner_organisation
            ).values_list("role", flat=True)
        )
        if roles and roles <= {"partner"}:
            raise ValidationError(
                {
                    "owner_organisation": _(
                        "%(name)s is a partner and may not see an action for members only."
                    )
                    % {"name": owner_organisation.name}
                }
            )
    if owner_organisation is not None and not _organisation_sees(
        network_id=network_id,
        meeting=meeting,
        item=item,
        organisation=owner_organisation,
        confidentiality=confidentiality,
    ):
        # E.g. "body only", and nobody of the organisation sits in the body: nobody there would
        # see the action or be reminded of it.
        raise ValidationError(
            {
                "owner_organisation": _(
                    "Nobody of %(name)s may see an action at this confidentiality level."
                )
                % {"name": owner_organisation.name}
            }
        )


def _organisation_sees(
    *,
    network_id: int,
    meeting: Meeting | None,
    item: AgendaItem | None,
    organisation: Organisation,
    confidentiality: str,
) -> bool:
    """Whether someone who represents ``organisation`` may see an action at this level (one
    without anyone yet counts as seeing it: its people will, once added with the right role)."""
    people = [
        m.person
        for m in Membership.objects.filter(
            active_q(), network=network_id, organisation=organisation
        ).select_related("person", "person__user")
    ]
    if not people:
        return True
    return any(
        _person_sees(
            person,
            network_id=network_id,
            meeting=meeting,
            item=item,
            confidentiality=confidentiality,
        )
        for person in people
    )


def _person_sees(
    person: Person,
    *,
    network_id: int,
    meeting: Meeting | None,
    item: AgendaItem | None,
    confidentiality: str,
) -> bool:
    """Whether ``person`` may see an action at this level: on a meeting's item, with the seat of
    a member they stand in for at that meeting."""
    viewer = viewer_for_person(person)
    if meeting is not None:
        return selectors.can_see_on_item(viewer, level=confidentiality, item=item, meeting=meeting)
    return can_see_level(viewer, level=confidentiality, network_id=network_id)


@transaction.atomic
def action_create(
    *,
    actor: Any,
    meeting: Meeting,
    item: AgendaItem | None,
    description: str,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    due_date: date | None = None,
    confidentiality: str | None = None,
    decision: Decision | None = None,
    request_code: uuid.UUID | None = None,
) -> Action:
    """An action from the minutes: what, who (a person or an organisation), by when; at its
    item's level unless another is chosen."""
    _require_minutes_editable(meeting)
    confidentiality = _level_within(item, confidentiality)
    if not description.strip():
        raise ValidationError({"description": _("Describe what has to be done.")})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": _("That item belongs to another meeting.")})
    _check_owner(
        network_id=meeting.network_id,
        meeting=meeting,
        item=item,
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        confidentiality=confidentiality,
    )
    action = Action(
        network=meeting.network,
        meeting=meeting,
        item=item,
        decision=decision,
        description=description.strip(),
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        due_date=due_date,
        confidentiality=confidentiality,
        request_code=request_code,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    action.full_clean()
    action.save()
    _record(
        actor,
        "meetings.action_create",
        action,
        meeting,
        description=action.description,
        owner=action.owner_label,
        due_date=due_date,
    )
    return action


ACTION_FIELDS = (
    "description",
    "owner_person",
    "owner_organisation",
    "due_date",
    "confidentiality",
)


@transaction.atomic
def action_update(
    *,
    actor: Any,
    action: Action,
    description: str,
    owner_person: Person | None,
    owner_organisation: Organisation | None,
    due_date: date | None,
    confidentiality: str | None,
    version: str | None = None,
) -> Action:
    """Correct an action (a typo, another owner, another deadline), with the same rules as
    ``action_create``; not once the minutes it comes from are approved, nor when someone else
    saved it after ``version`` was read (``EditConflict``). One action of a request to every
    organisation changes alone."""
    meeting = action.meeting
    if meeting is not None:
        _require_minutes_editable(meeting)
    _require_version(
        action,
        version,
        _(
            "Someone else changed this action after you opened this page. It now reads: "
            "“%(saved)s”. Your text is kept below: save again to replace it, or go back."
        ),
    )
    confidentiality = _level_within(action.item, confidentiality)
    if not description.strip():
        raise ValidationError({"description": _("Describe what has to be done.")})
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Unknown confidentiality level.")})
    _check_owner(
        network_id=action.network_id,
        meeting=meeting,
        item=action.item,
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        confidentiality=confidentiality,
    )
    before = audit.snapshot(action, ACTION_FIELDS)
    action.description = description.strip()
    action.owner_person = owner_person
    action.owner_organisation = owner_organisation
    action.due_date = due_date
    action.confidentiality = confidentiality
    action.full_clean()
    action.save()
    audit.record(
        actor=actor,
        action="meetings.action_update",
        target=action,
        network=action.network,
        changes=audit.diff(before, audit.snapshot(action, ACTION_FIELDS)),
    )
    return action


@transaction.atomic
def action_request_organisations(
    *,
    actor: Any,
    meeting: Meeting,
    item: AgendaItem | None,
    description: str,
    due_date: date | None,
    confidentiality: str | None = None,
    include_partners: bool = False,
    request_code: uuid.UUID | None = None,
) -> list[Action]:
    """A request to every member organisation ("send changes to the manifest by 14 November"):
    one action per organisation, sharing one request code. ``request_code``: made when the form
    was shown; the same form sent again returns the actions it made the first time."""
    if request_code is not None:
        made = list(Action.objects.filter(meeting=meeting, request_code=request_code))
        if made:
            return made
        if Action.objects.filter(request_code=request_code).exists():
            request_code = None  # another meeting's code: not ours to share
    if due_date is None:
        raise ValidationError({"due_date": _("A request to every organisation needs a deadline.")})
    confidentiality = _level_within(item, confidentiality)
    if include_partners and confidentiality == Confidentiality.MEMBERS:
        raise ValidationError(
            {"confidentiality": _("Partners cannot receive a request for members only.")}
        )
    organisations = selectors.member_organisations(
        network=meeting.network, include_partners=include_partners
    )
    if not organisations:
        raise ValidationError(_("The network has no member organisations yet."))
    # On a "body only" item: the organisations of the body (the others could not see it).
    organisations = [
        organisation
        for organisation in organisations
        if _organisation_sees(
            network_id=meeting.network_id,
            meeting=meeting,
            item=item,
            organisation=organisation,
            confidentiality=confidentiality,
        )
    ]
    if not organisations:
        raise ValidationError(
            {
                "confidentiality": _(
                    "No member organisation may see a request at this confidentiality level."
                )
            }
        )
    code = request_code or uuid.uuid4()
    return [
        action_create(
            actor=actor,
            meeting=meeting,
            item=item,
            description=description,
            owner_organisation=organisation,
            due_date=due_date,
            confidentiality=confidentiality,
            request_code=code,
        )
        for organisation in organisations
    ]


@transaction.atomic
def action_set_status(*, actor: Any, action: Action, done: bool) -> Action:
    """Mark an action done, or open again."""
    status = ActionStatus.DONE if done else ActionStatus.OPEN
    if action.status == status:
        return action
    action.status = status
    action.completed_at = timezone.now() if done else None
    action.completed_by = actor if done and getattr(actor, "is_authenticated", False) else None
    action.save(update_fields=["status", "completed_at", "completed_by", "updated_at"])
    audit.record(
        actor=actor,
        action="meetings.action_done" if done else "meetings.action_reopen",
        target=action,
        network=action.network,
        changes={"status": status},
    )
    return action


@transaction.atomic
def action_delete(*, actor: Any, action: Action) -> None:
    if action.meeting is not None:
        _require_minutes_editable(action.meeting)
    label = str(action)
    network = action.network
    action.delete()
    audit.record(
        actor=actor,
        action="meetings.action_delete",
        target=None,
        network=network,
        changes={"action": label},
    )


# --- Reflections ---------------------------------------------------------------------------------------------


@transaction.atomic
def reflection_add(
    *,
    actor: Any,
    meeting: Meeting,
    author: Person,
    text: str,
    confidentiality: str = Confidentiality.NETWORK,
) -> Reflection:
    """A short lesson learned, once the meeting has begun."""
    if not meeting.has_started:
        raise ValidationError(_("Lessons learned are added once the meeting has begun."))
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled."))
    if not text.strip():
        raise ValidationError({"text": _("Write down what you learned.")})
    if len(text) > 2000:
        raise ValidationError({"text": _("Keep it short: at most 2000 characters.")})
    if not selectors.can_see_in(viewer_for_person(author), level=confidentiality, meeting=meeting):
        # It would vanish from the writer's own view the moment it is saved.
        raise ValidationError(
            {"confidentiality": _("Choose a level at which you can read your lesson yourself.")}
        )
    reflection = Reflection(
        meeting=meeting, author=author, text=text.strip(), confidentiality=confidentiality
    )
    reflection.full_clean()
    reflection.save()
    _record(actor, "meetings.reflection_add", reflection, meeting, text=reflection.text)
    return reflection


# --- Calendar links ------------------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_create(*, actor: Any) -> str:
    """A new secret address for the user's calendar feed; the previous one stops working."""
    calendar_token_revoke(actor=actor, quiet=True)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(user=actor, token_hash=hashlib.sha256(token.encode()).hexdigest())
    audit.record(actor=actor, action="meetings.calendar_link_create", target=actor)
    return token


@transaction.atomic
def calendar_token_revoke(*, actor: Any, quiet: bool = False) -> int:
    revoked = CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked and not quiet:
        audit.record(actor=actor, action="meetings.calendar_link_revoke", target=actor)
    return revoked


# --- Reminders ---------------------------------------------------------------------------------------------------


@dataclass
class ReminderReport:
    meetings: int = 0
    meeting_messages: int = 0
    actions: int = 0
    action_messages: int = 0
    failed: list[str] = field(default_factory=list)


def send_reminders(*, now: datetime | None = None, action_days: int = 3) -> ReminderReport:
    """Queue the reminders that are due: meetings (``reminder_days`` before) and actions
    (``action_days`` before the deadline, and once more when overdue). Each reminder has its
    own e-mail key, so running this again (every hour, by cron) sends nothing twice. One
    meeting or action that cannot be written (logged, and named in ``failed``) does not stop
    the reminders after it."""
    from bestuurstafel.core.models import OutboundEmail

    now = now or timezone.now()
    today = timezone.localdate(now)
    report = ReminderReport()
    before = OutboundEmail.objects.count()
    for meeting in selectors.meetings_needing_reminders(now=now):
        try:
            with transaction.atomic():
                notifications.meeting_messages(meeting=meeting, kind="reminder")
        except Exception:
            logger.exception("Reminders of meeting %s failed", meeting.code)
            report.failed.append(f"meeting {meeting.code}")
        else:
            report.meetings += 1
    report.meeting_messages = OutboundEmail.objects.count() - before
    before = OutboundEmail.objects.count()
    for action in selectors.actions_needing_reminders(today=today, days_before=action_days):
        try:
            with transaction.atomic():
                notifications.action_reminder(action=action, today=today)
        except Exception:
            logger.exception("Reminder of action %s failed", action.pk)
            report.failed.append(f"action {action.pk}")
        else:
            report.actions += 1
    report.action_messages = OutboundEmail.objects.count() - before
    return report
