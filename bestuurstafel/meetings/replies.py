"""Reading the answers that calendar programs send back to an invitation (iTIP REPLY, RFC 5546).

When ``MEETING_REPLY_ADDRESS`` is set, every invitee's invitation names a personal organizer
address (``antwoord+<token>@domain``, see ``ical.reply_address``) and asks for an answer. Outlook,
Apple Calendar, Thunderbird and Google Calendar send "accept" or "decline" to that address as an
e-mail with a ``METHOD:REPLY`` calendar part that repeats the event's UID and the organizer. This
module only takes such an e-mail apart; ``services.calendar_replies_receive`` decides what it
means. Nothing here touches the database.
"""

import email
import email.policy
import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses

from icalendar import Calendar

# A reply with its calendar part is a few kilobytes; refuse anything far larger unread.
MAX_MESSAGE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class CalendarReply:
    uid: str
    tokens: tuple[str, ...]  # from the organizer in the reply, then from the e-mail's recipients
    partstat: str  # ACCEPTED, DECLINED, TENTATIVE, DELEGATED, ...
    comment: str
    message_key: str  # the same e-mail read twice gives the same key


def _token(address: str) -> str:
    address = address.strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    local = address.split("@", 1)[0]
    return local.rsplit("+", 1)[1].lower() if "+" in local else ""


def _calendar_parts(message: EmailMessage) -> list[str]:
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        name = (part.get_filename() or "").lower()
        if kind not in ("text/calendar", "application/ics") and not name.endswith(".ics"):
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            charset = part.get_content_charset() or "utf-8"
            try:
                parts.append(payload.decode(charset, errors="replace"))
            except LookupError:  # a charset Python does not know: read it as UTF-8
                parts.append(payload.decode("utf-8", errors="replace"))
    return parts


def _raw_headers(message: EmailMessage, *names: str) -> list[str]:
    """The values of these headers as sent, unparsed: the modern header parser of the standard
    library raises on some malformed addresses (``To: =?utf-8?q?=ZZ?= <x@``), and one such
    e-mail must not stop the answers behind it in the mailbox. ``getaddresses`` and a plain
    string are all this module needs."""
    wanted = {name.lower() for name in names}
    return [str(value) for name, value in message.raw_items() if name.lower() in wanted]


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def parse(raw: bytes) -> list[CalendarReply]:
    """The calendar answers in one e-mail (usually one; none for any other e-mail)."""
    if len(raw) > MAX_MESSAGE_BYTES:
        return []
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    message_id = next(iter(_raw_headers(message, "Message-ID")), "")
    key = message_id.strip() or hashlib.sha256(raw).hexdigest()
    recipients = getaddresses(_raw_headers(message, "Delivered-To", "To", "Cc"))
    header_tokens = [t for t in (_token(addr) for _name, addr in recipients) if t]
    replies = []
    for text in _calendar_parts(message):
        try:
            calendars = Calendar.from_ical(text, multiple=True)
        except ValueError:
            continue
        for calendar in calendars:
            if str(calendar.get("method", "")).upper() != "REPLY":
                continue
            for event in calendar.walk("VEVENT"):
                attendees = _as_list(event.get("attendee"))
                if not event.get("uid") or not attendees:
                    continue
                attendee = attendees[0]
                partstat = str(getattr(attendee, "params", {}).get("PARTSTAT", "")).upper()
                organizer_token = _token(str(event.get("organizer", "")))
                tokens = tuple(dict.fromkeys(t for t in (organizer_token, *header_tokens) if t))
                replies.append(
                    CalendarReply(
                        uid=str(event.get("uid")).strip(),
                        tokens=tokens,
                        partstat=partstat,
                        comment=str(event.get("comment", "")).strip(),
                        message_key=hashlib.sha256(
                            f"{key}|{event.get('uid')}|{partstat}".encode()
                        ).hexdigest()[:32],
                    )
                )
    return replies
