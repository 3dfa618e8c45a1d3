"""Browser stories for meetings, in headless Chromium, with axe-core on every page."""

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from bestuurstafel.meetings.models import Action, AgendaItem, Attachment, Meeting, Participant
from bestuurstafel.networks.models import Membership
from bestuurstafel.testing.browser import browser_login, browser_login_with_code
from bestuurstafel.testing.world import PASSWORD, World, build_world, make_user

from .. import services
from .factories import PDF, add_deputy, meetings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = [
    ("Welkom", "Carel Voorzitter", "", "10", "network"),
    ("Landelijke ontwikkelingen", "Sara Secretaris", "", "15", "network"),
    ("Fundament Arbeidsmarkt", "Cor Collega", "", "15", "network"),
    ("Manifest ZOU doen we het samen", "Anna Lid", "", "20", "network"),
    ("Dashboard Monitor IZA/GALA", "Sara Secretaris", "", "10", "public"),
    ("Voornaamste successen", "Carel Voorzitter", "", "15", "network"),
    ("Utrechtse Fabriek voor Zorgtransformatie", "", "Mirjam Ruiter (Fabriek)", "15", "members"),
    ("Met elkaar in gesprek", "Carel Voorzitter", "", "15", "public"),
    ("Afronding en rondvraag", "Carel Voorzitter", "", "5", "network"),
]


@pytest.fixture
def live_world(transactional_db: None) -> World:
    return build_world()


def named(verb: str, what: str) -> re.Pattern[str]:
    """A button or link named "Verb" plus a visually hidden ": what" (read as one name)."""
    return re.compile(rf"^{re.escape(verb)}\W+{re.escape(what)}$")


def drag(page: Any, source: Any, target: Any) -> None:
    """Drag a handle with the mouse, in small steps, as a person does, onto the upper edge of
    the target row (both on screen)."""
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.locator("#builder").evaluate(
        "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 20)"
    )
    start = source.bounding_box()
    end = target.locator("xpath=ancestor::div[contains(@class, 'bt-builder__row')]").bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 5, start["y"] - 10, steps=5)
    page.mouse.move(end["x"] + 40, end["y"] + 4, steps=30)
    page.wait_for_timeout(200)
    page.mouse.up()


def log_in_with_code(page: Any, axe: Any, email: str) -> None:
    browser_login_with_code(page, axe, email, PASSWORD)


def log_out(page: Any, axe: Any) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("load")
    axe()


