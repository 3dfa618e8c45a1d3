"""The pages: what each reader gets, bad input answered in Dutch with nothing saved, htmx and
plain posts, fixed query counts, documents and calendars read back."""

import io
import re
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.core.models import AuditEvent
from bestuurstafel.networks import services as networks_services
from bestuurstafel.networks.models import Organisation
from bestuurstafel.testing.world import World, make_person, make_user

from .. import services
from ..models import Action, AgendaItem, Attachment, Meeting, MinutesSection, Participant
from .factories import PDF, add_deputy, at, begin, meetings, pdf

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
    # The running clock: 10:00 opening (5 min), 10:05 the previous minutes (5 min), 10:10
    # network business (20 min), 10:30.
    assert re.search(r"10:05</span>\s*<h3[^>]*>Verslag van de vergadering", member)
    assert re.search(r"10:10</span>\s*<h3[^>]*>Netwerkzaken", member)
    assert re.search(r"10:30</span>\s*<h3[^>]*>Vertrouwelijke contractering", member)


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
    client_for("member").get(url("detail", world, code=m.upcoming.code))  # (fills the caches)
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
    # The counts of who comes go along, out of band, so the page does not contradict itself.
    people = fragment[fragment.index('<div id="invitees"') :]
    assert 'hx-swap-oob="true"' in people
    attending = Participant.objects.filter(meeting=m.upcoming, rsvp="attend").count()
    assert f"{attending} komen" in people


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
    assert response.status_code == 400
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
    wrong = client.post(url("series", world), {**data, "end_time": "09:00"})
    assert wrong.status_code == 400
    # The series has one end time and no end date: the message says what to change.
    assert "Elke vergadering moet eindigen nadat ze begint: kies een latere eindtijd." in text(
        wrong
    )
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
    moved = client.post(
        url("item_move", world, code=m.draft.code, item=rondvraag.code), {"direction": "up"}
    )
    rondvraag.refresh_from_db()
    assert rondvraag.number == "1"
    # Back to the builder with the focus on the moved item's button: now first, so "Omlaag".
    builder = text(client.get(moved["Location"]))
    assert builder.count(" autofocus>") == 1
    assert re.search(
        r'value="down"><button [^>]* autofocus>Omlaag<span class="visually-hidden">: Rondvraag<',
        builder,
    )
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
    world.users["member"].language = "en"
    world.users["member"].save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretary").post(url("publish", world, code=m.draft.code))
    assert response.status_code == 302
    assert len(mail.outbox) == 5
    message = next(x for x in mail.outbox if x.to == ["partner@test.invalid"])
    filename, content, mimetype = message.attachments[0]
    day = timezone.localtime(m.draft.starts_at).strftime("%Y-%m-%d")
    assert filename == f"Vergadering Plenair overleg {day}.ics"
    assert mimetype.startswith("text/calendar; method=REQUEST")
    # Named in the recipient's own language.
    english = next(x for x in mail.outbox if x.to == ["lid@test.invalid"])
    assert english.attachments[0][0] == f"Meeting Plenair overleg {day}.ics"
    # The meeting is called after its body: the title once, not "Plenair overleg (Plenair overleg)".
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["summary"]) == "Plenair overleg"
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


