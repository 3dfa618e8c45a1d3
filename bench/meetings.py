"""How long a logged-in member waits to see the nine-item agenda, and what it costs in bytes:
Bestuurstafel next to OpenSlides 3.3, measured the same way in the same run.

The method is ``../shared/peers/openslides/measure_agenda.py`` (imported and reused): a new
headless Chromium per run, logged in first, then the agenda page opened in a fresh tab with the
cache disabled; the time runs from navigation start until the last item ("Afronding en
rondvraag") is visible; bytes are the data the page received (Chrome DevTools
``Network.dataReceived``), requests are counted. Both servers are warmed first (the agenda opened
four times in one browser); then nine cold-browser runs each: median, min and max.

Bestuurstafel runs as it does in production: DEBUG off, gunicorn (2 workers, 4 threads each), static files by
WhiteNoise, a fresh SQLite database with the demo (the ZOUV plenary of 9 October 2025), all in a
temporary folder. OpenSlides 3.3 is installed with ``setup.sh`` into a temporary folder (set
OPENSLIDES_DIR to reuse an installation). If it cannot be installed, the published figures are
used instead, and the output says so.

Our page is measured twice: as deployed (with the Cross-Origin-Opener-Policy header) and, for
comparison only, without that header, which makes the browser switch to a new process for the
page (see docs/benchmarks.md). Then the floor: static copies of the same page (its HTML, CSS and
script) and of a one-line page, from a server that answers at once, without and with the header,
so the output shows what the harness and the header cost whatever the server does.

Targets (issue 3): at least 10 times faster and 20 times fewer bytes than OpenSlides.
"""

import importlib.util
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT.parent / "shared" / "peers" / "openslides"
PUBLISHED = {"median": 3.8, "min": 3.6, "max": 4.1, "bytes": 5_700_000, "requests": 25}
TARGET_SPEED, TARGET_BYTES = 10, 20
MEMBER = "anouk.dewit@zouv.demo.invalid"
PASSWORD = "bestuurstafel-demo"  # noqa: S105 (the published demo password)
RUNS = 9  # the machine is shared and noisy: more runs, a steadier median
WARM = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, seconds: int = 60) -> None:
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def _measurer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("measure_agenda", PEER / "measure_agenda.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _measure(login: Callable[[Any, str], str], base: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    measure = _measurer()
    with sync_playwright() as p:
        # Both servers warm, as in use: the agenda page has been served before (our per-audience
        # cache filled, their caches too). Then the cold-browser runs that count.
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=measure.ARGS)
        page = browser.new_context().new_page()
        target = login(page, base)
        for _ in range(WARM):
            page.goto(target)
            page.get_by_text(measure.LAST_ITEM).first.wait_for(timeout=60000)
        browser.close()
        runs = [measure.run_once(p, login, base) for _ in range(RUNS)]
    times = [r[0] for r in runs]
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "bytes": runs[-1][1],
        "requests": runs[-1][2],
    }


# --- Bestuurstafel -----------------------------------------------------------------------------------


class Bestuurstafel:
    """The app with the demo, served by gunicorn from a temporary folder."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="bestuurstafel-bench-"))
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "VAR_DIR": str(self.dir),
            "DEBUG": "False",
            "SECRET_KEY": "bench-" + os.urandom(16).hex(),
            "SITE_ROOT": self.base,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": "",
            "EMAIL_BACKEND": "console",
            "DB_CONN_MAX_AGE": "60",  # keep database connections, as in production
        }
        self.process: subprocess.Popen[bytes] | None = None

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def start(self) -> str:
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo", "--quiet")
        self.manage("build_assets")
        self.manage("compilemessages", "--ignore=.venv", "--ignore=node_modules", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        code = (
            self.manage(
                "shell",
                "-v",
                "0",
                "-c",
                "from bestuurstafel.meetings.models import Meeting;"
                "print(Meeting.objects.get(network__slug='zouv', starts_at__date='2025-10-09').code)",
            )
            .strip()
            .splitlines()[-1]
        )
        self.path = f"/netwerken/zouv/vergaderingen/{code}/"
        self.serve()
        return self.path

    def serve(self, **extra_env: str) -> None:
        """(Re)start gunicorn, with ``extra_env`` on top of the production-like settings."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "bestuurstafel.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**self.env, **extra_env},
        )
        _wait_for(self.base + "/gezondheid/")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
        shutil.rmtree(self.dir, ignore_errors=True)


