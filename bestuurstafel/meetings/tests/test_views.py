"""The pages: what each reader gets, bad input answered in Dutch with nothing saved, htmx and
plain posts, fixed query counts, documents and calendars read back."""

import io
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from bestuurstafel.networks import services as networks_services
from bestuurstafel.networks.models import Organisation
from bestuurstafel.testing.world import World, make_user

from .. import services
from ..models import Action, AgendaItem, Attachment, Meeting, MinutesSection, Participant
from .factories import PDF, at, meetings, pdf

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, **kwargs})


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- What each reader sees ---------------------------------------------------------------------------


def test_the_meeting_page_shows_a_partner_no_members_only_item(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    page = text(client_for("partner").get(url("detail", world, code=m.upcoming.code)))
    assert "Netwerkzaken" in page and "Jaarverslag" in page
    assert "Vertrouwelijke contractering" not in page and "Geheime offerte" not in page
    member = text(client_for("member").get(url("detail", world, code=m.upcoming.code)))
    assert "Vertrouwelijke contractering" in member and "Bijlage 2: Geheime offerte" in member
    assert "Gast Spreker (Adviesbureau)" in member
    # The running clock: 10:00 opening (5 min), 10:05 network business (20 min), 10:25.
    assert re.search(r"10:05</span>\s*<h3[^>]*>Netwerkzaken", member)
    assert re.search(r"10:25</span>\s*<h3[^>]*>Vertrouwelijke contractering", member)


def test_an_anonymous_visitor_is_asked_to_log_in_for_a_closed_meeting(world: World) -> None:
    m = meetings(world)
    response = Client().get(url("detail", world, code=m.upcoming.code))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    public = text(Client().get(url("detail", world, code=m.public.code)))
    assert "Inwoners aan het woord" in public and "Besloten nabespreking" not in public


def test_the_member_answers_with_htmx_and_gets_the_fragment(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    response = client_for("member").post(
        url("rsvp", world, code=m.upcoming.code), {"answer": "attend"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = text(response)
    assert fragment.strip().startswith('<section id="rsvp"') and "<html" not in fragment
    assert "uw antwoord is opgeslagen" in fragment
    assert (
        Participant.objects.get(meeting=m.upcoming, person=world.people["member"]).rsvp == "attend"
    )


def test_the_secretary_reads_each_answer_with_its_note(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    page = text(client_for("member").get(url("detail", world, code=m.upcoming.code)))
    assert "Voor het secretariaat, bijvoorbeeld dat u later komt." in page
    client_for("member").post(
        url("rsvp", world, code=m.upcoming.code), {"answer": "attend", "note": "Ik kom om 11 uur"}
    )
    sheet = text(client_for("secretary").get(url("attendance", world, code=m.upcoming.code)))
    assert "Opmerking: Ik kom om 11 uur" in sheet


def test_an_answer_after_the_meeting_is_refused_in_dutch(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("member")
    response = client.post(url("rsvp", world, code=m.held.code), {"answer": "absent"}, follow=True)
    assert "Deze vergadering is al begonnen" in text(response)
    assert Participant.objects.get(meeting=m.held, person=world.people["member"]).rsvp == "none"
    # In place (htmx, the page was opened before the start): the card says why, once; the
    # next page does not repeat it.
    fragment = client.post(
        url("rsvp", world, code=m.held.code), {"answer": "absent"}, HTTP_HX_REQUEST="true"
    )
    assert fragment.status_code == 400 and "Deze vergadering is al begonnen" in text(fragment)
    later = client.get(url("list", world))
    assert "Deze vergadering is al begonnen" not in text(later)


def test_a_deputy_must_be_chosen(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    response = client_for("member").post(
        url("rsvp", world, code=m.upcoming.code), {"answer": "deputy"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "Kies wie u vervangt" in text(response)


# --- Planning and the agenda ---------------------------------------------------------------------------


def test_planning_shows_conflicts_and_load_before_saving(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("secretary")
    day = timezone.localtime(m.upcoming.starts_at).date()
    data = {
        "body": world.steering.pk,
        "title": "Stuurgroep",
        "date": day.isoformat(),
        "start_time": "11:00",
        "end_time": "12:30",
        "reminder_days": "7",
    }
    before = Meeting.objects.count()
    check = client.post(url("create", world), data)
    page = text(check)
    assert "Anna Lid" in page and "wordt al verwacht bij" in page and "Plenair overleg" in page
    assert "De vergaderlast die dit toevoegt" in page
    assert Meeting.objects.count() == before
    saved = client.post(url("create", world), {**data, "confirm": "1"})
    assert saved.status_code == 302
    assert Meeting.objects.filter(body=world.steering, title="Stuurgroep").exists()


def test_an_end_before_the_start_is_explained_and_nothing_saved(
    world: World, client_for: ClientFor
) -> None:
    before = Meeting.objects.count()
    response = client_for("secretary").post(
        url("create", world),
        {
            "body": world.plenary.pk,
            "title": "Plenair",
            "date": "2031-03-01",
            "start_time": "14:00",
            "end_time": "12:00",
            "reminder_days": "7",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    assert "De vergadering moet eindigen nadat ze begint" in text(response)
    assert Meeting.objects.count() == before


def test_a_series_is_checked_then_saved(world: World, client_for: ClientFor) -> None:
    client = client_for("secretary")
    data = {
        "body": world.plenary.pk,
        "title": "Plenair 2031",
        "first_date": "2031-02-13",
        "start_time": "10:00",
        "end_time": "13:00",
        "every": "3",
        "unit": "months",
        "count": "4",
        "reminder_days": "7",
    }
    check = text(client.post(url("series", world), data))
    assert "4 vergaderingen opslaan" in check and "13 mei 2031" in check
    assert client.post(url("series", world), {**data, "confirm": "1"}).status_code == 302
    assert Meeting.objects.filter(title="Plenair 2031").count() == 4


def test_items_are_added_moved_and_reordered_without_javascript(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("secretary")
    response = client.post(
        url("agenda", world, code=m.draft.code),
        {
            "title": "Rondvraag",
            "purpose": "inform",
            "duration_minutes": "10",
            "confidentiality": "public",
        },
    )
    assert response.status_code == 302
    rondvraag = m.draft.items.get(title="Rondvraag")
    assert rondvraag.number == "2"
    client.post(
        url("item_move", world, code=m.draft.code, item=rondvraag.code), {"direction": "up"}
    )
    rondvraag.refresh_from_db()
    assert rondvraag.number == "1"
    # The drag-and-drop save answers with the renumbered list.
    order = [str(m.draft_item.code), str(rondvraag.code)]
    fragment = client.post(
        url("agenda_reorder", world, code=m.draft.code),
        {"parent": "", "item": order},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert fragment.status_code == 200 and text(fragment).startswith('<div id="builder">')
    rondvraag.refresh_from_db()
    assert rondvraag.number == "2"
    stale = client.post(
        url("agenda_reorder", world, code=m.draft.code),
        {"parent": "", "item": [str(rondvraag.code)]},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert stale.status_code == 409 and "laad de pagina opnieuw" in text(stale)


def test_a_wrong_upload_is_explained_and_nothing_saved(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    before = Attachment.objects.count()
    response = client_for("secretary").post(
        url("attachment_add", world, code=m.upcoming.code, item=m.business.code),
        {
            "bijlage-title": "Script",
            "bijlage-file": SimpleUploadedFile("script.exe", b"MZ\x90\x00"),
        },
    )
    assert response.status_code == 400
    assert "“script.exe” kan niet worden toegevoegd" in text(response)
    assert Attachment.objects.count() == before


def test_attachments_are_served_only_through_the_check(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    path = url("attachment", world, code=m.upcoming.code, attachment=m.members_file.code)
    response = client_for("member").get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="Bijlage 2 - Geheime offerte.pdf"' in response["Content-Disposition"]
    assert client_for("partner").get(path).status_code == 404
    # Nothing of the files is reachable under the media or static URLs.
    assert (
        "/media/" not in m.members_file.file.url
        or Client().get(m.members_file.file.url).status_code == 404
    )


def test_publishing_delivers_invitations_with_a_calendar_file(
    world: World, client_for: ClientFor, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    m = meetings(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretary").post(url("publish", world, code=m.draft.code))
    assert response.status_code == 302
    assert len(mail.outbox) == 5
    message = next(x for x in mail.outbox if x.to == ["partner@test.invalid"])
    filename, content, mimetype = message.attachments[0]
    assert filename == "vergadering.ics" and mimetype.startswith("text/calendar; method=REQUEST")
    assert Calendar.from_ical(content).walk("VEVENT")[0]["summary"].startswith("Plenair overleg")
    assert "Jaarplan" in message.body


# --- Minutes -------------------------------------------------------------------------------------------


def test_a_second_editor_gets_a_conflict_and_keeps_their_text(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    version = MinutesSection.objects.get(item=m.held_item).version
    path = url("minutes_item", world, code=m.held.code, item=m.held_item.code)
    first = client_for("secretary").post(
        path, {"text": "Tekst van Sara", "confidentiality": "network", "version": version}
    )
    assert first.status_code == 302
    second = client_for("chair").post(
        path, {"text": "Tekst van Carel", "confidentiality": "network", "version": version}
    )
    assert second.status_code == 409
    page = text(second)
    assert "Sara Secretaris heeft dit verslag opgeslagen terwijl u het bewerkte" in page
    assert "Tekst van Carel</textarea>" in page and "Tekst van Sara" in page
    assert MinutesSection.objects.get(item=m.held_item).text == "Tekst van Sara"
    # Saving again (now with the current version) is a deliberate overwrite.
    current = re.search(r'name="version" value="(\d+)"', page).group(1)
    again = client_for("chair").post(
        path, {"text": "Samengevoegd", "confidentiality": "network", "version": current}
    )
    assert again.status_code == 302
    assert MinutesSection.objects.get(item=m.held_item).text == "Samengevoegd"


def test_an_action_without_owner_is_explained_and_nothing_saved(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    before = Action.objects.count()
    response = client_for("secretary").post(
        url("action_add", world, code=m.held.code, item=m.held_item.code),
        {"actie-description": "Iets regelen", "actie-confidentiality": "network"},
    )
    assert response.status_code == 400
    assert "Kies wie de actie uitvoert: een persoon of een organisatie." in text(response)
    assert Action.objects.count() == before


def test_a_request_reaches_every_member_organisation(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    response = client_for("secretary").post(
        url("request_add", world, code=m.held.code, item=m.held_item.code),
        {
            "verzoek-description": "Wijzigingen op het manifest sturen",
            "verzoek-due_date": "2031-11-14",
            "verzoek-confidentiality": "network",
        },
        follow=True,
    )
    assert "als actie toegevoegd voor elk van de 2 organisaties" in text(response)


def test_the_member_marks_an_action_done_with_htmx_or_a_plain_post(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("member")
    path = url("action_status", world, code=m.member_action.code)
    fragment = client.post(path, {"done": "1"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "Weer openzetten" in text(fragment)
    m.member_action.refresh_from_db()
    assert m.member_action.status == "done"
    plain = client.post(path, {"done": "0", "next": "/mijn-overzicht/"})
    assert plain.status_code == 302 and plain["Location"] == "/mijn-overzicht/"
    outside = client.post(path, {"done": "1", "next": "https://elders.invalid/"})
    assert outside["Location"] == url("actions", world)


def test_approving_minutes_locks_them(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    response = client_for("chair").post(
        url("minutes_approve", world, code=m.held.code), {"approved_in": m.upcoming.pk}, follow=True
    )
    assert "Het verslag is vastgesteld en staat nu op slot." in text(response)
    locked = client_for("secretary").post(
        url("decision_add", world, code=m.held.code, item=m.held_item.code),
        {"besluit-text": "Te laat", "besluit-confidentiality": "network"},
    )
    assert locked.status_code == 400 and "vastgesteld en op slot" in text(locked)


# --- Documents ------------------------------------------------------------------------------------------


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(p.text for p in document.sections[0].footer.paragraphs)
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_minutes_as_word_in_the_layout_boards_use(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    response = client_for("member").get(url("minutes_docx", world, code=m.held.code))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    body = docx_text(response.content)
    for expected in (
        "Verslag Plenair overleg",
        "Datum",
        "Locatie",
        "Huisartsen Zuidoost",
        "1. Regioplan",
        "Het regioplan is besproken.",
        "Besluit: Het regioplan wordt openbaar gemaakt.",
        "Over de tarieven is vertrouwelijk gesproken.",
        "Reactie op het regioplan sturen",
        "Welzijn Zuidoost",
        "Gemaakt voor Anna Lid",
        "Gerrit Gast",
    ):
        assert expected in body, expected
    partner = docx_text(
        client_for("partner").get(url("minutes_docx", world, code=m.held.code)).content
    )
    assert "Regioplan" in partner
    assert "Besloten bespreking" not in partner and "tarieven" not in partner


def test_the_minutes_and_agenda_as_pdf_respect_the_reader(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    minutes = pdf_text(
        client_for("member").get(url("minutes_pdf", world, code=m.held.code)).content
    )
    assert (
        "Het regioplan is besproken." in minutes and "De tarieven blijven vertrouwelijk." in minutes
    )
    partner = pdf_text(
        client_for("partner").get(url("minutes_pdf", world, code=m.held.code)).content
    )
    assert "Het regioplan is besproken." in partner and "tarieven" not in partner
    agenda = pdf_text(
        client_for("partner").get(url("agenda_pdf", world, code=m.upcoming.code)).content
    )
    assert "Netwerkzaken" in agenda and "Bijlage 1: Jaarverslag" in agenda
    assert "Vertrouwelijke contractering" not in agenda and "Geheime offerte" not in agenda


# --- Calendars -----------------------------------------------------------------------------------------


def events(content: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(content).walk("VEVENT")}


def test_the_public_feed_has_public_meetings_with_public_items(world: World) -> None:
    m = meetings(world)
    response = Client().get(url("feed_network", world))
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response.content)
    assert list(found) == [m.public.ical_uid]
    event = found[m.public.ical_uid]
    assert "Inwoners aan het woord" in str(event["description"])  # type: ignore[index]
    assert "Besloten nabespreking" not in str(event["description"])  # type: ignore[index]
    assert b"TZID=Europe/Amsterdam" in response.content and b"BEGIN:VTIMEZONE" in response.content


def test_the_personal_feed_respects_the_owner_and_shows_cancellations(world: World) -> None:
    m = meetings(world)
    services.meeting_cancel(actor=world.users["secretary"], meeting=m.public)
    response = Client().get(reverse("meetings:feed_personal", kwargs={"token": m.calendar_token}))
    found = events(response.content)
    assert m.upcoming.ical_uid in found and m.draft.ical_uid not in found
    cancelled = found[m.public.ical_uid]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 1  # type: ignore[index]
    assert f"action-{m.member_action.code}@bestuurstafel" in found
    # The member's feed names the members-only item; a partner's never does.
    assert "Vertrouwelijke contractering" in str(found[m.upcoming.ical_uid]["description"])  # type: ignore[index]
    token = services.calendar_token_create(actor=world.users["partner"])
    partner = Client().get(reverse("meetings:feed_personal", kwargs={"token": token}))
    assert b"Vertrouwelijke contractering" not in partner.content
    assert "Netwerkzaken" in str(events(partner.content)[m.upcoming.ical_uid]["description"])  # type: ignore[index]


def test_the_body_feed_follows_the_reader_or_their_key(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    path = url("feed_body", world, body=world.plenary.slug)
    assert list(events(Client().get(path).content)) == [m.public.ical_uid]
    member = events(client_for("member").get(path).content)
    assert m.upcoming.ical_uid in member and m.draft.ical_uid not in member
    keyed = events(Client().get(path, {"sleutel": m.calendar_token}).content)
    assert set(keyed) == set(member)


def test_a_revoked_calendar_address_stops_working(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    client = client_for("member")
    page = client.post(reverse("meetings:calendar_link"), {"action": "create"})
    new = re.search(r'value="(http[^"]+\.ics)"', text(page)).group(1)
    assert (
        Client()
        .get(reverse("meetings:feed_personal", kwargs={"token": m.calendar_token}))
        .status_code
        == 404
    )
    path = new.split("://", 1)[1].split("/", 1)[1]
    assert Client().get("/" + path).status_code == 200
    client.post(reverse("meetings:calendar_link"), {"action": "revoke"})
    assert Client().get("/" + path).status_code == 404


# --- Fixed query counts ---------------------------------------------------------------------------------


def fill(world: World, meeting: Meeting, items: int, files: int) -> list[AgendaItem]:
    secretary = world.users["secretary"]
    made = [
        services.agenda_item_add(
            actor=secretary, meeting=meeting, title=f"Punt {n}", presenter=world.people["chair"]
        )
        for n in range(items)
    ]
    for n in range(files):
        services.attachment_add(
            actor=secretary, item=made[n % items], title=f"Stuk {n}", upload=pdf()
        )
    return made


def minutes_for_all(world: World, meeting: Meeting, items: list[AgendaItem]) -> None:
    """A decision and an action per item, and a request to every organisation."""
    secretary = world.users["secretary"]
    for n, item in enumerate(items):
        services.decision_record(actor=secretary, meeting=meeting, item=item, text=f"Besluit {n}")
        services.action_create(
            actor=secretary,
            meeting=meeting,
            item=item,
            description=f"Actie {n}",
            owner_person=world.people["colleague"],
        )
    services.action_request_organisations(
        actor=secretary,
        meeting=meeting,
        item=items[0],
        description="Verzoek",
        due_date=timezone.localdate(),
    )


def count_queries(
    client: Client, path: str, django_assert_num_queries, expected: int | None = None
) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_the_meeting_page_runs_a_fixed_number_of_queries(
    world: World, client_for: ClientFor, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = services.meeting_create(
        actor=world.users["secretary"],
        body=world.plenary,
        title="Klein",
        starts_at=at(40, 10),
        ends_at=at(40, 12),
    )
    large = services.meeting_create(
        actor=world.users["secretary"],
        body=world.plenary,
        title="Groot",
        starts_at=at(41, 10),
        ends_at=at(41, 12),
    )
    small_items = fill(world, small, 2, 1)
    large_items = fill(world, large, 15, 40)
    for meeting in (small, large):
        services.meeting_publish(actor=world.users["secretary"], meeting=meeting)
    # Decisions and actions (shown once the minutes are out) count too.
    minutes_for_all(world, small, small_items[:1])
    minutes_for_all(world, large, large_items)
    Meeting.objects.filter(pk__in=[small.pk, large.pk]).update(minutes_status="sent")
    client = client_for("member")
    few = count_queries(client, url("detail", world, code=small.code), django_assert_num_queries)
    many = count_queries(client, url("detail", world, code=large.code), django_assert_num_queries)
    assert few == many
    page = text(client.get(url("detail", world, code=large.code)))
    assert "Bijlage 40: Stuk" in page and "Punt 14" in page
    with django_assert_num_queries(few):
        client.get(url("detail", world, code=large.code))

    # The same without the cached agenda, decisions and invitees (the first reader of an
    # audience after a change): more queries, but still a fixed number.
    def cold(meeting: Meeting) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(url("detail", world, code=meeting.code))  # the session in the cache
        Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now())
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("detail", world, code=meeting.code)).status_code == 200
        return len(context.captured_queries)

    assert cold(small) == cold(large) > few


@pytest.mark.parametrize(
    ("name", "persona"),
    [
        ("list", "member"),
        ("decisions", "member"),
        ("actions", "member"),
        ("reflections", "member"),
        ("load", "member"),
    ],
)
def test_the_lists_run_a_fixed_number_of_queries(
    world: World, client_for: ClientFor, django_assert_num_queries, name: str, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    path = url(name, world) + ("?wanneer=all" if name == "list" else "")
    few = count_queries(client, path, django_assert_num_queries)
    m = meetings(world)
    for n in range(12):
        meeting = services.meeting_create(
            actor=world.users["secretary"],
            body=world.plenary,
            title=f"Extra {n}",
            starts_at=at(-10 - n, 10),
            ends_at=at(-10 - n, 12),
        )
        item = services.agenda_item_add(
            actor=world.users["secretary"], meeting=meeting, title="Punt"
        )
        Meeting.objects.filter(pk=meeting.pk).update(status="published", minutes_status="sent")
        meeting.refresh_from_db()
        services.decision_record(
            actor=world.users["secretary"], meeting=meeting, item=item, text=f"Besluit {n}"
        )
        services.action_create(
            actor=world.users["secretary"],
            meeting=meeting,
            item=item,
            description=f"Actie {n}",
            owner_organisation=Organisation.objects.get(name="Welzijn Zuidoost"),
            due_date=timezone.localdate() + timedelta(days=n),
        )
        services.reflection_add(
            actor=world.users["member"],
            meeting=meeting,
            author=world.people["member"],
            text=f"Les {n}",
        )
    assert m.upcoming.pk
    many = count_queries(client, path, django_assert_num_queries)
    assert few == many, name


def test_the_dashboard_runs_a_fixed_number_of_queries(
    world: World, client_for: ClientFor, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("member")
    path = reverse("meetings:dashboard")
    few = count_queries(client, path, django_assert_num_queries)
    for n in range(6):
        meeting = services.meeting_create(
            actor=world.users["secretary"],
            body=world.plenary,
            title=f"Extra {n}",
            starts_at=at(50 + n, 10),
            ends_at=at(50 + n, 12),
        )
        services.agenda_item_add(actor=world.users["secretary"], meeting=meeting, title="Punt")
        services.meeting_publish(actor=world.users["secretary"], meeting=meeting)
        Meeting.objects.filter(pk=meeting.pk).update(minutes_status="sent")  # to comment on
        services.action_create(
            actor=world.users["secretary"],
            meeting=meetings(world).held,
            item=None,
            description=f"Actie {n}",
            owner_person=world.people["member"],
            due_date=timezone.localdate() + timedelta(days=n),
        )
    assert count_queries(client, path, django_assert_num_queries) == few


def test_the_reminder_command_reports_and_is_idempotent(world: World) -> None:
    out = io.StringIO()
    call_command("send_meeting_reminders", stdout=out)
    first = out.getvalue()
    out = io.StringIO()
    call_command("send_meeting_reminders", stdout=out)
    assert "0 meeting reminder(s)" in out.getvalue() and "0 action reminder(s)" in out.getvalue()
    assert "action reminder(s) for 1 action(s)" in first


def test_the_secretary_sees_who_cannot_open_the_page_and_where_to_send_a_login(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    page = text(client_for("secretary").get(url("detail", world, code=m.upcoming.code)))
    # Cor Collega sits in the plenary without a login: invited to the published meeting, and
    # to be invited to the draft (counted from the body's members).
    assert "1 genodigde heeft geen account" in page
    draft = text(client_for("secretary").get(url("detail", world, code=m.draft.code)))
    assert "1 genodigde heeft geen account" in draft
    assert reverse("networks:manage_members", kwargs={"slug": "zuidoost"}) in page
    assert "geen account" not in text(
        client_for("member").get(url("detail", world, code=m.upcoming.code))
    )
    # Once Cor no longer takes part, the members page offers him no login, so neither does this.
    colleague = world.people["colleague"]
    membership = colleague.memberships.get(network__slug="zuidoost")
    ended = networks_services.membership_end(
        actor=world.users["secretary"],
        membership=membership,
        end_date=timezone.localdate() - timedelta(days=1),
    )
    page = text(client_for("secretary").get(url("detail", world, code=m.upcoming.code)))
    assert "geen account" not in page
    ended.end_date = None
    ended.save()
    page = text(client_for("secretary").get(url("detail", world, code=m.upcoming.code)))
    assert "1 genodigde heeft geen account" in page
    colleague.user = make_user("collega@test.invalid")
    colleague.save()
    page = text(client_for("secretary").get(url("detail", world, code=m.upcoming.code)))
    assert "geen account" not in page
