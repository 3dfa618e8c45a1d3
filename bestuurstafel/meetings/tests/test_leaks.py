"""Leaks found by an adversarial review of every way out of the meetings part, each closed.

Each test states what must stay hidden from whom, through which route. The partner of the test
world sits in the plenary: they see "body only" things of the plenary, but never anything of a
"members only" item, nor of a sub-item under a hidden item, nor a draft meeting.
"""

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.networks.access import Viewer, viewer_for_user
from bestuurstafel.networks.models import BodyMembership, BodyRole
from bestuurstafel.testing.world import World

from .. import notifications, selectors, services
from ..models import Action, AgendaItem, Meeting
from .factories import meetings, pdf

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]

ONLINE = "https://meet.example.invalid/geheim-123"


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, **kwargs})


def text(response: Any) -> str:
    return response.content.decode()


def leaking(client: Client, pages: list[str], needle: str) -> list[str]:
    """The pages (HTML, CSV, ...) whose answer contains ``needle``."""
    return [page for page in pages if needle in client.get(page).content.decode("utf-8-sig")]


def _viewer(world: World, persona: str) -> Viewer:
    return viewer_for_user(world.users[persona])


# --- 1. The online meeting link of a public meeting ---------------------------------------------


def _public_online(world: World, *, location: str | None = None) -> Meeting:
    public = meetings(world).public
    fields = {"online_url": ONLINE}
    if location is not None:
        fields["location"] = location
    Meeting.objects.filter(pk=public.pk).update(**fields)
    public.refresh_from_db()
    return public


def _ics_text(content: bytes) -> str:
    """Every DESCRIPTION / URL / LOCATION of every event, unfolded."""
    calendar = Calendar.from_ical(content)
    keys = ("DESCRIPTION", "LOCATION", "URL", "SUMMARY")
    return "\n".join(
        str(event[key]) for event in calendar.walk("VEVENT") for key in keys if key in event
    )


def test_the_page_hides_the_online_link_of_a_public_meeting_from_visitors(world: World) -> None:
    """The control: the meeting page itself shows the link only to logged-in people."""
    public = _public_online(world)
    page = text(Client().get(url("detail", world, code=public.code)))
    assert "Inwoners aan het woord" in page
    assert ONLINE not in page


def test_the_public_network_feed_does_not_give_visitors_the_online_link(world: World) -> None:
    public = _public_online(world)
    response = Client().get(url("feed_network", world))
    assert response.status_code == 200
    content = _ics_text(response.content)
    assert public.title in content
    assert ONLINE not in content, "the public feed gives anonymous visitors the online link"


def test_the_meeting_ics_does_not_give_visitors_the_online_link(world: World) -> None:
    public = _public_online(world)
    response = Client().get(url("ics", world, code=public.code))
    assert response.status_code == 200
    assert ONLINE not in _ics_text(response.content)


def test_the_agenda_pdf_does_not_give_visitors_the_online_link(world: World) -> None:
    public = _public_online(world, location="")
    response = Client().get(url("agenda_pdf", world, code=public.code))
    assert response.status_code == 200
    content = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    ).replace("\n", "")
    assert "Inwoners aan het woord" in content
    assert "meet.example.invalid" not in content, "the PDF's Location row holds the online link"


# --- 2. "Carried to the meeting of ..." names a draft meeting -------------------------------------


def _carry_to_draft(world: World, m: Any) -> None:
    """Item "Netwerkzaken" of the upcoming meeting carried to the draft meeting."""
    services.agenda_item_carry_over(
        actor=world.users["secretary"], item=m.business, to_meeting=m.draft
    )


