"""Every form of the app, sent empty in the browser: the error state of each page.

The page sweep (``test_every_page``) sees each page as it opens; this one sees what a person
sees after a mistake: every URL a form with fields posts to, on a page of the permission matrix,
once (found as every persona, sent as the first who has it: the secretary where they may).
Sent empty, with the browser's own checks off, a form must:

- never answer 500, and save nothing (no row of any table added or removed, no audit entry);
- say so in its status: 400 for a page (or htmx part) sent back with its errors, or a redirect
  back with a message, never 200 as if it had worked (``core.forms.error_status``);
- show what is wrong, in Dutch, next to the field: every field marked invalid is described by
  its error message (``aria-describedby``), or, for a form that leads back to its page, a
  message at the top;
- pass axe-core, the keyboard walk and reflow in that state, htmx forms after their swap too.

A few forms take an empty answer on purpose (``EMPTY_IS_AN_ANSWER``); they are sent last, since
they change the world the other forms are shown in, and must then be accepted.
"""

from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import resolve, reverse

from bestuurstafel.testing.browser import browse_as, check_accessibility
from bestuurstafel.testing.matrix import OK
from bestuurstafel.testing.world import World, build_world, login

from .test_every_page import PREFERENCE
from .test_permission_matrix import all_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Forms for which empty is a complete answer, and why.
EMPTY_IS_AN_ANSWER = {
    "networks:manage_settings": "every text of the network's settings may be empty",
    "monitor:settings": "the monitor's introduction and sources may be empty",
    "meetings:cancel": "the reason for cancelling is optional",
    "monitor:project_milestones": "a milestone with an empty title is removed (said on the page)",
    "monitor:project_funding": "a line without a source is removed (said on the page)",
    "networks:manage_seat": "the role keeps its value; a seat without an end date is open-ended",
    "meetings:minutes_item": "the notes of an item may be emptied; the level keeps its value",
}

# Empty every field of form ``index`` that a person can empty and mark the form's own submit button (``form.elements``
# holds the buttons that belong to the form, also those outside it with ``form="..."``, and not
# the buttons of other forms placed inside it).
EMPTY_JS = """(index) => {
  const form = document.forms[index];
  form.noValidate = true;
  for (const e of form.elements) {
    if (!e.name || ['hidden', 'submit', 'button', 'reset'].includes(e.type)) continue;
    // Only what a person can empty: a chosen radio button or an option list without an empty
    // choice cannot be emptied by hand, so they keep their value.
    if (e.type === 'checkbox') e.checked = false;
    else if (e.tagName === 'SELECT') {
      const empty = [...e.options].findIndex((o) => !o.value);
      if (empty >= 0) e.selectedIndex = empty;
    } else if (e.type !== 'radio' && e.type !== 'file') e.value = '';
  }
  const button = [...form.elements].find((e) => e.type === 'submit');
  if (button) button.setAttribute('data-sweep-submit', '');
  return Boolean(button);
}"""

SHOWN_JS = """() => {
  const text = (e) => (e ? e.innerText.trim() : '');
  const messages = [...document.querySelectorAll(
    '.utrecht-form-field-error-message, .utrecht-alert--error')].map(text);
  // A radio button or checkbox is described by its group (the fieldset) as well.
  const ids = (e) => ((e && e.getAttribute('aria-describedby')) || '').split(/\\s+/);
  const invalid = [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => ({
    name: e.name,
    described: [...ids(e), ...ids(e.closest('fieldset'))].filter(Boolean)
      .map((id) => text(document.getElementById(id))),
  }));
  return {messages, invalid};
}"""

ENGLISH = ("This field is required", "Enter a valid", "Select a valid", "Please correct")


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


