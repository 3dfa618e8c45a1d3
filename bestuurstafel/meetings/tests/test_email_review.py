"""An adversarial review of the e-mails of the meetings app: invitations, updates,
cancellations, reminders, deputy invitations, "minutes ready for comment", action reminders and
refused calendar answers, with their iCalendar attachments.

Tests whose docstring starts with "A bug:" failed before the fix that came with them (each was
checked with its fix taken out); the others guard an attack that found nothing.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.core.models import OutboundEmail
from bestuurstafel.core.tasks import deliver_email
from bestuurstafel.networks.access import viewer_for_person
from bestuurstafel.networks.models import BodyMembership, Membership, Person
from bestuurstafel.testing.world import World, make_person

from .. import notifications, selectors, services
from ..forms import MeetingForm
from ..models import Meeting, Participant, Rsvp
from .factories import at, meetings, pdf
from .test_calendar_replies import calendar_reply, invitation_for

pytestmark = pytest.mark.django_db

HIDDEN = ("Vertrouwelijke contractering", "Onderdeel tarieven", "Geheime offerte", "Gast Spreker")


def sent_to(email: str, **filters: Any) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to=[email], **filters).order_by("pk"))


def everything(message: OutboundEmail) -> str:
    """Subject, both bodies and every attachment of a stored e-mail, as one text."""
    parts = [message.subject, message.body_text, message.body_html]
    parts += [a["content"] + a["filename"] for a in message.attachments]
    return "\n".join(parts)


def event_of(message: OutboundEmail) -> Any:
    (attachment,) = message.attachments
    calendar = Calendar.from_ical(attachment["content"])
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def add_deputy_person(world: World) -> Person:
    deputy = make_person("Dirk", "Plaatsvervanger", email="dirk@test.invalid")
    Membership.objects.create(
        person=deputy,
        network=world.network,
        organisation=world.organisations["welzijn"],
        role="deputy",
        start_date=date(2024, 1, 1),
    )
    return deputy


def answer(world: World, persona: str, reply: str, deputy: Person | None = None) -> None:
    services.rsvp_answer(
        actor=world.users.get(persona),
        meeting=meetings(world).upcoming,
        person=world.people[persona],
        answer=reply,
        deputy=deputy,
    )


# --- What a partner receives ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["invitation", "update", "reminder", "cancellation"])
def test_a_partner_gets_no_members_only_title_file_or_presenter_in_any_meeting_mail(
    world: World, kind: str
) -> None:
    """Every meeting e-mail to the partner (who sits in the plenary but is no full member):
    subject, text, HTML and calendar file carry none of the members-only item, its sub-item, its
    file or its guest presenter; the public and network items are there."""
    upcoming = meetings(world).upcoming
    OutboundEmail.objects.all().delete()
    notifications.meeting_message(meeting=upcoming, person=world.people["partner"], kind=kind)
    (message,) = sent_to("partner@test.invalid")
    text = everything(message)
    for hidden in HIDDEN:
        assert hidden not in text
    if kind != "cancellation":
        assert "Netwerkzaken" in message.body_text and "Jaarverslag" in message.body_text
    _calendar, event = event_of(message)
    assert "Netwerkzaken" in str(event["description"])
    # The member sees them all (the same path, so the filter is not simply empty).
    notifications.meeting_message(meeting=upcoming, person=world.people["member"], kind=kind)
    (to_member,) = sent_to("lid@test.invalid")
    assert "Vertrouwelijke contractering" in str(event_of(to_member)[1]["description"])


# --- Deputies ------------------------------------------------------------------------------------


def test_a_deputy_sent_again_after_a_cancellation_is_invited_again(world: World) -> None:
    """A bug: the member sends Dirk, then attends after all (Dirk gets a cancellation), then
    sends Dirk again. Dirk stands in again (he has the seat, the page shows him the body's
    papers) but gets no invitation: the deputy e-mail's key
    ``meetings:<meeting>:deputy:<sequence>:<person>`` is the one of the first invitation (the
    sequence did not change), so ``core.mail.queue`` finds it and queues nothing. His calendar
    keeps the cancellation. (The same happens to a second cancellation.)"""
    dirk = add_deputy_person(world)
    answer(world, "member", Rsvp.DEPUTY, dirk)
    answer(world, "member", Rsvp.ATTEND)
    answer(world, "member", Rsvp.DEPUTY, dirk)
    assert Participant.objects.filter(meeting=meetings(world).upcoming, person=dirk).exists()
    kinds = [m.key.split(":")[2] for m in sent_to("dirk@test.invalid")]
    assert kinds == ["deputy", "withdrawn", "deputy"]


def test_a_deputy_no_longer_needed_is_not_told_the_meeting_is_cancelled(world: World) -> None:
    """A bug: when the member attends after all, their deputy gets the "cancellation" e-mail:
    subject "Geannuleerd: ...", text "De vergadering hieronder is geannuleerd" although the
    meeting goes on (and everyone else still meets). Its calendar file says METHOD:CANCEL with
    STATUS:CONFIRMED (``ical.meeting_event`` takes STATUS from the meeting, which is
    published); RFC 5546 3.2.5 says STATUS is CANCELLED when the event is cancelled and absent
    when one attendee is taken off. The deputy should read that they no longer need to stand in
    (a kind of its own, e.g. "deputy-cancelled"), with a CANCEL without STATUS:CONFIRMED."""
    dirk = add_deputy_person(world)
    answer(world, "member", Rsvp.DEPUTY, dirk)
    answer(world, "member", Rsvp.ATTEND)
    assert meetings(world).upcoming.status == "published"
    (_invitation, cancellation) = sent_to("dirk@test.invalid")
    _calendar, event = event_of(cancellation)
    assert str(event.get("status", "")) != "CONFIRMED"
    assert not cancellation.subject.startswith("Geannuleerd")
    assert "geannuleerd" not in cancellation.body_text


def test_a_deputy_of_two_members_is_not_cancelled_while_one_still_sends_them(
    world: World,
) -> None:
    """A bug: two members of Welzijn both send their colleague Dirk. ``rsvp_answer`` keeps one
    stand-in row per person (``update_or_create`` by meeting and person), so the second answer
    moved Dirk's row to the second member (and his second deputy e-mail had the key of the
    first, so it was not sent). When the second member then attended after all, the row went
    and Dirk got a cancellation, while the first member still sent him. Now one person stands
    in for one invitee: the second member is told so and must choose someone else."""
    anouk = make_person("Anouk", "Tweede", email="anouk@test.invalid")
    Membership.objects.create(
        person=anouk,
        network=world.network,
        organisation=world.organisations["welzijn"],
        role="member",
        start_date=date(2024, 1, 1),
    )
    BodyMembership.objects.create(
        body=world.plenary, person=anouk, role="member", start_date=date(2024, 1, 1)
    )
    upcoming = meetings(world).upcoming
    Participant.objects.create(
        meeting=upcoming, person=anouk, organisation=world.organisations["welzijn"], invited=True
    )
    dirk = add_deputy_person(world)
    answer(world, "member", Rsvp.DEPUTY, dirk)
    with pytest.raises(ValidationError) as refused:
        services.rsvp_answer(
            actor=None, meeting=upcoming, person=anouk, answer=Rsvp.DEPUTY, deputy=dirk
        )
    assert refused.value.message_dict == {
        "deputy": ["Dirk Plaatsvervanger valt bij deze vergadering al in voor iemand anders."]
    }
    services.rsvp_answer(actor=None, meeting=upcoming, person=anouk, answer=Rsvp.ATTEND)
    member_row = Participant.objects.get(meeting=upcoming, person=world.people["member"])
    assert member_row.rsvp == Rsvp.DEPUTY and member_row.deputy == dirk
    kinds = [m.key.split(":")[2] for m in sent_to("dirk@test.invalid")]
    assert kinds == ["deputy"]
    stand_in = Participant.objects.get(meeting=upcoming, person=dirk)
    assert stand_in.stands_in_for == member_row
    # The member who sent him may send him again (nothing changes, nothing is sent).
    answer(world, "member", Rsvp.DEPUTY, dirk)
    assert [m.key.split(":")[2] for m in sent_to("dirk@test.invalid")] == ["deputy"]


# --- Action reminders ------------------------------------------------------------------------------


def test_an_owner_who_left_the_network_gets_no_reminder_of_a_public_action(world: World) -> None:
    """A bug: a public action of the (network-only) held plenary, owned by the member, whose
    membership then ends. ``notifications.action_reminder`` only checks the action's level
    (``can_see_on_item``: public is visible to anyone), not that the owner still takes part, so
    the former member is reminded, with "Van de vergadering van <date> (Plenair overleg)": the
    title and date of a meeting that is not public, and a link to the action list, which
    answers them 403 (``permissions.can_view_actions``). The docs say such an action is listed
    with its former owner so that the secretary picks a new one; nobody outside the network
    should be reminded of it."""
    m = meetings(world)
    action = services.action_create(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_item,
        description="Persbericht versturen",
        owner_person=world.people["member"],
        due_date=timezone.localdate() + timedelta(days=2),
        confidentiality=Confidentiality.PUBLIC,
    )
    Membership.objects.filter(pk=world.memberships["member"].pk).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    OutboundEmail.objects.all().delete()
    action.refresh_from_db()
    assert notifications.action_reminder(action=action, today=timezone.localdate()) == 0
    assert sent_to("lid@test.invalid") == []


def test_an_action_reminder_reaches_each_person_of_the_organisation_once(world: World) -> None:
    """Guards the reminder of an organisation's action: sent to each current representative
    (not to people of another organisation, nor to someone whose membership ended), once
    however often the reminders run."""
    m = meetings(world)
    extra = make_person("Els", "Vos", email="els@test.invalid")
    Membership.objects.create(
        person=extra,
        network=world.network,
        organisation=world.organisations["welzijn"],
        role="member",
        start_date=date(2024, 1, 1),
        end_date=timezone.localdate() - timedelta(days=1),
    )
    OutboundEmail.objects.all().delete()
    today = timezone.localdate()
    action = m.organisation_action
    notifications.action_reminder(action=action, today=today)
    notifications.action_reminder(action=action, today=today)
    services.send_reminders()
    to = sorted(a for message in OutboundEmail.objects.all() for a in message.to)
    assert "els@test.invalid" not in to
    assert to.count("lid@test.invalid") == 1
    assert "partner@test.invalid" not in to and "collega@test.invalid" not in to


# --- Languages, dates and times ----------------------------------------------------------------------


def test_a_refused_calendar_answer_gives_the_reason_in_the_invitees_language(
    world: World,
) -> None:
    """A bug: the member reads English. Their calendar answers "tentative"; the e-mail that
    says why it did not count is English, except the reason itself, which is Dutch ("Een
    antwoord onder voorbehoud telt niet ..."). ``services.calendar_replies_receive`` translates
    the reason with ``gettext`` in the language that is active when the e-mail is read (the
    command's, Dutch), before ``queue_template`` switches to the recipient's language. The same
    for the reasons from ``rsvp_answer``'s ValidationError ("already begun"). Pass a key (or a
    ``gettext_lazy`` string) and translate it inside the recipient's language."""
    member = world.users["member"]
    member.language = "en"
    member.save()
    invitation = invitation_for(world, "lid@test.invalid")
    services.calendar_replies_receive(message=calendar_reply(invitation, "TENTATIVE"))
    (note,) = sent_to("lid@test.invalid", key__contains=":reply-refused:")
    assert note.subject.startswith("Your answer did not count")
    assert "onder voorbehoud" not in note.body_text
    assert "tentative" in note.body_text.lower()


def test_each_recipient_reads_the_invitation_in_their_own_language_and_dutch_time(
    world: World,
) -> None:
    """Guards the language and the time zone of an invitation: an English reader gets English
    (subject, text, the file name of the calendar file) and a Dutch reader Dutch, both with the
    time in Europe/Amsterdam; the calendar file has a VTIMEZONE for Europe/Amsterdam and the
    start with that TZID. (The templates' ``clock``/``weekday_date`` use the active time zone,
    ``settings.TIME_ZONE``; nothing activates another one today.)"""
    member = world.users["member"]
    member.language = "en"
    member.save()
    secretary = world.users["secretary"]
    meeting = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Zomerplenair",
        # Summer time: 10:00 in Amsterdam is 08:00 UTC.
        starts_at=timezone.make_aware(timezone.datetime(2031, 7, 3, 10, 0)),
        ends_at=timezone.make_aware(timezone.datetime(2031, 7, 3, 12, 0)),
    )
    services.agenda_item_add(actor=secretary, meeting=meeting, title="Opening")
    services.meeting_publish(actor=secretary, meeting=meeting)
    (english,) = sent_to("lid@test.invalid", key__startswith=f"meetings:{meeting.code}:")
    (dutch,) = sent_to("partner@test.invalid", key__startswith=f"meetings:{meeting.code}:")
    assert english.subject == "Invitation: Zomerplenair, Thursday 3 July 2031 10:00"
    assert dutch.subject == "Uitnodiging: Zomerplenair, donderdag 3 juli 2031 10:00"
    assert "10:00–12:00" in english.body_text and "10:00–12:00" in dutch.body_text
    assert english.attachments[0]["filename"] == "Meeting Zomerplenair 2031-07-03.ics"
    assert dutch.attachments[0]["filename"] == "Vergadering Zomerplenair 2031-07-03.ics"
    calendar, event = event_of(dutch)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART").hour == 10
    assert "10:00 Opening" in str(event["DESCRIPTION"])


