"""iCalendar (RFC 5545) for meetings and action deadlines: invitations, updates, cancellations
and feeds. Times are in Europe/Amsterdam with a VTIMEZONE; every meeting keeps one UID for its
whole life and raises SEQUENCE on every change sent out, so calendars update the same event.

The caller passes only what the reader may see (the agenda items from the selectors).
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from bestuurstafel.core.templatetags.bt import datum

from .models import Action, AgendaItem, Meeting, MeetingStatus

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Bestuurstafel//Vergaderingen//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"
REPLY_SALT = "bestuurstafel.meetings.calendar-reply"


def _organizer(reply_to: str | None = None) -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{reply_to or address or 'noreply@bestuurstafel.invalid'}")
    organizer.params["cn"] = vText(name or "Bestuurstafel")
    return organizer


def reply_token(meeting: Meeting, person_code: object) -> str:
    """A secret for one invitee and one meeting. It travels in the organizer's address of the
    invitation, which calendar programs copy into their reply: whoever answers with it answers
    for that invitee (the sender of a reply e-mail proves nothing)."""
    mac = salted_hmac(REPLY_SALT, f"{meeting.ical_uid}|{person_code}", algorithm="sha256")
    return mac.hexdigest()[:24]


def reply_address(meeting: Meeting, person_code: object) -> str | None:
    """``antwoord+<token>@domain`` for ``MEETING_REPLY_ADDRESS = antwoord@domain``; None when
    replies are not read."""
    configured = settings.MEETING_REPLY_ADDRESS
    if not configured or "@" not in configured:
        return None
    local, domain = configured.rsplit("@", 1)
    return f"{local}+{reply_token(meeting, person_code)}@{domain}"


def _description(meeting: Meeting, items: Iterable[AgendaItem], url: str, *, online: bool) -> str:
    lines = []
    if meeting.description:
        lines += [meeting.description, ""]
    items = list(items)
    if items:
        lines.append(_("Agenda"))
        for item in items:
            start = timezone.localtime(item.planned_start(), AMSTERDAM).strftime("%H:%M")
            presenter = f" ({item.presenter_label})" if item.presenter_label else ""
            lines.append(f"{item.number}. {start} {item.title}{presenter}")
        lines.append("")
    if online and meeting.online_url:
        lines += [_("Online: %(url)s") % {"url": meeting.online_url}, ""]
    lines.append(url)
    return "\n".join(lines)


def meeting_event(
    meeting: Meeting,
    items: Iterable[AgendaItem],
    *,
    url: str,
    online: bool,
    attendee: str | None = None,
    cancelled: bool | None = None,
    reply_to: str | None = None,
    withdrawn: bool = False,
) -> Event:
    """One VEVENT for a meeting, with the agenda the reader may see in its description.

    ``online``: whether the reader gets the online meeting link. Only people who are logged in
    (or known, as invitees and owners of a calendar key) do, as on the meeting page: the link
    lets anyone into the meeting, also of a public one.

    With ``reply_to`` (see ``reply_address``) the attendee is asked for an answer (RSVP=TRUE),
    which their calendar program sends to that address.

    ``withdrawn``: for a CANCEL that takes one attendee off (a deputy no longer needed) while
    the meeting goes on: no STATUS, as RFC 5546 (3.2.5) says for that case."""
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    event.add("dtstart", meeting.starts_at.astimezone(AMSTERDAM))
    event.add("dtend", meeting.ends_at.astimezone(AMSTERDAM))
    event.add("summary", meeting.title_with_body)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", url)
    event.add("description", _description(meeting, items, url, online=online))
    event.add("organizer", _organizer(reply_to))
    if attendee:
        who = vCalAddress(f"mailto:{attendee}")
        who.params["role"] = vText("REQ-PARTICIPANT")
        if reply_to:
            who.params["partstat"] = vText("NEEDS-ACTION")
            who.params["rsvp"] = vText("TRUE")
        else:
            who.params["rsvp"] = vText("FALSE")
        event.add("attendee", who)
    if withdrawn:
        pass
    elif cancelled if cancelled is not None else meeting.status == MeetingStatus.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    # No LAST-MODIFIED (optional in RFC 5545): the meeting's ``updated_at`` also moves when an
    # item the reader may not see changes, so it would tell them that and when. Calendars
    # follow SEQUENCE (raised on every change sent) and DTSTAMP.
    return event


def action_event(action: Action, *, url: str) -> Event:
    """An all-day event on the deadline of an open action."""
    assert action.due_date is not None
    event = Event()
    event.add("uid", f"action-{action.code}@bestuurstafel")
    event.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    event.add("dtstart", action.due_date)
    event.add("dtend", action.due_date + timedelta(days=1))
    event.add("summary", _("Deadline: %(what)s") % {"what": action.description[:120]})
    event.add("description", f"{action.description}\n\n{action.owner_label}\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def calendar(events: Iterable[Event], *, name: str, method: str | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    # A property icalendar does not know is not escaped: one line, whatever the title holds.
    cal.add("x-wr-calname", " ".join(name.split()))
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    events = list(events)
    for event in events:
        cal.add_component(event)
    starts = [e.decoded("dtstart") for e in events]
    first = min(
        (s.date() if isinstance(s, datetime) else s for s in starts), default=date(2020, 1, 1)
    )
    cal.add_missing_timezones(first_date=first - timedelta(days=366), last_date=date(2038, 1, 1))
    return bytes(cal.to_ical())


def invitation_title(meeting: Meeting) -> str:
    return f"{meeting.title}, {datum(meeting.starts_at)}"
