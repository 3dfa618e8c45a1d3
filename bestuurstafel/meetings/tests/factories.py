"""Meetings in the test world (``world.extra["meetings"]``), built through the services.

- ``upcoming``: the plenary in a week, published; items: an opening (public), network business
  with an attachment, a members-only item with a members-only attachment, a sub-item.
- ``held``: the plenary of yesterday, minutes sent for comment: notes, a members-only decision
  and a public one, actions for the member and for the member's organisation, a guest, a
  lesson learned by the member and the member's comment on the minutes.
- ``draft``: a plenary in a month, not published.
- ``public``: a public plenary in two weeks with a public and a members-only item.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bestuurstafel.accounts.models import User
from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.networks.models import Membership, Person
from bestuurstafel.testing.world import World

from .. import services
from ..models import (
    Action,
    AgendaItem,
    Attachment,
    Decision,
    Meeting,
    MinutesComment,
    Participant,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def pdf(name: str = "stuk.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add_deputy(
    world: World, *, email: str = "dirk@test.invalid", user: User | None = None
) -> Person:
    """Dirk Plaatsvervanger: a deputy of the member's organisation (Welzijn) in the network."""
    deputy = Person.objects.create(
        given_name="Dirk", family_name="Plaatsvervanger", email=email, user=user
    )
    Membership.objects.create(
        person=deputy,
        network=world.network,
        organisation=world.organisations["welzijn"],
        role="deputy",
        start_date=date(2024, 1, 1),
    )
    return deputy


def at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone()
    )


@dataclass
class MeetingWorld:
    upcoming: Meeting
    opening: AgendaItem
    business: AgendaItem
    members_item: AgendaItem
    sub_item: AgendaItem
    network_file: Attachment
    members_file: Attachment
    held: Meeting
    held_members_item: AgendaItem
    held_item: AgendaItem
    members_decision: Decision
    public_decision: Decision
    member_action: Action
    organisation_action: Action
    guest: Participant
    member_comment: MinutesComment
    draft: Meeting
    draft_item: AgendaItem
    public: Meeting
    calendar_token: str