# --- Injection -----------------------------------------------------------------------------------------

NASTY = (
    'Zorg & "Welzijn"\r\nBcc: evil@example.invalid\r\n<script>alert(1)</script>;ATTENDEE:mailto:x'
)


def test_no_title_or_name_adds_headers_html_or_calendar_lines(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """Guards against header, HTML and iCalendar injection through the meeting's location and
    description, an item's title and presenter, a file's title and the recipient's name: the
    subject stays one line, no Bcc header appears, the HTML escapes the markup, the e-mail is
    delivered, and the calendar file parses back with one event and one attendee (icalendar
    escapes line breaks in SUMMARY, LOCATION and DESCRIPTION)."""
    m = meetings(world)
    secretary = world.users["secretary"]
    Person.objects.filter(pk=world.people["partner"].pk).update(given_name=NASTY)
    services.meeting_update(actor=secretary, meeting=m.upcoming, location=NASTY, description=NASTY)
    services.agenda_item_add(actor=secretary, meeting=m.upcoming, title=NASTY, presenter_name=NASTY)
    services.attachment_add(actor=secretary, item=m.business, title=NASTY, upload=pdf("x.pdf"))
    mail.outbox.clear()
    OutboundEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_send_update(actor=secretary, meeting=m.upcoming)
    stored = sent_to("partner@test.invalid")[-1]
    assert OutboundEmail.objects.get(pk=stored.pk).sent_at is not None
    (message,) = [x for x in mail.outbox if x.to == ["partner@test.invalid"]]
    headers = message.message().as_bytes().split(b"\n\n", 1)[0].lower()
    assert b"\nbcc:" not in headers and b"evil@" not in headers
    assert message.bcc == [] and "\n" not in message.subject
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    (_name, content, _mimetype) = message.attachments[0]
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["LOCATION"]) == NASTY.replace("\r\n", "\n")
    assert str(event["ATTENDEE"]) == "mailto:partner@test.invalid"
    assert NASTY.replace("\r\n", "\n") in str(event["DESCRIPTION"])


