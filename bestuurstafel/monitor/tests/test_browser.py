"""Browser stories of the monitor, in headless Chromium, with axe-core on every page."""

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from bestuurstafel.monitor import services
from bestuurstafel.monitor.models import Project
from bestuurstafel.testing.browser import browser_login
from bestuurstafel.testing.world import PASSWORD, World, build_world

from .factories import MonitorWorld, monitor_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(transactional_db: None) -> World:
    world = build_world()
    m = monitor_world(world)
    services.project_create(
        actor=m.editor,
        network=world.network,
        title="Welzijn op Recept",
        status="running",
        agreement="gala",
        themes=["gala:3", "azwaf:social_prescribing"],
        municipalities=[world.municipalities["GM0310"], world.municipalities["GM0312"]],
        confidentiality="public",
        progress=60,
    )
    services.project_create(
        actor=m.editor,
        network=world.network,
        title="Valpreventie De Bilt",
        status="planned",
        agreement="gala",
        themes=["gala:6", "azwaf:fall_prevention"],
        municipalities=[world.municipalities["GM0310"]],
        confidentiality="public",
    )
    return world


def monitor(world: World) -> MonitorWorld:
    return monitor_world(world)


def test_a_visitor_filters_the_dashboard_opens_a_project_and_uses_the_table(
    page: Any, axe: Any, live_world: World
) -> None:
    page.goto("/netwerken/zuidoost/monitor/")
    axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Programmamonitor"
    # The map: every municipality is a link with its name and figures.
    assert (
        page.get_by_role("link", name="De Bilt: 1 lopend project, 1 gepland, 0 afgerond").count()
        == 1
    )
    # Each choice updates the results at once (htmx; without JavaScript: the "Toon" button).
    page.get_by_label("Gemeente", exact=True).select_option(label="De Bilt")
    page.get_by_text("2 projecten passen bij de filters").wait_for()
    axe()
    page.get_by_label("Thema", exact=True).select_option(label="GALA 6: Vitaal ouder worden")
    page.get_by_text("1 project past bij de filters").wait_for()
    axe()
    assert "gemeente=GM0310" in page.url and "thema=gala%3A6" in page.url
    results = page.locator("#results")
    assert results.get_by_role("link", name="Valpreventie De Bilt").is_visible()
    assert results.get_by_role("link", name="Welzijn op Recept").count() == 0
    # The selected municipality is marked in the table.
    assert page.locator('tr[aria-current="true"]').inner_text().startswith("De Bilt")
    results.get_by_role("link", name="Valpreventie De Bilt").click()
    axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Valpreventie De Bilt"
    assert "Gepland" in page.locator(".bt-project__head").inner_text()
    # Back on the dashboard, the table instead of the map.
    page.get_by_role("link", name="Programmamonitor").first.click()
    axe()
    table = page.get_by_role("table", name="Projecten per gemeente")
    row = table.get_by_role("row").filter(has_text="Zeist")
    assert row.get_by_role("cell").first.inner_text() == "1"  # running
    table.get_by_role("link", name="De Bilt").click()
    axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Projecten in De Bilt"
    assert page.get_by_role("link", name="Welzijn op Recept").is_visible()


