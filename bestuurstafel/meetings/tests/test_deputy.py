"""Standing in: someone who stands in for a member of the body at one meeting sees, for that
meeting only, what the body's members see ("body only"), on every way out: the page, the file,
the agenda PDF, the minutes, the calendar feeds, the invitation e-mail, the decision and action
lists. Not at another meeting of the body, not once the member attends after all, not as a guest,
and never "members only" beyond their own role."""

import io
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from bestuurstafel.accounts.models import User
from bestuurstafel.core.models import OutboundEmail
from bestuurstafel.networks.access import viewer_for_person
from bestuurstafel.networks.models import BodyMembership, Membership, Person
from bestuurstafel.testing.world import World, login, make_person, make_user

from .. import selectors, services
from ..models import AgendaItem, Attachment, Meeting, Participant, Rsvp
from .factories import at, meetings, pdf

pytestmark = pytest.mark.django_db

ITEM = "Alleen voor het plenair"
FILE = "Plenaire notitie"
OTHER_ITEM = "Ander plenair geheim"


@dataclass
class StandIn:
    deputy: Person
    user: User
    item: AgendaItem
    file: Attachment
    other: Meeting
    other_item: AgendaItem

    def client(self) -> Client:
        return login(Client(), self.user)


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, **kwargs})


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def titles(person: Person, meeting: Meeting) -> list[str]:
    viewer = viewer_for_person(person)
    return [i.title for i in selectors.agenda_for(viewer=viewer, meeting=meeting).flat]


def body_only_papers(world: World, *, role: str = "deputy", answer: bool = True) -> StandIn:
    """A body-only item with a file in the next plenary and in another plenary, and Dirk (no
    seat in the plenary, ``role`` in the network) as the member's deputy; the member sends him."""
    m = meetings(world)
    secretary = world.users["secretary"]
    user = make_user("dirk@test.invalid")
    deputy = make_person("Dirk", "Plaatsvervanger", user=user)
    Membership.objects.create(
        person=deputy,
        network=world.network,
        organisation=world.organisations["welzijn"],
        role=role,
        start_date=date(2024, 1, 1),
    )
    Membership.objects.filter(pk=world.memberships["member"].pk).update(deputy=deputy)
    item = services.agenda_item_add(
        actor=secretary, meeting=m.upcoming, title=ITEM, confidentiality="body"
    )
    file = services.attachment_add(
        actor=secretary, item=item, title=FILE, upload=pdf("notitie.pdf")
    )
    other = services.meeting_create(
        actor=secretary,
        body=world.plenary,
        title="Tweede plenair",
        starts_at=at(21, 10),
        ends_at=at(21, 12),
    )
    services.agenda_item_add(actor=secretary, meeting=other, title="Opening")
    other_item = services.agenda_item_add(
        actor=secretary, meeting=other, title=OTHER_ITEM, confidentiality="body"
    )
    services.meeting_publish(actor=secretary, meeting=other)
    if answer:
        send_deputy(world, deputy)
    return StandIn(deputy, user, item, file, other, other_item)


def send_deputy(world: World, deputy: Person) -> Participant:
    return services.rsvp_answer(
        actor=world.users["member"],
        meeting=meetings(world).upcoming,
        person=world.people["member"],
        answer=Rsvp.DEPUTY,
        deputy=deputy,
    )


def attend_after_all(world: World) -> None:
    services.rsvp_answer(
        actor=world.users["member"],
        meeting=meetings(world).upcoming,
        person=world.people["member"],
        answer=Rsvp.ATTEND,
    )


# --- The deputy who stands in ----------------------------------------------------------------------


def test_a_deputy_sees_nothing_body_only_before_they_are_sent(world: World) -> None:
    s = body_only_papers(world, answer=False)
    m = meetings(world)
    assert ITEM not in titles(s.deputy, m.upcoming)
    assert "Netwerkzaken" in titles(s.deputy, m.upcoming)
    response = s.client().get(
        url("attachment", world, code=m.upcoming.code, attachment=s.file.code)
    )
    assert response.status_code == 404


