"""The write path: planning, agenda, attachments, invitations, answers, minutes, decisions,
actions, reflections, reminders. Every rule that refuses bad input leaves nothing saved."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from icalendar import Calendar

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.core.models import AuditEvent, OutboundEmail
from bestuurstafel.meetings import services
from bestuurstafel.meetings.models import (
    Action,
    AgendaItem,
    Attachment,
    Meeting,
    MeetingStatus,
    MinutesSection,
    MinutesStatus,
    Participant,
    Presence,
    Reflection,
    Rsvp,
)
from bestuurstafel.networks.models import Person
from bestuurstafel.testing.world import World

from .factories import PDF, add_deputy, at, begin, meetings, pdf

pytestmark = pytest.mark.django_db


def test_it_plans_a_draft_meeting_and_traces_it(world: World) -> None:
    meeting = services.meeting_create(
        actor=world.users["secretary"],
        body=world.steering,
        title="Stuurgroep",
        starts_at=at(20, 9),
        ends_at=at(20, 11),
    )
    assert meeting.status == MeetingStatus.DRAFT and meeting.network == world.network
    event = AuditEvent.objects.get(action="meetings.meeting_create", target_id=str(meeting.pk))
    assert event.changes["title"] == "Stuurgroep"


def test_it_refuses_an_end_before_the_start(world: World) -> None:
    before = Meeting.objects.count()
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=world.users["secretary"],
            body=world.steering,
            title="Stuurgroep",
            starts_at=at(20, 11),
            ends_at=at(20, 9),
        )
    assert "end_time" in error.value.message_dict
    assert Meeting.objects.count() == before


def test_a_series_plans_four_half_day_plenaries(world: World) -> None:
    series = services.meeting_series_create(
        actor=world.users["secretary"],
        body=world.plenary,
        title="Plenair 2031",
        first_date=date(2031, 1, 31),
        start_time=time(9, 0),
        end_time=time(13, 0),
        every=3,
        unit="months",
        count=4,
    )
    days = [timezone.localtime(m.starts_at).date() for m in series.meetings.order_by("starts_at")]
    # 31 January + 3 months is the last day of April.
    assert days == [date(2031, 1, 31), date(2031, 4, 30), date(2031, 7, 31), date(2031, 10, 31)]
    assert all(m.hours == 4 for m in series.meetings.all())


def test_items_are_numbered_timed_and_renumbered(world: World) -> None:
    m = meetings(world)
    items = {i.title: i for i in AgendaItem.objects.filter(meeting=m.upcoming)}
    numbers = {title: (i.number, i.offset_minutes) for title, i in items.items()}
    assert numbers["Opening"] == ("1", 0)
    # The minutes of the meeting before, sent for comment later, are adopted right after the
    # opening, not at the end.
    approval = AgendaItem.objects.get(meeting=m.upcoming, minutes_of=m.held)
    assert (approval.number, approval.offset_minutes) == ("2", 5)
    assert numbers["Netwerkzaken"] == ("3", 10)
    assert numbers["Vertrouwelijke contractering"] == ("4", 30)
    assert numbers["Onderdeel tarieven"] == ("4.1", 30)
    # Moving "Netwerkzaken" up renumbers everything, files too (Bijlage numbers follow the agenda).
    services.agenda_item_move(actor=world.users["secretary"], item=m.business, direction="up")
    services.agenda_item_move(actor=world.users["secretary"], item=m.business, direction="up")
    m.business.refresh_from_db()
    m.opening.refresh_from_db()
    assert (m.business.number, m.opening.number, m.opening.offset_minutes) == ("1", "2", 20)
    approval.refresh_from_db()
    assert approval.number == "3"
    services.agenda_reorder(
        actor=world.users["secretary"],
        meeting=m.upcoming,
        parent=None,
        codes=[
            i.code
            for i in AgendaItem.objects.filter(meeting=m.upcoming, parent=None).order_by(
                "-position"
            )
        ],
    )
    m.members_file.refresh_from_db()
    m.network_file.refresh_from_db()
    assert m.members_file.number < m.network_file.number


def test_sub_items_that_run_longer_push_the_next_item_and_an_overrun_shows(
    world: World,
) -> None:
    from bestuurstafel.meetings import selectors
    from bestuurstafel.networks.access import viewer_for_person

    secretary = world.users["secretary"]
    meeting = services.meeting_create(
        actor=secretary, body=world.plenary, title="Tijden", starts_at=at(9, 11), ends_at=at(9, 12)
    )
    main = services.agenda_item_add(
        actor=secretary, meeting=meeting, title="Jaarplan", duration_minutes=30
    )
    for title in ("Deel A", "Deel B"):
        services.agenda_item_add(
            actor=secretary, meeting=meeting, title=title, duration_minutes=20, parent=main
        )
    after = services.agenda_item_add(
        actor=secretary, meeting=meeting, title="Rondvraag", duration_minutes=25
    )
    after.refresh_from_db()
    assert after.offset_minutes == 40  # not 30: the two parts of 20 minutes come first
    agenda = selectors.agenda_for(
        viewer=viewer_for_person(world.people["secretary"]), meeting=meeting
    )
    assert agenda.total_minutes == 65 and agenda.overrun_minutes == 5 and agenda.overruns


def test_a_reorder_with_other_items_than_the_agenda_has_is_refused(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError):
        services.agenda_reorder(
            actor=world.users["secretary"], meeting=m.upcoming, parent=None, codes=[m.opening.code]
        )


def test_a_sub_item_cannot_have_sub_items(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(
            actor=world.users["secretary"], meeting=m.upcoming, title="X", parent=m.sub_item
        )
    assert "parent" in error.value.message_dict


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "alleen PDF, Word"),
        ("stuk.pdf", b"<html>not a pdf</html>", "geen echt PDF-bestand"),
        ("leeg.pdf", b"", "is leeg"),
    ],
)
def test_a_wrong_file_is_refused_with_a_dutch_message(
    world: World, name: str, content: bytes, message: str
) -> None:
    m = meetings(world)
    before = Attachment.objects.count()
    with pytest.raises(ValidationError) as error:
        services.attachment_add(
            actor=world.users["secretary"],
            item=m.business,
            title="Stuk",
            upload=SimpleUploadedFile(name, content),
        )
    assert message in " ".join(error.value.message_dict["file"])
    assert Attachment.objects.count() == before


@override_settings(MAX_UPLOAD_MB=1)
def test_a_file_over_the_limit_is_refused(world: World) -> None:
    m = meetings(world)
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024 + 10))
    with pytest.raises(ValidationError) as error:
        services.attachment_add(
            actor=world.users["secretary"], item=m.business, title="", upload=big
        )
    assert "hoogstens 1 MB" in error.value.message_dict["file"][0]
    assert not Attachment.objects.filter(item=m.business, title="groot").exists()


def test_a_file_is_never_more_open_than_its_item(world: World) -> None:
    m = meetings(world)
    attachment = services.attachment_add(
        actor=world.users["secretary"],
        item=m.members_item,
        title="Bijlage",
        upload=pdf(),
        confidentiality="public",
    )
    assert attachment.confidentiality == "members"
    # Closing the item closes its open files and notes with it.
    services.agenda_item_update(
        actor=world.users["secretary"], item=m.business, confidentiality="body"
    )
    m.network_file.refresh_from_db()
    assert m.network_file.confidentiality == "body"


def test_publishing_invites_every_member_with_what_they_may_see(world: World) -> None:
    m = meetings(world)
    invited = set(
        Participant.objects.filter(meeting=m.upcoming).values_list("person__email", flat=True)
    )
    assert invited == {
        "lid@test.invalid",
        "partner@test.invalid",
        "secretaris@test.invalid",
        "voorzitter@test.invalid",
        "collega@test.invalid",
    }
    member_mail = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:invitation", to=["lid@test.invalid"]
    )
    partner_mail = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:invitation", to=["partner@test.invalid"]
    )
    assert "Vertrouwelijke contractering" in member_mail.body_text
    assert "Geheime offerte" in member_mail.body_text
    assert "Vertrouwelijke contractering" not in partner_mail.body_text + partner_mail.body_html
    assert "Geheime offerte" not in partner_mail.body_text + partner_mail.body_html
    assert partner_mail.subject.startswith("Uitnodiging: Plenair overleg")
    calendar = Calendar.from_ical(partner_mail.attachments[0]["content"])
    assert str(calendar["method"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]) == m.upcoming.ical_uid
    assert "Vertrouwelijke contractering" not in str(event["description"])
    assert event.decoded("dtstart").tzinfo is not None
    assert "Europe/Amsterdam" in partner_mail.attachments[0]["content"]


def test_a_meeting_held_before_it_was_published_is_recorded_without_invitations(
    world: World,
) -> None:
    secretary = world.users["secretary"]
    past = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Al gehouden",
        starts_at=at(-3, 9),
        ends_at=at(-3, 11),
    )
    services.agenda_item_add(actor=secretary, meeting=past, title="Opening")
    mails = OutboundEmail.objects.count()
    services.meeting_publish(actor=secretary, meeting=past)
    past.refresh_from_db()
    assert past.status == MeetingStatus.PUBLISHED
    assert OutboundEmail.objects.count() == mails  # nobody is invited to the past
    assert Participant.objects.filter(meeting=past, person=world.people["member"]).exists()
    # ... and its attendance and minutes can now be written.
    section = services.minutes_section_save(
        actor=secretary, item=past.items.get(), text="Geopend.", version=0
    )
    assert section.text == "Geopend."


def test_a_change_of_time_is_sent_as_a_calendar_update(world: World) -> None:
    m = meetings(world)
    services.meeting_update(
        actor=world.users["secretary"],
        meeting=m.upcoming,
        starts_at=m.upcoming.starts_at + timedelta(hours=1),
        ends_at=m.upcoming.ends_at + timedelta(hours=1),
    )
    assert m.upcoming.sequence == 1
    update = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:update:1", to=["lid@test.invalid"]
    )
    event = Calendar.from_ical(update.attachments[0]["content"]).walk("VEVENT")[0]
    assert int(event["sequence"]) == 1 and str(event["uid"]) == m.upcoming.ical_uid
    # The e-mail says what it was, not only what it is now.
    was = timezone.localtime(m.upcoming.starts_at - timedelta(hours=1))
    for body in (update.body_text, update.body_html):
        assert "Voorheen" in body and f"{was:%H:%M}–" in body
    # A change of the introduction only is not a calendar change.
    services.meeting_update(actor=world.users["secretary"], meeting=m.upcoming, description="Hoi")
    assert m.upcoming.sequence == 1
    # An update after an agenda change has no "before" to tell.
    services.meeting_send_update(actor=world.users["secretary"], meeting=m.upcoming)
    again = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:update:2", to=["lid@test.invalid"]
    )
    assert "Voorheen" not in again.body_text


def test_a_meeting_that_is_over_is_corrected_without_e_mails(world: World) -> None:
    m = meetings(world)
    before = OutboundEmail.objects.count()
    # It ran an hour longer than planned: corrected for the record, nobody is e-mailed.
    services.meeting_update(
        actor=world.users["secretary"], meeting=m.held, ends_at=m.held.ends_at + timedelta(hours=1)
    )
    assert m.held.sequence == 0 and OutboundEmail.objects.count() == before
    with pytest.raises(ValidationError, match="voorbij"):
        services.meeting_send_update(actor=world.users["secretary"], meeting=m.held)
    assert OutboundEmail.objects.count() == before


def test_cancelling_sends_a_calendar_cancellation(world: World) -> None:
    m = meetings(world)
    services.meeting_cancel(actor=world.users["secretary"], meeting=m.upcoming, reason="Ziekte")
    cancellation = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:cancellation", to=["partner@test.invalid"]
    )
    calendar = Calendar.from_ical(cancellation.attachments[0]["content"])
    assert str(calendar["method"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 1
    with pytest.raises(ValidationError):
        services.agenda_item_add(actor=world.users["secretary"], meeting=m.upcoming, title="Nee")


def test_a_member_sends_their_deputy_who_is_invited_in_turn(world: World) -> None:
    m = meetings(world)
    deputy = add_deputy(world)
    participant = services.rsvp_answer(
        actor=world.users["member"],
        meeting=m.upcoming,
        person=world.people["member"],
        answer=Rsvp.DEPUTY,
        deputy=deputy,
    )
    assert participant.presence == Presence.REPRESENTED
    row = Participant.objects.get(meeting=m.upcoming, person=deputy)
    assert row.stands_in_for == participant and row.organisation == world.organisations["welzijn"]
    invitation = OutboundEmail.objects.get(key__startswith=f"meetings:{m.upcoming.code}:deputy")
    assert invitation.to == ["dirk@test.invalid"]
    # A deputy (full member role) sees the members-only item.
    assert "Vertrouwelijke contractering" in invitation.body_text
    # Attending after all: the deputy is no longer needed and hears so.
    services.rsvp_answer(
        actor=world.users["member"],
        meeting=m.upcoming,
        person=world.people["member"],
        answer="attend",
    )
    assert not Participant.objects.filter(meeting=m.upcoming, person=deputy).exists()
    assert OutboundEmail.objects.filter(
        key__startswith=f"meetings:{m.upcoming.code}:withdrawn", to=["dirk@test.invalid"]
    ).exists()


def test_a_deputy_must_be_the_members_own(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError) as error:
        services.rsvp_answer(
            actor=world.users["member"],
            meeting=m.upcoming,
            person=world.people["member"],
            answer=Rsvp.DEPUTY,
            deputy=world.people["outsider"],
        )
    assert "deputy" in error.value.message_dict


def test_an_answer_after_the_meeting_began_is_refused(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError) as error:
        services.rsvp_answer(
            actor=world.users["member"],
            meeting=m.held,
            person=world.people["member"],
            answer="attend",
        )
    assert "al begonnen" in error.value.messages[0]
    assert (
        Participant.objects.get(meeting=m.held, person=world.people["member"]).rsvp
        == Rsvp.NO_ANSWER
    )


def test_attendance_welcomes_new_members_guests_and_residents(world: World) -> None:
    m = meetings(world)
    rows = [
        services.AttendanceRow(
            participant=p,
            presence=Presence.PRESENT,
            is_new_member=p.person == world.people["colleague"],
        )
        for p in Participant.objects.filter(meeting=m.held, person__isnull=False)
    ]
    services.attendance_record(
        actor=world.users["secretary"],
        meeting=m.held,
        rows=rows,
        residents_present=6,
        guests=[("Mirjam Ruiter", "Fabriek", None)],
    )
    m.held.refresh_from_db()
    assert m.held.residents_present == 6
    assert Participant.objects.get(meeting=m.held, person=world.people["colleague"]).is_new_member
    assert Participant.objects.filter(
        meeting=m.held, guest_name="Mirjam Ruiter", presence="present"
    ).exists()


def test_two_editors_never_overwrite_each_other(world: World) -> None:
    m = meetings(world)
    section = MinutesSection.objects.get(item=m.held_item)
    read_by_both = section.version
    services.minutes_section_save(
        actor=world.users["secretary"], item=m.held_item, text="Eerste versie", version=read_by_both
    )
    with pytest.raises(services.MinutesConflict) as conflict:
        services.minutes_section_save(
            actor=world.users["chair"], item=m.held_item, text="Tweede versie", version=read_by_both
        )
    assert conflict.value.section.text == "Eerste versie"
    section.refresh_from_db()
    assert section.text == "Eerste versie" and section.version == read_by_both + 1


def test_notes_are_never_more_open_than_their_item(world: World) -> None:
    m = meetings(world)
    section = services.minutes_section_save(
        actor=world.users["secretary"],
        item=m.held_members_item,
        text="x",
        confidentiality="public",
        version=MinutesSection.objects.get(item=m.held_members_item).version,
    )
    assert section.confidentiality == "members"


def test_sending_minutes_puts_their_adoption_on_the_next_agenda(world: World) -> None:
    m = meetings(world)
    m.held.refresh_from_db()
    assert m.held.minutes_status == MinutesStatus.SENT
    item = AgendaItem.objects.get(meeting=m.upcoming, minutes_of=m.held)
    assert item.purpose == "adopt" and item.title.startswith("Verslag van de vergadering van")


def test_approved_minutes_are_locked(world: World) -> None:
    m = meetings(world)
    services.minutes_approve(
        actor=world.users["chair"], meeting=m.held, approved_in=begin(m.upcoming)
    )
    m.held.refresh_from_db()
    assert m.held.minutes_status == MinutesStatus.APPROVED
    assert m.held.minutes_approved_in == m.upcoming
    for attempt in (
        lambda: services.minutes_section_save(
            actor=world.users["secretary"], item=m.held_item, text="later", version=99
        ),
        lambda: services.decision_record(
            actor=world.users["secretary"], meeting=m.held, item=None, text="later"
        ),
        lambda: services.agenda_item_add(actor=world.users["secretary"], meeting=m.held, title="x"),
    ):
        with pytest.raises(ValidationError):
            attempt()


def test_minutes_are_approved_in_a_later_meeting_only(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=world.users["chair"], meeting=m.upcoming, approved_in=m.held)


def test_minutes_are_approved_in_a_meeting_that_began_and_stay_so(world: World) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    with pytest.raises(ValidationError) as error:
        services.minutes_approve(actor=world.users["chair"], meeting=m.held, approved_in=m.upcoming)
    assert "is nog niet begonnen" in error.value.message_dict["approved_in"][0]
    # Nor in a draft that was never held in the app (even if its date has passed).
    draft = services.meeting_create(
        actor=secretary,
        body=m.held.body,
        title="Concept",
        starts_at=at(0, 0, 1),
        ends_at=at(0, 0, 2),
    )
    with pytest.raises(ValidationError, match="nog een concept"):
        services.minutes_approve(actor=world.users["chair"], meeting=m.held, approved_in=draft)
    m.held.refresh_from_db()
    assert m.held.minutes_status == MinutesStatus.SENT
    services.minutes_approve(
        actor=world.users["chair"], meeting=m.held, approved_in=begin(m.upcoming)
    )
    # The meeting that approved them is not cancelled afterwards ...
    with pytest.raises(ValidationError, match="kan niet worden geannuleerd"):
        services.meeting_cancel(actor=secretary, meeting=m.upcoming)
    # ... and nothing is carried out of the locked minutes (that would add a line to them).
    later = services.meeting_create(
        actor=secretary,
        body=m.held.body,
        title="Later",
        starts_at=at(30, 9),
        ends_at=at(30, 11),
    )
    with pytest.raises(ValidationError, match="op slot"):
        services.agenda_item_carry_over(actor=secretary, item=m.held_item, to_meeting=later)
    assert not AgendaItem.objects.filter(meeting=later).exists()


def test_an_action_without_owner_is_refused(world: World) -> None:
    m = meetings(world)
    before = Action.objects.count()
    with pytest.raises(ValidationError) as error:
        services.action_create(
            actor=world.users["secretary"],
            meeting=m.held,
            item=m.held_item,
            description="Iets doen",
        )
    assert "persoon of een organisatie" in error.value.message_dict["owner_person"][0]
    assert Action.objects.count() == before


def test_an_action_with_two_owners_is_refused(world: World) -> None:
    m = meetings(world)
    before = Action.objects.count()
    with pytest.raises(ValidationError) as error:
        services.action_create(
            actor=world.users["secretary"],
            meeting=m.held,
            item=m.held_item,
            description="Iets doen",
            owner_person=world.people["member"],
            owner_organisation=world.organisations["welzijn"],
        )
    assert "niet allebei" in error.value.message_dict["owner_organisation"][0]
    assert Action.objects.count() == before


def test_a_partner_cannot_own_a_members_only_action(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError):
        services.action_create(
            actor=world.users["secretary"],
            meeting=m.held,
            item=m.held_members_item,
            description="Geheim",
            owner_person=world.people["partner"],
            confidentiality="members",
        )
    with pytest.raises(ValidationError):
        services.action_create(
            actor=world.users["secretary"],
            meeting=m.held,
            item=m.held_members_item,
            description="Geheim",
            owner_organisation=world.organisations["gemeente"],
            confidentiality="members",
        )


def test_a_request_to_every_member_organisation_makes_one_action_each(world: World) -> None:
    m = meetings(world)
    actions = services.action_request_organisations(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_item,
        description="Wijzigingen op het manifest sturen",
        due_date=date(2031, 11, 14),
    )
    assert sorted(a.owner_organisation.name for a in actions) == [
        "Huisartsen Zuidoost",
        "Welzijn Zuidoost",
    ]
    assert len({a.request_code for a in actions}) == 1
    with_partners = services.action_request_organisations(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_item,
        description="Handtekening zetten",
        due_date=date(2031, 12, 18),
        include_partners=True,
    )
    assert "Gemeente Zeist" in {a.owner_organisation.name for a in with_partners}
    with pytest.raises(ValidationError):
        services.action_request_organisations(
            actor=world.users["secretary"],
            meeting=m.held,
            item=m.held_item,
            description="Zonder datum",
            due_date=None,
        )


def test_an_action_is_marked_done_and_opened_again(world: World) -> None:
    m = meetings(world)
    services.action_set_status(actor=world.users["member"], action=m.member_action, done=True)
    assert (
        m.member_action.status == "done" and m.member_action.completed_by == world.users["member"]
    )
    assert m.organisation_action.state == "overdue"
    services.action_set_status(actor=world.users["member"], action=m.member_action, done=False)
    assert m.member_action.state == "open" and m.member_action.completed_at is None


def test_minutes_sent_before_the_next_meeting_was_planned_are_adopted_in_it(world: World) -> None:
    """The body had no later meeting when the minutes went out for comment: the first meeting
    planned after them gets the item that adopts them, once; an earlier one does not."""
    from bestuurstafel.networks.models import Body

    secretary = world.users["secretary"]
    steering = Body.objects.get(network=world.network, slug="stuurgroep")
    held = services.meeting_create(
        actor=secretary, body=steering, title="Stuurgroep", starts_at=at(-3, 10), ends_at=at(-3, 12)
    )
    services.agenda_item_add(actor=secretary, meeting=held, title="Opening")
    services.meeting_publish(actor=secretary, meeting=held)
    services.minutes_send_for_comment(actor=secretary, meeting=held)
    assert not AgendaItem.objects.filter(minutes_of=held).exists()  # nowhere to put it yet
    before = services.meeting_create(
        actor=secretary, body=steering, title="Eerder", starts_at=at(-10, 10), ends_at=at(-10, 12)
    )
    assert not before.items.exists()
    later = services.meeting_create(
        actor=secretary, body=steering, title="Stuurgroep", starts_at=at(20, 10), ends_at=at(20, 12)
    )
    item = AgendaItem.objects.get(minutes_of=held)
    assert item.meeting == later and item.purpose == "adopt" and item.number == "1"
    again = services.meeting_create(
        actor=secretary, body=steering, title="Stuurgroep", starts_at=at(40, 10), ends_at=at(40, 12)
    )
    assert not again.items.exists()
    assert AgendaItem.objects.filter(minutes_of=held).count() == 1


def test_a_sub_item_is_never_more_open_than_its_main_item(world: World) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    members_item = AgendaItem.objects.get(meeting=m.upcoming, title="Vertrouwelijke contractering")
    public_sub = services.agenda_item_add(
        actor=secretary,
        meeting=m.upcoming,
        title="Toelichting voor inwoners",
        parent=members_item,
        confidentiality=Confidentiality.PUBLIC,
    )
    assert public_sub.confidentiality == Confidentiality.MEMBERS
    # Moving a public item under the members-only item closes it with the move ...
    moved = services.agenda_item_update(actor=secretary, item=m.opening, parent=members_item)
    assert moved.confidentiality == Confidentiality.MEMBERS
    # ... and closing a main item closes its sub-items and their files.
    business_sub = services.agenda_item_add(
        actor=secretary,
        meeting=m.upcoming,
        title="Jaarplan",
        parent=m.business,
        confidentiality=Confidentiality.NETWORK,
    )
    sub_file = services.attachment_add(
        actor=secretary, item=business_sub, title="Concept jaarplan", upload=pdf("jp.pdf")
    )
    services.agenda_item_update(actor=secretary, item=m.business, confidentiality="body")
    business_sub.refresh_from_db()
    sub_file.refresh_from_db()
    assert business_sub.confidentiality == sub_file.confidentiality == "body"


def test_carrying_an_item_creates_it_in_the_later_meeting(world: World) -> None:
    m = meetings(world)
    new = services.agenda_item_carry_over(
        actor=world.users["secretary"], item=m.held_item, to_meeting=m.draft
    )
    assert new.meeting == m.draft and new.carried_from == m.held_item and new.title == "Regioplan"
    # An agenda of one item gets the carried item at the end.
    assert new.number == "2"
    # On a longer agenda it goes before the last item, which closes the meeting.
    secretary = world.users["secretary"]
    services.agenda_item_add(actor=secretary, meeting=m.draft, title="Rondvraag en sluiting")
    later = services.agenda_item_carry_over(
        actor=secretary, item=m.held_members_item, to_meeting=m.draft
    )
    titles = list(
        AgendaItem.objects.filter(meeting=m.draft)
        .order_by("position")
        .values_list("title", "number")
    )
    assert titles == [
        ("Jaarplan", "1"),
        ("Regioplan", "2"),
        (later.title, "3"),
        ("Rondvraag en sluiting", "4"),
    ]
    with pytest.raises(ValidationError):
        services.agenda_item_carry_over(
            actor=world.users["secretary"], item=m.held_item, to_meeting=m.draft
        )
    with pytest.raises(ValidationError):
        services.agenda_item_carry_over(
            actor=world.users["secretary"], item=m.business, to_meeting=m.held
        )


def test_lessons_learned_wait_for_the_meeting(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError):
        services.reflection_add(
            actor=world.users["member"],
            meeting=m.upcoming,
            author=world.people["member"],
            text="Te vroeg",
        )
    assert Reflection.objects.filter(meeting=m.held).count() == 1


def test_reminders_are_sent_once(world: World) -> None:
    m = meetings(world)
    now = m.upcoming.starts_at - timedelta(days=6)
    first = services.send_reminders(now=now)
    assert first.meetings >= 1 and first.meeting_messages == 5
    # Only the overdue action: the member's own is due in ten days.
    assert first.actions == 1 and first.action_messages == 1
    again = services.send_reminders(now=now)
    assert again.meeting_messages == 0 and again.action_messages == 0
    soon = services.send_reminders(now=now, action_days=10)
    assert soon.action_messages == 1
    assert OutboundEmail.objects.filter(
        key__contains=f"{m.member_action.code}:due", subject__startswith="Deadline nadert"
    ).exists()
    overdue = OutboundEmail.objects.get(key__contains=f"{m.organisation_action.code}:overdue")
    assert overdue.to == ["lid@test.invalid"] and "Cijfers aanleveren" in overdue.body_text
    # Who declined gets no reminder.
    services.rsvp_answer(
        actor=world.users["partner"],
        meeting=m.upcoming,
        person=world.people["partner"],
        answer="absent",
    )
    later = services.send_reminders(now=now + timedelta(days=1))
    assert later.meeting_messages == 0


def test_the_calendar_address_can_be_revoked(world: World) -> None:
    from django.http import Http404

    from bestuurstafel.meetings.selectors import calendar_token_get

    token = meetings(world).calendar_token
    assert calendar_token_get(token=token).user == world.users["member"]
    services.calendar_token_revoke(actor=world.users["member"])
    with pytest.raises(Http404):
        calendar_token_get(token=token)


def test_someone_without_a_login_is_told_how_to_open_the_meeting_page(world: World) -> None:
    from .. import notifications

    m = meetings(world)
    partner = world.people["partner"]
    Person.objects.filter(pk=partner.pk).update(user=None)
    partner.refresh_from_db()
    for person in (partner, world.people["member"]):
        notifications.meeting_message(meeting=m.upcoming, person=person, kind="reminder")
    sentence = "U heeft nog geen account voor Bestuurstafel"
    without = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:reminder", to=[partner.email]
    )
    assert sentence in without.body_text and sentence in without.body_html
    # They are not sent to a page they cannot open to answer, but to the secretary.
    for body in (without.body_text, without.body_html):
        assert "Laat de secretaris van het netwerk weten of u komt" in body
        assert "#rsvp" not in body
    member = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:reminder", to=[world.people["member"].email]
    )
    assert sentence not in member.body_text + member.body_html


def test_decisions_and_actions_take_their_items_level_unless_chosen(world: World) -> None:
    m = meetings(world)
    decision = services.decision_record(
        actor=world.users["secretary"], meeting=m.held, item=m.held_members_item, text="Besluit"
    )
    action = services.action_create(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        description="Iets doen",
        owner_person=world.people["member"],
    )
    requests = services.action_request_organisations(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        description="Wijzigingen sturen",
        due_date=timezone.localdate() + timedelta(days=7),
    )
    assert decision.confidentiality == action.confidentiality == "members"
    assert {a.confidentiality for a in requests} == {"members"}
    # Publishing a decision from a closed deliberation is a choice, and it is kept.
    published = services.decision_record(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        text="Openbaar besluit",
        confidentiality="public",
    )
    assert published.confidentiality == "public"


def test_closing_an_item_closes_the_decisions_and_actions_that_followed_it(world: World) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    decision = services.decision_record(
        actor=secretary, meeting=m.upcoming, item=m.business, text="Besluit"
    )
    published = services.decision_record(
        actor=secretary, meeting=m.upcoming, item=m.business, text="Pers", confidentiality="public"
    )
    action = services.action_create(
        actor=secretary,
        meeting=m.upcoming,
        item=m.business,
        description="Actie",
        owner_person=world.people["member"],
    )
    assert m.business.confidentiality == "network"
    services.agenda_item_update(actor=secretary, item=m.business, confidentiality="members")
    for obj in (decision, published, action):
        obj.refresh_from_db()
    assert decision.confidentiality == action.confidentiality == "members"
    assert published.confidentiality == "public"


def test_an_item_with_a_guest_or_minutes_under_it_is_not_removed(world: World) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    parent = m.sub_item.parent
    services.attendance_record(
        actor=secretary,
        meeting=m.upcoming,
        rows=[],
        residents_present=0,
        guests=[("Gerda Gast", "Provincie", m.sub_item)],
    )
    with pytest.raises(ValidationError) as error:
        services.agenda_item_delete(actor=secretary, item=parent)
    assert "gast" in error.value.messages[0]
    Participant.objects.filter(guest_name="Gerda Gast").delete()
    services.decision_record(actor=secretary, meeting=m.upcoming, item=m.sub_item, text="Besluit")
    with pytest.raises(ValidationError) as error:
        services.agenda_item_delete(actor=secretary, item=parent)
    assert "besluiten of acties" in error.value.messages[0]
    assert AgendaItem.objects.filter(pk__in=[parent.pk, m.sub_item.pk]).count() == 2


# --- Correcting decisions and actions ---------------------------------------------------------


def test_the_secretary_corrects_an_action_and_the_change_is_traced(world: World) -> None:
    m = meetings(world)
    action = m.member_action
    services.action_update(
        actor=world.users["secretary"],
        action=action,
        description="  Reactie op het regioplan sturen aan de regio  ",
        owner_person=None,
        owner_organisation=world.organisations["welzijn"],
        due_date=date(2031, 3, 1),
        confidentiality=None,
    )
    action.refresh_from_db()
    assert action.description == "Reactie op het regioplan sturen aan de regio"
    assert action.owner_person is None
    assert action.owner_organisation == world.organisations["welzijn"]
    assert action.due_date == date(2031, 3, 1)
    assert action.confidentiality == m.held_item.confidentiality  # the item's, when not chosen
    event = AuditEvent.objects.get(action="meetings.action_update", target_id=str(action.pk))
    assert event.changes["due_date"]["to"] == "2031-03-01"
    assert event.changes["owner_person"] == {"from": "Anna Lid", "to": None}
    assert event.changes["owner_organisation"]["to"] == "Welzijn Zuidoost"
    assert "confidentiality" not in event.changes  # only what changed


def test_an_action_keeps_its_owner_rules_when_corrected(world: World) -> None:
    m = meetings(world)
    action = m.member_action
    secretary = world.users["secretary"]
    with pytest.raises(ValidationError) as error:
        services.action_update(
            actor=secretary,
            action=action,
            description="Iets doen",
            owner_person=None,
            owner_organisation=None,
            due_date=None,
            confidentiality="network",
        )
    assert "persoon of een organisatie" in error.value.message_dict["owner_person"][0]
    with pytest.raises(ValidationError) as error:
        services.action_update(
            actor=secretary,
            action=action,
            description="Geheim",
            owner_person=world.people["partner"],
            owner_organisation=None,
            due_date=None,
            confidentiality="members",
        )
    assert "Paul Partner" in error.value.message_dict["owner_person"][0]
    action.refresh_from_db()
    assert action.description == "Reactie op het regioplan sturen"
    assert action.owner_person == world.people["member"]
    assert not AuditEvent.objects.filter(action="meetings.action_update").exists()


def test_the_secretary_corrects_a_decision_and_the_change_is_traced(world: World) -> None:
    m = meetings(world)
    decision = m.public_decision
    services.decision_update(
        actor=world.users["secretary"],
        decision=decision,
        text="Het regioplan wordt in mei openbaar gemaakt.",
        confidentiality="network",
    )
    decision.refresh_from_db()
    assert decision.text == "Het regioplan wordt in mei openbaar gemaakt."
    assert decision.confidentiality == "network"
    event = AuditEvent.objects.get(action="meetings.decision_update", target_id=str(decision.pk))
    assert event.changes["confidentiality"] == {"from": "public", "to": "network"}
    with pytest.raises(ValidationError) as error:
        services.decision_update(
            actor=world.users["secretary"], decision=decision, text="  ", confidentiality=None
        )
    assert "Schrijf op wat er is besloten" in error.value.message_dict["text"][0]


def test_decisions_and_actions_of_approved_minutes_are_not_corrected_or_removed(
    world: World,
) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    begin(m.upcoming)
    services.minutes_approve(actor=world.users["chair"], meeting=m.held, approved_in=m.upcoming)
    m.member_action.refresh_from_db()
    m.public_decision.refresh_from_db()
    for attempt in (
        lambda: services.action_update(
            actor=secretary,
            action=m.member_action,
            description="Later",
            owner_person=world.people["member"],
            owner_organisation=None,
            due_date=None,
            confidentiality="network",
        ),
        lambda: services.action_delete(actor=secretary, action=m.member_action),
        lambda: services.decision_update(
            actor=secretary, decision=m.public_decision, text="Later", confidentiality="public"
        ),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == [
            "Het verslag van deze vergadering is vastgesteld en op slot."
        ]
    assert (
        Action.objects.get(pk=m.member_action.pk).description == "Reactie op het regioplan sturen"
    )
    m.public_decision.refresh_from_db()
    assert m.public_decision.text == "Het regioplan wordt openbaar gemaakt."
