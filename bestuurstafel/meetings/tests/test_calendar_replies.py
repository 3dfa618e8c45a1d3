"""Answers from calendar programs: with MEETING_REPLY_ADDRESS set, each invitee's invitation asks
for an answer at a personal organizer address; "accept" or "decline" sent back by e-mail (iTIP
REPLY) is recorded as on the page, and only the secret in that address says who answers."""

import io
import mailbox
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, vCalAddress, vText

from bestuurstafel.core.models import AuditEvent, OutboundEmail
from bestuurstafel.meetings import replies, services
from bestuurstafel.meetings.models import Meeting, Participant, Presence, Rsvp
from bestuurstafel.testing.world import World

from .factories import add_deputy, at, meetings

pytestmark = pytest.mark.django_db

REPLY_ADDRESS = "antwoord@bestuurstafel.test"


def invitation_for(world: World, email: str) -> Calendar:
    """Publish a new plenary with replies switched on; the calendar file ``email`` received."""
    with override_settings(MEETING_REPLY_ADDRESS=REPLY_ADDRESS):
        meeting = services.meeting_create(
            actor=world.users["secretary"],
            body=world.plenary,
            title="Extra plenair",
            starts_at=at(20, 10),
            ends_at=at(20, 12),
        )
        services.agenda_item_add(actor=world.users["secretary"], meeting=meeting, title="Opening")
        services.meeting_publish(actor=world.users["secretary"], meeting=meeting)
    sent = OutboundEmail.objects.get(
        key__startswith=f"meetings:{meeting.code}:invitation", to=[email]
    )
    return Calendar.from_ical(sent.attachments[0]["content"])


def calendar_reply(
    invitation: Calendar,
    partstat: str,
    *,
    comment: str = "",
    organizer: str | None = None,
    uid: str | None = None,
    method: str = "REPLY",
) -> bytes:
    """The e-mail a calendar program sends when its user accepts or declines: a METHOD:REPLY
    calendar that repeats the UID, the sequence and the organizer, with the attendee's answer,
    sent to the organizer's address. ``organizer``, ``uid`` and ``method`` forge one part."""
    request = invitation.walk("VEVENT")[0]
    attendee = vCalAddress(str(request["attendee"]))
    attendee.params["partstat"] = vText(partstat)
    event = Event()
    event.add("uid", uid or str(request["uid"]))
    event.add("sequence", request["sequence"])
    event.add("dtstamp", request.decoded("dtstamp"))
    event.add("dtstart", request.decoded("dtstart"))
    event.add("dtend", request.decoded("dtend"))
    event.add("summary", request["summary"])
    event.add("organizer", vCalAddress(organizer or str(request["organizer"])))
    event.add("attendee", attendee)
    if comment:
        event.add("comment", comment)
    reply = Calendar()
    reply.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    reply.add("version", "2.0")
    reply.add("method", method)
    reply.add_component(event)
    message = EmailMessage()
    message["From"] = str(request["attendee"]).removeprefix("mailto:")
    message["To"] = (organizer or str(request["organizer"])).removeprefix("mailto:")
    message["Subject"] = f"Geaccepteerd: {request['summary']}"
    message["Message-ID"] = f"<{partstat}.{comment!r}.{organizer}.{uid}@mail.test>"
    message.set_content(f"{partstat}\n")
    message.add_attachment(
        reply.to_ical(), maintype="text", subtype="calendar", params={"method": method}
    )
    return message.as_bytes()


def answer_of(meeting_uid: str, email: str) -> Participant:
    code = meeting_uid.removeprefix("meeting-").split("@")[0]
    return Participant.objects.get(meeting__code=code, person__email=email, stands_in_for=None)


def test_with_a_reply_address_each_invitee_is_asked_for_an_answer_at_their_own_address(
    world: World,
) -> None:
    member = invitation_for(world, "lid@test.invalid").walk("VEVENT")[0]
    partner = invitation_for(world, "partner@test.invalid").walk("VEVENT")[0]
    for event in (member, partner):
        organizer = str(event["organizer"])
        assert organizer.startswith("mailto:antwoord+") and organizer.endswith(
            "@bestuurstafel.test"
        )
        assert event["attendee"].params["RSVP"] == "TRUE"
        assert event["attendee"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert str(member["organizer"]) != str(partner["organizer"])
    text = OutboundEmail.objects.filter(to=["lid@test.invalid"]).latest("pk").body_text
    assert "U kunt ook in uw agenda accepteren of weigeren" in text


def test_without_a_reply_address_the_invitation_asks_for_no_answer(world: World) -> None:
    m = meetings(world)
    sent = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:invitation", to=["lid@test.invalid"]
    )
    event = Calendar.from_ical(sent.attachments[0]["content"]).walk("VEVENT")[0]
    assert str(event["organizer"]) == "mailto:noreply@bestuurstafel.invalid"
    assert event["attendee"].params["RSVP"] == "FALSE"
    assert "in uw agenda accepteren" not in sent.body_text