@pytest.mark.parametrize("line_break", ["\n", "\r", "\t"])
def test_a_line_break_in_a_meeting_title_does_not_break_the_invitations(
    world: World, line_break: str
) -> None:
    """A bug: the meeting form accepted a title with a line break (``forms.CharField`` only
    strips the ends; a hand-made POST). ``notifications.meeting_message`` passes the title as
    ``ical.calendar(name=...)``, which adds it as X-WR-CALNAME, a property icalendar does not
    know and so does not escape: with "\\n" ``Calendar.to_ical`` raised and publishing failed
    with a 500 (so did the update, the cancellation and the ``vergadering.ics`` download); with
    a bare "\\r" the calendar file carried a raw CR. Now every one-line field of our forms
    refuses control characters with a message (``core.forms.single_line``), and a title that
    holds one anyway (an older row) is written on one line in the calendar file."""
    m = meetings(world)
    secretary = world.users["secretary"]
    title = f"Plenair{line_break}overleg"
    form = MeetingForm(
        data={
            "body": world.plenary.pk,
            "title": title,
            "date": "2031-03-04",
            "start_time": "10:00",
            "end_time": "12:00",
            "reminder_days": "7",
        },
        network=world.network,
        bodies=world.network.bodies.all(),
    )
    assert not form.is_valid()
    assert form.errors["title"] == [
        "Dit veld is één regel: haal de regeleinden en andere stuurtekens weg."
    ]
    Meeting.objects.filter(pk=m.draft.pk).update(title=title)
    m.draft.refresh_from_db()
    OutboundEmail.objects.all().delete()
    services.meeting_publish(actor=secretary, meeting=m.draft)
    (message,) = sent_to("partner@test.invalid")
    content = message.attachments[0]["content"]
    assert "\r" not in content.replace("\r\n", "")
    calendar = Calendar.from_ical(content)
    assert str(calendar["X-WR-CALNAME"]) == "Plenair overleg"


