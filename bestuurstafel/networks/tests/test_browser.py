"""Browser stories for the foundation, in headless Chromium, with axe-core on every page."""

import re
from datetime import date
from typing import Any

import pytest
from django.core import mail

from bestuurstafel.networks.models import Membership, Organisation
from bestuurstafel.testing.browser import browse_as, browser_login, browser_login_with_code
from bestuurstafel.testing.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(transactional_db: None) -> World:
    return build_world()


def test_public_visitor_browses_a_network(page: Any, axe: Any, live_world: World) -> None:
    page.goto("/")
    axe()
    page.get_by_role("link", name="Netwerk Zuidoost").click()
    axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Netwerk Zuidoost"
    assert page.get_by_text("Welzijn Zuidoost").is_visible()
    page.get_by_role("link", name="Stuurgroep").first.click()
    axe()
    # The composition is for the network's people only.
    assert page.get_by_text("Anna Lid").count() == 0
    page.get_by_role("navigation", name="Pagina's van NZO").get_by_role(
        "link", name="Dekking"
    ).click()
    axe()
    assert "Gehandicaptenzorg" in page.locator(".bt-coverage__cell--gap").first.inner_text()
    # English on request, Dutch again after.
    page.get_by_role("button", name="English").click()
    axe()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Coverage")
    page.get_by_role("button", name="Nederlands").click()
    axe()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_member_finds_a_colleague_in_who_is_who(page: Any, axe: Any, live_world: World) -> None:
    browser_login(page, axe, "lid@test.invalid", PASSWORD)
    axe()
    page.goto("/netwerken/zuidoost/wie-is-wie/")
    axe()
    page.get_by_label("Zoeken").fill("Collega")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_text("1 persoon", exact=True).wait_for()
    axe()
    assert page.locator(".bt-person").count() == 1
    page.get_by_role("link", name="Cor Collega").click()
    axe()
    assert "Huisartsen Zuidoost" in page.locator("main").inner_text()


