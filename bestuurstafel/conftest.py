"""Fixtures shared by every app's tests: the test world, logged-in clients, the browser."""

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from bestuurstafel.testing.browser import (
    CHROMIUM_ARGS,
    AxeGuard,
    check_accessibility,
    chromium_path,
)
from bestuurstafel.testing.world import World, build_world, login


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Every test starts with an empty cache (ids and timestamps repeat between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    """A test client logged in as a persona (or anonymous)."""

    def make(persona: str) -> Client:
        return login(Client(), world.user(persona))

    return make


# --- Browser tests ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def axe_guard() -> AxeGuard:
    return AxeGuard()


@pytest.fixture
def page(browser: Any, live_server: Any, axe_guard: AxeGuard) -> Iterator[Any]:
    """A fresh browser tab; at the end, every page it navigated to must have passed axe-core."""
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", base_url=live_server.url
    )
    context.set_default_timeout(15000)
    tab = context.new_page()
    # A confirmation (data-confirm: publish, remove, ...) is answered "OK", as the user would.
    tab.on("dialog", lambda dialog: dialog.accept())
    tab.on(
        "framenavigated",
        lambda frame: axe_guard.visited.append(frame.url) if frame == tab.main_frame else None,
    )
    yield tab
    context.close()
    unscanned = [url for url in axe_guard.unscanned() if not url.startswith("about:")]
    assert not unscanned, f"pages visited without an axe-core scan: {unscanned}"


@pytest.fixture
def axe(page: Any, axe_guard: AxeGuard) -> Callable[[], None]:
    """Call ``axe()`` after every navigation to scan the current page."""
    return lambda: check_accessibility(page, axe_guard)