def test_decisions_and_actions_start_at_their_items_level(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    page = text(
        client_for("secretary").get(
            url("minutes_item", world, code=m.held.code, item=m.held_members_item.code)
        )
    )
    for prefix in ("besluit", "actie", "verzoek"):
        select = re.search(rf'name="{prefix}-confidentiality".*?</select>', page, re.S)
        assert select is not None, prefix
        assert '<option value="members" selected>' in select.group(0), prefix
    assert "Begint op het niveau van het agendapunt (“Alleen leden”)" in page


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
    # Not yet: the next meeting, whose agenda carries the approval, has not begun.
    page = text(client_for("chair").get(url("minutes", world, code=m.held.code)))
    assert "dat legt u hier vast zodra die vergadering begonnen is" in page
    early = client_for("chair").post(
        url("minutes_approve", world, code=m.held.code), {"approved_in": m.upcoming.pk}, follow=True
    )
    assert "Kies de vergadering waarin het verslag is vastgesteld." in text(early)
    # Begun but still a draft (never published): the page says that is what waits.
    status = m.upcoming.status
    Meeting.objects.filter(pk=m.upcoming.pk).update(status="draft")
    begin(m.upcoming)
    waiting = text(client_for("chair").get(url("minutes", world, code=m.held.code)))
    assert "Die vergadering is nog een concept" in waiting
    assert f'href="{m.upcoming.get_absolute_url()}">Naar die vergadering</a>' in waiting
    Meeting.objects.filter(pk=m.upcoming.pk).update(status=status)
    assert 'name="approved_in"' in text(
        client_for("chair").get(url("minutes", world, code=m.held.code))
    )
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
    word = Document(io.BytesIO(response.content))
    # Word checks the spelling of the minutes as Dutch.
    assert word.core_properties.language == "nl-NL"
    assert 'w:val="nl-NL"' in word.styles.element.xml
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


def test_a_guest_for_a_closed_item_is_seen_only_by_who_sees_the_item(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    secretary = client_for("secretary")
    path = url("attendance", world, code=m.held.code)
    form = text(secretary.get(path))
    assert 'name="guest_item_1"' in form and "Alleen wie het agendapunt mag zien" in form
    data = dict.fromkeys(re.findall(r'<select name="(presence_[^"]+)"', form), "present")
    assert data
    response = secretary.post(
        path,
        {
            **data,
            "residents_present": "0",
            "guest_name_1": "Ottilie Offerte",
            "guest_organisation_1": "Adviesbureau Tarieven",
            "guest_item_1": str(m.held_members_item.code),
        },
    )
    assert response.status_code == 302, text(response)
    guest = Participant.objects.get(meeting=m.held, guest_name="Ottilie Offerte")
    assert guest.item == m.held_members_item
    assert f"voor agendapunt {m.held_members_item.number}" in text(secretary.get(path))
    pages = {
        "page": lambda c: text(c.get(url("detail", world, code=m.held.code))),
        "minutes": lambda c: text(c.get(url("minutes", world, code=m.held.code))),
        "pdf": lambda c: pdf_text(c.get(url("minutes_pdf", world, code=m.held.code)).content),
        "docx": lambda c: docx_text(c.get(url("minutes_docx", world, code=m.held.code)).content),
    }
    member, partner = client_for("member"), client_for("partner")
    for name, read in pages.items():
        assert "Adviesbureau Tarieven" in " ".join(read(member).split()), name
        seen = " ".join(read(partner).split())
        assert "Adviesbureau Tarieven" not in seen and "Ottilie" not in seen, name
        assert "Gerrit Gast" in seen, name  # a guest of the whole meeting stays in view


def test_a_guest_without_a_name_is_refused_and_nothing_is_saved(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    secretary = client_for("secretary")
    path = url("attendance", world, code=m.held.code)
    form = text(secretary.get(path))
    data = dict.fromkeys(re.findall(r'<select name="(presence_[^"]+)"', form), "absent_notice")
    before = list(Participant.objects.filter(meeting=m.held).values_list("presence", flat=True))
    response = secretary.post(
        path,
        {**data, "residents_present": "4", "guest_organisation_2": "Adviesbureau Tarieven"},
    )
    assert response.status_code == 400
    page = text(response)
    assert '<a class="utrecht-link" href="#id_guest_name_2">' in page
    assert "Vul de naam van de gast in." in page
    assert 'value="Adviesbureau Tarieven"' in page  # kept for the correction
    after = list(Participant.objects.filter(meeting=m.held).values_list("presence", flat=True))
    assert after == before
    assert Meeting.objects.get(pk=m.held.pk).residents_present != 4


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


def attendance_in_four_groups(world: World) -> None:
    """In the held plenary: Anna present; Paul represented by Dirk, who came in his place; Carel
    represented by the deputy he named (Rita, who is not on the list); Sara absent with notice;
    Cor absent without notice. Gerrit Gast came as a guest."""
    m = meetings(world)
    rows = {
        p.person_id: p for p in Participant.objects.filter(meeting=m.held, person__isnull=False)
    }
    presence = {
        "member": "present",
        "partner": "represented",
        "chair": "represented",
        "secretary": "absent_notice",
        "colleague": "absent",
    }
    Participant.objects.filter(pk=rows[world.people["chair"].pk].pk).update(
        deputy=make_person("Rita", "Reserve")
    )
    Participant.objects.create(
        meeting=m.held,
        person=add_deputy(world),
        stands_in_for=rows[world.people["partner"].pk],
        invited=False,
        rsvp="attend",
        presence="present",
    )
    services.attendance_record(
        actor=world.users["secretary"],
        meeting=m.held,
        rows=[
            services.AttendanceRow(participant=rows[world.people[persona].pk], presence=value)
            for persona, value in presence.items()
        ],
        residents_present=3,
    )


ATTENDANCE = {
    "Aanwezig": "Anna Lid (Welzijn Zuidoost); Dirk Plaatsvervanger; Gerrit Gast (Provincie Utrecht)",
    "Vertegenwoordigd": (
        "Paul Partner (Gemeente Zeist), vertegenwoordigd door Dirk Plaatsvervanger; "
        "Carel Voorzitter, vertegenwoordigd door Rita Reserve"
    ),
    "Afwezig met bericht": "Sara Secretaris",
    "Afwezig zonder bericht": "Cor Collega (Huisartsen Zuidoost)",
}


def attendance_groups(text: str) -> dict[str, str]:
    """'Label: names' per attendance group, from the text of a document (lines or not)."""
    flat = " ".join(text.split())
    labels = [*ATTENDANCE, "Aanwezige inwoners"]
    found = {}
    for label in ATTENDANCE:
        match = re.search(
            rf"{re.escape(label)}: (.*?) (?:{'|'.join(map(re.escape, labels))}):", flat
        )
        if match:
            found[label] = match.group(1)
    return found


def test_the_minutes_list_who_came_was_represented_or_absent_in_four_groups(
    world: World, client_for: ClientFor
) -> None:
    attendance_in_four_groups(world)
    m = meetings(world)
    client = client_for("member")
    page = text(client.get(url("minutes", world, code=m.held.code)))
    listed = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]*)</dd>", page))
    assert {label: listed.get(label) for label in ATTENDANCE} == ATTENDANCE
    docx = docx_text(client.get(url("minutes_docx", world, code=m.held.code)).content)
    lines = dict(line.split(": ", 1) for line in docx.splitlines() if ": " in line)
    assert {label: lines.get(label) for label in ATTENDANCE} == ATTENDANCE
    pdf = pdf_text(client.get(url("minutes_pdf", world, code=m.held.code)).content)
    assert attendance_groups(pdf) == ATTENDANCE


def test_the_minutes_leave_out_an_empty_attendance_group(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("member")
    page = text(client.get(url("minutes", world, code=m.held.code)))
    docx = docx_text(client.get(url("minutes_docx", world, code=m.held.code)).content)
    pdf = pdf_text(client.get(url("minutes_pdf", world, code=m.held.code)).content)
    for body in (page, docx, pdf):
        assert "Gerrit Gast" in body
        for label in ("Vertegenwoordigd", "Afwezig met bericht", "Afwezig zonder bericht"):
            assert label not in body, label


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
    made = client.post(reverse("meetings:calendar_link"), {"action": "create"})
    assert made.status_code == 302
    page = client.get(made["Location"])
    new = re.search(r'value="(http[^"]+\.ics)"', text(page)).group(1)
    # Reloading the page neither shows the address again nor makes another one.
    again = text(client.get(reverse("meetings:calendar_link")))
    assert new not in again and "Uw nieuwe agenda-adres" not in again
    assert (
        Client()
        .get(reverse("meetings:feed_personal", kwargs={"token": m.calendar_token}))
        .status_code
        == 404
    )
    path = new.split("://", 1)[1].split("/", 1)[1]
    assert Client().get("/" + path).status_code == 200  # still the one that was shown
    client.post(reverse("meetings:calendar_link"), {"action": "revoke"})
    assert Client().get("/" + path).status_code == 404


def agenda_lines(event: object) -> list[str]:
    return str(event["description"]).splitlines()  # type: ignore[index]


def line_of(lines: list[str], number: str, title: str) -> int:
    """The index of ``number. HH:MM title`` among the description's lines."""
    pattern = re.compile(rf"{re.escape(number)}\. \d\d:\d\d {re.escape(title)}( \(.*\))?")
    found = [n for n, line in enumerate(lines) if pattern.fullmatch(line)]
    assert len(found) == 1, (number, title, lines)
    return found[0]


def test_the_calendar_lists_sub_items_numbered_as_the_agenda(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    # Public, under the members-only item: hidden with its item.
    services.agenda_item_add(
        actor=secretary,
        meeting=m.upcoming,
        parent=m.members_item,
        title="Openbaar deel van de contractering",
        confidentiality=Confidentiality.PUBLIC,
    )
    number = AgendaItem.objects.get(pk=m.members_item.pk).number  # as the agenda page shows it
    path = url("ics", world, code=m.upcoming.code)
    member = agenda_lines(events(client_for("member").get(path).content)[m.upcoming.ical_uid])
    main = line_of(member, number, "Vertrouwelijke contractering")
    assert line_of(member, f"{number}.1", "Onderdeel tarieven") == main + 1
    assert line_of(member, f"{number}.2", "Openbaar deel van de contractering") == main + 2
    partner_ics = client_for("partner").get(path).content
    partner = agenda_lines(events(partner_ics)[m.upcoming.ical_uid])
    line_of(partner, AgendaItem.objects.get(pk=m.business.pk).number, "Netwerkzaken")
    assert b"Onderdeel tarieven" not in partner_ics and b"Openbaar deel" not in partner_ics
    # The personal feeds: the same items for the same readers.
    feed = reverse("meetings:feed_personal", kwargs={"token": m.calendar_token})
    mine = agenda_lines(events(Client().get(feed).content)[m.upcoming.ical_uid])
    line_of(mine, f"{number}.1", "Onderdeel tarieven")
    token = services.calendar_token_create(actor=world.users["partner"])
    theirs = Client().get(reverse("meetings:feed_personal", kwargs={"token": token})).content
    assert b"Onderdeel tarieven" not in theirs and b"Openbaar deel" not in theirs


def test_the_public_feed_lists_public_sub_items_of_public_items_only(world: World) -> None:
    m = meetings(world)
    secretary = world.users["secretary"]
    public_item = AgendaItem.objects.get(meeting=m.public, title="Inwoners aan het woord")
    closed_item = AgendaItem.objects.get(meeting=m.public, title="Besloten nabespreking")
    for parent, title, level in (
        (public_item, "Vragen uit de wijk", Confidentiality.PUBLIC),
        (public_item, "Namen van de insprekers", Confidentiality.MEMBERS),
        (closed_item, "Openbare samenvatting", Confidentiality.PUBLIC),
    ):
        services.agenda_item_add(
            actor=secretary, meeting=m.public, parent=parent, title=title, confidentiality=level
        )
    response = Client().get(url("feed_network", world))
    lines = agenda_lines(events(response.content)[m.public.ical_uid])
    main = line_of(lines, public_item.number, "Inwoners aan het woord")
    assert line_of(lines, f"{public_item.number}.1", "Vragen uit de wijk") == main + 1
    for hidden in (b"Namen van de insprekers", b"Besloten nabespreking", b"Openbare samenvatting"):
        assert hidden not in response.content


# --- File names ----------------------------------------------------------------------------------------


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    return client


@pytest.mark.parametrize(
    ("language", "agenda", "minutes", "attachment", "meeting"),
    [
        ("nl", "Agenda", "Verslag", "Bijlage", "Vergadering"),
        ("en", "Agenda", "Minutes", "Attachment", "Meeting"),
    ],
)
def test_documents_and_attachments_are_named_in_the_readers_language(
    world: World,
    client_for: ClientFor,
    language: str,
    agenda: str,
    minutes: str,
    attachment: str,
    meeting: str,
) -> None:
    m = meetings(world)
    client = client_for("member")
    if language == "en":
        english(client)
    upcoming = timezone.localtime(m.upcoming.starts_at).strftime("%Y-%m-%d")
    held = timezone.localtime(m.held.starts_at).strftime("%Y-%m-%d")
    expected = {
        url("agenda_pdf", world, code=m.upcoming.code): f"{agenda} Plenair overleg {upcoming}.pdf",
        url("minutes_pdf", world, code=m.held.code): f"{minutes} Plenair overleg {held}.pdf",
        url("minutes_docx", world, code=m.held.code): f"{minutes} Plenair overleg {held}.docx",
        url(
            "attachment", world, code=m.upcoming.code, attachment=m.members_file.code
        ): f"{attachment} 2 - Geheime offerte.pdf",
    }
    for path, name in expected.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Language"] == language
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    # The calendar file opens in the browser (or the calendar program) rather than downloading.
    response = client.get(url("ics", world, code=m.upcoming.code))
    assert (
        response["Content-Disposition"]
        == f'inline; filename="{meeting} Plenair overleg {upcoming}.ics"'
    )


def test_a_file_name_with_accents_or_quotes_stays_a_safe_header(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    Meeting.objects.filter(pk=m.held.pk).update(title='Overleg "één"')
    file = services.attachment_add(
        actor=world.users["secretary"],
        item=m.business,
        title="Offerte café 2025/2026",
        upload=pdf("offerte.pdf"),
    )
    client = english(client_for("member"))
    day = timezone.localtime(m.held.starts_at).strftime("%Y-%m-%d")
    docx = client.get(url("minutes_docx", world, code=m.held.code))["Content-Disposition"]
    assert docx == ("attachment; filename*=utf-8''" + quote(f'Minutes Overleg "één" {day}.docx'))
    download = client.get(url("attachment", world, code=m.upcoming.code, attachment=file.code))
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''"
        + quote(f"Attachment {file.number} - Offerte café 2025-2026.pdf")
    )


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


@pytest.mark.parametrize("name", ["minutes", "minutes_docx", "minutes_pdf"])
def test_the_minutes_attendance_adds_no_queries(
    world: World, client_for: ClientFor, django_assert_num_queries, name: str
) -> None:  # type: ignore[no-untyped-def]
    """Who was represented, and by whom, comes from the participants already loaded."""
    client = client_for("member")
    m = meetings(world)
    path = url(name, world, code=m.held.code)
    few = count_queries(client, path, django_assert_num_queries)
    attendance_in_four_groups(world)
    client.get(path)  # the changed meeting read again once
    with django_assert_num_queries(few):
        assert client.get(path).status_code == 200


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


@pytest.mark.parametrize("name", ["feed_personal", "feed_network", "ics"])
def test_the_calendars_do_not_grow_in_queries_with_sub_items(
    world: World, client_for: ClientFor, django_assert_num_queries, name: str
) -> None:  # type: ignore[no-untyped-def]
    m = meetings(world)
    client = client_for("member")
    path = {
        "feed_personal": reverse("meetings:feed_personal", kwargs={"token": m.calendar_token}),
        "feed_network": url("feed_network", world),
        "ics": url("ics", world, code=m.public.code),
    }[name]
    few = count_queries(client, path, django_assert_num_queries)
    public_item = AgendaItem.objects.get(meeting=m.public, title="Inwoners aan het woord")
    for n in range(8):
        for meeting, parent in ((m.upcoming, m.business), (m.public, public_item)):
            services.agenda_item_add(
                actor=world.users["secretary"],
                meeting=meeting,
                parent=parent,
                title=f"Deelpunt {n}",
                presenter=world.people["chair"],
                confidentiality=Confidentiality.PUBLIC,
            )
    assert count_queries(client, path, django_assert_num_queries) == few
    found = events(client.get(path).content)
    assert "Deelpunt 7" in str(found[m.public.ical_uid]["description"])  # type: ignore[index]


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


def test_a_lesson_learned_is_offered_only_at_levels_its_writer_reads(
    world: World, client_for: ClientFor
) -> None:
    from ..models import Reflection

    m = meetings(world)
    path = url("meeting_reflections", world, code=m.held.code)
    partner = client_for("partner")
    form = text(partner.get(path))
    assert 'value="network"' in form and 'value="members"' not in form
    before = Reflection.objects.count()
    response = partner.post(path, {"text": "Les", "confidentiality": "members"})
    assert response.status_code == 400
    assert Reflection.objects.count() == before
    member_form = text(client_for("member").get(path))
    assert 'value="members"' in member_form
    with pytest.raises(services.ValidationError, match="zelf kunt lezen"):
        services.reflection_add(
            actor=world.users["partner"],
            meeting=m.held,
            author=world.people["partner"],
            text="Les",
            confidentiality="members",
        )


def test_one_wrong_filter_value_drops_that_filter_only(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    member = client_for("member")
    everything = text(member.get(url("actions", world)))
    assert m.organisation_action.description in everything
    page = text(member.get(url("actions", world) + f"?q={m.member_action.description}&status=xyz"))
    assert m.member_action.description in page
    assert m.organisation_action.description not in page  # the search still applies
    assert "Selecteer een geldige keuze" in page  # and the wrong value is explained


def test_the_load_check_of_a_change_counts_the_longer_hours_not_a_new_meeting(
    world: World, client_for: ClientFor
) -> None:
    draft = meetings(world).draft
    local = timezone.localtime(draft.starts_at)
    hours = (draft.ends_at - draft.starts_at).total_seconds() / 3600
    response = client_for("secretary").post(
        url("edit", world, code=draft.code),
        {
            "title": draft.title,
            "date": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "end_time": (local + timedelta(hours=hours + 2)).strftime("%H:%M"),
            "reminder_days": "7",
        },
    )
    page = text(response)
    assert "De vergaderlast in" in page and "na deze wijziging" in page
    row = re.search(r'scope="row">Anna Lid.*?</tr>', page, re.S).group(0)
    cells = re.findall(r'numeric-data">([^<]*)</td>', row)
    meetings_cell, hours_cell = cells
    assert "→" not in meetings_cell  # no extra meeting
    before, after = (float(x.replace(",", ".")) for x in hours_cell.split("→"))
    assert after - before == 2


def test_the_start_page_says_when_two_of_my_meetings_overlap(
    world: World, client_for: ClientFor
) -> None:
    meetings(world)
    secretary = world.users["secretary"]
    for title, start, end in (("Ochtendoverleg", 10, 13), ("Middagoverleg", 12, 14)):
        planned = services.meeting_create(
            actor=secretary,
            body=world.plenary,
            title=title,
            starts_at=at(40, start),
            ends_at=at(40, end),
        )
        services.agenda_item_add(actor=secretary, meeting=planned, title="Opening")
        services.meeting_publish(actor=secretary, meeting=planned)
    page = text(client_for("member").get(reverse("meetings:dashboard")))
    assert "Tegelijk met Middagoverleg (Plenair overleg), 12:00–14:00." in page
    assert "Tegelijk met Ochtendoverleg (Plenair overleg), 10:00–13:00." in page
    assert page.count("Tegelijk met") == 2


# --- Correcting decisions and actions on the item page -------------------------------------------


def test_the_secretary_corrects_an_action_from_the_item_page(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("secretary")
    item_page = text(
        client.get(url("minutes_item", world, code=m.held.code, item=m.held_item.code))
    )
    edit = url("action_edit", world, code=m.held.code, action=m.member_action.code)
    assert f'href="{edit}">Wijzigen<span class="visually-hidden">: Reactie op het regioplan' in (
        item_page
    )
    assert url("action_delete", world, code=m.held.code, action=m.member_action.code) in item_page
    assert 'data-confirm="Deze actie verwijderen?"' in item_page
    form = text(client.get(edit))
    assert '<h1 class="utrecht-heading-1">Actie wijzigen</h1>' in form
    assert "Reactie op het regioplan sturen</textarea>" in form
    assert f'<option value="{world.people["member"].pk}" selected>' in form
    assert f'value="{m.member_action.due_date.isoformat()}"' in form
    response = client.post(
        edit,
        {
            "actie-description": "Reactie op het regioplan sturen aan de regio",
            "actie-owner_organisation": world.organisations["welzijn"].pk,
            "actie-due_date": "2031-03-01",
            "actie-confidentiality": "network",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == (
        url("minutes_item", world, code=m.held.code, item=m.held_item.code) + "#actions"
    )
    page = text(client.get(response["Location"]))
    assert "De actie is gewijzigd." in page
    assert "Reactie op het regioplan sturen aan de regio" in page and "1 maart 2031" in page
    action = Action.objects.get(pk=m.member_action.pk)
    assert action.owner_person is None
    assert action.owner_organisation == world.organisations["welzijn"]
    event = AuditEvent.objects.get(action="meetings.action_update", target_id=str(action.pk))
    assert event.changes["due_date"]["to"] == "2031-03-01"


def test_a_corrected_action_without_owner_or_with_a_partner_is_refused_in_dutch(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("secretary")
    edit = url("action_edit", world, code=m.held.code, action=m.member_action.code)
    response = client.post(
        edit, {"actie-description": "Iets regelen", "actie-confidentiality": "network"}
    )
    assert response.status_code == 400
    assert "Kies wie de actie uitvoert: een persoon of een organisatie." in text(response)
    response = client.post(
        edit,
        {
            "actie-description": "Geheim",
            "actie-owner_person": world.people["partner"].pk,
            "actie-confidentiality": "members",
        },
    )
    assert response.status_code == 400
    assert "Paul Partner mag een actie met dit vertrouwelijkheidsniveau niet zien." in text(
        response
    )
    # One owner: a person or an organisation, not both.
    response = client.post(
        edit,
        {
            "actie-description": "Iets regelen",
            "actie-owner_person": world.people["member"].pk,
            "actie-owner_organisation": world.organisations["welzijn"].pk,
            "actie-confidentiality": "network",
        },
    )
    assert response.status_code == 400
    assert "Kies een persoon of een organisatie, niet allebei." in text(response)
    action = Action.objects.get(pk=m.member_action.pk)
    assert action.description == "Reactie op het regioplan sturen"
    assert action.owner_person == world.people["member"]
    assert action.confidentiality == "network"
    assert not AuditEvent.objects.filter(action="meetings.action_update").exists()


def test_the_secretary_carries_an_item_to_a_later_meeting_named_by_its_date(
    world: World, client_for: ClientFor
) -> None:
    from bestuurstafel.core.templatetags.bt import datum

    m = meetings(world)
    client = client_for("secretary")
    carry = url("item_carry", world, code=m.held.code, item=m.held_item.code)
    form = text(client.get(carry))
    day = datum(m.draft.starts_at)  # "9 januari 2027": as dates are written everywhere
    assert f'<option value="{m.draft.pk}">{day}, Plenair overleg</option>' in form
    assert "vóór het laatste punt" in form
    response = client.post(carry, {"meeting": m.draft.pk}, follow=True)
    assert f"“Regioplan” is nu agendapunt 2 van de vergadering van {day}." in text(response)
    builder = text(client.get(url("agenda", world, code=m.draft.code)))
    assert (
        f'Doorgeschoven uit de vergadering van <a class="utrecht-link" href="{m.held.get_absolute_url()}#item-{m.held_item.code}">'
        in builder
    )
    # An empty agenda does not claim its items end at the start.
    empty = services.meeting_create(
        actor=world.users["secretary"],
        body=world.plenary,
        title="Leeg",
        starts_at=at(60, 9),
        ends_at=at(60, 10),
    )
    assert "volgens planning eindigen" not in text(
        client.get(url("agenda", world, code=empty.code))
    )
    assert "volgens planning eindigen" in builder


def test_the_secretary_carries_an_item_from_its_minutes_page_and_comes_back_to_it(
    world: World, client_for: ClientFor
) -> None:
    from bestuurstafel.core.templatetags.bt import datum

    m = meetings(world)
    client = client_for("secretary")
    page = url("minutes_item", world, code=m.held.code, item=m.held_item.code)
    carry = url("item_carry", world, code=m.held.code, item=m.held_item.code) + "?van=punt"
    before = text(client.get(page))
    assert f'href="{carry}"' in before
    assert "Vandaag niet afgerond?" in before
    assert f'<a class="utrecht-link" href="{page}">Annuleren</a>' in text(client.get(carry))
    response = client.post(carry, {"meeting": m.draft.pk})
    assert response.status_code == 302 and response["Location"] == page
    new = AgendaItem.objects.get(meeting=m.draft, carried_from=m.held_item)
    after = text(client.get(page))
    day = datum(m.draft.starts_at)
    assert f"Doorgeschoven naar de vergadering van {day} als punt {new.number}." in after
    assert f'href="{m.draft.get_absolute_url()}#item-{new.code}"' in after
    # Approved minutes are locked: the carry-over stays listed, the button goes.
    Meeting.objects.filter(pk=m.held.pk).update(minutes_status="approved")
    locked = text(client.get(page))
    assert "als punt" in locked and f'href="{carry}"' not in locked


def test_an_action_whose_owner_left_the_network_asks_for_a_new_owner(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    member = world.people["member"]
    for membership in member.memberships.filter(network=world.network):
        networks_services.membership_end(
            actor=world.users["secretary"],
            membership=membership,
            end_date=timezone.localdate() - timedelta(days=1),
        )
    client = client_for("secretary")
    edit = url("action_edit", world, code=m.held.code, action=m.member_action.code)
    left = f"{member.full_name}, tot nu toe eigenaar, hoort niet meer bij het netwerk"
    assert left in text(client.get(edit))
    fields = {
        "actie-description": "Reactie op het regioplan sturen",
        "actie-confidentiality": "network",
    }
    response = client.post(edit, {**fields, "actie-owner_person": member.pk})
    assert response.status_code == 400 and left in text(response)
    assert Action.objects.get(pk=m.member_action.pk).owner_person == member
    chair = world.people["chair"]
    response = client.post(edit, {**fields, "actie-owner_person": chair.pk}, follow=True)
    assert "De actie is gewijzigd." in text(response)
    assert Action.objects.get(pk=m.member_action.pk).owner_person == chair
    # The new owner is part of the network: no word about leaving.
    assert "hoort niet meer bij het netwerk" not in text(client.get(edit))


def test_the_secretary_removes_an_action_and_corrects_a_decision(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("secretary")
    response = client.post(
        url("action_delete", world, code=m.held.code, action=m.organisation_action.code),
        follow=True,
    )
    assert "De actie is verwijderd." in text(response)
    assert not Action.objects.filter(pk=m.organisation_action.pk).exists()
    assert "Cijfers aanleveren" not in text(response)
    edit = url("decision_edit", world, code=m.held.code, decision=m.public_decision.code)
    item_page = text(
        client.get(url("minutes_item", world, code=m.held.code, item=m.held_item.code))
    )
    assert f'href="{edit}">Wijzigen<span class="visually-hidden">: Het regioplan' in item_page
    form = text(client.get(edit))
    assert '<h1 class="utrecht-heading-1">Besluit wijzigen</h1>' in form
    assert "Het regioplan wordt openbaar gemaakt.</textarea>" in form
    empty = client.post(edit, {"besluit-text": "", "besluit-confidentiality": "public"})
    assert empty.status_code == 400 and "Dit veld is verplicht." in text(empty)
    response = client.post(
        edit,
        {
            "besluit-text": "Het regioplan wordt in mei openbaar gemaakt.",
            "besluit-confidentiality": "public",
        },
        follow=True,
    )
    assert "Het besluit is gewijzigd." in text(response)
    assert "Het regioplan wordt in mei openbaar gemaakt." in text(response)
    assert AuditEvent.objects.filter(action="meetings.decision_update").count() == 1


def test_a_member_may_not_correct_or_remove_decisions_and_actions(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    client = client_for("member")
    edit = url("action_edit", world, code=m.held.code, action=m.member_action.code)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"actie-description": "Anders"}).status_code == 403
    remove = url("action_delete", world, code=m.held.code, action=m.member_action.code)
    assert client.post(remove).status_code == 403
    decision = url("decision_edit", world, code=m.held.code, decision=m.public_decision.code)
    assert client.get(decision).status_code == 403
    assert client.post(decision, {"besluit-text": "Anders"}).status_code == 403
    assert (
        Action.objects.get(pk=m.member_action.pk).description == "Reactie op het regioplan sturen"
    )


def test_decisions_and_actions_of_approved_minutes_stay_as_they_are(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    begin(m.upcoming)
    services.minutes_approve(actor=world.users["chair"], meeting=m.held, approved_in=m.upcoming)
    client = client_for("secretary")
    locked = "Het verslag van deze vergadering is vastgesteld en op slot."
    response = client.post(
        url("action_edit", world, code=m.held.code, action=m.member_action.code),
        {
            "actie-description": "Later",
            "actie-owner_person": world.people["member"].pk,
            "actie-confidentiality": "network",
        },
    )
    assert response.status_code == 400 and locked in text(response)
    response = client.post(
        url("action_delete", world, code=m.held.code, action=m.member_action.code), follow=True
    )
    assert locked in text(response)
    response = client.post(
        url("decision_edit", world, code=m.held.code, decision=m.public_decision.code),
        {"besluit-text": "Later", "besluit-confidentiality": "public"},
    )
    assert response.status_code == 400 and locked in text(response)
    action = Action.objects.get(pk=m.member_action.pk)
    assert action.description == "Reactie op het regioplan sturen"
    m.public_decision.refresh_from_db()
    assert m.public_decision.text == "Het regioplan wordt openbaar gemaakt."


def test_locked_minutes_are_shown_without_forms(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    services.minutes_approve(
        actor=world.users["chair"], meeting=m.held, approved_in=begin(m.upcoming)
    )
    page = text(
        client_for("secretary").get(
            url("minutes_item", world, code=m.held.code, item=m.held_item.code)
        )
    )
    assert "Het verslag van deze vergadering is vastgesteld en op slot." in page
    assert "Het regioplan is besproken." in page  # the notes, to read
    for form in ("decision_add", "action_add", "request_add", "minutes_item"):
        assert f'action="{url(form, world, code=m.held.code, item=m.held_item.code)}"' not in page
    assert "/wijzigen/" not in page and "/verwijderen/" not in page