def _login_as_member(agenda_path: str) -> Callable[[Any, str], str]:
    def login(page: Any, base: str) -> str:
        page.goto(base + "/account/inloggen/")
        page.get_by_label("E-mailadres").fill(MEMBER)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/mijn-overzicht/", timeout=30000)
        return base + agenda_path

    return login


# --- The floor: what the harness and the header cost whatever the server does ----------------------


def _static_copies(base: str, agenda_path: str, folder: Path) -> None:
    """Save the member's agenda page (raw HTML, its CSS and its script) and a one-line page in
    ``folder``, and the same under ``folder/coop`` (served with the COOP header)."""
    import re

    from playwright.sync_api import sync_playwright

    measure = _measurer()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=measure.ARGS)
        page = browser.new_context().new_page()
        _login_as_member(agenda_path)(page, base)
        html = page.request.get(base + agenda_path).text()
        assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
        bodies = {url: page.request.get(base + url).body() for url in assets}
        browser.close()
    one_line = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>-</title></head>'
        f"<body><p>{measure.LAST_ITEM}</p></body></html>"
    )
    # Relative links, so each copy loads the CSS and script next to it.
    for url in bodies:
        html = html.replace(url, url.rsplit("/", 1)[-1])
    for where in (folder, folder / "coop"):
        where.mkdir(exist_ok=True)
        (where / "agenda.html").write_text(html)
        (where / "one-line.html").write_text(one_line)
        for url, body in bodies.items():
            (where / url.rsplit("/", 1)[-1]).write_bytes(body)


def _floor(base: str, agenda_path: str) -> dict[str, dict[str, float]]:
    """The same measurement of static copies from a server that answers at once: a one-line page
    and our agenda page, each without and with ``Cross-Origin-Opener-Policy: same-origin``."""
    import functools
    import http.server
    import threading

    folder = Path(tempfile.mkdtemp(prefix="bestuurstafel-floor-"))

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            if self.path.startswith("/coop/"):
                self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    _static_copies(base, agenda_path, folder)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", _free_port()), functools.partial(Handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    static = f"http://127.0.0.1:{server.server_address[1]}"

    def opener(path: str) -> Callable[[Any, str], str]:
        # Nothing to log in to: the "login" only names the page.
        return lambda page, base: base + path

    try:
        return {
            label: _measure(opener(path), static)
            for label, path in [
                ("one-line page", "/one-line.html"),
                ("one-line page, COOP", "/coop/one-line.html"),
                ("static copy", "/agenda.html"),
                ("static copy, COOP", "/coop/agenda.html"),
            ]
        }
    finally:
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


# --- OpenSlides ---------------------------------------------------------------------------------------------


