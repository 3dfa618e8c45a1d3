"""Permission matrix of the monitor: every URL, every persona.

Editors maintain projects: the network's editors (not a persona of the world; see the view
tests), its secretaries and platform admins. Network-level projects are 404 for the public and
for outsiders, like anything that does not exist.
"""

from bestuurstafel.testing.matrix import (
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    everyone,
    logged_in,
    roles,
    secretaries,
)

from .factories import monitor_world

net = lambda w: {"slug": w.network.slug}  # noqa: E731


def public_project(w):  # type: ignore[no-untyped-def]
    return {"slug": w.network.slug, "code": monitor_world(w).public.code}


def private_project(w):  # type: ignore[no-untyped-def]
    return {"slug": w.network.slug, "code": monitor_world(w).private.code}


def job(w):  # type: ignore[no-untyped-def]
    return {"slug": w.network.slug, "code": monitor_world(w).job.code}


def with_monitor(w):  # type: ignore[no-untyped-def]
    monitor_world(w)
    return net(w)


network_level = roles(
    anonymous=NOT_FOUND,
    member=OK,
    partner=OK,
    secretary=OK,
    chair=OK,
    outsider=NOT_FOUND,
    admin=OK,
)

CASES = [
    # Public pages: everyone, whatever they may see inside.
    Case("monitor:dashboard", with_monitor, everyone(OK)),
    Case("monitor:dashboard", with_monitor, everyone(OK), query="?thema=gala:6&gemeente=GM0355"),
    Case("monitor:map", with_monitor, everyone(OK)),
    Case("monitor:embed", with_monitor, everyone(OK)),
    Case(
        "monitor:municipality",
        lambda w: {"slug": w.network.slug, "code": "GM0355"},
        everyone(OK),
    ),
    Case(
        "monitor:municipality",
        lambda w: {"slug": w.network.slug, "code": "GM0344"},
        everyone(NOT_FOUND),
        note="a municipality outside the network",
    ),
    Case("monitor:project", public_project, everyone(OK)),
    Case("monitor:project", private_project, network_level),
    Case("monitor:open_data", with_monitor, everyone(OK)),
    Case("monitor:export", lambda w: {**with_monitor(w), "fmt": "csv"}, everyone(OK)),
    Case("monitor:export", lambda w: {**with_monitor(w), "fmt": "xlsx"}, everyone(OK)),
    Case("monitor:export", lambda w: {**with_monitor(w), "fmt": "json"}, everyone(OK)),
    Case("monitor:geojson", with_monitor, everyone(OK)),
    # Open-data API
    Case("monitor:api_schema", with_monitor, everyone(OK)),
    Case("monitor:api_projects", with_monitor, everyone(OK)),
    Case("monitor:api_projects", with_monitor, everyone(400), query="?status=unknown"),
    Case("monitor:api_project", public_project, everyone(OK)),
    Case("monitor:api_project", private_project, network_level),
    Case("monitor:api_municipalities", with_monitor, everyone(OK)),
    # The core team (editors, secretaries, platform admins)
    Case("monitor:manage", with_monitor, secretaries()),
    Case("monitor:project_add", with_monitor, secretaries()),
    Case("monitor:settings", with_monitor, secretaries()),
    Case("monitor:import", with_monitor, secretaries()),
    Case("monitor:import_template", with_monitor, secretaries()),
    Case("monitor:import_job", job, secretaries()),
    Case("monitor:import_job_confirm", job, logged_in(NOT_ALLOWED)),
    Case("monitor:import_job_confirm", job, secretaries(REDIRECT), method="POST"),
    Case("monitor:project_edit", public_project, secretaries()),
    Case("monitor:project_edit", private_project, secretaries()),
    Case("monitor:project_parts", public_project, secretaries()),
    Case("monitor:project_milestones", public_project, secretaries()),
    Case("monitor:project_funding", public_project, secretaries()),
    Case("monitor:project_delete", public_project, logged_in(NOT_ALLOWED)),
    Case("monitor:project_delete", public_project, secretaries(REDIRECT), method="POST"),
]