def test_the_deputy_sees_the_body_only_item_and_downloads_its_file(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    client = s.client()
    page = client.get(url("detail", world, code=m.upcoming.code)).content.decode()
    assert ITEM in page and f"Bijlage 3: {FILE}" in page
    assert "U vervangt Anna Lid." in page
    assert "ook wat alleen voor de leden van Plenair overleg bedoeld is" in page
    response = client.get(url("attachment", world, code=m.upcoming.code, attachment=s.file.code))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_the_deputy_finds_it_in_the_agenda_pdf_and_the_invitation(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    agenda = pdf_text(s.client().get(url("agenda_pdf", world, code=m.upcoming.code)).content)
    assert ITEM in agenda and f"Bijlage 3: {FILE}" in agenda
    assert "Gemaakt voor" in agenda
    invitation = OutboundEmail.objects.get(
        key__startswith=f"meetings:{m.upcoming.code}:deputy:", to=["dirk@test.invalid"]
    )
    assert ITEM in invitation.body_text and FILE in invitation.body_text
    assert ITEM in invitation.body_html
    assert "alleen voor de leden van Plenair overleg" in invitation.body_text
    # A member of the plenary got it in their invitation; the partner of the other meeting not.
    assert OTHER_ITEM not in invitation.body_text


def test_the_deputy_reads_the_body_only_minutes_decisions_and_actions(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    secretary = world.users["secretary"]
    services.minutes_section_save(
        actor=secretary, item=s.item, text="Notitie plenair besproken.", version=0
    )
    services.decision_record(
        actor=secretary,
        meeting=m.upcoming,
        item=s.item,
        text="Plenair besluit vertrouwelijk.",
        confidentiality="body",
    )
    # The deputy may own a body-only action of the meeting they stood in at: they see it.
    services.action_create(
        actor=secretary,
        meeting=m.upcoming,
        item=s.item,
        description="Plenaire actie uitvoeren",
        owner_person=s.deputy,
        due_date=date.today() + timedelta(days=20),
        confidentiality="body",
    )
    Meeting.objects.filter(pk=m.upcoming.pk).update(minutes_status="sent")
    client = s.client()
    for name, read in (("minutes_pdf", pdf_text), ("minutes_docx", docx_text)):
        minutes = read(client.get(url(name, world, code=m.upcoming.code)).content)
        for expected in (ITEM, "Notitie plenair besproken.", "Plenair besluit vertrouwelijk."):
            assert expected in minutes, (name, expected)
        assert "Plenaire actie uitvoeren" in minutes, name
    decisions = client.get(url("decisions", world)).content.decode()
    assert "Plenair besluit vertrouwelijk." in decisions
    assert f"{s.item.number}. {ITEM}" in decisions  # the item's title, not a dash
    actions = client.get(url("actions", world), {"wie": "mine"}).content.decode()
    assert "Plenaire actie uitvoeren" in actions
    # And once the member attends after all, all of it closes again.
    attend_after_all(world)
    assert (
        "Plenair besluit vertrouwelijk." not in client.get(url("decisions", world)).content.decode()
    )
    assert "Plenaire actie uitvoeren" not in client.get(url("actions", world)).content.decode()
    minutes = pdf_text(client.get(url("minutes_pdf", world, code=m.upcoming.code)).content)
    assert "Notitie plenair besproken." not in minutes and ITEM not in minutes


def test_the_deputys_calendar_feeds_carry_the_item_of_that_meeting_only(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    token = services.calendar_token_create(actor=s.user)
    personal = Calendar.from_ical(
        Client().get(reverse("meetings:feed_personal", kwargs={"token": token})).content
    )
    found = {str(e["uid"]): str(e["description"]) for e in personal.walk("VEVENT")}
    assert ITEM in found[m.upcoming.ical_uid]
    body_feed = Calendar.from_ical(
        s.client().get(url("feed_body", world, body=world.plenary.slug)).content
    )
    by_uid = {str(e["uid"]): str(e["description"]) for e in body_feed.walk("VEVENT")}
    assert ITEM in by_uid[m.upcoming.ical_uid]
    assert "Opening" in by_uid[s.other.ical_uid] and OTHER_ITEM not in by_uid[s.other.ical_uid]


def test_standing_in_opens_that_meeting_only(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    assert ITEM in titles(s.deputy, m.upcoming)
    assert "Opening" in titles(s.deputy, s.other)
    assert OTHER_ITEM not in titles(s.deputy, s.other)
    page = s.client().get(url("detail", world, code=s.other.code)).content.decode()
    assert "Opening" in page and OTHER_ITEM not in page
    listing = selectors.meeting_list_for_user(
        viewer=viewer_for_person(s.deputy), network=world.network
    )
    counts = {meeting.pk: meeting.item_count for meeting in listing}
    assert counts[s.other.pk] == 1  # the opening; the body-only item is not counted


def test_the_access_goes_when_the_member_attends_after_all(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    assert ITEM in titles(s.deputy, m.upcoming)
    attend_after_all(world)
    assert ITEM not in titles(s.deputy, m.upcoming)
    with pytest.raises(Http404):
        selectors.attachment_get_for_user(
            viewer=viewer_for_person(s.deputy), meeting=m.upcoming, code=s.file.code
        )
    response = s.client().get(
        url("attachment", world, code=m.upcoming.code, attachment=s.file.code)
    )
    assert response.status_code == 404


def test_the_access_goes_with_the_stand_in_row(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    Participant.objects.filter(meeting=m.upcoming, person=s.deputy).delete()
    assert ITEM not in titles(s.deputy, m.upcoming)


def test_a_stand_in_row_left_behind_opens_nothing(world: World) -> None:
    """The row alone is not enough: the member must have answered "send my deputy" with
    this very person."""
    s = body_only_papers(world)
    m = meetings(world)
    member = Participant.objects.filter(meeting=m.upcoming, person=world.people["member"])
    member.update(rsvp=Rsvp.ATTEND)
    assert Participant.objects.filter(meeting=m.upcoming, person=s.deputy).exists()
    assert ITEM not in titles(s.deputy, m.upcoming)
    member.update(rsvp=Rsvp.DEPUTY, deputy=world.people["colleague"])
    assert ITEM not in titles(s.deputy, m.upcoming)
    member.update(deputy=s.deputy)
    assert ITEM in titles(s.deputy, m.upcoming)


def test_a_cancelled_meeting_or_a_member_who_left_the_body_gives_nothing(world: World) -> None:
    s = body_only_papers(world)
    m = meetings(world)
    BodyMembership.objects.filter(body=world.plenary, person=world.people["member"]).update(
        end_date=date.today() - timedelta(days=1)
    )
    assert ITEM not in titles(s.deputy, m.upcoming)
    BodyMembership.objects.filter(body=world.plenary, person=world.people["member"]).update(
        end_date=None
    )
    assert ITEM in titles(s.deputy, m.upcoming)
    services.meeting_cancel(actor=world.users["secretary"], meeting=m.upcoming)
    assert ITEM not in titles(s.deputy, m.upcoming)


def test_a_deputy_gets_the_body_members_view_not_members_only(world: World) -> None:
    """A partner standing in sees "body only", as a partner in the body does, but never
    "members only": that stays with their own role."""
    s = body_only_papers(world, role="partner")
    m = meetings(world)
    seen = titles(s.deputy, m.upcoming)
    assert ITEM in seen and "Netwerkzaken" in seen
    assert "Vertrouwelijke contractering" not in seen and "Onderdeel tarieven" not in seen
    # Exactly what the partner who sits in the plenary sees of this meeting.
    assert seen == titles(world.people["partner"], m.upcoming)


def test_a_guest_sees_nothing_extra(world: World) -> None:
    s = body_only_papers(world, answer=False)
    m = meetings(world)
    Participant.objects.create(meeting=m.upcoming, person=s.deputy, invited=False)
    assert ITEM not in titles(s.deputy, m.upcoming)
    page = s.client().get(url("detail", world, code=m.upcoming.code)).content.decode()
    assert "Netwerkzaken" in page and ITEM not in page and FILE not in page


def test_a_body_only_action_is_refused_for_a_deputy_who_does_not_stand_in(world: World) -> None:
    s = body_only_papers(world, answer=False)
    m = meetings(world)
    with pytest.raises(ValidationError) as error:
        services.action_create(
            actor=world.users["secretary"],
            meeting=m.upcoming,
            item=s.item,
            description="Niet voor Dirk",
            owner_person=s.deputy,
            confidentiality="body",
        )
    assert "owner_person" in error.value.message_dict


def test_standing_in_adds_no_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    s = body_only_papers(world)
    m = meetings(world)
    viewer = viewer_for_person(s.deputy)
    with django_assert_num_queries(3):  # as for anyone: items, files, carry-overs
        agenda = selectors.agenda_for(viewer=viewer, meeting=m.upcoming)
    assert FILE in [f.title for f in agenda.attachments]


def test_the_deputy_is_reminded_of_their_body_only_action(world: World) -> None:
    from .. import notifications

    s = body_only_papers(world)
    m = meetings(world)
    action = services.action_create(
        actor=world.users["secretary"],
        meeting=m.upcoming,
        item=s.item,
        description="Plenaire actie uitvoeren",
        owner_person=s.deputy,
        due_date=date.today() + timedelta(days=2),
        confidentiality="body",
    )
    assert notifications.action_reminder(action=action, today=date.today()) == 1
    attend_after_all(world)
    action.refresh_from_db()
    assert notifications.action_reminder(action=action, today=date.today()) == 0


# --- A named deputy outside the network ------------------------------------------------------------


def test_a_named_deputy_without_a_role_in_the_network_cannot_be_sent_and_the_page_says_why(
    world: World,
) -> None:
    """Sent anyway, they would be invited to a meeting they cannot open."""
    m = meetings(world)
    outsider = make_person("Olaf", "Buitenstaander", user=make_user("olaf@test.invalid"))
    Membership.objects.filter(pk=world.memberships["member"].pk).update(deputy=outsider)
    member = viewer_for_person(world.people["member"])

    assert outsider not in selectors.deputy_choices(viewer=member, meeting=m.upcoming)
    assert selectors.named_deputy_outside(viewer=member, meeting=m.upcoming) == outsider
    with pytest.raises(ValidationError) as error:
        send_deputy(world, outsider)
    assert "deputy" in error.value.message_dict
    assert not Participant.objects.filter(meeting=m.upcoming, person=outsider).exists()

    client = login(Client(), world.users["member"])
    page = client.get(url("detail", world, code=m.upcoming.code)).content.decode()
    assert "Uw plaatsvervanger Olaf Buitenstaander neemt geen deel aan dit netwerk" in page
    response = client.post(
        url("rsvp", world, code=m.upcoming.code), {"answer": "deputy", "deputy": outsider.pk}
    )
    assert response.status_code == 400
    assert "Olaf Buitenstaander neemt geen deel aan dit netwerk" in response.content.decode()
    assert not Participant.objects.filter(meeting=m.upcoming, person=outsider).exists()


def test_once_the_secretary_adds_the_deputy_to_the_network_they_can_be_sent(
    world: World,
) -> None:
    m = meetings(world)
    user = make_user("olaf@test.invalid")
    outsider = make_person("Olaf", "Buitenstaander", user=user)
    Membership.objects.filter(pk=world.memberships["member"].pk).update(deputy=outsider)
    Membership.objects.create(
        person=outsider, network=world.network, role="deputy", start_date=date(2024, 1, 1)
    )
    member = viewer_for_person(world.people["member"])
    assert outsider in selectors.deputy_choices(viewer=member, meeting=m.upcoming)
    assert selectors.named_deputy_outside(viewer=member, meeting=m.upcoming) is None

    send_deputy(world, outsider)
    page = login(Client(), world.users["member"]).get(url("detail", world, code=m.upcoming.code))
    assert "neemt geen deel aan dit netwerk" not in page.content.decode()
    assert login(Client(), user).get(url("detail", world, code=m.upcoming.code)).status_code == 200
