"""Dates outside 2000-2100 (year 1, 31-12-9999: typos) are refused in Dutch by every meeting
form, at the check and at the save, and nothing is saved (the load check of such a date gave a
500: its calendar year did not fit a datetime)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.testing.world import World

from ..forms import LAST_YEAR, MeetingForm
from ..models import Action, Meeting
from .factories import meetings

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]

TYPOS = ["0001-01-01", "9999-12-31"]
STEPS = [{}, {"confirm": "1"}]  # "Conflicten en vergaderlast controleren", then "Opslaan"
REFUSED = "kies een datum tussen 2000 en 2100."


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, **kwargs})


def meeting_data(world: World, **changes: str) -> dict[str, str]:
    return {
        "body": str(world.steering.pk),
        "title": "Stuurgroep typfout",
        "date": "2031-03-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "reminder_days": "7",
        **changes,
    }


def series_data(world: World, **changes: str) -> dict[str, str]:
    return {
        "body": str(world.plenary.pk),
        "title": "Reeks typfout",
        "first_date": "2031-02-13",
        "start_time": "10:00",
        "end_time": "13:00",
        "every": "3",
        "unit": "months",
        "count": "4",
        "reminder_days": "7",
        **changes,
    }


def refused(response, field: str) -> None:  # type: ignore[no-untyped-def]
    """The form comes back (the view's error status, no redirect) with the Dutch message at
    the field."""
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{field}: {REFUSED}" in page
    assert 'role="alert"' in page or "utrecht-form-field-error-message" in page


@pytest.mark.parametrize("day", TYPOS)
@pytest.mark.parametrize("step", STEPS)
def test_a_meeting_date_out_of_range_is_refused_and_nothing_saved(
    world: World, client_for: ClientFor, day: str, step: dict[str, str]
) -> None:
    before = Meeting.objects.count()
    response = client_for("secretary").post(
        url("create", world), {**meeting_data(world, date=day), **step}
    )
    refused(response, "Datum")
    assert "De vergaderlast die dit toevoegt" not in response.content.decode()
    assert Meeting.objects.count() == before


@pytest.mark.parametrize("step", STEPS)
def test_an_end_date_out_of_range_is_refused_and_nothing_saved(
    world: World, client_for: ClientFor, step: dict[str, str]
) -> None:
    before = Meeting.objects.count()
    response = client_for("secretary").post(
        url("create", world), {**meeting_data(world, end_date="9999-12-31"), **step}
    )
    refused(response, "Einddatum")
    assert Meeting.objects.count() == before


@pytest.mark.parametrize("day", TYPOS)
@pytest.mark.parametrize("step", STEPS)
def test_a_changed_date_out_of_range_is_refused_and_nothing_saved(
    world: World, client_for: ClientFor, day: str, step: dict[str, str]
) -> None:
    draft = meetings(world).draft
    starts_at = draft.starts_at
    data = meeting_data(world, date=day)
    del data["body"]
    response = client_for("secretary").post(url("edit", world, code=draft.code), {**data, **step})
    refused(response, "Datum")
    draft.refresh_from_db()
    assert draft.starts_at == starts_at and draft.title != "Stuurgroep typfout"


@pytest.mark.parametrize("day", TYPOS)
@pytest.mark.parametrize("step", STEPS)
def test_a_series_out_of_range_is_refused_and_nothing_saved(
    world: World, client_for: ClientFor, day: str, step: dict[str, str]
) -> None:
    response = client_for("secretary").post(
        url("series", world), {**series_data(world, first_date=day), **step}
    )
    refused(response, "Eerste datum")
    assert not Meeting.objects.filter(title="Reeks typfout").exists()


@pytest.mark.parametrize("step", STEPS)
def test_a_series_running_past_the_last_year_is_refused(
    world: World, client_for: ClientFor, step: dict[str, str]
) -> None:
    response = client_for("secretary").post(
        url("series", world), {**series_data(world, first_date=f"{LAST_YEAR}-10-01"), **step}
    )
    assert response.status_code == 400
    assert "De reeks loopt door na 2100" in response.content.decode()
    assert not Meeting.objects.filter(title="Reeks typfout").exists()


@pytest.mark.parametrize("deadline", ["9999-12-31", "1999-12-31"])
def test_an_action_deadline_out_of_range_is_refused(
    world: World, client_for: ClientFor, deadline: str
) -> None:
    m = meetings(world)
    before = Action.objects.count()
    response = client_for("secretary").post(
        url("action_add", world, code=m.held.code, item=m.held_item.code),
        {
            "actie-description": "Iets regelen",
            "actie-owner_person": str(world.people["member"].pk),
            "actie-due_date": deadline,
            "actie-confidentiality": "network",
        },
    )
    assert response.status_code == 400
    assert f"Deadline: {REFUSED}" in response.content.decode()
    assert Action.objects.count() == before


@pytest.mark.parametrize("deadline", ["9999-12-31", "0001-01-01"])
def test_a_request_deadline_out_of_range_is_refused(
    world: World, client_for: ClientFor, deadline: str
) -> None:
    m = meetings(world)
    before = Action.objects.count()
    response = client_for("secretary").post(
        url("request_add", world, code=m.held.code, item=m.held_item.code),
        {
            "verzoek-description": "Stuur uw wijzigingen",
            "verzoek-due_date": deadline,
            "verzoek-confidentiality": "network",
        },
    )
    assert response.status_code == 400
    assert f"Deadline: {REFUSED}" in response.content.decode()
    assert Action.objects.count() == before


def test_the_first_and_last_day_of_the_range_are_accepted(world: World) -> None:
    for day in ("2000-01-01", "2100-12-31"):
        form = MeetingForm(
            meeting_data(world, date=day),
            network=world.network,
            bodies=world.network.bodies.all(),
        )
        assert form.is_valid(), form.errors