def _openslides() -> tuple[dict[str, float] | None, str]:
    """Install, start, seed and measure OpenSlides 3.3; stop it again. (figures, note)"""
    own = os.environ.get("OPENSLIDES_DIR")
    folder = Path(own) if own else Path(tempfile.mkdtemp(prefix="openslides-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    # A fresh OpenSlides database every time (a reused installation keeps only its venv).
    shutil.rmtree(folder / "personal_data", ignore_errors=True)
    started = time.time()
    try:
        setup = subprocess.run(
            ["bash", str(PEER / "setup.sh"), str(folder)],
            # OpenSlides keeps a personal_data folder in its working directory: keep it there.
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, "setup.sh did not finish within 30 minutes"
    pid_file = folder / "pid"
    try:
        # Its first requests sometimes fail inside OpenSlides ("Single thread executor already
        # being used"): seed again, a few times, before giving up.
        for _attempt in range(3):
            if setup.returncode == 0 and "agenda items" in setup.stdout:
                break
            if not pid_file.exists():
                break
            time.sleep(3)
            setup = subprocess.run(
                [
                    str(folder / "venv" / "bin" / "python"),
                    str(PEER / "seed.py"),
                    "http://127.0.0.1:8500",
                ],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        if setup.returncode != 0 or "agenda items" not in setup.stdout:
            tail = (setup.stdout + setup.stderr).strip().splitlines()[-3:]
            return None, "setup.sh failed: " + " | ".join(tail)
        figures = _measure(_measurer().openslides_login, "http://127.0.0.1:8500")
        return figures, f"installed and seeded with setup.sh in {time.time() - started:.0f} s"
    finally:
        if pid_file.exists():
            subprocess.run(["kill", pid_file.read_text().strip()], check=False)
        if not own:
            shutil.rmtree(folder, ignore_errors=True)


# --- Report ---------------------------------------------------------------------------------------------------


def _line(name: str, f: dict[str, float]) -> str:
    return (
        f"{name:<22} time to agenda: median {f['median']:.3f} s (min {f['min']:.3f}, "
        f"max {f['max']:.3f}); {int(f['bytes']):,} bytes in {int(f['requests'])} requests"
    )


def run() -> None:
    print(
        f"Nine-item agenda, logged-in member, headless Chromium: servers warmed ({WARM} views), "
        f"then {RUNS} cold-browser runs each."
    )
    ours = Bestuurstafel()
    try:
        path = ours.start()
        mine = _measure(_login_as_member(path), ours.base)
        # The same without Cross-Origin-Opener-Policy: what that header costs a new tab (the
        # browser switches to a new process for it). Reported apart; the default keeps it.
        ours.serve(SECURE_COOP="unsafe-none")
        without_coop = _measure(_login_as_member(path), ours.base)
        floor = _floor(ours.base, path)
    finally:
        ours.stop()
    print(_line("Bestuurstafel", mine))
    print(_line("  same, COOP off", without_coop) + "  [SECURE_COOP=unsafe-none, not the default]")
    for label, figures in floor.items():
        print(_line("  " + label, figures) + "  [static, a server that answers at once]")
    peer, note = _openslides()
    if peer is None:
        print(f"OpenSlides 3.3 could not be measured here ({note}).")
        print("Using the PUBLISHED OpenSlides figures instead (2-core machine, November 2026):")
        peer = PUBLISHED
        print(_line("OpenSlides 3.3 (pub.)", peer))
    else:
        print(_line("OpenSlides 3.3", peer) + f"  [{note}]")
    speed = peer["median"] / mine["median"]
    size = peer["bytes"] / mine["bytes"]
    print(
        f"Ratio: {speed:.1f}x faster (target >= {TARGET_SPEED}x: "
        f"{'met' if speed >= TARGET_SPEED else 'NOT met'}), {size:.1f}x fewer bytes "
        f"(target >= {TARGET_BYTES}x: {'met' if size >= TARGET_BYTES else 'NOT met'})."
    )
    print(
        f"Without COOP: {peer['median'] / without_coop['median']:.1f}x faster "
        f"(COOP costs {1000 * (mine['median'] - without_coop['median']):.0f} ms here)."
    )
    print(
        f"{TARGET_SPEED}x needs {peer['median'] / TARGET_SPEED:.3f} s here; a static copy of the page "
        f"with COOP needs {floor['static copy, COOP']['median']:.3f} s, without "
        f"{floor['static copy']['median']:.3f} s; a one-line page with COOP "
        f"{floor['one-line page, COOP']['median']:.3f} s."
    )


if __name__ == "__main__":
    run()
