"""Benchmark of the programme monitor at national scale (`make bench`, or `python -m bench monitor`).

For SQLite and for PostgreSQL, each in a database of its own (a temporary SQLite file; the
PostgreSQL database ``bt_bench``, dropped and made again), it

1. generates 342 municipalities (with their boundaries, from REFERENCE_DATA_DIR), 100 networks,
   20,000 projects and 60,000 project-municipality links (plus themes, funding and parts);
2. measures in-process, with Django's test client, the server time (median, p95), the number of
   queries and the size of the dashboard of a region network (the U16, 16 municipalities) and of a
   page of the open-data API, and checks the query count is the same for a small network;
3. serves the app with gunicorn on the loopback interface and measures with ``wrk`` the
   requests per second of the dashboard answered conditionally (If-None-Match: 304), of the full
   dashboard, and of a static file of the same size served by the same gunicorn (WhiteNoise).

It prints the figures with the targets (median under 50 ms, a fixed query count, a region
dashboard under 150 KB, the cached dashboard at least a third of the static file's rate) and
pass/fail. Environment: BENCH_BACKENDS=sqlite,postgres; BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/bt_bench); BENCH_WRK_SECONDS (default 10) and
BENCH_WRK_ROUNDS (default 3); BENCH_GUNICORN_WORKERS (default 2).
"""

import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NETWORKS = 100
PROJECTS = 20_000
LINKS = 60_000
REGION_SLUG = "regio-u16"
SMALL_SLUG = "netwerk-001"
TARGET_MEDIAN_MS = 50
TARGET_REGION_BYTES = 150 * 1024
TARGET_CACHED_SHARE = 1 / 3
U16 = [
    "GM0310", "GM0312", "GM0321", "GM0335", "GM0344", "GM0352", "GM0353", "GM0356",
    "GM0589", "GM0632", "GM0736", "GM1581", "GM1904", "GM1961", "GM0331", "GM0355",
]  # fmt: skip


# --- In the child process (Django set up against the benchmark database) ------------------------


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestuurstafel.settings")
    import django

    django.setup()