def test_a_deputy_standing_in_is_not_asked_for_an_answer(world: World) -> None:
    invitation = invitation_for(world, "lid@test.invalid")
    participant = answer_of(str(invitation.walk("VEVENT")[0]["uid"]), "lid@test.invalid")
    deputy = add_deputy(world)
    with override_settings(MEETING_REPLY_ADDRESS=REPLY_ADDRESS):
        services.rsvp_answer(
            actor=world.users["member"],
            meeting=participant.meeting,
            person=world.people["member"],
            answer=Rsvp.DEPUTY,
            deputy=deputy,
        )
    sent = OutboundEmail.objects.get(to=["dirk@test.invalid"])
    event = Calendar.from_ical(sent.attachments[0]["content"]).walk("VEVENT")[0]
    assert event["attendee"].params["RSVP"] == "FALSE"
    assert "+" not in str(event["organizer"])


def test_declining_and_accepting_in_the_calendar_is_recorded_for_that_invitee(
    world: World, monkeypatch: pytest.MonkeyPatch, client_for: Callable[[str], Client]
) -> None:
    # Cor Collega has no login: the calendar is the only way he can answer.
    invitation = invitation_for(world, "collega@test.invalid")
    uid = str(invitation.walk("VEVENT")[0]["uid"])
    out = io.StringIO()
    monkeypatch.setattr(
        "sys.stdin",
        io.TextIOWrapper(io.BytesIO(calendar_reply(invitation, "DECLINED", comment="Op vakantie"))),
    )
    call_command("receive_calendar_replies", stdout=out)
    assert "recorded: Cor Collega" in out.getvalue()
    row = answer_of(uid, "collega@test.invalid")
    assert row.rsvp == Rsvp.ABSENT and row.presence == Presence.ABSENT_NOTICE
    assert row.rsvp_note == "Op vakantie"
    event = AuditEvent.objects.filter(action="meetings.rsvp").latest("pk")
    assert event.changes == {"answer": "absent", "deputy": "", "via": "calendar"}
    # The secretary reads it where the other answers are.
    sheet = client_for("secretary").get(
        reverse("meetings:attendance", kwargs={"slug": "zuidoost", "code": row.meeting.code})
    )
    assert "Opmerking: Op vakantie" in sheet.content.decode()
    outcomes = services.calendar_replies_receive(message=calendar_reply(invitation, "ACCEPTED"))
    assert [o.result for o in outcomes] == ["recorded"]
    row.refresh_from_db()
    assert row.rsvp == Rsvp.ATTEND and row.presence == Presence.UNKNOWN
    assert row.rsvp_note == "Op vakantie"  # a reply without a comment keeps the note
    # The same answer again changes nothing and writes nothing.
    audits = AuditEvent.objects.count()
    outcomes = services.calendar_replies_receive(message=calendar_reply(invitation, "ACCEPTED"))
    assert [o.result for o in outcomes] == ["unchanged"]
    assert AuditEvent.objects.count() == audits
    # The same answer with a new comment keeps the answer and takes the comment.
    later = calendar_reply(invitation, "ACCEPTED", comment="Ik kom een half uur later")
    assert [o.result for o in services.calendar_replies_receive(message=later)] == ["recorded"]
    row.refresh_from_db()
    assert row.rsvp == Rsvp.ATTEND and row.rsvp_note == "Ik kom een half uur later"
    # Nobody else's answer moved.
    assert answer_of(uid, "lid@test.invalid").rsvp == Rsvp.NO_ANSWER


