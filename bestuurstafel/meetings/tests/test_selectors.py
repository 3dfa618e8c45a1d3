"""The read path: who sees which meeting, item, file, note, decision and action. A partner never
meets a members-only item; a draft is for who manages the body; conflicts and load count
across bodies and networks."""

from datetime import date, timedelta

import pytest
from django.http import Http404

from bestuurstafel.networks.access import ANONYMOUS, viewer_for_user
from bestuurstafel.networks.models import Body, BodyMembership, Membership
from bestuurstafel.testing.world import PERSONAS, World

from .. import selectors, services
from ..models import AgendaItem, Meeting, Participant
from .factories import at, meetings

pytestmark = pytest.mark.django_db


def viewer(world: World, persona: str):  # type: ignore[no-untyped-def]
    return viewer_for_user(world.users[persona]) if persona != "anonymous" else ANONYMOUS


def titles(world: World, persona: str, meeting_key: str = "upcoming") -> list[str]:
    meeting = getattr(meetings(world), meeting_key)
    return [
        i.title for i in selectors.agenda_for(viewer=viewer(world, persona), meeting=meeting).flat
    ]


@pytest.mark.parametrize(
    ("persona", "sees_members_item"),
    [("member", True), ("secretary", True), ("chair", True), ("admin", True), ("partner", False)],
)
def test_members_only_items_and_their_files_are_for_members(
    world: World, persona: str, sees_members_item: bool
) -> None:
    seen = titles(world, persona)
    assert "Netwerkzaken" in seen
    assert ("Vertrouwelijke contractering" in seen) is sees_members_item
    # A hidden item hides its sub-items, whatever their own level.
    assert ("Onderdeel tarieven" in seen) is sees_members_item
    files = [
        f.title
        for f in selectors.agenda_for(
            viewer=viewer(world, persona), meeting=meetings(world).upcoming
        ).attachments
    ]
    assert "Jaarverslag" in files
    assert ("Geheime offerte" in files) is sees_members_item


def test_numbers_are_the_same_for_every_reader(world: World) -> None:
    partner = {
        i.title: i.number
        for i in selectors.agenda_for(
            viewer=viewer(world, "partner"), meeting=meetings(world).upcoming
        ).flat
    }
    member = {
        i.title: i.number
        for i in selectors.agenda_for(
            viewer=viewer(world, "member"), meeting=meetings(world).upcoming
        ).flat
    }
    assert partner.items() <= member.items()


def test_a_partner_cannot_download_a_members_only_file(world: World) -> None:
    m = meetings(world)
    with pytest.raises(Http404):
        selectors.attachment_get_for_user(
            viewer=viewer(world, "partner"), meeting=m.upcoming, code=m.members_file.code
        )
    found = selectors.attachment_get_for_user(
        viewer=viewer(world, "member"), meeting=m.upcoming, code=m.members_file.code
    )
    assert found == m.members_file


def test_body_only_items_are_for_the_body(world: World) -> None:
    m = meetings(world)
    services.agenda_item_add(
        actor=world.users["secretary"],
        meeting=m.upcoming,
        title="Alleen plenair",
        confidentiality="body",
    )
    # The partner sits in the plenary; the colleague's login does not exist; the outsider is elsewhere.
    assert "Alleen plenair" in titles(world, "partner")
    BodyMembership.objects.filter(body=world.plenary, person=world.people["member"]).update(
        end_date=date.today() - timedelta(days=1)
    )
    assert "Alleen plenair" not in titles(world, "member")


def test_drafts_are_for_who_manages_the_body(world: World) -> None:
    m = meetings(world)
    for persona in ("member", "partner", "outsider", "anonymous"):
        with pytest.raises(Http404):
            selectors.meeting_get_for_user(
                viewer=viewer(world, persona), network=world.network, code=m.draft.code
            )
    for persona in ("secretary", "chair", "admin"):
        assert (
            selectors.meeting_get_for_user(
                viewer=viewer(world, persona), network=world.network, code=m.draft.code
            )
            == m.draft
        )


def test_one_meeting_and_the_list_of_meetings_follow_the_same_rule(world: World) -> None:
    """``meeting_is_visible`` (one meeting, the meeting page) answers as ``visible_meetings``
    (every list) does, for every persona and every kind of meeting."""
    meetings(world)
    every = list(Meeting.objects.select_related("body"))
    assert {m.status for m in every} >= {"draft", "published"} and any(m.is_public for m in every)
    for persona in PERSONAS:
        viewer = viewer_for_user(world.user(persona))
        listed = set(selectors.visible_meetings(viewer).values_list("pk", flat=True))
        for meeting in every:
            assert selectors.meeting_is_visible(viewer, meeting) == (meeting.pk in listed), (
                persona,
                meeting.title,
                meeting.status,
            )


def test_anonymous_visitors_see_public_meetings_and_public_items_only(world: World) -> None:
    m = meetings(world)
    listed = list(
        selectors.meeting_list_for_user(viewer=ANONYMOUS, network=world.network, when="all")
    )
    assert listed == [m.public]
    assert titles(world, "anonymous", "public") == ["Inwoners aan het woord"]
    with pytest.raises(Http404):
        selectors.meeting_get_for_user(
            viewer=ANONYMOUS, network=world.network, code=m.upcoming.code
        )


