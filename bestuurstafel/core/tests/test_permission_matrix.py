"""Every URL pattern, every persona: the status each gets. A new URL without a case fails here.
Every HTML page answered also has each id once (``testing.html.duplicate_ids``)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bestuurstafel.testing.html import duplicate_ids
from bestuurstafel.testing.matrix import Case
from bestuurstafel.testing.world import PERSONAS, World, login

# URL namespaces that are not ours to test case by case (Django's admin has its own checks;
# one case below proves only platform admins get in).
SKIPPED_NAMESPACES = {"admin"}


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("bestuurstafel."):
            continue
        try:
            module = import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.matrix":
                raise
            continue
        cases.extend(module.CASES)
    return cases


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                if ns in SKIPPED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_has_a_case() -> None:
    covered = {case.url_name for case in all_cases()}
    missing = sorted(url_names() - covered)
    assert not missing, f"URL patterns without a permission-matrix case: {missing}"


def test_every_case_names_every_persona() -> None:
    for case in all_cases():
        assert set(case.expect) == set(PERSONAS), (
            f"{case.url_name}: give a status for every persona"
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_statuses(persona: str, world: World) -> None:
    problems = []
    for case in all_cases():
        # A fresh session per case: one case logs out, another may lock a device.
        client = login(Client(), world.user(persona))
        url = reverse(case.url_name, kwargs=case.kwargs(world)) + case.query
        # Each request runs in a transaction that is rolled back, so a case that writes (a POST)
        # does not change what the next case sees.
        with transaction.atomic():
            if case.method == "POST":
                response = client.post(url, case.data(world))
            else:
                response = client.get(url)
            transaction.set_rollback(True)
        expected = case.status_for(persona)
        if response.status_code != expected:
            problems.append(f"{case.method} {url}: {response.status_code}, expected {expected}")
        elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            # Every id once: a label finds the first field with its id, whichever form it is in.
            duplicates = duplicate_ids(response.content.decode())
            if duplicates:
                problems.append(f"{case.method} {url}: ids used more than once: {duplicates}")
    assert not problems, f"{persona}:\n" + "\n".join(problems)


def test_admin_is_for_platform_admins_only(world: World) -> None:
    for persona in PERSONAS:
        response = login(Client(), world.user(persona)).get("/admin/")
        if persona == "admin":
            assert response.status_code == 200
        else:
            assert response.status_code == 302
