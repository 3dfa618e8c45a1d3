"""The meeting page keeps its agenda, decisions and invitees per audience (``meeting_audience``,
keyed on the meeting's ``updated_at``). The cache must never show one reader what another may
see, and must show every change at once."""

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.networks.access import viewer_for_user
from bestuurstafel.testing.world import PERSONAS, World

from .. import selectors, services
from ..models import AgendaItem, Meeting
from .factories import at, meetings, pdf

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def page(client: Client, world: World, meeting: Meeting) -> str:
    path = reverse("meetings:detail", kwargs={"slug": world.network.slug, "code": meeting.code})
    return client.get(path).content.decode()


def contents(world: World, persona: str, meeting: Meeting) -> tuple[tuple[int, ...], ...]:
    """Everything the cached parts of the page hold, as the selectors give it to ``persona``."""
    viewer = viewer_for_user(world.user(persona))
    agenda = selectors.agenda_for(viewer=viewer, meeting=meeting)
    return (
        tuple(item.pk for item in agenda.flat),
        tuple(file.pk for file in agenda.attachments),
        tuple(d.pk for d in selectors.decisions_for(viewer=viewer, meeting=meeting)),
        tuple(p.pk for p in selectors.participants_for(viewer=viewer, meeting=meeting)),
    )


def test_readers_with_the_same_audience_see_the_same_contents(world: World) -> None:
    meetings(world)
    # A steering-group meeting with a "body only" item: the member and the chair sit in it,
    # the partner and the secretary's colleagues do not.
    steering = services.meeting_create(
        actor=world.users["secretary"],
        body=world.steering,
        title="Stuurgroep",
        starts_at=at(9, 10),
        ends_at=at(9, 11),
    )
    for level in Confidentiality.values:
        services.agenda_item_add(
            actor=world.users["secretary"],
            meeting=steering,
            title=f"Punt {level}",
            confidentiality=level,
        )
    services.meeting_publish(actor=world.users["secretary"], meeting=steering)
    audiences: set[str] = set()
    for meeting in Meeting.objects.all():
        seen: dict[str, tuple[tuple[int, ...], ...]] = {}
        for persona in PERSONAS:
            viewer = viewer_for_user(world.user(persona))
            if not selectors.meeting_is_visible(viewer, meeting):
                continue
            key = selectors.meeting_audience(viewer, meeting)
            audiences.add(key)
            found = contents(world, persona, meeting)
            assert seen.setdefault(key, found) == found, (persona, meeting.title, key)
    # Not a vacuous check: public, network, members, body and managing readers all differ.
    assert len(audiences) >= 5, audiences


def test_a_cached_agenda_never_reaches_a_reader_who_may_not_see_it(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    member = client_for("member")
    partner = client_for("partner")
    for _ in range(2):  # the second time from the cache
        assert "Vertrouwelijke contractering" in page(member, world, m.upcoming)
        partner_page = page(partner, world, m.upcoming)
        assert "Netwerkzaken" in partner_page
        assert "Vertrouwelijke contractering" not in partner_page
        assert "Geheime offerte" not in partner_page
    # Someone of another network, and an anonymous visitor, get nothing of the cached page.
    path = reverse("meetings:detail", kwargs={"slug": world.network.slug, "code": m.upcoming.code})
    assert client_for("outsider").get(path).status_code == 404
    anonymous = Client().get(path)
    assert anonymous.status_code == 302 and b"Netwerkzaken" not in anonymous.content
    # The other way round: the partner fills the cache first.
    assert "Besloten bespreking" not in page(partner, world, m.held)
    assert "Besloten bespreking" in page(member, world, m.held)


def test_every_change_shows_at_once(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    member = client_for("member")
    partner = client_for("partner")
    assert "Netwerkzaken" in page(partner, world, m.upcoming)  # now cached

    item = AgendaItem.objects.get(meeting=m.upcoming, title="Netwerkzaken")
    services.agenda_item_update(
        actor=secretary, item=item, title="Netwerkzaken en jaarplan", confidentiality="members"
    )
    assert "Netwerkzaken" not in page(partner, world, m.upcoming)
    assert "Netwerkzaken en jaarplan" in page(member, world, m.upcoming)

    services.attachment_add(
        actor=secretary, item=item, title="Nieuw jaarplan", upload=pdf("jaarplan.pdf")
    )
    assert "Nieuw jaarplan" in page(member, world, m.upcoming)

    # Reordering is a bulk update: the numbers must follow too.
    services.agenda_item_move(actor=secretary, item=item, direction="up")
    moved = page(member, world, m.upcoming)
    assert re.search(r'number">2</span>(?:(?!</h3>).)*Netwerkzaken en jaarplan', moved, re.S)

    # A write outside the services (the Django admin saves the model): the page follows.
    item.refresh_from_db()
    item.title = "Jaarplan 2027"
    item.save()
    assert "Jaarplan 2027" in page(member, world, m.upcoming)

    # An answer changes the invitees' counts.
    before = page(member, world, m.upcoming)
    services.rsvp_answer(
        actor=world.users["member"],
        meeting=m.upcoming,
        person=world.people["member"],
        answer="absent",
        deputy=None,
        note="",
    )
    assert page(member, world, m.upcoming) != before


def test_a_deputy_standing_in_has_an_audience_of_their_own(world: World) -> None:
    """Standing in opens "body only" for one meeting: the key must say so, and must stop
    saying so when the member attends after all."""
    from .test_deputy import ITEM, attend_after_all, body_only_papers

    stand_in = body_only_papers(world)
    meeting = stand_in.item.meeting
    client = stand_in.client()
    partner = viewer_for_user(world.user("partner"))
    deputy = viewer_for_user(stand_in.user)
    member = viewer_for_user(world.user("member"))
    # Standing in for the member, the deputy (a full role in the network) reads as the member.
    assert selectors.meeting_audience(deputy, meeting) == selectors.meeting_audience(
        member, meeting
    )
    assert selectors.agenda_for(viewer=deputy, meeting=meeting).flat == (
        selectors.agenda_for(viewer=member, meeting=meeting).flat
    )
    # Not at the other meeting of the body.
    assert selectors.meeting_audience(deputy, stand_in.other)[3] == "0"
    assert ITEM in page(client, world, meeting)
    assert ITEM not in page(Client(), world, meeting)  # anonymous: asked to log in
    attend_after_all(world)
    assert selectors.meeting_audience(deputy, meeting)[3] == "0"  # "body" is the 4th level
    after = page(client, world, meeting)
    assert ITEM not in after and "Plenair overleg bedoeld is" not in after
    assert selectors.meeting_audience(partner, meeting)[3] == "1"  # the partner sits in the body


def test_a_new_name_shows_at_once(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    member = client_for("member")
    assert world.people["secretary"].full_name in page(member, world, m.upcoming)  # a presenter
    person = world.people["secretary"]
    person.family_name = "Nieuwenaam"
    person.save()
    assert "Nieuwenaam" in page(member, world, m.upcoming)
    organisation = world.organisations["welzijn"]
    organisation.name = "Welzijn Nieuw"
    organisation.save()
    assert "Welzijn Nieuw" in page(member, world, m.upcoming)  # an invitee's organisation
