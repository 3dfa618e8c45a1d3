"""The keyboard check that every axe-core scan runs (``testing.browser.check_keyboard``) fails
when a page breaks WCAG 2.1.1 or 2.4.7, also beyond the stops it walks with Tab."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from bestuurstafel.testing.browser import check_keyboard
from bestuurstafel.testing.html import DUPLICATE_IDS_JS

pytestmark = pytest.mark.browser

STYLE = "<style>a:focus-visible{outline:3px solid #000}.bare:focus-visible{outline:none}</style>"


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def links(count: int, bare: int | None = None) -> str:
    return "".join(
        f'<p><a href="#l{n}" class="{"bare" if n == bare else ""}">Link {n}</a></p>'
        for n in range(count)
    )


def page_with(body: str) -> str:
    return f'<!DOCTYPE html><html lang="nl"><head><title>t</title>{STYLE}</head><body>{body}</body></html>'


def test_a_page_with_a_focus_ring_on_every_stop_passes(tab: Any) -> None:
    tab.set_content(page_with(links(12)))
    check_keyboard(tab)
    tab.set_content(page_with(links(40)))
    check_keyboard(tab, limit=10)  # the rest checked one by one


def test_a_stop_without_a_focus_ring_fails(tab: Any) -> None:
    tab.set_content(page_with(links(12, bare=7)))
    with pytest.raises(AssertionError, match=re.escape("focus not visible on a|Link 7|")):
        check_keyboard(tab)


def test_a_stop_without_a_focus_ring_beyond_the_walk_fails(tab: Any) -> None:
    tab.set_content(page_with(links(40, bare=33)))
    with pytest.raises(AssertionError, match=re.escape("focus not visible on a|Link 33|")):
        check_keyboard(tab, limit=10)


def test_focus_that_cannot_leave_fails(tab: Any) -> None:
    trap = (
        links(3)
        + '<p><input id="trap" aria-label="Val"></p>'
        + "<script>const t = document.getElementById('trap');"
        + "t.addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); });"
        + "</script>"
        + links(3)
    )
    tab.set_content(page_with(trap))
    with pytest.raises(AssertionError, match="focus stays on input"):
        check_keyboard(tab)


def test_an_id_used_twice_is_found_in_the_page_as_it_is_now(tab: Any) -> None:
    """axe-core (``duplicate-id-aria``) misses two fields sharing an id that only a label's
    ``for`` points to; ``check_accessibility`` asks the page itself."""
    tab.set_content(
        page_with(
            '<label for="d">Tot</label><input id="d"><label for="d">Dag</label><input id="d">'
        )
    )
    assert tab.evaluate(DUPLICATE_IDS_JS) == ["d"]
    tab.evaluate("() => { document.querySelectorAll('input')[1].id = 'e'; }")
    assert tab.evaluate(DUPLICATE_IDS_JS) == []