def test_one_bad_title_does_not_stop_every_other_reminder(world: World) -> None:
    """A bug (the same cause as above): ``services.send_reminders`` runs every meeting's
    reminders and then the action reminders in one loop; the meeting whose title holds a line
    break raises in ``ical.calendar`` and the command stops, so every reminder after it, the
    action reminders included, is never sent, every hour again. Escape the name (``vText``) in
    ``ical.calendar``, or refuse control characters in titles."""
    m = meetings(world)
    Meeting.objects.filter(pk=m.upcoming.pk).update(title="Plenair\noverleg", reminder_days=30)
    OutboundEmail.objects.all().delete()
    try:
        services.send_reminders()
    finally:
        keys = list(OutboundEmail.objects.values_list("key", flat=True))
    assert any(k.startswith("meetings:action:") for k in keys)


# --- Who receives what ------------------------------------------------------------------------------


def test_a_deactivated_login_is_not_mailed_what_its_pages_no_longer_show(world: World) -> None:
    """A bug: an administrator switches off the member's login (``is_active = False``: a lost
    laptop, someone who left in a hurry). Their pages show nothing any more
    (``viewer_for_user`` answers ANONYMOUS), their personal calendar feed stops
    (``selectors.calendar_token_get``), but the next update e-mail still lists the members-only
    item, its file and its guest presenter, with a link to a page they cannot open:
    ``networks.access.viewer_for_person`` falls back to ``_viewer(person, for_person=True)`` for
    an inactive user, i.e. treats a switched-off login like someone who never had one. Its own
    docstring promises "a message never shows a recipient more than their own pages would".
    Return ANONYMOUS for a person whose login is inactive (or leave them out in
    ``notifications.recipients`` / ``action_people``)."""
    member = world.users["member"]
    member.is_active = False
    member.save()
    OutboundEmail.objects.all().delete()
    services.meeting_send_update(actor=world.users["secretary"], meeting=meetings(world).upcoming)
    for message in sent_to("lid@test.invalid"):
        text = everything(message)
        for hidden in HIDDEN:
            assert hidden not in text