def test_a_member_is_not_told_the_date_of_a_draft_meeting_an_item_was_carried_to(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    _carry_to_draft(world, m)
    # The member may not see the draft meeting at all ...
    assert client_for("member").get(url("detail", world, code=m.draft.code)).status_code == 404
    # ... yet the agenda of the published meeting names it.
    page = text(client_for("member").get(url("detail", world, code=m.upcoming.code)))
    assert "Netwerkzaken" in page
    assert "Doorgeschoven naar de vergadering van" not in page, (
        "the agenda page reveals the date of a draft meeting the member may not see"
    )
    assert "Doorgeschoven naar een volgende vergadering" in page  # that it comes back, not when


def test_the_minutes_do_not_name_a_draft_meeting_an_item_was_carried_to(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    later = services.meeting_create(
        actor=world.users["secretary"],
        body=world.plenary,
        title="Plenair overleg",
        starts_at=m.draft.starts_at.replace(hour=15),
        ends_at=m.draft.ends_at.replace(hour=17),
    )
    services.agenda_item_carry_over(
        actor=world.users["secretary"], item=m.held_item, to_meeting=later
    )
    member = client_for("member")
    page = text(member.get(url("minutes", world, code=m.held.code)))
    docx = member.get(url("minutes_docx", world, code=m.held.code)).content
    words = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "Doorgeschoven naar de vergadering van" not in page, "the minutes page names it"
    assert "Doorgeschoven naar de vergadering van" not in words, "the Word minutes name it"
    assert "Doorgeschoven naar een volgende vergadering." in page
    assert "Doorgeschoven naar een volgende vergadering." in words


def test_the_secretary_still_sees_where_an_item_was_carried(
    world: World, client_for: ClientFor
) -> None:
    """What a fix must keep: who manages the body sees the carry-over to the draft."""
    m = meetings(world)
    _carry_to_draft(world, m)
    page = text(client_for("secretary").get(url("detail", world, code=m.upcoming.code)))
    assert "Doorgeschoven naar de vergadering van" in page


# --- 3. "Body only" things of a "members only" item, for a partner who sits in the body ----------
# The partner of the test world sits in the plenary: they see "body only" of the plenary, but
# never anything of a "members only" item (selectors._attachment_q says so for files; minutes
# sections check both levels too).


def test_a_body_only_file_of_a_members_only_item_stays_hidden_from_a_partner_in_the_body(
    world: World, client_for: ClientFor
) -> None:
    """The protection that exists (control): files check their item's level as well."""
    m = meetings(world)
    file = services.attachment_add(
        actor=world.users["secretary"],
        item=m.members_item,
        title="Lijst van het orgaan",
        upload=pdf("orgaan.pdf"),
        confidentiality=Confidentiality.BODY,
    )
    response = client_for("partner").get(
        url("attachment", world, code=m.upcoming.code, attachment=file.code)
    )
    assert response.status_code == 404


def test_a_body_only_decision_on_a_members_only_item_stays_hidden_from_a_partner_in_the_body(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    services.decision_record(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        text="Het tarief wordt 12 procent lager.",
        confidentiality=Confidentiality.BODY,
    )
    # A member of the body may read it.
    assert "12 procent lager" in text(client_for("member").get(url("decisions", world)))
    # A partner may not read anything of the members-only item it was taken under.
    pages = [
        url("decisions", world),
        url("decisions_export", world, fmt="csv"),
        url("detail", world, code=m.held.code),
        url("minutes", world, code=m.held.code),
    ]
    assert leaking(client_for("partner"), pages, "12 procent lager") == []


def _tariff_action(world: World, m: Any, **owner_and_date: Any) -> Action:
    """A "body only" action on the held meeting's "members only" item."""
    return services.action_create(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        description="Onderhandelingsruimte tarieven uitwerken",
        confidentiality=Confidentiality.BODY,
        **owner_and_date,
    )


def test_a_body_only_action_on_a_members_only_item_stays_hidden_from_a_partner_in_the_body(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    _tariff_action(world, m, owner_person=world.people["member"])
    assert "Onderhandelingsruimte" in text(client_for("member").get(url("actions", world)))
    pages = [
        url("actions", world) + "?status=all",
        url("actions_export", world, fmt="csv") + "?status=all",
        url("detail", world, code=m.held.code),
        url("minutes", world, code=m.held.code),
    ]
    assert leaking(client_for("partner"), pages, "Onderhandelingsruimte") == []


def _body_sub_item(world: World, meeting: Meeting, parent: AgendaItem) -> AgendaItem:
    """A "body only" sub-item under a "members only" item (allowed: "body only" counts as more
    closed than "members only"), as after the main item was closed later."""
    return services.agenda_item_add(
        actor=world.users["secretary"],
        meeting=meeting,
        title="Deelpunt onderhandelaars",
        parent=parent,
        confidentiality=Confidentiality.BODY,
    )


def test_a_partner_does_not_see_the_title_of_a_sub_item_under_a_hidden_item_in_the_decision_list(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    sub = _body_sub_item(world, m.held, m.held_members_item)
    services.decision_record(
        actor=world.users["secretary"],
        meeting=m.held,
        item=sub,
        text="Akkoord met de onderhandelaars.",
        confidentiality=Confidentiality.PUBLIC,  # a public decision from a closed deliberation
    )
    # The agenda hides the sub-item from the partner (its main item is hidden) ...
    agenda = selectors.agenda_for(viewer=_viewer(world, "partner"), meeting=m.held)
    assert sub.pk not in {item.pk for item in agenda.flat}
    # ... the decision list and its export name it.
    pages = [url("decisions", world), url("decisions_export", world, fmt="csv")]
    # The public decision itself is fine to show ...
    assert leaking(client_for("partner"), pages, "Akkoord met de onderhandelaars") == pages
    # ... the title of the hidden sub-item is not.
    assert leaking(client_for("partner"), pages, "Deelpunt onderhandelaars") == []


def test_a_partner_cannot_download_a_file_of_a_sub_item_under_a_hidden_item(
    world: World, client_for: ClientFor
) -> None:
    """The partner kept the link from when the main item was still open to the network."""
    m = meetings(world)
    secretary = world.users["secretary"]
    sub = _body_sub_item(world, m.upcoming, m.business)  # business is "network" for now
    file = services.attachment_add(
        actor=secretary, item=sub, title="Namen onderhandelaars", upload=pdf("namen.pdf")
    )
    link = url("attachment", world, code=m.upcoming.code, attachment=file.code)
    assert client_for("partner").get(link).status_code == 200  # allowed while it is open
    # The secretary closes the main item: its sub-items and their files close with it.
    services.agenda_item_update(
        actor=secretary, item=m.business, confidentiality=Confidentiality.MEMBERS
    )
    page = text(client_for("partner").get(url("detail", world, code=m.upcoming.code)))
    assert "Namen onderhandelaars" not in page  # the page hides it
    assert client_for("partner").get(link).status_code == 404, (
        "the stored file is still served to a partner"
    )


def test_a_guest_for_a_sub_item_under_a_hidden_item_is_not_named_to_a_partner(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    sub = _body_sub_item(world, m.held, m.held_members_item)
    services.attendance_record(
        actor=world.users["secretary"],
        meeting=m.held,
        rows=[],
        residents_present=3,
        guests=[("Hugo Huisjurist", "Advocatenkantoor Tarief", sub)],
    )
    page = text(client_for("partner").get(url("detail", world, code=m.held.code)))
    assert "Hugo Huisjurist" not in page, "a partner learns who came for a hidden item"
    assert "Hugo Huisjurist" in text(
        client_for("member").get(url("detail", world, code=m.held.code))
    )


def test_the_item_count_in_the_meeting_list_matches_the_agenda_the_partner_sees(
    world: World,
) -> None:
    m = meetings(world)
    _body_sub_item(world, m.upcoming, m.members_item)
    viewer = _viewer(world, "partner")
    listed = {
        meeting.pk: meeting.item_count
        for meeting in selectors.meeting_list_for_user(viewer=viewer, network=world.network)
    }
    shown = len(selectors.agenda_for(viewer=viewer, meeting=m.upcoming).flat)
    assert listed[m.upcoming.pk] == shown, (
        f"the list says {listed[m.upcoming.pk]} items, the partner sees {shown}"
    )


# --- Protections that hold (not covered elsewhere) ---------------------------------------------


def test_a_hidden_item_is_not_found_through_an_htmx_partial(
    world: World, client_for: ClientFor
) -> None:
    """The list partials answer with what the page shows, whatever the filters."""
    m = meetings(world)
    for persona in ("anonymous", "partner", "outsider"):
        client = client_for(persona)
        for page in (
            url("list", world) + "?wanneer=all",
            url("decisions", world) + "?q=tarieven",
        ):
            body = text(client.get(page, HTTP_HX_REQUEST="true"))
            assert "Vertrouwelijke contractering" not in body
            assert "De tarieven blijven vertrouwelijk" not in body
    # Another network's body in ?orgaan= is simply not found (no widening).
    response = client_for("outsider").get(url("decisions", world) + "?orgaan=stadstafel")
    assert "De tarieven blijven vertrouwelijk" not in text(response)
    assert m.members_decision.text not in text(
        client_for("partner").get(url("decisions_export", world, fmt="csv") + "?orgaan=plenair")
    )


# --- The same rules for one object: an owner, a reminder ---------------------------------------


def test_a_partner_cannot_own_a_body_only_action_on_a_members_only_item(world: World) -> None:
    m = meetings(world)
    with pytest.raises(ValidationError) as refused:
        _tariff_action(world, m, owner_person=world.people["partner"])
    assert "mag een actie met dit vertrouwelijkheidsniveau niet zien" in str(refused.value)
    # On an item the partner may see, the same level is theirs to carry out.
    services.action_create(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_item,
        description="Zaal reserveren",
        owner_person=world.people["partner"],
        confidentiality=Confidentiality.BODY,
    )


def test_a_reminder_of_a_body_only_action_on_a_members_only_item_skips_the_partner(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    m = meetings(world)
    action = _tariff_action(
        world,
        m,
        owner_organisation=world.organisations["welzijn"],
        due_date=timezone.localdate() + timedelta(days=2),
    )
    # Given to the partner's organisation behind the service's back (the service refuses an
    # organisation nobody of which may see the action): the reminder still skips the partner.
    Action.objects.filter(pk=action.pk).update(owner_organisation=world.organisations["gemeente"])
    action.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.action_reminder(action=action, today=timezone.localdate())
    sent_to = {address for message in mail.outbox for address in message.to}
    assert world.people["partner"].email not in sent_to


# --- The meeting page's cache follows the carry-over ----------------------------------------------


def test_the_page_of_the_earlier_meeting_follows_its_carried_item(
    world: World, client_for: ClientFor
) -> None:
    """The meeting page is cached per audience on the meeting's ``updated_at``: carrying an item
    and publishing the meeting it went to both change what the earlier page says."""
    m = meetings(world)
    member, secretary = client_for("member"), client_for("secretary")
    page = url("detail", world, code=m.upcoming.code)
    assert "Doorgeschoven naar" not in text(member.get(page))  # cached for members
    assert "Doorgeschoven naar" not in text(secretary.get(page))  # and for the secretariat
    _carry_to_draft(world, m)
    assert "Doorgeschoven naar de vergadering van" in text(secretary.get(page))
    after_carrying = text(member.get(page))  # a draft: that it comes back, not when
    assert "Doorgeschoven naar een volgende vergadering" in after_carrying
    assert "Doorgeschoven naar de vergadering van" not in after_carrying
    services.meeting_publish(actor=world.users["secretary"], meeting=m.draft)
    assert "Doorgeschoven naar de vergadering van" in text(member.get(page))


# --- Who manages through a seat reads by their own role ------------------------------------------


def test_a_partner_chairing_the_body_cannot_open_a_members_only_item_by_its_code(
    world: World, client_for: ClientFor
) -> None:
    """The chair of a body manages its meetings; a partner in that seat still never sees a
    "members only" item: not in the builder, and not by its code (edit page, minutes page,
    its decision)."""
    m = meetings(world)
    BodyMembership.objects.filter(person=world.people["partner"], body=world.plenary).update(
        role=BodyRole.CHAIR
    )
    # Who manages meetings logs in with two factors.
    TOTPDevice.objects.create(user=world.users["partner"], name="test", confirmed=True)
    decision = services.decision_record(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        text="Het tarief wordt 12 procent lager.",
        confidentiality=Confidentiality.MEMBERS,
    )
    pages = [
        url("item_edit", world, code=m.upcoming.code, item=m.members_item.code),
        url("minutes_item", world, code=m.held.code, item=m.held_members_item.code),
        url("decision_edit", world, code=m.held.code, decision=decision.code),
    ]
    chair = client_for("partner")
    assert chair.get(url("agenda", world, code=m.upcoming.code)).status_code == 200  # manages
    assert [chair.get(page).status_code for page in pages] == [404, 404, 404]
    assert [client_for("secretary").get(page).status_code for page in pages] == [200, 200, 200]


# --- 7. Side channels: a hidden change, a comment on an item closed later, the load ------------


def test_a_change_to_a_hidden_item_leaves_the_partners_feed_event_unchanged(
    world: World, client_for: ClientFor
) -> None:
    """The feed's events carry nothing that moves when only a hidden item changes (no
    LAST-MODIFIED from the meeting's ``updated_at``): the partner cannot tell that, or when, a
    "members only" item was edited."""
    m = meetings(world)
    partner = client_for("partner")
    feed = url("feed_body", world, body=world.plenary.slug)

    def event() -> dict[str, str]:
        calendar = Calendar.from_ical(partner.get(feed).content)
        found = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == m.upcoming.ical_uid]
        assert len(found) == 1
        return {key: str(value) for key, value in found[0].items() if key != "DTSTAMP"}

    before = event()
    assert "LAST-MODIFIED" not in before
    Meeting.objects.filter(pk=m.upcoming.pk).update(updated_at=timezone.now() - timedelta(days=3))
    services.agenda_item_update(
        actor=world.users["secretary"],
        item=m.members_item,
        title="Tarieven 2027, herzien",
    )
    assert Meeting.objects.get(pk=m.upcoming.pk).updated_at > timezone.now() - timedelta(hours=1)
    assert event() == before


def test_a_comment_on_an_item_closed_later_no_longer_shows_its_title_to_the_author(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    comment = services.minutes_comment_add(
        actor=world.users["partner"],
        meeting=m.held,
        author=world.people["partner"],
        item=m.held_item,
        text="In de tweede alinea ontbreekt Gemeente Zeist.",
    )
    minutes = url("minutes", world, code=m.held.code)
    page = text(client_for("partner").get(minutes))
    assert comment.text in page and "Regioplan" in page  # the control: still open to them
    AgendaItem.objects.filter(pk=m.held_item.pk).update(confidentiality=Confidentiality.MEMBERS)
    page = text(client_for("partner").get(minutes))
    assert comment.text in page, "the author keeps their own text"
    assert "Regioplan" not in page, "the title of an item closed to the partner"
    assert "Een agendapunt dat u niet meer kunt zien" in page
    assert "Regioplan" in text(client_for("secretary").get(minutes))


def _row(world: World, persona: str, person: str) -> Any:
    load = selectors.meeting_load(
        viewer=_viewer(world, persona),
        network=world.network,
        year=meetings(world).draft.starts_at.year,
    )
    return {row.label: row for row in load.people}[person]


def test_the_load_counts_a_draft_only_for_who_may_see_it(world: World) -> None:
    m = meetings(world)
    anna = world.people["member"].full_name
    as_member, as_secretary = _row(world, "member", anna), _row(world, "secretary", anna)
    assert as_secretary.meetings == as_member.meetings + 1, "the draft counts for the secretary"
    assert as_secretary.hours == as_member.hours + 2
    services.meeting_publish(actor=world.users["secretary"], meeting=m.draft)
    assert _row(world, "member", anna).meetings == as_secretary.meetings


def test_the_load_does_not_name_a_body_of_another_network_the_viewer_cannot_see(
    world: World,
) -> None:
    meetings(world)
    city = world.other.bodies.get(slug="stadstafel")
    anna = world.people["member"]
    BodyMembership.objects.create(
        person=anna, body=city, role=BodyRole.MEMBER, start_date=timezone.localdate()
    )
    held = services.meeting_create(
        actor=world.users["admin"],
        body=city,
        title="Stadstafel",
        starts_at=meetings(world).draft.starts_at + timedelta(days=1),
        ends_at=meetings(world).draft.starts_at + timedelta(days=1, hours=3),
    )
    Meeting.objects.filter(pk=held.pk).update(status="published")
    row = _row(world, "partner", anna.full_name)
    assert "Stadstafel" not in row.bodies
    assert "een tafel in een ander netwerk" in row.bodies
    assert "Stadstafel" in _row(world, "admin", anna.full_name).bodies
