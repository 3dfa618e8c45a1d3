"""Never a 500 for user input: every URL of the permission matrix, sent odd values.

``test_every_form`` sends every form empty; this sends what a typed or old link, a tool or a
careless paste can send instead, to every URL, as a persona who may open it:

- GET: every query parameter the app reads (the filter forms' fields on the page and the names
  the views read from ``request.GET``), all at once, with each odd value in turn;
- POST: the case's own data with every value replaced by an odd one, and the same odd values
  under the names the views read from ``request.POST``.

The odd values: a NUL character (PostgreSQL refuses it in text, SQLite does not: CI runs this
on both), a very long text, a negative and a huge number, a malformed code, letters outside
Latin-1, a line break (a title with one broke e-mail subjects and calendar files). The answer
may refuse (400, 404 ...), never fail (500).
"""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.testing.matrix import OK
from bestuurstafel.testing.world import World, login

from .test_every_page import PREFERENCE
from .test_permission_matrix import all_cases

pytestmark = pytest.mark.django_db

ODD = [
    "\x00", "x" * 5000, "-1", "9" * 40, "not-a-code-\u00e9\U0001f642", "../../etc", "1e999",
    "two\r\nlines",
]  # fmt: skip

# The names views read directly (``request.GET.get(...)``, ``request.POST.get(...)``) and the
# open-data API's filters: not all of them are fields of a form on a page.
READ_BY_VIEWS = [
    "q", "jaar", "orgaan", "organisatie", "pagina", "status", "van", "verplaatst", "richting",
    "sleutel", "next", "wie", "wanneer", "thema", "gemeente", "akkoord", "limit", "offset",
    "stash", "parent", "item", "direction", "done", "handled", "action", "language",
]  # fmt: skip


class GetFields(HTMLParser):
    """The names of the fields of the page's GET forms (its filters)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "form":
            self.inside = (attr.get("method") or "get").lower() == "get"
        elif self.inside and tag in {"input", "select", "textarea"} and attr.get("name"):
            self.names.add(str(attr["name"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def _persona(case: Any) -> str | None:
    return next((p for p in PREFERENCE if case.expect[p] in (OK, 302, 400)), None)


def test_no_url_fails_on_odd_input(world: World) -> None:
    clients: dict[str, Client] = {}

    def client(persona: str) -> Client:
        if persona not in clients:
            clients[persona] = login(Client(raise_request_exception=False), world.user(persona))
        return clients[persona]

    failures: list[str] = []
    cases = sorted(all_cases(), key=lambda case: case.method != "GET")  # GET before any change
    tried = 0
    for case in cases:
        persona = _persona(case)
        if persona is None:
            continue
        path = reverse(case.url_name, kwargs=case.kwargs(world))
        if case.method == "GET":
            names = set(READ_BY_VIEWS)
            page = client(persona).get(path + case.query)
            if page["Content-Type"].startswith("text/html"):
                fields = GetFields()
                fields.feed(page.content.decode())
                names |= fields.names
            for value in ODD:
                response = client(persona).get(path, dict.fromkeys(sorted(names), value))
                tried += 1
                if response.status_code >= 500:
                    failures.append(f"GET {path} as {persona} with {value[:12]!r}")
        else:
            data = case.data(world)
            for value in ODD:
                odd = dict.fromkeys([*data, *READ_BY_VIEWS], value)
                response = client(persona).post(path, odd)
                tried += 1
                if response.status_code >= 500:
                    failures.append(f"POST {path} as {persona} with {value[:12]!r}")
    assert tried > 500, "the matrix should give hundreds of requests"
    assert not failures, "\n".join(failures)
