"""The write path: planning, agenda, attachments, invitations, answers, minutes, decisions,
actions, reflections, reminders. Every rule that refuses bad input leaves nothing saved."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from icalendar import Calendar

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

from .factories import PDF, add_deputy, at, meetings, pdf

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
    assert numbers["Netwerkzaken"] == ("2", 5)
    assert numbers["Vertrouwelijke contractering"] == ("3", 25)
    assert numbers["Onderdeel tarieven"] == ("3.1", 25)
    # Moving "Netwerkzaken" up renumbers everything, files too (Bijlage numbers follow the agenda).
    services.agenda_item_move(actor=world.users["secretary"], item=m.business, direction="up")
    m.business.refresh_from_db()
    m.opening.refresh_from_db()
    assert (m.business.number, m.opening.number, m.opening.offset_minutes) == ("1", "2", 20)
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
    # A change of the introduction only is not a calendar change.
    services.meeting_update(actor=world.users["secretary"], meeting=m.upcoming, description="Hoi")
    assert m.upcoming.sequence == 1


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
        key__startswith=f"meetings:{m.upcoming.code}:cancellation", to=["dirk@test.invalid"]
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
        guests=[("Mirjam Ruiter", "Fabriek")],
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
    services.minutes_approve(actor=world.users["chair"], meeting=m.held, approved_in=m.upcoming)
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


def test_carrying_an_item_creates_it_in_the_later_meeting(world: World) -> None:
    m = meetings(world)
    new = services.agenda_item_carry_over(
        actor=world.users["secretary"], item=m.held_item, to_meeting=m.draft
    )
    assert new.meeting == m.draft and new.carried_from == m.held_item and new.title == "Regioplan"
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
    member = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:reminder", to=[world.people["member"].email]
    )
    assert sentence not in member.body_text + member.body_html
