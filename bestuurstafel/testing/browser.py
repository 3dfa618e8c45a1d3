"""Browser tests: Playwright driving Debian's Chromium, and axe-core on every page visited."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from .html import DUPLICATE_IDS_JS

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(path).exists():
        # Browser tests fail (never skip) when Chromium is missing: `make test` installs it.
        raise RuntimeError(
            f"Chromium not found at {path}; install Debian's chromium or set CHROMIUM_PATH."
        )
    return path


def axe_source() -> str:
    return (Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js").read_text()


@dataclass
class AxeGuard:
    """Records every page the test navigates to and every page scanned with axe-core."""

    visited: list[str] = field(default_factory=list)
    scanned: set[str] = field(default_factory=set)

    def unscanned(self) -> list[str]:
        """Pages (ignoring #fragments, which do not load a page) never scanned."""
        scanned = {url.split("#")[0] for url in self.scanned}
        return [
            url
            for url in dict.fromkeys(u.split("#")[0] for u in self.visited)
            if url not in scanned
        ]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def check_accessibility(page: Any, guard: AxeGuard) -> None:
    """Run axe-core (WCAG 2.1 A and AA) on the page as it is now; fail on any violation, and on
    an id used twice (``testing.html``); then the keyboard walk and reflow."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the page's CSP (no inline script) holds.
        page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    guard.scanned.add(page.url)
    violations = result["violations"]
    assert not violations, f"axe-core on {page.url}:\n{format_violations(violations)}"
    # axe-core checks only the ids ARIA points to; a label's ``for`` needs every id once too.
    duplicates = page.evaluate(DUPLICATE_IDS_JS)
    assert not duplicates, f"ids used more than once on {page.url}: {duplicates}"
    check_keyboard(page)
    check_reflow(page)


# The elements that stick out past the right edge of the viewport, outermost first.
OVERFLOWING_JS = """() => {
  const width = document.documentElement.clientWidth;
  const sticksOut = (e) => e.getBoundingClientRect().right > width + 1 && e.getBoundingClientRect().width > 0;
  const clipped = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const offenders = [...document.querySelectorAll('body *')].filter(e => sticksOut(e) && !clipped(e));
  const out = offenders
    .filter(e => !offenders.includes(e.parentElement))
    .map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().width)} px)`);
  const first = offenders[offenders.length - 1];
  const chain = [];
  for (let e = first; e && e !== document.body; e = e.parentElement) {
    chain.push(`${e.tagName.toLowerCase()}.${e.className}[${getComputedStyle(e).display}]`);
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5), chain};
}"""


def check_reflow(page: Any) -> None:
    """WCAG 1.4.10 (reflow): at 320 CSS pixels wide the page does not scroll sideways (a wide
    table scrolls inside its own region, which the keyboard can reach); then back to the size the
    test had."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        found = page.evaluate(OVERFLOWING_JS)
        assert found["scroll"] <= found["width"], (
            f"{page.url} scrolls sideways at 320 px ({found['scroll']} px wide): {found['out']}; "
            f"the innermost, from inside out: {' < '.join(found['chain'])}"
        )
        result = page.evaluate(
            "async () => await axe.run(document, "
            "{runOnly: {type: 'rule', values: ['scrollable-region-focusable']}})"
        )
        assert not result["violations"], (
            f"axe-core at 320 px on {page.url}:\n{format_violations(result['violations'])}"
        )
    finally:
        if size is not None:
            page.set_viewport_size(size)


# What has the keyboard focus now, and whether it shows: an outline or a ring (box-shadow), or,
# for a link in an SVG map, a stroke on its shape.
FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || (style.boxShadow && style.boxShadow !== 'none');
  const shape = el.querySelector && el.querySelector('path, polygon');
  const stroked = el.namespaceURI === 'http://www.w3.org/2000/svg' && shape
    && parseFloat(getComputedStyle(shape).strokeWidth) > 1;
  // Inside a frame, the frame's own page shows the focus (and is scanned on its own).
  const framed = el.tagName === 'IFRAME';
  const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim();
  return {
    key: el.tagName.toLowerCase() + '|' + name.slice(0, 40) + '|' + Math.round(box.x) + ',' + Math.round(box.y),
    shown: box.width > 0 && box.height > 0,
    ring: !!(ring || stroked || framed),
  };
}"""


# The stops after the last one Tab reached: each focused in turn (the last input was the
# keyboard, so :focus-visible applies) and measured as FOCUSED_JS does.
REST_JS = (
    """() => {
  const focused = """
    + FOCUSED_JS
    + """;
  const start = document.activeElement;
  const candidates = document.querySelectorAll(
    'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], '
    + '[contenteditable="true"]');
  const out = [];
  for (const el of candidates) {
    if (el.tabIndex < 0 || el.disabled || el.type === 'hidden' || el.closest('[inert]')) continue;
    if (!el.getClientRects().length) continue;  // not rendered: Tab skips it too
    if (!(start.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    el.focus({preventScroll: false});
    if (document.activeElement !== el) continue;
    out.push(focused());
  }
  return out;
}"""
)


def check_keyboard(page: Any, limit: int = 150) -> None:
    """WCAG 2.1.1 and 2.4.7: Tab moves through the page, every stop is on screen when focused
    and shows where the focus is, and the focus is never trapped. A page with more than
    ``limit`` stops is walked with Tab that far; the stops after it are focused one by one and
    checked the same way (a trap there would show on a shorter page of the same kind)."""
    # Start from the top of the page, as after loading it.
    page.evaluate(
        """() => {
          const body = document.body;
          body.setAttribute('tabindex', '-1');
          body.focus({preventScroll: true});
          body.removeAttribute('tabindex');
          window.scrollTo(0, 0);
        }"""
    )
    seen: list[str] = []
    problems = []
    repeats = 0
    walked_to_the_end = False
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None:
            walked_to_the_end = True  # past the last stop, to the browser's own controls
            break
        if seen and focused["key"] == seen[0]:
            walked_to_the_end = True  # round again
            break
        if seen and focused["key"] == seen[-1]:
            # A date or time field takes several Tabs (day, month, year); more is a trap. A
            # frame keeps the focus while Tab moves through the page inside it.
            repeats += 1
            if repeats > 4 and not focused["key"].startswith("iframe|"):
                problems.append(f"focus stays on {focused['key']}")
                walked_to_the_end = True
                break
            continue
        repeats = 0
        seen.append(focused["key"])
        problems.extend(_focus_problems(focused))
    if not walked_to_the_end:
        for focused in page.evaluate(REST_JS):
            problems.extend(_focus_problems(focused))
    assert not problems, f"keyboard on {page.url}: " + "; ".join(problems[:5])


def _focus_problems(focused: dict[str, Any]) -> list[str]:
    if not focused["shown"]:
        return [f"focus on something not shown: {focused['key']}"]
    if not focused["ring"]:
        return [f"focus not visible on {focused['key']}"]
    return []


def browser_login(page: Any, axe: Any, email: str, password: str) -> None:
    """Log in through the login page (Dutch interface); scans the login page too."""
    page.goto("/account/inloggen/")
    axe()
    page.get_by_label("E-mailadres").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("load")


def browser_login_with_code(page: Any, axe: Any, email: str, password: str) -> None:
    """Log in as someone with an authenticator (secretaries, chairs): password, then the code
    the test computes from the stored key. Scans both pages."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    browser_login(page, axe, email, password)
    axe()
    device = TOTPDevice.objects.get(user__email=email)
    page.get_by_label("Code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("load")
    axe()


def browse_as(context: Any, user: Any, base_url: str) -> None:
    """The browser context as ``user`` (``None``: a visitor), without the login pages: a session
    made by the test client (two-factor verified where the user has an authenticator)."""
    from django.test import Client

    from .world import login

    context.clear_cookies()
    if user is not None:
        session = login(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
        )