def test_an_outsider_sees_nothing_of_another_network(world: World) -> None:
    m = meetings(world)
    with pytest.raises(Http404):
        selectors.meeting_get_for_user(
            viewer=viewer(world, "outsider"), network=world.network, code=m.upcoming.code
        )
    assert list(
        selectors.meeting_list_for_user(
            viewer=viewer(world, "outsider"), network=world.network, when="all"
        )
    ) == [m.public]


def test_minutes_show_each_reader_their_sections_and_decisions(world: World) -> None:
    m = meetings(world)
    partner = selectors.minutes_for(viewer=viewer(world, "partner"), meeting=m.held)
    member = selectors.minutes_for(viewer=viewer(world, "member"), meeting=m.held)
    assert (
        m.held_members_item.pk in member.sections and m.held_members_item.pk not in partner.sections
    )
    assert [d.text for d in partner.decisions] == ["Het regioplan wordt openbaar gemaakt."]
    assert len(member.decisions) == 2


def test_draft_minutes_are_for_who_manages_the_meeting(world: World) -> None:
    m = meetings(world)
    m.held.minutes_status = "draft"
    m.held.save()
    with pytest.raises(Http404):
        selectors.minutes_for(viewer=viewer(world, "member"), meeting=m.held)
    assert selectors.minutes_for(viewer=viewer(world, "secretary"), meeting=m.held)
    # Decisions wait for the minutes too (managers see them at once).
    assert not selectors.decision_list_for_user(
        viewer=viewer(world, "member"), network=world.network
    ).exists()
    assert (
        selectors.decision_list_for_user(
            viewer=viewer(world, "secretary"), network=world.network
        ).count()
        == 2
    )


def test_the_decision_list_is_public_where_decisions_are(world: World) -> None:
    anonymous = list(selectors.decision_list_for_user(viewer=ANONYMOUS, network=world.network))
    assert [d.text for d in anonymous] == ["Het regioplan wordt openbaar gemaakt."]
    decorated = selectors.decorate_decisions(ANONYMOUS, anonymous)
    # The meeting itself is not public: no link, no item title.
    assert decorated[0].meeting_visible is False and decorated[0].item_visible is False
    found = selectors.decision_list_for_user(
        viewer=viewer(world, "member"), network=world.network, query="tarieven"
    )
    assert [d.text for d in found] == ["De tarieven blijven vertrouwelijk."]
    assert not selectors.decision_list_for_user(
        viewer=viewer(world, "partner"), network=world.network, query="tarieven"
    ).exists()


def test_the_action_list_filters_mine_my_organisation_and_overdue(world: World) -> None:
    m = meetings(world)
    member = viewer(world, "member")
    mine = selectors.action_list_for_user(viewer=member, network=world.network, scope="mine")
    assert list(mine) == [m.member_action]
    ours = selectors.action_list_for_user(
        viewer=member, network=world.network, scope="organisation"
    )
    assert list(ours) == [m.organisation_action]
    overdue = selectors.action_list_for_user(viewer=member, network=world.network, state="overdue")
    assert list(overdue) == [m.organisation_action]


def test_who_owns_nothing_here_sees_nothing_under_mine_or_my_organisation(world: World) -> None:
    # Filtering on a missing person or organisation would match every action of the other kind.
    meetings(world)
    for persona in ("admin", "secretary"):
        who = viewer(world, persona)
        if persona == "secretary":  # a secretary of the network who works for no organisation
            Membership.objects.filter(person=world.people["secretary"]).update(organisation=None)
            who = viewer(world, persona)
            assert not who.organisations.get(world.network.pk)
        everything = selectors.action_list_for_user(viewer=who, network=world.network)
        assert everything.exists()
        if who.person_id is None:
            assert not selectors.action_list_for_user(
                viewer=who, network=world.network, scope="mine"
            ).exists()
        assert not selectors.action_list_for_user(
            viewer=who, network=world.network, scope="organisation"
        ).exists()


def test_the_dashboard_has_my_next_meetings_and_open_actions(world: World) -> None:
    m = meetings(world)
    board = selectors.dashboard_for(viewer=viewer(world, "member"))
    assert [x.pk for x in board.meetings] == [m.upcoming.pk, m.public.pk]
    assert board.meetings[0].mine.rsvp == "none"
    assert board.actions == [m.member_action] and board.organisation_actions == [
        m.organisation_action
    ]
    assert selectors.dashboard_for(viewer=viewer(world, "admin")).meetings == []


