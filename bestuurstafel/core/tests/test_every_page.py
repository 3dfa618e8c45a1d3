"""Every HTML page of the permission matrix, in the browser: axe-core, the Tab key, reflow.

The browser stories scan the pages a user walks through; this sweep also reaches the pages no
story visits (a secretary's forms behind two-factor login, empty states, filtered lists). Each
case is opened as the persona who sees the most of it (the secretary where they may, else a
member, else a visitor), because that version of a page carries the most controls, and again as
the member where they may open it too: the largest group of users, with forms of their own.
"""

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.testing.browser import browse_as, check_accessibility
from bestuurstafel.testing.matrix import OK, Case
from bestuurstafel.testing.world import PERSONAS, World, build_world, login

from .test_permission_matrix import all_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PREFERENCE = ["secretary", "member", "anonymous", *PERSONAS]


def viewer(case: Case) -> str | None:
    return next((p for p in PREFERENCE if case.expect[p] == OK), None)


def html_pages(world: World, *, members_too: bool = False) -> list[tuple[str, str]]:
    """(persona, path) of every GET case that answers an HTML page; with ``members_too`` also
    as the member where the page was taken as someone else and the member may open it."""
    pages = []
    for case in all_cases():
        persona = viewer(case)
        if case.method != "GET" or persona is None:
            continue
        path = reverse(case.url_name, kwargs=case.kwargs(world)) + case.query
        response = login(Client(), world.user(persona)).get(path)
        assert response.status_code == OK, f"{case.url_name} as {persona}"
        if response["Content-Type"].startswith("text/html"):
            pages.append((persona, path))
            if members_too and persona != "member" and case.expect["member"] == OK:
                pages.append(("member", path))
    return pages


def test_every_page_passes_axe_core_and_reflows(
    page: Any, axe_guard: Any, live_server: Any
) -> None:
    world = build_world()
    pages = html_pages(world, members_too=True)
    # Every part of the app is in the sweep, the pages behind two-factor login included, and
    # the member's own version of the pages the secretary sees differently (the form to comment
    # on the minutes, the answer to an invitation, the start page's lists).
    assert len(pages) > 90
    assert ("member", f"/netwerken/{world.network.slug}/acties/") in pages
    assert any("/beheer/" in path for persona, path in pages if persona == "secretary")
    context = page.context
    failures = []
    current = None
    for persona, path in sorted(pages):
        if persona != current:
            browse_as(context, world.user(persona), live_server.url)
            current = persona
        response = page.goto(path)
        assert response is not None and response.ok, f"{path} as {persona}: {response}"
        # Not sent elsewhere (a login or two-factor page): the page itself is what is scanned.
        assert urlsplit(page.url).path == urlsplit(path).path, f"{path} as {persona}: {page.url}"
        try:
            check_accessibility(page, axe_guard)
        except AssertionError as error:
            failures.append(f"as {persona}: {error}")
    assert not failures, "\n\n".join(failures)