def test_an_english_html_e_mail_says_it_is_in_english(world: World) -> None:
    """A bug: the HTML part of every e-mail opens with ``<html lang="{{ LANGUAGE_CODE|
    default:'nl' }}">``, but ``core.mail.queue_template`` renders it with ``render_to_string``
    without a request, so no context processor sets LANGUAGE_CODE and an English e-mail says
    lang="nl": a screen reader reads the English text with Dutch pronunciation. Pass
    ``"LANGUAGE_CODE": language`` in the context (or use ``{% get_current_language %}``)."""
    member = world.users["member"]
    member.language = "en"
    member.save()
    OutboundEmail.objects.all().delete()
    services.meeting_send_update(actor=world.users["secretary"], meeting=meetings(world).upcoming)
    (message,) = sent_to("lid@test.invalid")
    assert message.subject.startswith("Changed: ")
    assert '<html lang="en">' in message.body_html


def test_someone_who_left_the_body_is_not_shown_its_body_only_items(world: World) -> None:
    """Guards a reminder to an invitee whose seat in the body ended after the invitation: they
    still take part in the network and see the network and members-only items (as on the page),
    but no longer the body's "body only" item."""
    m = meetings(world)
    services.agenda_item_add(
        actor=world.users["secretary"],
        meeting=m.upcoming,
        title="Alleen voor het plenair",
        confidentiality=Confidentiality.BODY,
    )
    BodyMembership.objects.filter(body=world.plenary, person=world.people["member"]).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    OutboundEmail.objects.all().delete()
    notifications.meeting_message(
        meeting=m.upcoming, person=world.people["member"], kind="reminder"
    )
    (message,) = sent_to("lid@test.invalid")
    assert "Alleen voor het plenair" not in everything(message)
    assert "Vertrouwelijke contractering" in message.body_text