def generate() -> dict[str, Any]:
    """Fill the (empty, migrated) benchmark database; returns what was made."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from bestuurstafel.geo.models import Municipality
    from bestuurstafel.geo.services import boundaries_import
    from bestuurstafel.monitor import vocabulary
    from bestuurstafel.monitor.models import (
        FundingLine,
        MonitorSettings,
        Project,
        ProjectPart,
        ProjectTheme,
    )
    from bestuurstafel.networks.models import Network, Organisation

    rng = random.Random(20251009)
    started = time.perf_counter()
    call_command("loaddata", "municipalities", verbosity=0)
    boundaries_import(path=settings.REFERENCE_DATA_DIR / "gemeente_2025.topojson")
    municipalities = list(Municipality.objects.order_by("province_code", "label_lon", "code"))
    by_code = {m.code: m for m in municipalities}
    themes = [key for key in vocabulary.theme_labels([]) if not key.startswith("koers:")]
    statuses = ["running"] * 4 + ["planned"] * 3 + ["completed"] * 2 + ["idea", "paused", "stopped"]
    with transaction.atomic():
        networks = []
        for n in range(NETWORKS):
            if n == 0:
                members = [by_code[c] for c in U16]
                network = Network(name="Regio Utrecht (U16)", slug=REGION_SLUG, short_name="U16")
            else:
                size = rng.randint(5, 16)
                first = rng.randrange(0, len(municipalities) - size)
                members = municipalities[first : first + size]
                network = Network(name=f"Netwerk {n:03d}", slug=f"netwerk-{n:03d}")
            network.members = members  # type: ignore[attr-defined]
            networks.append(network)
        Network.objects.bulk_create(networks)
        network_places = Network.municipalities.through
        network_places.objects.bulk_create(
            [
                network_places(network_id=nw.pk, municipality_id=m.pk)
                for nw in networks
                for m in nw.members  # type: ignore[attr-defined]
            ]
        )
        MonitorSettings.objects.bulk_create(
            [MonitorSettings(network=nw, last_changed=None) for nw in networks]
        )
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(network=nw, name=f"Organisatie {i} van {nw.slug}", sector="welfare")
                for nw in networks
                for i in range(10)
            ]
        )
        orgs_by_network: dict[int, list[Organisation]] = {}
        for org in organisations:
            orgs_by_network.setdefault(org.network_id, []).append(org)
        projects = []
        for i in range(PROJECTS):
            network = networks[i % NETWORKS]
            status = rng.choice(statuses)
            start = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
            projects.append(
                Project(
                    network=network,
                    title=f"Project {i:05d} {rng.choice(['valpreventie', 'welzijn op recept', 'inloop', 'leefstijl', 'mentale gezondheid'])}",
                    summary="Een project van de benchmark. " * 3,
                    agreement=rng.choice(["iza", "gala", "azwa", "hlo", "other"]),
                    status=status,
                    status_since=start,
                    progress=100 if status == "completed" else rng.randrange(0, 100),
                    start_date=start,
                    end_date=start + timedelta(days=rng.randrange(200, 1200)),
                    lead_organisation=rng.choice(orgs_by_network[network.pk]),
                    confidentiality="public" if rng.random() < 0.8 else "network",
                    highlight_year=2025 if rng.random() < 0.03 else None,
                    updated_by_label="Benchmark",
                )
            )
        Project.objects.bulk_create(projects, batch_size=2000)
        project_places = Project.municipalities.through
        # 1 to 5 municipalities per project, three on average: exactly LINKS in all.
        links = [
            project_places(project_id=project.pk, municipality_id=municipality.pk)
            for i, project in enumerate(projects)
            for municipality in rng.sample(project.network.members, 1 + i % 5)  # type: ignore[attr-defined]
        ]
        project_places.objects.bulk_create(links, batch_size=5000)
        ProjectTheme.objects.bulk_create(
            [
                ProjectTheme(project=p, key=key)
                for p in projects
                for key in rng.sample(themes, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
        FundingLine.objects.bulk_create(
            [
                FundingLine(
                    project=p,
                    source=rng.choice(["spuk_iza", "brede_spuk", "own", "insurer"]),
                    year=year,
                    amount=Decimal(rng.randrange(5_000, 500_000)),
                    state=rng.choice(["requested", "granted"]),
                )
                for p in projects
                for year in rng.sample([2025, 2026, 2027], rng.randint(1, 2))
            ],
            batch_size=5000,
        )
        ProjectPart.objects.bulk_create(
            [
                ProjectPart(project=p, title=f"Onderdeel {k}", state="ready", position=k)
                for p in projects[::10]
                for k in range(10)
            ],
            batch_size=5000,
        )
        # Every monitor has changed once (the version behind ETag / Last-Modified).
        from django.utils import timezone

        now = timezone.now()
        MonitorSettings.objects.update(last_changed=now, public_changed=now)
    return {
        "municipalities": len(municipalities),
        "with_boundary": Municipality.objects.filter(boundary__isnull=False).count(),
        "networks": Network.objects.count(),
        "projects": Project.objects.count(),
        "links": Project.municipalities.through.objects.count(),
        "region_projects": Project.objects.filter(network__slug=REGION_SLUG).count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _timed(client: Any, url: str, runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up (map geometry cache, connection)
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "queries": len(queries),
        "bytes": len(response.content),
        "etag": response.get("ETag", ""),
    }


def measure(runs: int = 60) -> dict[str, Any]:
    from django.test import Client

    from bestuurstafel.monitor.models import Project

    client = Client()
    dashboard = f"/netwerken/{REGION_SLUG}/monitor/"
    result: dict[str, Any] = {
        "dashboard": _timed(client, dashboard, runs),
        "dashboard_filtered": _timed(client, dashboard + "?status=running&thema=gala:6", runs),
        "api": _timed(
            client, f"/netwerken/{REGION_SLUG}/monitor/api/v1/projecten/?per_pagina=25", runs
        ),
        "small_dashboard": _timed(client, f"/netwerken/{SMALL_SLUG}/monitor/", 10),
        "small_api": _timed(
            client, f"/netwerken/{SMALL_SLUG}/monitor/api/v1/projecten/?per_pagina=25", 10
        ),
        "region_projects": Project.objects.filter(network__slug=REGION_SLUG).count(),
        "small_projects": Project.objects.filter(network__slug=SMALL_SLUG).count(),
    }
    begin = time.perf_counter()
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        response = client.get(dashboard, headers={"if-none-match": result["dashboard"]["etag"]})
        times.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 304
    result["not_modified_median_ms"] = round(statistics.median(times), 2)
    return result


def child() -> None:
    """Run in a subprocess whose environment points at the benchmark database."""
    _setup()
    made = generate()
    print(json.dumps({"generated": made, "measured": measure()}), flush=True)


# --- In the parent process ---------------------------------------------------------------------


def _env(backend: str, var_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bestuurstafel.settings",
        "DEBUG": "False",
        "VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
        # Persistent database connections, as a deployment would have them.
        "DB_CONN_MAX_AGE": "60",
    }
    env.pop("DATABASE_URL", None)
    if backend == "postgres":
        env["DATABASE_URL"] = os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bt_bench"
        )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def _fresh_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    print("wrk not found: installing Debian's wrk", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def _wrk(url: str, seconds: int, headers: dict[str, str] | None = None) -> dict[str, Any]:
    command = [_ensure_wrk(), "-t2", "-c16", f"-d{seconds}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    lines = output.splitlines()
    rate = next(float(line.split()[1]) for line in lines if line.startswith("Requests/sec"))
    # "12345 requests in 10.00s, 1.23MB read": the bytes per answer show a 304 is a 304.
    summary = next(line for line in lines if " requests in " in line).split()
    count = int(summary[0])
    size = summary[-2]
    units = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}
    unit = next(u for u in ("GB", "MB", "KB", "B") if size.endswith(u))
    read = float(size[: -len(unit)]) * units[unit]
    errors = next((int(line.split()[-1]) for line in lines if "Non-2xx or 3xx" in line), 0)
    return {"rps": round(rate), "bytes_per_answer": round(read / max(count, 1)), "errors": errors}


def _rounds(runs: list[dict[str, Any]]) -> dict[str, Any]:
    rates = sorted(r["rps"] for r in runs)
    return {
        "rps": rates[len(rates) // 2],
        "all": rates,
        "bytes_per_answer": runs[0]["bytes_per_answer"],
        "errors": sum(r["errors"] for r in runs),
    }


def _load(env: dict[str, str], var_dir: Path, measured: dict[str, Any]) -> dict[str, Any]:
    """gunicorn on loopback; wrk against the dashboard (304 and 200) and a static file."""
    size = measured["dashboard"]["bytes"]
    static_dir = var_dir / "static" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "same-size.html").write_bytes(b"<!-- static -->" + b"x" * (size - 15))
    port = _free_port()
    workers = os.environ.get("BENCH_GUNICORN_WORKERS", "2")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "bestuurstafel.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/gezondheid/", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        dashboard = f"{base}/netwerken/{REGION_SLUG}/monitor/"
        with urllib.request.urlopen(dashboard, timeout=10) as response:  # noqa: S310
            etag = response.headers["ETag"]
        static = f"{base}/static/bench/same-size.html"
        with urllib.request.urlopen(static, timeout=10) as response:  # noqa: S310
            static_bytes = len(response.read())
        seconds = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
        rounds = int(os.environ.get("BENCH_WRK_ROUNDS", "3"))
        # Interleaved rounds, the median of each: the machine may be busy with other work.
        static_runs, cached_runs = [], []
        for _ in range(rounds):
            static_runs.append(_wrk(static, seconds))
            cached_runs.append(_wrk(dashboard, seconds, {"If-None-Match": etag}))
        return {
            "workers": workers,
            "seconds": seconds,
            "rounds": rounds,
            "static_bytes": static_bytes,
            "static": _rounds(static_runs),
            "dashboard_304": _rounds(cached_runs),
            "dashboard_200": _wrk(dashboard, seconds),
        }
    finally:
        server.terminate()
        server.wait(timeout=20)


def bench(backend: str) -> dict[str, Any]:
    var_dir = Path(tempfile.mkdtemp(prefix=f"bt-bench-{backend}-"))
    env = _env(backend, var_dir)
    try:
        if backend == "postgres":
            _fresh_postgres(env["DATABASE_URL"])
        _manage(env, "build_assets")
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        _manage(env, "migrate", "--noinput", "-v", "0")
        output = subprocess.run(
            [PYTHON, "-c", "import bench.monitor as m; m.child()"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result["load"] = _load(env, var_dir, result["measured"])
        return result
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(backend: str, result: dict[str, Any]) -> list[bool]:
    made, m, load = result["generated"], result["measured"], result["load"]
    d, api = m["dashboard"], m["api"]
    print(f"\n--- {backend} ---")
    print(
        f"data: {made['municipalities']} municipalities ({made['with_boundary']} with boundary), "
        f"{made['networks']} networks, {made['projects']} projects, {made['links']} links "
        f"(generated in {made['seconds']} s)"
    )
    print(f"region dashboard ({REGION_SLUG}, {m['region_projects']} projects, 16 municipalities):")
    print(
        f"  server time median {d['median_ms']} ms, p95 {d['p95_ms']} ms; "
        f"{d['queries']} queries; {d['bytes']:,} bytes"
    )
    f = m["dashboard_filtered"]
    print(f"  filtered: median {f['median_ms']} ms, p95 {f['p95_ms']} ms, {f['queries']} queries")
    print(f"  answered 304 (If-None-Match): median {m['not_modified_median_ms']} ms")
    print(
        f"API page (25 projects): median {api['median_ms']} ms, p95 {api['p95_ms']} ms; "
        f"{api['queries']} queries; {api['bytes']:,} bytes"
    )
    print(
        f"small network ({SMALL_SLUG}, {m['small_projects']} projects): dashboard "
        f"{m['small_dashboard']['queries']} queries, API {m['small_api']['queries']} queries"
    )
    print(
        f"gunicorn ({load['workers']} workers) + wrk (2 threads, 16 connections, "
        f"{load['rounds']} interleaved rounds of {load['seconds']} s, median):"
    )
    print(
        f"  static file of {load['static_bytes']:,} bytes: {load['static']['rps']} req/s "
        f"(rounds {load['static']['all']})"
    )
    print(
        f"  dashboard answered 304: {load['dashboard_304']['rps']} req/s "
        f"(rounds {load['dashboard_304']['all']}, {load['dashboard_304']['bytes_per_answer']} "
        f"bytes per answer)"
    )
    print(f"  dashboard rendered (200): {load['dashboard_200']['rps']} req/s")
    share = load["dashboard_304"]["rps"] / max(load["static"]["rps"], 1)
    checks = [
        (
            f"median under {TARGET_MEDIAN_MS} ms (dashboard {d['median_ms']}, API {api['median_ms']})",
            d["median_ms"] < TARGET_MEDIAN_MS and api["median_ms"] < TARGET_MEDIAN_MS,
        ),
        (
            f"fixed query count (dashboard {d['queries']} = {m['small_dashboard']['queries']}, "
            f"API {api['queries']} = {m['small_api']['queries']})",
            d["queries"] == m["small_dashboard"]["queries"] == f["queries"]
            and api["queries"] == m["small_api"]["queries"],
        ),
        (
            f"region dashboard under {TARGET_REGION_BYTES // 1024} KB ({d['bytes'] / 1024:.0f} KB)",
            d["bytes"] < TARGET_REGION_BYTES,
        ),
        (
            f"cached dashboard ≥ 1/3 of the static file's rate ({share:.2f})",
            share >= TARGET_CACHED_SHARE
            and load["dashboard_304"]["bytes_per_answer"] < 2000
            and not load["dashboard_304"]["errors"],
        ),
    ]
    for text, ok in checks:
        print(f"  [{verdict(ok)}] {text}")
    return [ok for _text, ok in checks]


def run() -> None:
    backends = os.environ.get("BENCH_BACKENDS", "sqlite,postgres").split(",")
    outcomes = []
    for backend in backends:
        print(f"benchmarking the monitor on {backend} ...", flush=True)
        outcomes += report(backend, bench(backend.strip()))
    print(f"\nmonitor: {sum(outcomes)} of {len(outcomes)} targets met")


if __name__ == "__main__":
    run()