def test_secretary_invites_a_director_who_joins(page: Any, axe: Any, live_world: World) -> None:
    browser_login_with_code(page, axe, "secretaris@test.invalid", PASSWORD)
    page.goto("/netwerken/zuidoost/beheer/organisaties/nieuw/")
    axe()
    page.get_by_label("Naam").fill("Stichting Zorg met Beperking")
    page.get_by_label("Sector").select_option("disability_care")
    page.get_by_label("Tweede lijn").check()
    page.get_by_label("Ouderen").check()
    page.get_by_label("Zeist").check()
    page.get_by_role("button", name="Opslaan").click()
    axe()
    assert (
        page.get_by_text("not yet represented").count()
        + page.get_by_text("nog niet vertegenwoordigd").count()
        == 1
    )
    page.goto("/netwerken/zuidoost/beheer/leden/uitnodigen/")
    axe()
    page.get_by_label("Voornaam").fill("Bram")
    page.get_by_label("Achternaam").fill("Beperkt")
    page.get_by_label("E-mailadres").fill("bram@zorgmetbeperking.test.invalid")
    page.get_by_label("Organisatie").select_option(label="Stichting Zorg met Beperking")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    axe()
    assert "bram@zorgmetbeperking.test.invalid" in page.locator("main").inner_text()
    # The invitation e-mail carries the link.
    message = next(m for m in mail.outbox if "bram@zorgmetbeperking.test.invalid" in m.to)
    link = re.search(r"https?://\S+/uitnodiging/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page.get_by_role("button", name="Uitloggen").click()
    axe()
    page.goto("/" + path)
    axe()
    assert "Welkom bij Netwerk Zuidoost" in page.locator("h1").inner_text()
    page.locator("#id_password1").fill("een-lang-wachtwoord")
    page.get_by_label("Wachtwoord nogmaals").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Aannemen en mijn account maken").click()
    axe()
    page.goto("/netwerken/zuidoost/wie-is-wie/")
    axe()
    assert page.locator("#results").get_by_role("link", name="Bram Beperkt").is_visible()
    # The gap in the palette is closed.
    page.goto("/netwerken/zuidoost/dekking/")
    axe()
    assert "Stichting Zorg met Beperking" in page.locator("main").inner_text()
    gaps = page.locator(".bt-coverage__cell--gap").all_inner_texts()
    assert not any("Gehandicaptenzorg" in gap for gap in gaps)
    # The link works once.
    page.goto("/" + path)
    axe()
    assert "al gebruikt" in page.locator("main").inner_text()
    assert Membership.objects.filter(
        person__email="bram@zorgmetbeperking.test.invalid",
        organisation__in=Organisation.objects.filter(name="Stichting Zorg met Beperking"),
    ).exists()


def test_secretary_sends_a_member_a_login_and_the_member_opens_a_meeting(
    page: Any, axe: Any, live_world: World
) -> None:
    """Cor Collega takes part, without a login: the secretary sends one; Cor makes it."""
    browser_login_with_code(page, axe, "secretaris@test.invalid", PASSWORD)
    page.goto("/netwerken/zuidoost/beheer/leden/")
    axe()
    assert "Mensen zonder account" in page.locator("main").inner_text()
    page.get_by_role("link", name="Cor Collega").click()
    axe()
    page.get_by_role("button", name="Uitnodigen om een account te maken").click()
    axe()
    assert "verstuurd naar collega@test.invalid" in page.locator("main").inner_text()
    message = next(
        m
        for m in mail.outbox
        if m.to == ["collega@test.invalid"] and m.subject == "Uw account voor Netwerk Zuidoost"
    )
    link = re.search(r"https?://\S+/uitnodiging/\S+/", message.body).group(0)
    page.get_by_role("button", name="Uitloggen").click()
    axe()
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    axe()
    assert "u doet al mee; hier maakt u uw account" in page.locator("main").inner_text()
    page.locator("#id_password1").fill("een-lang-wachtwoord")
    page.get_by_label("Wachtwoord nogmaals").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Aannemen en mijn account maken").click()
    axe()
    # Now Cor opens the meeting of the plenary they sit in, which needed a login before.
    meeting = live_world.extra["meetings"].upcoming
    page.goto(meeting.get_absolute_url())
    axe()
    assert meeting.title in page.locator("h1").inner_text()
    assert Membership.objects.filter(person__email="collega@test.invalid").count() == 1


def test_secretary_ends_a_membership_on_the_last_day_chosen(
    page: Any, axe: Any, live_world: World, live_server: Any
) -> None:
    """The page of a membership has two date fields: "Tot en met" (the edit form) and "Laatste
    dag" (ending it). They once shared an id, so "Laatste dag" filled in the other form's field
    and the membership ended today instead of on the day chosen."""
    membership = live_world.memberships["colleague"]
    browse_as(page.context, live_world.user("secretary"), live_server.url)
    page.goto(f"/netwerken/zuidoost/beheer/leden/{membership.code}/")
    axe()
    until = page.get_by_label("Tot en met")
    last_day = page.get_by_label("Laatste dag")
    last_day.fill("2025-06-30")
    assert last_day.input_value() == "2025-06-30"
    assert until.input_value() == ""  # the edit form's end date is untouched
    page.get_by_role("button", name="Lidmaatschap beëindigen").click()
    axe()
    assert "Het lidmaatschap van Cor Collega is beëindigd." in page.locator("main").inner_text()
    membership.refresh_from_db()
    assert membership.end_date == date(2025, 6, 30)


def test_a_form_with_errors_opens_with_its_summary_which_leads_to_the_field(
    page: Any, axe: Any, live_world: World, live_server: Any
) -> None:
    browse_as(page.context, live_world.user("secretary"), live_server.url)
    page.goto("/netwerken/zuidoost/beheer/organisaties/nieuw/")
    axe()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    summary = page.get_by_role("alert", name="Er is iets niet goed ingevuld")
    assert summary.evaluate("e => e === document.activeElement")  # read first
    axe()
    summary.get_by_role("link", name=re.compile("^Naam")).click()
    assert page.evaluate("() => document.activeElement.id") == "id_name"
    assert not Organisation.objects.filter(name="").exists()
