"""E-mails about meetings and actions. Each message is built for one recipient from what that
recipient may see (``viewer_for_person`` + the selectors), and queued with a key that makes a
second attempt a no-op; the task worker delivers it.

Services call these inside their transaction: the stored e-mail and the change it reports are
saved together, and delivery starts after the commit (``core.mail``).
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from bestuurstafel.core import mail
from bestuurstafel.networks.access import can_see_level, viewer_for_person
from bestuurstafel.networks.models import FULL_MEMBER_ROLES, Membership, Person, active_q

from . import documents, ical, selectors
from .models import Action, Meeting, MeetingStatus, Participant, Rsvp
from .permissions import can_manage_meeting

KINDS = ("invitation", "update", "cancellation", "reminder", "deputy", "withdrawn")
# The kinds that take the meeting out of the recipient's calendar: the meeting is cancelled, or
# (withdrawn) a deputy is no longer needed while the meeting goes on.
REMOVING = ("cancellation", "withdrawn")
ANSWERABLE = ("invitation", "update", "reminder")


def absolute(path: str) -> str:
    return f"{settings.SITE_ROOT}{path}"


def meeting_url(meeting: Meeting) -> str:
    return absolute(
        reverse("meetings:detail", kwargs={"slug": meeting.network.slug, "code": meeting.code})
    )


def language_of(person: Person) -> str:
    user = person.user if person.user_id is not None else None
    return getattr(user, "language", "") or "nl"


def _address(person: Person) -> str | None:
    """Where to write to ``person``: their address, unless they have none or a login that was
    switched off (a switched-off login sees nothing on its pages, so it is told nothing by
    e-mail either; ``viewer_for_person`` says the same)."""
    if not person.email:
        return None
    if person.user_id is not None and not person.user.is_active:  # type: ignore[union-attr]
        return None
    return person.email


def meeting_message(
    *,
    meeting: Meeting,
    person: Person,
    kind: str,
    previous: Meeting | None = None,
    occasion: str = "",
) -> bool:
    """Queue one message about ``meeting`` for ``person``, with the calendar event attached.

    ``kind``: invitation, update, cancellation, reminder, deputy (an invitation to stand in) or
    withdrawn (a deputy no longer needed). ``previous``: for an update, the time and place
    before the change (an unsaved copy). ``occasion``: what makes this message another one than
    an earlier of the same kind and sequence (a deputy asked again after being withdrawn: the
    stand-in's row), so that its key is new.
    Returns False when there is nothing to send (no address, or nothing the person may see).
    """
    assert kind in KINDS
    if (address := _address(person)) is None:
        return False
    viewer = viewer_for_person(person)
    if not selectors.meeting_is_visible(viewer, meeting):
        return False
    agenda = selectors.agenda_for(viewer=viewer, meeting=meeting)
    url = meeting_url(meeting)
    removes = kind in REMOVING
    method = "CANCEL" if removes else "REQUEST"
    # An invitee (not a deputy standing in) may answer from their calendar program, when the
    # replies are read (``MEETING_REPLY_ADDRESS``).
    invitee = Participant.objects.filter(
        meeting=meeting, person=person, stands_in_for__isnull=True
    ).exists()
    reply_to = None
    if invitee and kind in ANSWERABLE and meeting.status == MeetingStatus.PUBLISHED:
        reply_to = ical.reply_address(meeting, person.code)
    event = ical.meeting_event(
        meeting,
        agenda.flat,
        url=url,
        online=True,
        attendee=person.email,
        reply_to=reply_to,
        withdrawn=kind == "withdrawn",
    )
    with translation.override(language_of(person)):
        # "Vergadering Plenair overleg 2025-10-09.ics", in the recipient's language.
        ics_name = documents.filename(meeting, gettext("Meeting"), "ics")
    attachment = mail.Attachment(
        filename=ics_name,
        content=ical.calendar([event], name=f"{meeting.title}", method=method).decode(),
        mimetype=f"text/calendar; method={method}; charset=utf-8",
    )
    key = f"meetings:{meeting.code}:{kind}:{meeting.sequence}:{person.code}"
    if occasion:
        key = f"{key}:{occasion}"
    if kind == "reminder":
        key = f"meetings:{meeting.code}:reminder:{meeting.starts_at:%Y%m%d%H%M}:{person.code}"
    mail.queue_template(
        key=key,
        to=[address],
        template="meetings/email/meeting",
        context={
            "kind": kind,
            "removes": removes,
            "meeting": meeting,
            "person": person,
            "agenda": agenda,
            "url": url,
            "site_root": settings.SITE_ROOT,
            "calendar_answers": reply_to is not None,
            # An invitee is asked to answer; a deputy standing in (also in a reminder) is not.
            "asks_answer": invitee and kind in ("invitation", "reminder"),
            "previous": _what_changed(meeting, previous),
        },
        language=language_of(person),
        attachments=[attachment],
    )
    return True


def _what_changed(meeting: Meeting, previous: Meeting | None) -> Meeting | None:
    """The time and place before an update, if one of them changed (else nothing to say)."""
    if previous is None:
        return None
    same = (previous.starts_at, previous.ends_at, previous.location) == (
        meeting.starts_at,
        meeting.ends_at,
        meeting.location,
    )
    return None if same else previous


def recipients(meeting: Meeting, *, kind: str) -> list[Person]:
    """Who hears about a meeting: its invitees and the deputies standing in for them. A
    reminder skips those who declined or sent a deputy."""
    participants = Participant.objects.filter(meeting=meeting, person__isnull=False).select_related(
        "person", "person__user"
    )
    people = []
    for participant in participants:
        if kind == "reminder" and participant.rsvp in (Rsvp.ABSENT, Rsvp.DEPUTY):
            continue
        assert participant.person is not None
        people.append(participant.person)
    return people


def meeting_messages(*, meeting: Meeting, kind: str, previous: Meeting | None = None) -> int:
    return sum(
        meeting_message(meeting=meeting, person=person, kind=kind, previous=previous)
        for person in recipients(meeting, kind=kind)
    )


def calendar_reply_refused(*, meeting: Meeting, person: Person, reason: str, key: str) -> None:
    """Tell an invitee that the answer their calendar program sent did not count, and why. The
    same reply read twice (``key``) sends one e-mail."""
    if (address := _address(person)) is None:
        return
    mail.queue_template(
        key=f"meetings:{meeting.code}:reply-refused:{person.code}:{key}",
        to=[address],
        template="meetings/email/reply_refused",
        context={
            "meeting": meeting,
            "person": person,
            "reason": reason,
            "url": meeting_url(meeting),
        },
        language=language_of(person),
    )


def minutes_message(*, meeting: Meeting) -> int:
    """Tell the invitees that the minutes are ready for comment (a link, not the content)."""
    count = 0
    url = absolute(
        reverse("meetings:minutes", kwargs={"slug": meeting.network.slug, "code": meeting.code})
    )
    for person in recipients(meeting, kind="minutes"):
        if (address := _address(person)) is None:
            continue
        viewer = viewer_for_person(person)
        if not selectors.minutes_can_read(viewer, meeting) or not selectors.meeting_is_visible(
            viewer, meeting
        ):
            continue
        # Who manages the meeting (its chair, the secretary) changes the minutes rather than
        # commenting on them: they are told that the minutes went out, not asked to comment.
        manages = can_manage_meeting(viewer, meeting)
        mail.queue_template(
            key=f"meetings:{meeting.code}:minutes-sent:{person.code}",
            to=[address],
            template="meetings/email/minutes",
            context={"meeting": meeting, "person": person, "url": url, "manages": manages},
            language=language_of(person),
        )
        count += 1
    return count


def action_people(action: Action) -> list[Person]:
    """The owner, or for an organisation the people who represent it (its members and its
    partners: a partner organisation can own an action)."""
    if action.owner_person is not None:
        return [action.owner_person]
    memberships = Membership.objects.filter(
        active_q(),
        network=action.network_id,
        organisation=action.owner_organisation_id,
        role__in=FULL_MEMBER_ROLES | {"partner"},
    ).select_related("person", "person__user")
    return [m.person for m in memberships]


def action_reminder(*, action: Action, today: date) -> int:
    """A reminder before the deadline, and one more once it has passed: each sent once."""
    assert action.due_date is not None
    stage = "overdue" if action.due_date < today else "due"
    url = absolute(reverse("meetings:actions", kwargs={"slug": action.network.slug}))
    count = 0
    for person in action_people(action):
        if (address := _address(person)) is None:
            continue
        viewer = viewer_for_person(person)
        if not viewer.is_in(action.network_id):
            # An owner whose membership ended: the secretary picks a new one (the action list
            # shows who owned it); the former owner is not reminded, even of a public action.
            continue
        if action.meeting is not None:
            sees = selectors.can_see_on_item(
                viewer, level=action.confidentiality, item=action.item, meeting=action.meeting
            )
        else:
            sees = can_see_level(viewer, level=action.confidentiality, network_id=action.network_id)
        if not sees:
            continue
        context: dict[str, Any] = {"action": action, "person": person, "url": url, "stage": stage}
        mail.queue_template(
            key=f"meetings:action:{action.code}:{stage}:{action.due_date:%Y%m%d}:{person.code}",
            to=[address],
            template="meetings/email/action",
            context=context,
            language=language_of(person),
        )
        count += 1
    return count