def test_the_secret_decides_who_answers_not_the_sender(world: World) -> None:
    invitation = invitation_for(world, "lid@test.invalid")
    uid = str(invitation.walk("VEVENT")[0]["uid"])
    organizer = str(invitation.walk("VEVENT")[0]["organizer"])
    token = organizer.split("+")[1].split("@", maxsplit=1)[0]
    before = OutboundEmail.objects.count()
    for forged in (
        # a guessed secret
        calendar_reply(invitation, "DECLINED", organizer=organizer.replace(token, "0" * 24)),
        # no secret: the plain reply address
        calendar_reply(invitation, "DECLINED", organizer=f"mailto:{REPLY_ADDRESS}"),
        # the right secret for a meeting that is not ours
        calendar_reply(
            invitation,
            "DECLINED",
            uid="meeting-00000000-0000-0000-0000-000000000000@bestuurstafel",
        ),
    ):
        outcomes = services.calendar_replies_receive(message=forged)
        assert [o.result for o in outcomes] == ["unknown"]
    assert answer_of(uid, "lid@test.invalid").rsvp == Rsvp.NO_ANSWER
    # A stranger hears nothing back.
    assert OutboundEmail.objects.count() == before
    # Another invitee's secret answers for that invitee only, whoever sends it.
    partner = invitation_for(world, "partner@test.invalid")
    outcomes = services.calendar_replies_receive(message=calendar_reply(partner, "DECLINED"))
    assert outcomes[0].participant is not None
    assert outcomes[0].participant.person.email == "partner@test.invalid"


def test_an_answer_that_cannot_count_is_not_recorded_and_the_invitee_hears_why(
    world: World,
) -> None:
    invitation = invitation_for(world, "lid@test.invalid")
    uid = str(invitation.walk("VEVENT")[0]["uid"])
    tentative = calendar_reply(invitation, "TENTATIVE")
    outcomes = services.calendar_replies_receive(message=tentative)
    assert [o.result for o in outcomes] == ["refused"]
    services.calendar_replies_receive(message=tentative)  # read twice: one e-mail
    note = OutboundEmail.objects.get(key__contains=":reply-refused:", to=["lid@test.invalid"])
    assert note.subject.startswith("Uw antwoord is niet verwerkt: Extra plenair")
    assert "Een antwoord onder voorbehoud telt niet" in note.body_text
    assert "#rsvp" in note.body_text
    assert answer_of(uid, "lid@test.invalid").rsvp == Rsvp.NO_ANSWER
    # Someone without a login is not sent to a page they cannot open.
    cor = calendar_reply(invitation_for(world, "collega@test.invalid"), "DELEGATED")
    assert [o.result for o in services.calendar_replies_receive(message=cor)] == ["refused"]
    note = OutboundEmail.objects.get(key__contains=":reply-refused:", to=["collega@test.invalid"])
    assert "#rsvp" not in note.body_text and "#rsvp" not in note.body_html
    assert "U heeft nog geen account" in note.body_text
    # After the start an answer no longer counts (as on the page).
    Meeting.objects.filter(code=uid.removeprefix("meeting-").split("@")[0]).update(
        starts_at=at(-1, 10), ends_at=at(-1, 12)
    )
    outcomes = services.calendar_replies_receive(message=calendar_reply(invitation, "DECLINED"))
    assert [o.result for o in outcomes] == ["refused"]
    assert answer_of(uid, "lid@test.invalid").rsvp == Rsvp.NO_ANSWER
    late = OutboundEmail.objects.filter(key__contains=":reply-refused:").latest("pk")
    assert "al begonnen" in late.body_text


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff not an e-mail at all",
        b"From: a@test.invalid\nSubject: hallo\n\nGewoon een bericht.\n",
        b"From: a@test.invalid\nContent-Type: text/calendar\n\nBEGIN:VCALENDAR\nkapot",
    ],
)
def test_an_email_without_a_calendar_answer_changes_nothing(world: World, raw: bytes) -> None:
    assert replies.parse(raw) == []
    assert services.calendar_replies_receive(message=raw) == []


def test_an_invitation_forwarded_back_is_not_an_answer(world: World) -> None:
    invitation = invitation_for(world, "lid@test.invalid")
    assert replies.parse(calendar_reply(invitation, "ACCEPTED", method="REQUEST")) == []
    assert len(replies.parse(calendar_reply(invitation, "ACCEPTED"))) == 1


def test_the_command_reads_a_maildir_and_removes_what_it_read(world: World, tmp_path: Path) -> None:
    invitation = invitation_for(world, "lid@test.invalid")
    uid = str(invitation.walk("VEVENT")[0]["uid"])
    box = mailbox.Maildir(tmp_path / "antwoord")
    box.add(calendar_reply(invitation, "DECLINED"))
    box.add(b"From: reclame@test.invalid\nSubject: aanbieding\n\nKoop nu.\n")
    out = io.StringIO()
    call_command("receive_calendar_replies", maildir=str(tmp_path / "antwoord"), stdout=out)
    assert "2 e-mail(s) read" in out.getvalue()
    assert "No calendar answer in this e-mail" in out.getvalue()
    assert list(box.keys()) == []
    assert answer_of(uid, "lid@test.invalid").rsvp == Rsvp.ABSENT
    with pytest.raises(CommandError, match="is not a Maildir"):
        call_command("receive_calendar_replies", maildir=str(tmp_path / "elders"))