def add_meetings(world: World) -> MeetingWorld:
    secretary = world.users["secretary"]
    people = world.people
    upcoming = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Plenair overleg",
        starts_at=at(7, 10),
        ends_at=at(7, 12),
        location="Gemeentehuis Zeist",
        chair=people["chair"],
    )
    opening = services.agenda_item_add(
        actor=secretary,
        meeting=upcoming,
        title="Opening",
        presenter=people["chair"],
        duration_minutes=5,
        confidentiality=Confidentiality.PUBLIC,
    )
    business = services.agenda_item_add(
        actor=secretary,
        meeting=upcoming,
        title="Netwerkzaken",
        presenter=people["secretary"],
        duration_minutes=20,
    )
    members_item = services.agenda_item_add(
        actor=secretary,
        meeting=upcoming,
        title="Vertrouwelijke contractering",
        presenter_name="Gast Spreker (Adviesbureau)",
        purpose="discuss",
        duration_minutes=30,
        confidentiality=Confidentiality.MEMBERS,
    )
    sub_item = services.agenda_item_add(
        actor=secretary,
        meeting=upcoming,
        title="Onderdeel tarieven",
        parent=members_item,
        duration_minutes=10,
        confidentiality=Confidentiality.MEMBERS,
    )
    network_file = services.attachment_add(
        actor=secretary, item=business, title="Jaarverslag", upload=pdf("jaarverslag.pdf")
    )
    members_file = services.attachment_add(
        actor=secretary, item=members_item, title="Geheime offerte", upload=pdf("offerte.pdf")
    )
    services.meeting_publish(actor=secretary, meeting=upcoming)

    held = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Plenair overleg",
        starts_at=at(3, 14),
        ends_at=at(3, 16),
        location="Huisartsen Zuidoost",
    )
    held_item = services.agenda_item_add(
        actor=secretary, meeting=held, title="Regioplan", duration_minutes=60
    )
    held_members_item = services.agenda_item_add(
        actor=secretary,
        meeting=held,
        title="Besloten bespreking",
        duration_minutes=30,
        confidentiality=Confidentiality.MEMBERS,
    )
    services.meeting_publish(actor=secretary, meeting=held)
    # It took place yesterday.
    Meeting.objects.filter(pk=held.pk).update(starts_at=at(-1, 14), ends_at=at(-1, 16))
    held.refresh_from_db()
    services.minutes_section_save(
        actor=secretary, item=held_item, text="Het regioplan is besproken.", version=0
    )
    services.minutes_section_save(
        actor=secretary,
        item=held_members_item,
        text="Over de tarieven is vertrouwelijk gesproken.",
        version=0,
    )
    members_decision = services.decision_record(
        actor=secretary,
        meeting=held,
        item=held_members_item,
        text="De tarieven blijven vertrouwelijk.",
        confidentiality=Confidentiality.MEMBERS,
    )
    public_decision = services.decision_record(
        actor=secretary,
        meeting=held,
        item=held_item,
        text="Het regioplan wordt openbaar gemaakt.",
        confidentiality=Confidentiality.PUBLIC,
    )
    member_action = services.action_create(
        actor=secretary,
        meeting=held,
        item=held_item,
        description="Reactie op het regioplan sturen",
        owner_person=people["member"],
        due_date=timezone.localdate() + timedelta(days=10),
    )
    organisation_action = services.action_create(
        actor=secretary,
        meeting=held,
        item=held_item,
        description="Cijfers aanleveren",
        owner_organisation=world.organisations["welzijn"],
        due_date=timezone.localdate() - timedelta(days=1),
    )
    services.attendance_record(
        actor=secretary,
        meeting=held,
        rows=[],
        residents_present=3,
        guests=[("Gerrit Gast", "Provincie Utrecht", None)],
    )
    guest = Participant.objects.get(meeting=held, guest_name="Gerrit Gast")
    services.minutes_send_for_comment(actor=secretary, meeting=held)
    services.reflection_add(
        actor=world.users["member"],
        meeting=held,
        author=people["member"],
        text="Korte agenda werkte goed.",
    )
    member_comment = services.minutes_comment_add(
        actor=world.users["member"],
        meeting=held,
        author=people["member"],
        item=held_item,
        text="Het regioplan wordt in mei openbaar, niet in april.",
    )

    draft = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Plenair overleg",
        starts_at=at(30, 10),
        ends_at=at(30, 12),
    )
    draft_item = services.agenda_item_add(actor=secretary, meeting=draft, title="Jaarplan")

    public = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Openbaar overleg",
        starts_at=at(14, 19),
        ends_at=at(14, 21),
        location="Bibliotheek Zeist",
        is_public=True,
    )
    services.agenda_item_add(
        actor=secretary,
        meeting=public,
        title="Inwoners aan het woord",
        confidentiality=Confidentiality.PUBLIC,
    )
    services.agenda_item_add(
        actor=secretary,
        meeting=public,
        title="Besloten nabespreking",
        confidentiality=Confidentiality.MEMBERS,
    )
    services.meeting_publish(actor=secretary, meeting=public)
    token = services.calendar_token_create(actor=world.users["member"])

    meetings = MeetingWorld(
        upcoming=upcoming,
        opening=opening,
        business=business,
        members_item=members_item,
        sub_item=sub_item,
        network_file=network_file,
        members_file=members_file,
        held=held,
        held_members_item=held_members_item,
        held_item=held_item,
        members_decision=members_decision,
        public_decision=public_decision,
        member_action=member_action,
        organisation_action=organisation_action,
        guest=guest,
        member_comment=member_comment,
        draft=draft,
        draft_item=draft_item,
        public=public,
        calendar_token=token,
    )
    world.extra["meetings"] = meetings
    return meetings


def meetings(world: World) -> MeetingWorld:
    found = world.extra.get("meetings")
    assert isinstance(found, MeetingWorld), "build_world adds the meetings"
    return found


def begin(meeting: Meeting) -> Meeting:
    """Let the meeting have begun ten minutes ago (minutes are approved in a meeting that took
    place)."""
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=110)
    )
    meeting.refresh_from_db()
    return meeting