def test_a_partner_standing_in_gets_body_only_but_nothing_of_a_members_only_item(
    world: World,
) -> None:
    """Guards the deputy invitation of a partner who stands in for the member: it carries the
    meeting's "body only" item and file (the member's seat), but neither the members-only item
    nor a "body only" sub-item or file under it (the levels are not one line), nor the "body
    only" item of another meeting of the body."""
    m = meetings(world)
    secretary = world.users["secretary"]
    paula = make_person("Paula", "Partner", email="paula@test.invalid")
    Membership.objects.create(
        person=paula,
        network=world.network,
        organisation=world.organisations["welzijn"],
        role="partner",
        start_date=date(2024, 1, 1),
    )
    body_item = services.agenda_item_add(
        actor=secretary, meeting=m.upcoming, title="Plenaire notitie", confidentiality="body"
    )
    services.attachment_add(
        actor=secretary, item=body_item, title="Plenair stuk", upload=pdf("p.pdf")
    )
    services.agenda_item_add(
        actor=secretary,
        meeting=m.upcoming,
        title="Besloten onderdeel",
        parent=m.members_item,
        confidentiality="body",
    )
    services.attachment_add(
        actor=secretary,
        item=m.members_item,
        title="Besloten bijlage",
        upload=pdf("b.pdf"),
        confidentiality="body",
    )
    OutboundEmail.objects.all().delete()
    answer(world, "member", Rsvp.DEPUTY, paula)
    (message,) = sent_to("paula@test.invalid")
    assert message.key.split(":")[2] == "deputy"
    text = everything(message)
    assert "Plenaire notitie" in text and "Plenair stuk" in text
    for hidden in (*HIDDEN, "Besloten onderdeel", "Besloten bijlage"):
        assert hidden not in text
    _calendar, event = event_of(message)
    assert "Plenaire notitie" in str(event["DESCRIPTION"])
    assert "RSVP=FALSE" in message.attachments[0]["content"]