class Forms(HTMLParser):
    """The forms of a page in document order (as ``document.forms``): method, action, and
    whether they have a field a person fills in."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "form":
            method = (attr.get("method") or "get").lower()
            self.forms.append({"method": method, "action": attr.get("action"), "fields": 0})
            self.inside = True
        elif (
            tag in {"input", "select", "textarea"}
            and self.inside
            and attr.get("name")
            and (attr.get("type") or "text") not in {"hidden", "submit", "button", "reset"}
        ):
            self.forms[-1]["fields"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def post_forms(world: World) -> list[tuple[str, str, int, str]]:
    """(persona, page path, form index, URL name): one page for every URL a POST form with
    fields goes to, seen by every persona who may open the page (a member's form the secretary
    does not get, such as a comment on the minutes, is found too), the secretary first."""
    found: dict[str, tuple[str, str, int, str]] = {}
    clients = {persona: login(Client(), world.user(persona)) for persona in PREFERENCE}
    for case in all_cases():
        if case.method != "GET":
            continue
        path = reverse(case.url_name, kwargs=case.kwargs(world)) + case.query
        for persona in (p for p in PREFERENCE if case.expect[p] == OK):
            response = clients[persona].get(path)
            if not response["Content-Type"].startswith("text/html"):
                break
            parser = Forms()
            parser.feed(response.content.decode())
            for index, form in enumerate(parser.forms):
                if form["method"] == "post" and form["fields"]:
                    action = urljoin(path, form["action"] or "")
                    name = resolve(urlsplit(action).path).view_name
                    found.setdefault(name, (persona, path, index, name))
    return list(found.values())


def test_every_form_sent_empty_explains_itself_and_saves_nothing(
    page: Any, axe_guard: Any, live_server: Any
) -> None:
    world = build_world()
    forms = post_forms(world)
    names = {name for *_, name in forms}
    # The forms of every part are in the sweep, the secretary's behind two-factor login too.
    assert len(forms) > 35
    assert {
        "meetings:create",
        "meetings:rsvp",
        "meetings:minutes_comment_add",
        "networks:manage_invite",
        "monitor:import",
    } <= names
    assert set(EMPTY_IS_AN_ANSWER) <= names, "a form said to take an empty answer is gone"
    server_errors: list[str] = []
    posts: list[int] = []

    def seen(response: Any) -> None:
        if response.status >= 500:
            server_errors.append(f"{response.status} {response.url}")
        if response.request.method == "POST":
            posts.append(response.status)

    page.on("response", seen)
    failures = []
    current = None
    last = sorted(forms, key=lambda form: (form[3] in EMPTY_IS_AN_ANSWER, form[0], form[1]))
    for persona, path, index, name in last:
        if persona != current:
            browse_as(page.context, world.user(persona), live_server.url)
            current = persona
        page.goto(path)
        where = f"{name} on {path} as {persona}"
        if name in EMPTY_IS_AN_ANSWER:
            check_accessibility(page, axe_guard)  # it leads away from this page
        assert page.evaluate(EMPTY_JS, index), f"{where}: no submit button"
        before = row_counts()
        posts.clear()
        page.locator("[data-sweep-submit]").click()
        page.wait_for_load_state("networkidle")
        shown = page.evaluate(SHOWN_JS)
        after = row_counts()
        changed = {k: (n, after[k]) for k, n in before.items() if after[k] != n}
        if name in EMPTY_IS_AN_ANSWER:
            if shown["messages"]:
                failures.append(f"{where}: empty was refused: {shown['messages']}")
            check_accessibility(page, axe_guard)  # the page it leads to
            continue
        problems = []
        if not shown["messages"]:
            problems.append("no error message")
        if changed:
            problems.append(f"saved something: {changed}")
        if not posts or posts[0] not in (302, 303, 400):
            problems.append(f"answered {posts or 'nothing'}, not 400 or a redirect back")
        english = [m for m in shown["messages"] if m.startswith(ENGLISH)]
        if english:
            problems.append(f"English messages: {english}")
        problems.extend(
            f"{field['name']} is invalid but not described by its error"
            for field in shown["invalid"]
            if not any(d and d in shown["messages"] for d in field["described"])
        )
        try:
            check_accessibility(page, axe_guard)
        except AssertionError as error:
            problems.append(str(error))
        if problems:
            failures.append(f"{where}: " + "; ".join(problems))
    assert not server_errors, server_errors
    assert not failures, "\n".join(failures)