def test_without_a_database_the_mail_server_is_asked_to_try_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bestuurstafel.meetings.management.commands import receive_calendar_replies as command

    def unavailable(*, message: bytes) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(command, "calendar_replies_receive", unavailable)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"From: a@test.invalid\n\nx")))
    with pytest.raises(SystemExit) as leaving:
        call_command("receive_calendar_replies", stderr=io.StringIO())
    assert leaving.value.code == 75


CALENDAR_LINES = st.sampled_from(
    [
        "BEGIN:VCALENDAR",
        "END:VCALENDAR",
        "METHOD:REPLY",
        "BEGIN:VEVENT",
        "END:VEVENT",
        "UID:meeting-00000000-0000-0000-0000-000000000000@bestuurstafel",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:lid@test.invalid",
        "ATTENDEE:mailto:x",
        "ORGANIZER:mailto:antwoord+abc@bestuurstafel.test",
        "DTSTART;TZID=Nergens:20270101T100000",
        "SEQUENCE:x",
        "ATTENDEE;PARTSTAT=:",
        ";;;",
        ":",
        "BEGIN:",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(CALENDAR_LINES | st.text(max_size=30), max_size=20))
def test_no_email_makes_the_reader_fail(world: World, lines: list[str]) -> None:
    """A mail server pipes whatever arrives: the reader never raises (a crash would bounce the
    e-mail, with our error, to whoever sent it)."""
    head = "From: a@test.invalid\nTo: antwoord+abc@bestuurstafel.test\n"
    head += "Content-Type: text/calendar; method=REPLY\n\n"
    raw = (head + "\r\n".join(lines)).encode("utf-8", "surrogatepass")
    assert all(o.result == "unknown" for o in services.calendar_replies_receive(message=raw))


def test_an_odd_header_or_charset_does_not_stop_the_answers_in_the_mailbox(
    world: World, tmp_path: Path
) -> None:
    """An address the standard library's header parser chokes on, or a charset Python does not
    know, used to raise: the command stopped at that e-mail, left it in the Maildir and so
    stopped at it again on every run, and no answer behind it was ever read."""
    invitation = invitation_for(world, "lid@test.invalid")
    uid = str(invitation.walk("VEVENT")[0]["uid"])
    broken_address = (
        b"From: a@test.invalid\nTo: =?utf-8?q?=ZZ?= <x@\n"
        b"Content-Type: text/calendar; method=REPLY\n\nBEGIN:VCALENDAR\nEND:VCALENDAR\n"
    )
    unknown_charset = calendar_reply(invitation, "DECLINED").replace(
        b'method="REPLY"', b'method="REPLY"; charset="x-onbekend"', 1
    )
    assert b"x-onbekend" in unknown_charset
    assert replies.parse(broken_address) == []
    assert [r.partstat for r in replies.parse(unknown_charset)] == ["DECLINED"]
    box = mailbox.Maildir(tmp_path / "antwoord")
    box.add(broken_address)
    box.add(unknown_charset)
    out = io.StringIO()
    call_command("receive_calendar_replies", maildir=str(tmp_path / "antwoord"), stdout=out)
    assert "2 e-mail(s) read" in out.getvalue()
    assert list(box.keys()) == []
    assert answer_of(uid, "lid@test.invalid").rsvp == Rsvp.ABSENT


HEADER_LINES = st.sampled_from(
    [
        "To: =?utf-8?q?=ZZ?= <x@",
        'To: "niet afgesloten',
        "To: a@b@c",
        "Delivered-To: antwoord+@",
        "Cc: ,,,,",
        "Message-ID:",
        "Content-Type: text/calendar; method=REPLY; charset=x-onbekend",
        'Content-Type: text/calendar; charset="',
        "Content-Type: multipart/mixed; boundary=",
        "Content-Transfer-Encoding: base64",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Disposition: attachment; filename*=utf-8''%ZZ.ics",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(HEADER_LINES | st.text(max_size=40), max_size=8))
def test_no_header_makes_the_reader_fail(world: World, lines: list[str]) -> None:
    """The same for the e-mail's headers: whatever they hold, the reader answers."""
    body = "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\n"
    body += "ATTENDEE;PARTSTAT=ACCEPTED:mailto:lid@test.invalid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    head = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    raw = (head + "\n\n" + body).encode("utf-8", "surrogatepass")
    assert all(o.result == "unknown" for o in services.calendar_replies_receive(message=raw))