def test_conflicts_cover_other_bodies_networks_and_organisations(world: World) -> None:
    m = meetings(world)
    # A local body in the other network where the member also sits, at the same time.
    local = Body.objects.create(network=world.other, name="LSV Stad", slug="lsv", kind="local_body")
    Membership.objects.create(
        person=world.people["member"],
        network=world.other,
        organisation=world.organisations["stad"],
        role="member",
        start_date=date(2024, 1, 1),
    )
    BodyMembership.objects.create(
        body=local, person=world.people["member"], start_date=date(2024, 1, 1)
    )
    services.meeting_create(
        actor=world.users["admin"], body=local, title="LSV", starts_at=at(7, 11), ends_at=at(7, 13)
    )
    found = selectors.conflicts_for(
        viewer=viewer(world, "secretary"),
        body=world.steering,
        starts_at=at(7, 11, 30),
        ends_at=at(7, 12, 30),
    )
    people = {(c.person.family_name, c.meeting_label) for c in found}
    # The member and the chair are in the plenary (upcoming) too; the member also in the LSV,
    # which the secretary cannot see: only "a meeting in another network".
    assert ("Lid", "een vergadering in een ander netwerk") in people
    assert any(label.startswith("Plenair overleg") for _name, label in people)
    assert {name for name, _label in people} == {"Lid", "Voorzitter"}
    # The partner moves to the steering group and declined the plenary; a colleague of her
    # municipality sits in the plenary: her organisation is already there.
    BodyMembership.objects.create(
        body=world.steering, person=world.people["partner"], start_date=date(2024, 1, 1)
    )
    BodyMembership.objects.filter(body=world.plenary, person=world.people["partner"]).update(
        end_date=date.today() - timedelta(days=1)
    )
    Participant.objects.filter(meeting=m.upcoming, person=world.people["partner"]).update(
        rsvp="absent"
    )
    Membership.objects.create(
        person=world.people["outsider"],
        network=world.network,
        organisation=world.organisations["gemeente"],
        role="partner",
        start_date=date(2024, 1, 1),
    )
    BodyMembership.objects.create(
        body=world.plenary, person=world.people["outsider"], start_date=date(2024, 1, 1)
    )
    found = selectors.conflicts_for(
        viewer=viewer(world, "secretary"),
        body=world.steering,
        starts_at=at(7, 11),
        ends_at=at(7, 12),
    )
    organisation = [c for c in found if c.through]
    assert [(c.person.family_name, c.organisation, c.through) for c in organisation] == [
        ("Partner", "Gemeente Zeist", "Otto Buiten")
    ]


def test_no_conflicts_at_a_free_time(world: World) -> None:
    assert (
        selectors.conflicts_for(
            viewer=viewer(world, "secretary"),
            body=world.plenary,
            starts_at=at(8, 9),
            ends_at=at(8, 10),
        )
        == []
    )


def test_the_load_counts_meetings_and_hours_per_person_and_organisation(world: World) -> None:
    m = meetings(world)
    year = m.upcoming.starts_at.year
    load = selectors.meeting_load(viewer=viewer(world, "member"), network=world.network, year=year)
    people = {row.label: row for row in load.people}
    # The draft is not announced yet: it counts only for who may see it (test_leaks).
    expected_member = sum(1 for x in (m.upcoming, m.held, m.public) if x.starts_at.year == year)
    assert people["Anna Lid"].meetings == expected_member
    assert people["Anna Lid"].hours == 2 * expected_member
    organisations = {row.label: row for row in load.organisations}
    assert organisations["Welzijn Zuidoost"].meetings == expected_member
    # Declining takes a meeting off one's load.
    services.rsvp_answer(
        actor=world.users["member"],
        meeting=m.upcoming,
        person=world.people["member"],
        answer="absent",
    )
    load = selectors.meeting_load(
        viewer=viewer(world, "member"), network=world.network, year=m.upcoming.starts_at.year
    )
    assert {row.label: row for row in load.people}["Anna Lid"].meetings == expected_member - (
        m.upcoming.starts_at.year == year
    )


def test_feeds_hold_published_meetings_and_visible_items(world: World) -> None:
    m = meetings(world)
    public = selectors.feed_meetings(viewer=ANONYMOUS, network=world.network)
    assert public == [m.public]
    partner = viewer(world, "partner")
    agendas = selectors.feed_agendas(viewer=partner, meetings=[m.upcoming, m.public])
    assert "Vertrouwelijke contractering" not in [i.title for i in agendas[m.upcoming.pk]]
    personal = selectors.feed_meetings(
        viewer=viewer(world, "member"), person_id=world.people["member"].pk
    )
    assert m.draft not in personal and m.upcoming in personal and m.held in personal
    deadlines = selectors.feed_actions(
        viewer=viewer(world, "member"), person_id=world.people["member"].pk
    )
    assert set(deadlines) == {m.member_action, m.organisation_action}


def test_item_lookups_stay_in_their_meeting(world: World) -> None:
    m = meetings(world)
    with pytest.raises(Http404):
        selectors.item_get_for_manager(
            viewer=viewer(world, "secretary"), meeting=m.held, code=m.business.code
        )
    with pytest.raises(Http404):
        selectors.item_get_for_manager(
            viewer=viewer(world, "secretary"), meeting=m.held, code="geen-code"
        )
    assert AgendaItem.objects.filter(meeting=m.upcoming).count() == 5