def test_an_editor_imports_a_spreadsheet_fixes_the_errors_and_imports_it(
    page: Any, axe: Any, live_world: World
) -> None:
    browser_login(page, axe, "redacteur@test.invalid", PASSWORD)
    axe()
    page.goto("/netwerken/zuidoost/monitor/beheer/")
    axe()
    page.get_by_role("link", name="Een spreadsheet importeren").click()
    axe()
    wrong = (
        "titel;status;gemeenten;startdatum;bedrag\n"
        "Buurtsportcoach Bunnik;lopend;Bunnik;01-09-2025;12.000\n"
        "Inloop Zeist;bijna;Zeist;31-02-2026;-500\n"
        "Mantelzorg;gepland;Atlantis;;\n"
    )
    page.get_by_label("Spreadsheet (CSV of XLSX)").set_input_files(
        files=[{"name": "kernteam.csv", "mimeType": "text/csv", "buffer": wrong.encode()}]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    axe()
    report = page.get_by_role("table", name="Controlerapport")
    rows = [r.inner_text().split("\t") for r in report.locator("tbody tr").all()]
    assert [(r[0], r[1]) for r in rows] == [
        ("3", "status"),
        ("3", "startdatum"),
        ("3", "bedrag"),
        ("4", "gemeenten"),
    ]
    assert "het bedrag is negatief" in rows[2][2]
    assert Project.objects.filter(title="Buurtsportcoach Bunnik").count() == 0
    fixed = wrong.replace("bijna", "gepland").replace("31-02-2026", "01-02-2026")
    fixed = fixed.replace("-500", "500").replace("Atlantis", "hele regio")
    page.get_by_label("Spreadsheet (CSV of XLSX)").set_input_files(
        files=[{"name": "kernteam.csv", "mimeType": "text/csv", "buffer": fixed.encode()}]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    axe()
    preview = page.get_by_role("table", name=re.compile("Voorbeeld"))
    assert preview.locator("tbody tr").count() == 3
    assert "hele regio" in preview.inner_text()
    page.get_by_role("button", name="Importeer 3 projecten").click()
    axe()
    assert "Import klaar: 3 nieuw, 0 bijgewerkt." in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Mantelzorg", exact=True).is_visible()
    mantelzorg = Project.objects.get(title="Mantelzorg")
    assert mantelzorg.region_wide and mantelzorg.confidentiality == "network"
    assert mantelzorg.updated_by_label == "Eva Redacteur"


HOST_PAGE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Website van het netwerk</title></head>
<body><main><h1>Onze programmamonitor</h1>
<iframe title="Programmamonitor" src="{src}" style="width: 100%; max-width: 1000px" height="900"></iframe></main></body></html>"""


@contextmanager
def website(body: str) -> Iterator[str]:
    """Another website on the loopback address (a different origin) that serves one page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            content = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_embed_renders_in_an_iframe_of_an_allowed_site_only(
    page: Any, axe: Any, live_world: World, live_server: Any
) -> None:
    embed = f"{live_server.url}/netwerken/zuidoost/monitor/insluiten/"
    host_page = HOST_PAGE.format(src=embed)
    with website(host_page) as allowed, website(host_page) as other:
        services.monitor_settings_update(
            actor=monitor(live_world).editor,
            network=live_world.network,
            intro="",
            course_lines=[],
            embed_origins=[allowed],
        )
        page.goto(allowed + "/")
        frame = page.frame_locator("iframe[title='Programmamonitor']")
        frame.get_by_role("heading", name="Programmamonitor Netwerk Zuidoost").wait_for()
        axe()
        assert frame.get_by_role("link", name=re.compile("^Zeist: 1 lopend project")).count() == 1
        assert frame.get_by_role("table", name="Projecten per gemeente").is_visible()
        # Links open the full dashboard in the window, not in the frame.
        assert (
            frame.get_by_role("link", name=re.compile("^Alle projecten")).get_attribute("target")
            == "_top"
        )
        page.goto(other + "/")
        axe()
        page.wait_for_timeout(500)
        assert frame.get_by_role("heading", name="Programmamonitor Netwerk Zuidoost").count() == 0
    # The embed itself, on its own, passes axe-core too.
    page.goto(embed)
    axe()


def test_an_editor_maintains_a_plan_and_its_progress_rolls_up(
    page: Any, axe: Any, live_world: World
) -> None:
    m = monitor(live_world)
    browser_login(page, axe, "redacteur@test.invalid", PASSWORD)
    axe()
    page.goto("/netwerken/zuidoost/monitor/beheer/")
    axe()
    page.get_by_role("link", name="Nieuw project").first.click()
    axe()
    page.get_by_label("Titel").fill("Transformatieplan zorg")
    page.get_by_label("Status").select_option(label="Gepland")
    page.get_by_label("Voortgang komt uit").select_option(label="Uit de onderdelen (gewogen)")
    page.get_by_label("IZA B: Regionale samenwerking (algemeen)").check()
    page.get_by_label("De hele regio (elke gemeente van het netwerk)").check()
    page.get_by_label("Openbaar").check()
    page.get_by_role("button", name="Opslaan").click()
    axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Transformatieplan zorg"
    page.get_by_role("link", name="Onderdelen").click()
    axe()
    for index, (title, state) in enumerate(
        [("Analyse", "Gereed"), ("Businesscase", "Gereed"), ("Uitvoering", "Nog niet gestart")]
    ):
        line = page.get_by_role("group", name=f"Regel {index + 1}")
        line.get_by_label("Onderdeel").fill(title)
        line.get_by_label("Stand").select_option(label=state)
    page.get_by_role("button", name="Opslaan").click()
    axe()
    assert page.get_by_role("heading", name="2 van 3 onderdelen gereed").is_visible()
    assert page.locator(".bt-progress").first.inner_text().strip() == "67%"
    assert "Laatst bijgewerkt door Eva Redacteur" in page.locator(".bt-updated").inner_text()
    page.get_by_role("link", name="Financiering").click()
    axe()
    page.get_by_role("group", name="Regel 1").get_by_label("Bron").select_option(
        label="IZA-transformatiemiddelen (DUS-I)"
    )
    page.get_by_role("group", name="Regel 1").get_by_label("Jaar").fill("2026")
    page.get_by_role("group", name="Regel 1").get_by_label("Bedrag (€)").fill("1.250.000")
    page.get_by_role("button", name="Opslaan").click()
    axe()
    assert "€ 1.250.000" in page.get_by_role("table", name="Financieringsregels").inner_text()
    # The other pages of the core team and the public open-data page.
    page.get_by_role("link", name="Mijlpalen").click()
    axe()
    # A milestone without its date: the summary at the top names the line and leads to the field.
    page.get_by_role("group", name="Regel 1").get_by_label("Mijlpaal").fill("Start pilot")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    summary = page.get_by_role("alert", name="Er is iets niet goed ingevuld")
    assert summary.evaluate("e => e === document.activeElement")  # read first
    axe()
    assert summary.get_by_role("link").inner_text() == (
        "Regel 1: Datum: Geef de datum van de mijlpaal."
    )
    summary.get_by_role("link").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_form-0-date"
    assert page.get_by_role("group", name="Regel 1").get_by_label("Mijlpaal").input_value() == (
        "Start pilot"
    )
    page.goto("/netwerken/zuidoost/monitor/beheer/instellingen/")
    axe()
    page.goto(f"/netwerken/zuidoost/monitor/beheer/importeren/{m.job.code}/")
    axe()
    assert page.get_by_role("progressbar", name="Voortgang van de controle").is_visible()
    page.goto("/netwerken/zuidoost/monitor/open-data/")
    axe()