def test_secretary_builds_the_reference_agenda_adds_attachments_and_publishes(
    page: Any, axe: Any, live_world: World, tmp_path: Path
) -> None:
    log_in_with_code(page, axe, "secretaris@test.invalid")
    page.goto("/netwerken/zuidoost/vergaderingen/")
    axe()
    page.get_by_role("link", name="Vergadering plannen").click()
    axe()
    day = timezone.localdate() + timedelta(days=10)
    page.get_by_label("Orgaan").select_option(label="Plenair overleg")
    page.get_by_label("Titel").fill("Breed Bestuurlijk Overleg")
    page.locator("#id_date").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("11:00")
    page.get_by_label("Eindtijd").fill("13:00")
    page.get_by_label("Locatie (adres)").fill("Huisartsencoöperatie, Bilthoven")
    page.get_by_role("button", name="Conflicten en vergaderlast controleren").click()
    axe()
    assert "Geen conflicten" in page.locator("#check").inner_text()
    page.get_by_role("button", name="Opslaan").click()
    axe()
    assert "Stel nu de agenda op" in page.locator(".bt-messages").inner_text()
    for title, presenter, guest, minutes, level in REFERENCE:
        page.get_by_label("Titel").fill(title)
        if presenter:
            organisation = _organisation(presenter)
            label = f"{presenter} ({organisation})" if organisation else presenter
            page.get_by_label("Inleider", exact=True).select_option(label=label)
        if guest:
            page.get_by_label("Of een gastspreker (naam en organisatie)").fill(guest)
        page.get_by_label("Geplande minuten").fill(minutes)
        page.get_by_label("Vertrouwelijkheid").select_option(level)
        page.get_by_role("button", name="Agendapunt toevoegen").click()
        axe()
    builder = page.locator("#builder")
    assert builder.locator(".bt-builder__title").all_inner_texts() == [r[0] for r in REFERENCE]
    # The running clock: the ninth item starts at 12:55.
    assert "12:55" in builder.locator(".bt-builder__item").nth(8).inner_text()
    # Reorder by keyboard: "Omlaag" on item 8, then back up.
    page.get_by_role("button", name=named("Omlaag", "Met elkaar in gesprek")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The focus comes back to the item just moved: now the last, so to its "Omhoog".
    focused = "() => document.activeElement.textContent === 'Omhoog: Met elkaar in gesprek'"
    page.wait_for_function(focused, timeout=5000)
    axe()
    assert page.locator(".bt-builder__title").nth(8).inner_text() == "Met elkaar in gesprek"
    page.get_by_role("button", name=named("Omhoog", "Met elkaar in gesprek")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function(focused, timeout=5000)
    axe()
    assert page.locator(".bt-builder__title").nth(7).inner_text() == "Met elkaar in gesprek"
    # And by dragging (SortableJS): the last item to the top, saved without a reload.
    handles = page.locator("#builder .bt-drag")
    drag(page, handles.nth(8), handles.nth(0))
    page.locator("#builder-status").filter(has_text="opgeslagen").wait_for()
    assert page.locator(".bt-builder__title").first.inner_text() == "Afronding en rondvraag"
    assert page.locator(".bt-agenda__number").first.inner_text() == "1"
    assert AgendaItem.objects.get(title="Afronding en rondvraag").number == "1"
    # Attachments: two for the manifest, one for the factory (members only).
    letter = tmp_path / "brief.pdf"
    letter.write_bytes(PDF)
    wrong = tmp_path / "notities.txt"
    wrong.write_text("geen pdf")
    page.get_by_role("link", name=named("Bewerken", "Manifest ZOU doen we het samen")).click()
    axe()
    for title in ("Begeleidende brief", "Manifest (concept)"):
        page.get_by_label("Titel van de bijlage").fill(title)
        page.get_by_label("Bestand").set_input_files(str(letter))
        page.get_by_role("button", name="Uploaden").click()
        axe()
    page.get_by_label("Bestand").set_input_files(str(wrong))
    page.get_by_role("button", name="Uploaden").click()
    axe()
    assert "“notities.txt” kan niet worden toegevoegd" in page.locator("main").inner_text()
    page.get_by_role("link", name="Terug naar de agenda").click()
    axe()
    page.get_by_role(
        "link", name=named("Bewerken", "Utrechtse Fabriek voor Zorgtransformatie")
    ).click()
    axe()
    page.get_by_label("Titel van de bijlage").fill("Presentatie")
    page.get_by_label("Bestand").set_input_files(str(letter))
    page.get_by_role("button", name="Uploaden").click()
    axe()
    assert "Bijlage 3: Presentatie" in page.locator("#attachments").inner_text()
    page.get_by_role("link", name="Terug naar de agenda").click()
    axe()
    mail.outbox.clear()
    page.get_by_role("button", name="Agenda publiceren en uitnodigingen versturen").click()
    axe()
    assert "De agenda is gepubliceerd" in page.locator(".bt-messages").inner_text()
    meeting = Meeting.objects.get(title="Breed Bestuurlijk Overleg")
    assert meeting.status == "published"
    assert [i.number for i in meeting.items.order_by("position")] == [str(n) for n in range(1, 10)]
    assert sorted(a.number for a in Attachment.objects.filter(item__meeting=meeting)) == [1, 2, 3]
    # Every member of the plenary got an invitation with a calendar file; the partner's has no
    # members-only item.
    invited = {m.to[0]: m for m in mail.outbox}
    assert set(invited) == {
        "lid@test.invalid",
        "partner@test.invalid",
        "secretaris@test.invalid",
        "voorzitter@test.invalid",
        "collega@test.invalid",
    }
    assert "Utrechtse Fabriek" in invited["lid@test.invalid"].body
    assert "Utrechtse Fabriek" not in invited["partner@test.invalid"].body
    assert invited["partner@test.invalid"].attachments[0][0].startswith("Vergadering ")
    assert invited["partner@test.invalid"].attachments[0][0].endswith(".ics")
    # The members-only item is marked on the page.
    page.get_by_role("link", name="Agenda", exact=True).first.click()
    axe()
    assert (
        "Alleen leden"
        in page.locator(
            "#item-" + str(meeting.items.get(title__startswith="Utrechtse").code)
        ).inner_text()
    )


def _organisation(name: str) -> str:
    return {
        "Anna Lid": "Welzijn Zuidoost",
        "Cor Collega": "Huisartsen Zuidoost",
    }.get(name, "")


def test_a_member_answers_send_my_deputy(page: Any, axe: Any, live_world: World) -> None:
    """...and the deputy, standing in, gets the plenary's "body only" item of that meeting."""
    m = meetings(live_world)
    services.agenda_item_add(
        actor=live_world.users["secretary"],
        meeting=m.upcoming,
        title="Alleen voor het plenair",
        confidentiality="body",
    )
    deputy = add_deputy(live_world, user=make_user("dirk@test.invalid"))
    Membership.objects.filter(pk=live_world.memberships["member"].pk).update(deputy=deputy)
    browser_login(page, axe, "lid@test.invalid", PASSWORD)
    axe()
    assert page.get_by_role("heading", name="Mijn volgende vergaderingen").is_visible()
    page.get_by_role("link", name="Beantwoord de uitnodiging").first.click()
    axe()
    rsvp = page.locator("#rsvp")
    rsvp.get_by_label("Ik stuur mijn plaatsvervanger").check()
    # Forgetting to choose who stands in: the answer is not saved and the form says why, in
    # place (htmx swaps the form back in although the answer is a 400).
    rsvp.get_by_role("button", name="Mijn antwoord opslaan").click()
    error = rsvp.locator(".utrecht-form-field-error-message", has_text="Kies wie u vervangt")
    error.wait_for()
    # The pressed button went with the swap: the focus is on the error summary, read first;
    # its line leads to the field to correct.
    page.wait_for_function(
        "() => document.activeElement.matches('[data-error-summary]')", timeout=5000
    )
    axe()
    rsvp.get_by_role("link", name=re.compile("^Plaatsvervanger: Kies wie u vervangt")).click()
    assert page.evaluate("() => document.activeElement.name") == "deputy"
    deputy_field = rsvp.get_by_label("Plaatsvervanger", exact=True)
    assert deputy_field.get_attribute("aria-invalid") == "true"
    assert not Participant.objects.filter(
        meeting=m.upcoming, person=live_world.people["member"], rsvp="deputy"
    ).exists()
    rsvp.get_by_label("Plaatsvervanger", exact=True).select_option(
        label="Dirk Plaatsvervanger (Welzijn Zuidoost)"
    )
    mail.outbox.clear()
    rsvp.get_by_role("button", name="Mijn antwoord opslaan").click()
    page.get_by_text("uw antwoord is opgeslagen").wait_for()
    # A keyboard user is where they were, on the (new) button, not back at the top.
    page.wait_for_function("() => document.activeElement.id === 'rsvp-save'", timeout=5000)
    axe()
    assert "Stuurt plaatsvervanger" in page.locator("#rsvp").inner_text()
    answer = Participant.objects.get(meeting=m.upcoming, person=live_world.people["member"])
    assert answer.rsvp == "deputy" and answer.deputy == deputy
    assert Participant.objects.get(meeting=m.upcoming, person=deputy).stands_in_for == answer
    assert [x.to for x in mail.outbox] == [["dirk@test.invalid"]]
    assert mail.outbox[0].subject.startswith("Verzoek om in te vallen")

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("load")
    axe()
    browser_login(page, axe, "dirk@test.invalid", PASSWORD)
    axe()
    page.goto(m.upcoming.get_absolute_url())
    axe()
    assert page.get_by_role("heading", name="Alleen voor het plenair").is_visible()
    assert "ook wat alleen voor de leden van Plenair overleg bedoeld is" in (
        page.locator("#rsvp").inner_text()
    )


def test_the_secretary_records_the_meeting_and_the_member_finishes_an_action(
    page: Any, axe: Any, live_world: World
) -> None:
    m = meetings(live_world)
    log_in_with_code(page, axe, "secretaris@test.invalid")
    page.goto(f"/netwerken/zuidoost/vergaderingen/{m.held.code}/")
    axe()
    page.get_by_role("navigation", name="Deze vergadering").get_by_role(
        "link", name="Aanwezigheid"
    ).click()
    axe()
    page.get_by_label("Cor Collega", exact=True).select_option("absent_notice")
    page.get_by_label("Anna Lid is een nieuw lid").check()
    page.get_by_label("Gast 1: naam").fill("Mirjam Ruiter")
    page.get_by_label("Gast 1: organisatie").fill("Utrechtse Fabriek")
    page.get_by_label("Aanwezige inwoners").fill("6")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    axe()
    assert "De aanwezigheid is opgeslagen" in page.locator(".bt-messages").inner_text()
    page.get_by_role("navigation", name="Deze vergadering").get_by_role(
        "link", name="Verslag"
    ).click()
    axe()
    page.get_by_role("link", name=named("Verslag schrijven", "1. Regioplan")).click()
    axe()
    page.get_by_role("textbox", name="Verslag").fill(
        "De regio kiest voor preventie.\nIedereen doet mee."
    )
    page.get_by_role("button", name="Verslag opslaan").click()
    axe()
    page.get_by_role("link", name=named("Verslag schrijven", "1. Regioplan")).click()
    axe()
    page.get_by_role("textbox", name="Besluit").fill("Het regioplan wordt vastgesteld.")
    page.locator("#decisions").get_by_label("Vertrouwelijkheid").select_option("public")
    page.get_by_role("button", name="Besluit vastleggen").click()
    axe()
    page.get_by_role("textbox", name="Wat").fill("Preventieplan voor Zeist schrijven")
    page.get_by_label("Eigenaar (een persoon)").select_option(label="Anna Lid (Welzijn Zuidoost)")
    page.get_by_label("Deadline", exact=True).first.fill(
        (timezone.localdate() + timedelta(days=21)).isoformat()
    )
    page.get_by_role("button", name="Actie toevoegen").click()
    axe()
    # A wrong deadline is corrected on the action's own page.
    page.get_by_role(
        "link", name=re.compile(r"^Wijzigen\W+Preventieplan voor Zeist schrijven\b")
    ).click()
    axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Actie wijzigen"
    page.get_by_label("Deadline", exact=True).fill("2031-03-01")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    axe()
    assert "De actie is gewijzigd." in page.locator(".bt-messages").inner_text()
    row = page.locator("#actions tr", has_text="Preventieplan voor Zeist schrijven")
    assert "1 maart 2031" in row.inner_text()
    page.get_by_role("textbox", name="Verzoek").fill("Wijzigingen op het manifest sturen")
    page.locator("form[action$='verzoek/']").get_by_label("Deadline").fill("2031-11-14")
    page.get_by_role("button", name="Verzoek naar elke organisatie sturen").click()
    axe()
    assert "voor elk van de 2 organisaties" in page.locator(".bt-messages").inner_text()
    page.get_by_role("link", name="Terug naar het verslag").click()
    axe()
    minutes = page.locator("main").inner_text()
    assert "De regio kiest voor preventie." in minutes
    assert "Besluit: Het regioplan wordt vastgesteld." in minutes
    assert "Mirjam Ruiter (Utrechtse Fabriek)" in minutes and "Aanwezige inwoners" in minutes
    log_out(page, axe)

    browser_login(page, axe, "lid@test.invalid", PASSWORD)
    axe()
    mine = page.locator(".bt-action-card", has_text="Preventieplan voor Zeist schrijven")
    assert mine.is_visible()
    assert page.locator(
        ".bt-action-card", has_text="Wijzigingen op het manifest sturen"
    ).is_visible()
    mine.get_by_role("button", name="Afronden").click()
    mine.get_by_text("Afgerond", exact=True).wait_for()
    axe()
    assert Action.objects.get(description="Preventieplan voor Zeist schrijven").status == "done"
    # The member's done actions, downloaded for their own records (Excel), read back.
    page.goto("/netwerken/zuidoost/acties/?wie=mine&status=done")
    axe()
    with page.expect_download() as sheet:
        page.get_by_role("link", name="Excel").click()
    assert sheet.value.suggested_filename.startswith("acties-zuidoost-")
    assert sheet.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(sheet.value.path()).read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Wat", "Wie", "Deadline", "Status")
    assert [row[0] for row in rows[1:]] == ["Preventieplan voor Zeist schrijven"]
    assert rows[1][3] == "Afgerond"
    # The minutes as Word and as PDF, read back.
    page.goto(f"/netwerken/zuidoost/vergaderingen/{m.held.code}/verslag/")
    axe()
    with page.expect_download() as word:
        page.get_by_role("link", name="Downloaden (Word)").click()
    document = Document(word.value.path())
    body = "\n".join(p.text for p in document.paragraphs)
    tables = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "De regio kiest voor preventie." in body
    assert "Besluit: Het regioplan wordt vastgesteld." in body
    assert "Preventieplan voor Zeist schrijven" in tables and "Anna Lid" in tables
    assert "Anna Lid (Welzijn Zuidoost)" in body  # welcomed as a new member
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Downloaden (PDF)").click()
    text = "\n".join(p.extract_text() for p in PdfReader(pdf.value.path()).pages)
    assert "De regio kiest voor preventie." in text and "Preventieplan voor Zeist schrijven" in text
    assert "Het regioplan wordt vastgesteld." in text


def test_a_partner_never_sees_a_members_only_item(page: Any, axe: Any, live_world: World) -> None:
    m = meetings(live_world)
    browser_login(page, axe, "partner@test.invalid", PASSWORD)
    axe()
    page.goto(f"/netwerken/zuidoost/vergaderingen/{m.upcoming.code}/")
    axe()
    main = page.locator("main").inner_text()
    assert "Netwerkzaken" in main
    assert "Vertrouwelijke contractering" not in main and "Geheime offerte" not in main
    with page.expect_download() as agenda:
        page.get_by_role("link", name="Agenda (PDF)").click()
    agenda_text = "\n".join(p.extract_text() for p in PdfReader(agenda.value.path()).pages)
    assert "Netwerkzaken" in agenda_text and "Vertrouwelijke contractering" not in agenda_text
    page.goto(f"/netwerken/zuidoost/vergaderingen/{m.held.code}/verslag/")
    axe()
    assert "Besloten bespreking" not in page.locator("main").inner_text()
    with page.expect_download() as word:
        page.get_by_role("link", name="Downloaden (Word)").click()
    document = Document(word.value.path())
    word_text = "\n".join(p.text for p in document.paragraphs)
    assert "Regioplan" in word_text and "Besloten bespreking" not in word_text
    assert "tarieven" not in word_text
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Downloaden (PDF)").click()
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(pdf.value.path()).pages)
    assert "Regioplan" in pdf_text and "Besloten bespreking" not in pdf_text
    # The file itself is not there for her either.
    blocked = page.request.get(
        f"/netwerken/zuidoost/vergaderingen/{m.upcoming.code}/bijlagen/{m.members_file.code}/"
    )
    assert blocked.status == 404
    # Her personal calendar feed.
    page.goto("/mijn-overzicht/agenda-koppeling/")
    axe()
    page.get_by_role("button", name="Mijn agenda-adres maken").click()
    axe()
    address = page.get_by_label("Uw agenda-adres").input_value()
    feed = page.request.get(address)
    calendar = Calendar.from_ical(feed.body())
    descriptions = " ".join(str(e.get("description", "")) for e in calendar.walk("VEVENT"))
    assert "Netwerkzaken" in descriptions
    assert "Vertrouwelijke contractering" not in descriptions
    assert b"Vertrouwelijke contractering" not in feed.body()
    assert AgendaItem.objects.filter(title="Vertrouwelijke contractering").exists()


def test_a_partner_comments_on_the_minutes_and_the_secretary_processes_it(
    page: Any, axe: Any, live_world: World
) -> None:
    m = meetings(live_world)
    minutes = f"/netwerken/zuidoost/vergaderingen/{m.held.code}/verslag/"
    browser_login(page, axe, "partner@test.invalid", PASSWORD)
    axe()
    page.goto(minutes)
    axe()
    about = page.get_by_label("Over")
    # The members-only item is not hers to comment on.
    assert "Besloten bespreking" not in about.inner_text()
    about.select_option(label="1. Regioplan")
    page.get_by_role("button", name="Opmerking versturen").click()
    axe()
    assert "Dit veld is verplicht" in page.locator("#comments").inner_text()
    page.get_by_role("textbox", name="Uw opmerking").fill(
        "Onze wethouder heet Jansen, niet Janssen."
    )
    page.get_by_role("button", name="Opmerking versturen").click()
    axe()
    assert "naar het secretariaat gestuurd" in page.locator(".bt-messages").inner_text()
    mine = page.locator("#comments li", has_text="niet Janssen")
    assert "Punt 1. Regioplan" in mine.inner_text() and "Open" in mine.inner_text()
    # The member's comment is not hers to read.
    assert "in mei openbaar" not in page.locator("main").inner_text()
    log_out(page, axe)

    log_in_with_code(page, axe, "secretaris@test.invalid")
    page.goto(minutes)
    axe()
    page.get_by_role("link", name="2 opmerkingen, 2 nog niet verwerkt").click()
    comment = page.locator("#comments li", has_text="niet Janssen")
    assert "Paul Partner" in comment.inner_text()
    comment.get_by_role("button", name=re.compile(r"^Markeer als verwerkt")).click()
    axe()
    comment = page.locator("#comments li", has_text="niet Janssen")
    assert "Verwerkt" in comment.inner_text() and "verwerkt door" in comment.inner_text()
    assert comment.get_by_role("button", name=re.compile(r"^Weer openzetten")).is_visible()
    assert "2 opmerkingen, 1 nog niet verwerkt" in page.locator("main").inner_text()


def test_a_button_that_cannot_be_carried_out_in_place_says_so(
    page: Any, axe: Any, live_world: World
) -> None:
    """The in-place buttons (htmx) never go silent: a refusal shows the server's page, and after
    the session ended the login page brings the member back to where they were."""
    m = meetings(live_world)
    browser_login(page, axe, "lid@test.invalid", PASSWORD)
    axe()
    mine = page.locator(".bt-action-card", has_text="Reactie op het regioplan sturen")
    # Meanwhile the secretary gives the action to the partner: the member may no longer finish it.
    Action.objects.filter(pk=m.member_action.pk).update(owner_person=live_world.people["partner"])
    mine.get_by_role("button", name="Afronden").click()
    page.get_by_role("heading", name="U heeft geen toegang tot deze pagina").wait_for()
    axe()
    assert Action.objects.get(pk=m.member_action.pk).status == "open"

    page.goto("/mijn-overzicht/")
    axe()
    ours = page.locator(".bt-action-card", has_text="Cijfers aanleveren")
    # The session has ended (after twelve hours, or logged out in another window).
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    ours.get_by_role("button", name="Afronden").click()
    page.wait_for_url("**/account/inloggen/?next=/mijn-overzicht/")
    axe()
    page.get_by_label("E-mailadres").fill("lid@test.invalid")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mijn-overzicht/")
    axe()
    # Nothing was done behind the member's back: the action is still theirs to finish.
    assert Action.objects.get(pk=m.organisation_action.pk).status == "open"
    assert page.locator(".bt-action-card", has_text="Cijfers aanleveren").is_visible()

    # Every cookie gone (the security token too): a page in Dutch says what happened and leads
    # back; from there the button works again.
    page.context.clear_cookies()
    browser_login(page, axe, "lid@test.invalid", PASSWORD)
    page.context.clear_cookies(name=settings.CSRF_COOKIE_NAME)
    ours.get_by_role("button", name="Afronden").click()
    page.get_by_role("heading", name="Het formulier is verlopen").wait_for()
    axe()
    assert "Er is niets opgeslagen." in page.locator("main").inner_text()
    assert Action.objects.get(pk=m.organisation_action.pk).status == "open"
    page.get_by_role("link", name="Terug naar de pagina").click()
    page.wait_for_url("**/mijn-overzicht/")
    axe()
    ours.get_by_role("button", name="Afronden").click()
    ours.get_by_text("Afgerond", exact=True).wait_for()
    axe()
    assert Action.objects.get(pk=m.organisation_action.pk).status == "done"


def test_a_drag_that_cannot_be_saved_says_so(page: Any, axe: Any, live_world: World) -> None:
    """Dragging an item saves in the background; when that fails the secretary is told, and
    after the session ended the page goes through the login back to the agenda as saved."""
    m = meetings(live_world)
    builder = f"/netwerken/zuidoost/vergaderingen/{m.upcoming.code}/agenda/"
    log_in_with_code(page, axe, "secretaris@test.invalid")
    page.goto(builder)
    axe()
    order = list(m.upcoming.items.filter(parent=None).values_list("title", flat=True))
    status = page.locator("#builder-status")
    handles = page.locator("#builder > ol > li > .bt-builder__row .bt-drag")

    # The server fails: a message, never the server's page as text.
    page.route("**/agenda/volgorde/", lambda route: route.fulfill(status=500, body="<html>x"))
    drag(page, handles.nth(2), handles.nth(0))
    status.filter(has_text="De nieuwe volgorde is niet opgeslagen.").wait_for()
    assert "<html>" not in status.inner_text()
    axe()
    # No connection at all: the same message.
    page.goto(builder)
    page.unroute("**/agenda/volgorde/")
    page.route("**/agenda/volgorde/", lambda route: route.abort())
    drag(page, handles.nth(2), handles.nth(0))
    status.filter(has_text="De nieuwe volgorde is niet opgeslagen.").wait_for()
    page.unroute("**/agenda/volgorde/")
    assert list(m.upcoming.items.filter(parent=None).values_list("title", flat=True)) == order

    # The session ended: through the login page back to the agenda, nothing changed behind it.
    page.goto(builder)
    axe()
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    drag(page, handles.nth(2), handles.nth(0))
    page.wait_for_url(f"**/account/inloggen/?next={builder}")
    axe()
    page.get_by_label("E-mailadres").fill("secretaris@test.invalid")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    device = TOTPDevice.objects.get(user__email="secretaris@test.invalid")
    # The code of the next 30 seconds (accepted with the device's tolerance of one step): the
    # first login may have used this window's code, and a code is never accepted twice.
    page.get_by_label("Code").fill(f"{TOTP(device.bin_key, drift=1).token():06d}")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{builder}")
    axe()
    assert list(m.upcoming.items.filter(parent=None).values_list("title", flat=True)) == order
    assert page.locator(".bt-builder__title").first.inner_text() == order[0]


def test_a_long_guest_name_wraps_on_the_attendance_page(
    page: Any, axe: Any, live_world: World
) -> None:
    m = meetings(live_world)
    long_name = "Gast" + "x" * 146  # 150 characters, no space to break at
    Participant.objects.create(
        meeting=m.held, guest_name=long_name, invited=False, rsvp="attend", presence="present"
    )
    log_in_with_code(page, axe, "secretaris@test.invalid")
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/netwerken/zuidoost/vergaderingen/{m.held.code}/aanwezigheid/")
        axe()
        assert long_name in page.locator("main").inner_text()
        page.get_by_label("Gast 1: naam").fill(long_name)
        sideways = page.evaluate(
            "() => [document.documentElement, ...document.querySelectorAll('main *')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1"
            " && getComputedStyle(e).overflowX !== 'hidden' && e.tagName !== 'INPUT'"
            # (a table scrolls inside its own region, a focusable one: that is allowed)
            " && !e.matches('.bt-table-wrap'))"
            ".map(e => `${e.tagName}.${e.className}`)"
        )
        assert sideways == [], (width, sideways)


def test_wrong_attendance_is_summed_up_at_the_top_and_each_line_leads_to_its_field(
    page: Any, axe: Any, live_world: World
) -> None:
    m = meetings(live_world)
    log_in_with_code(page, axe, "secretaris@test.invalid")
    page.goto(f"/netwerken/zuidoost/vergaderingen/{m.held.code}/aanwezigheid/")
    wrong = Participant.objects.filter(meeting=m.held, person__isnull=False).order_by("pk")[0]
    field = f"id_presence_{wrong.code}"
    # A value the list does not offer (an old page, a changed list): the server refuses it.
    page.locator(f"#{field}").evaluate("s => { s.options[0].value = 'maybe'; s.value = 'maybe'; }")
    page.get_by_label("Aanwezige inwoners").fill("-3")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.wait_for_load_state("load")
    summary = page.get_by_role("alert", name="Er is iets niet goed ingevuld")
    assert summary.is_visible()
    assert summary.evaluate("e => e === document.activeElement")  # read first
    links = summary.get_by_role("link")
    assert links.count() == 2
    assert links.nth(0).inner_text().startswith(f"{wrong.name}: aanwezigheid: ")
    axe()
    links.nth(0).click()
    assert page.evaluate("() => document.activeElement.id") == field
    # With the keyboard: the second line, Enter, and the focus is in the residents' field.
    links.nth(1).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_residents_present"
    m.held.refresh_from_db()
    assert m.held.residents_present == 3  # nothing saved
    assert Participant.objects.get(pk=wrong.pk).presence == wrong.presence