def test_who_manages_the_meeting_is_not_asked_to_comment_on_the_minutes(world: World) -> None:
    """A bug: the "minutes ready for comment" e-mail goes to every participant
    (``notifications.minutes_message`` over ``recipients``), and asks each to "add your comments
    on the minutes page". The body's chair and the network's secretary are invitees of the
    plenary, but ``selectors.can_comment_on_minutes`` refuses them (who manages the meeting
    changes the minutes itself, docs/meetings.md): they are sent to a form that is not there.
    Leave out who manages the meeting (``permissions.can_manage_meeting``), or give them a text
    of their own ("the minutes were sent for comment")."""
    held = meetings(world).held
    for persona, email in (
        ("chair", "voorzitter@test.invalid"),
        ("secretary", "secretaris@test.invalid"),
    ):
        viewer = viewer_for_person(world.people[persona])
        assert not selectors.can_comment_on_minutes(viewer, held)
        for message in sent_to(email, key__contains=":minutes-sent:"):
            assert "opmerkingen" not in message.body_text.lower(), persona
    # An ordinary invitee is asked, once.
    (to_member,) = sent_to("lid@test.invalid", key__contains=":minutes-sent:")
    assert "opmerkingen" in to_member.body_text.lower()


def test_a_meeting_published_late_does_not_send_a_reminder_right_after_the_invitation(
    world: World,
) -> None:
    """A bug: a meeting published two days ahead with the default reminder of 7 days. The
    invitation goes out, and the next hourly run of ``send_meeting_reminders`` sends every
    invitee a "Herinnering" for the same meeting with the same agenda, minutes later:
    ``selectors.meetings_needing_reminders`` only checks that the reminder day has come, not
    that it came after the invitation (``published_at``). Send a reminder only when
    ``starts_at - reminder_days`` is after ``published_at`` (or after the invitee's latest
    invitation/update)."""
    secretary = world.users["secretary"]
    meeting = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Spoedoverleg",
        starts_at=at(2, 10),
        ends_at=at(2, 11),
    )
    services.agenda_item_add(actor=secretary, meeting=meeting, title="Opening")
    services.meeting_publish(actor=secretary, meeting=meeting)
    services.send_reminders(now=timezone.now() + timedelta(hours=1))
    kinds = [
        m.key.split(":")[2]
        for m in sent_to("lid@test.invalid", key__startswith=f"meetings:{meeting.code}:")
    ]
    assert kinds == ["invitation"]


def test_reminders_skip_who_declined_or_sent_a_deputy_and_go_to_the_deputy_once(
    world: World,
) -> None:
    """Guards the reminder's recipients and its idempotency: not the invitee who declined, not
    the one who sent a deputy (their deputy instead), each once however often the command
    runs; a retry of the delivery task sends a stored e-mail once."""
    m = meetings(world)
    # Published long before its reminder day (a meeting published after it gets none).
    Meeting.objects.filter(pk=m.upcoming.pk).update(
        reminder_days=30, published_at=m.upcoming.starts_at - timedelta(days=60)
    )
    dirk = add_deputy_person(world)
    answer(world, "member", Rsvp.DEPUTY, dirk)
    answer(world, "partner", Rsvp.ABSENT)
    OutboundEmail.objects.all().delete()
    services.send_reminders()
    services.send_reminders()
    reminders = OutboundEmail.objects.filter(
        key__startswith=f"meetings:{m.upcoming.code}:reminder:"
    )
    to = sorted(a for message in reminders for a in message.to)
    assert "lid@test.invalid" not in to and "partner@test.invalid" not in to
    assert to.count("dirk@test.invalid") == 1 and len(to) == len(set(to))
    one = reminders.get(to=["dirk@test.invalid"])
    # The deputy is reminded of the meeting, not asked to send a deputy of their own (a bug).
    assert "plaatsvervanger" not in one.body_text
    assert "Een herinnering aan de vergadering hieronder." in one.body_text
    invitee = reminders.exclude(to=["dirk@test.invalid"]).first()
    assert invitee is not None and "plaatsvervanger" in invitee.body_text
    mail.outbox.clear()
    assert deliver_email.call(email_id=one.pk) == "sent"
    assert deliver_email.call(email_id=one.pk) == "already sent"
    assert len(mail.outbox) == 1
