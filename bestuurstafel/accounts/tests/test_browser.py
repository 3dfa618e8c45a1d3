"""A secretary turns on two-factor authentication and logs in with a code (headless Chromium)."""

import base64
import re
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.testing.browser import browser_login
from bestuurstafel.testing.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from_secret(secret: str) -> str:
    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def test_secretary_turns_on_two_factor_and_logs_in_with_a_code(
    page: Any, axe: Any, transactional_db: None
) -> None:
    world: World = build_world()
    TOTPDevice.objects.filter(user=world.users["secretary"]).delete()
    browser_login(page, axe, "secretaris@test.invalid", PASSWORD)
    # The role requires two-factor: the secretary lands on the set-up page.
    assert "/account/tweestapsverificatie/instellen/" in page.url
    axe()
    assert page.locator(".bt-qr svg").is_visible()
    secret = page.locator("#totp-secret").get_attribute("data-secret")
    page.get_by_label("Code").fill(code_from_secret(secret))
    page.get_by_role("button", name="Aanzetten").click()
    axe()
    codes = page.locator(".bt-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9a-f]{4}-[0-9a-f]{4}", c) for c in codes)
    page.get_by_role("button", name="Uitloggen").click()
    axe()
    # Log in again: password, then a fresh code.
    browser_login(page, axe, "secretaris@test.invalid", PASSWORD)
    assert page.url.endswith("/account/inloggen/code/")
    axe()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    axe()
    # Said beside the field and, linked to it, in the error summary at the top of the form.
    assert page.locator("#id_code_error").get_by_text("Deze code klopt niet").is_visible()
    summary = page.get_by_role("alert", name="Er is iets niet goed ingevuld")
    assert summary.get_by_role("link", name=re.compile("^Code: Deze code klopt niet")).is_visible()
    page.wait_for_timeout(2100)  # after a wrong code, the next try must wait a moment
    page.get_by_label("Code").fill(codes[0])  # a recovery code also works, once
    page.get_by_role("button", name="Inloggen").click()
    axe()
    page.goto("/netwerken/zuidoost/beheer/")
    axe()
    assert page.get_by_role("heading", name="Het netwerk beheren").is_visible()
    # Keyboard: the skip link is the first stop and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_member_logs_out_everywhere_else_from_the_profile(
    page: Any, axe: Any, browser: Any, live_server: Any, transactional_db: None
) -> None:
    """Anouk left herself logged in on a computer at a meeting venue; from her own laptop she
    ends that session. The keyboard reaches the button; the confirmation is answered OK."""
    build_world()
    venue = browser.new_context(locale="nl-NL", base_url=live_server.url)
    try:
        other = venue.new_page()
        other.goto("/account/inloggen/")
        other.get_by_label("E-mailadres").fill("lid@test.invalid")
        other.locator("#id_password").fill(PASSWORD)
        other.get_by_role("button", name="Inloggen").click()
        other.wait_for_load_state("load")
        other.goto("/profiel/")
        assert other.get_by_role("heading", name="Mijn profiel").is_visible()

        browser_login(page, axe, "lid@test.invalid", PASSWORD)
        axe()
        page.goto("/profiel/")
        axe()
        button = page.get_by_role("button", name="Uitloggen op alle andere apparaten")
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        axe()
        assert page.get_by_text(
            "U bent uitgelogd op alle andere browsers en apparaten."
        ).is_visible()
        assert page.get_by_role("heading", name="Mijn profiel").is_visible()

        other.reload()
        assert "/account/inloggen/" in other.url
        assert other.get_by_role("heading", name="Inloggen").is_visible()
    finally:
        venue.close()
