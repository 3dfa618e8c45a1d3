"""A meeting on a weekend or a Dutch public holiday: the rule (``workdays.day_off``) and the
warning in the check step before saving, which never stops the secretary from saving."""

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bestuurstafel.testing.world import World

from ..models import Meeting
from ..workdays import day_off

ClientFor = Callable[[str], Client]

HOLIDAYS = {
    # 2025: 27 April is a Sunday, so King's Day is Saturday 26 April.
    date(2025, 1, 1): "Nieuwjaarsdag",
    date(2025, 4, 20): "Eerste Paasdag",
    date(2025, 4, 21): "Tweede Paasdag",
    date(2025, 4, 26): "Koningsdag",
    date(2025, 5, 5): "Bevrijdingsdag",
    date(2025, 5, 29): "Hemelvaartsdag",
    date(2025, 6, 8): "Eerste Pinksterdag",
    date(2025, 6, 9): "Tweede Pinksterdag",
    date(2025, 12, 25): "Eerste Kerstdag",
    date(2025, 12, 26): "Tweede Kerstdag",
    # 2026: Easter on 5 April, King's Day on Monday 27 April.
    date(2026, 1, 1): "Nieuwjaarsdag",
    date(2026, 4, 5): "Eerste Paasdag",
    date(2026, 4, 6): "Tweede Paasdag",
    date(2026, 4, 27): "Koningsdag",
    date(2026, 5, 5): "Bevrijdingsdag",
    date(2026, 5, 14): "Hemelvaartsdag",
    date(2026, 5, 24): "Eerste Pinksterdag",
    date(2026, 5, 25): "Tweede Pinksterdag",
    date(2026, 12, 25): "Eerste Kerstdag",
    date(2026, 12, 26): "Tweede Kerstdag",
}


@pytest.mark.parametrize(("day", "name"), HOLIDAYS.items(), ids=str)
def test_it_names_the_dutch_public_holidays_of_2025_and_2026(day: date, name: str) -> None:
    with translation.override("nl"):
        assert day_off(day) == name


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 4, 18),  # Good Friday: not a general day off
        date(2026, 4, 3),  # Good Friday
        date(2025, 4, 28),  # Monday after King's Day on the Saturday: no day moved
        date(2026, 4, 28),
        date(2026, 5, 4),  # Remembrance Day (4 May) is no holiday
        date(2026, 12, 24),
        date(2026, 12, 31),
    ],
    ids=str,
)
def test_it_leaves_ordinary_working_days_alone(day: date) -> None:
    assert day_off(day) is None


def test_it_says_weekend_or_names_the_holiday_in_the_active_language() -> None:
    with translation.override("nl"):
        assert day_off(date(2026, 3, 14)) == "weekend"
        assert day_off(date(2026, 3, 15)) == "weekend"
        assert day_off(date(2026, 4, 27)) == "Koningsdag"
    with translation.override("en"):
        assert day_off(date(2026, 3, 14)) == "weekend"
        assert day_off(date(2026, 4, 27)) == "King's Day"


def test_it_moves_kings_day_to_saturday_when_27_april_is_a_sunday() -> None:
    with translation.override("nl"):
        assert day_off(date(2031, 4, 26)) == "Koningsdag"  # 27 April 2031 is a Sunday
        assert day_off(date(2031, 4, 27)) == "weekend"
        assert day_off(date(2030, 4, 27)) == "Koningsdag"  # a Saturday, not moved
        assert day_off(date(2030, 4, 26)) is None


# --- The check step ---------------------------------------------------------------------------


def url(name: str, world: World) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug})


def series_data(world: World, **changes: str) -> dict[str, str]:
    return {
        "body": str(world.plenary.pk),
        "title": "Plenair 2027",
        "start_time": "10:00",
        "end_time": "13:00",
        "every": "1",
        "count": "3",
        "reminder_days": "7",
        **changes,
    }


def flat(response) -> str:  # type: ignore[no-untyped-def]
    """The page's text, tags dropped and white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.django_db
def test_the_series_check_warns_per_date_of_a_saturday_and_a_holiday(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("secretary")
    # 27 March 2027 (a Saturday), 27 April (King's Day), 27 May (a Thursday).
    data = series_data(world, first_date="2027-03-27", unit="months")
    page = flat(client.post(url("series", world), data))
    assert "2 datums vallen in het weekend of op een feestdag" in page
    assert "U kunt de reeks toch opslaan." in page
    assert "zaterdag 27 maart 2027, 10:00–13:00 : geen conflicten geen werkdag: weekend" in page
    assert "dinsdag 27 april 2027, 10:00–13:00 : geen conflicten geen werkdag: Koningsdag" in page
    assert "donderdag 27 mei 2027, 10:00–13:00 : geen conflicten" in page
    assert page.count("geen werkdag:") == 2
    assert not Meeting.objects.filter(title="Plenair 2027").exists()
    # A warning, not an error: the series is saved as it stands.
    saved = client.post(url("series", world), {**data, "confirm": "1"})
    assert saved.status_code == 302
    assert Meeting.objects.filter(title="Plenair 2027").count() == 3


@pytest.mark.django_db
def test_the_series_check_says_nothing_of_ordinary_weekdays(
    world: World, client_for: ClientFor
) -> None:
    # Tuesdays 4, 11 and 18 May 2027 (Whitsun is 16 and 17 May).
    data = series_data(world, first_date="2027-05-04", unit="weeks")
    page = flat(client_for("secretary").post(url("series", world), data))
    assert "3 vergaderingen opslaan" in page and "dinsdag 18 mei 2027" in page
    assert "geen werkdag" not in page and "feestdag" not in page


@pytest.mark.django_db
def test_the_meeting_check_warns_of_a_holiday_and_still_saves(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("secretary")
    data = {
        "body": str(world.steering.pk),
        "title": "Stuurgroep op Koningsdag",
        "date": "2027-04-27",
        "start_time": "10:00",
        "end_time": "12:00",
        "reminder_days": "7",
    }
    page = flat(client.post(url("create", world), data))
    assert (
        "Dinsdag 27 april 2027 is geen werkdag: Koningsdag. U kunt de vergadering toch opslaan."
        in page
    )
    assert "Toch opslaan" in page
    ordinary = flat(client.post(url("create", world), {**data, "date": "2027-04-28"}))
    assert "Voordat u opslaat" in ordinary and "woensdag 28 april 2027" not in ordinary
    assert "geen werkdag" not in ordinary
    saved = client.post(url("create", world), {**data, "confirm": "1"})
    assert saved.status_code == 302
    assert Meeting.objects.filter(title="Stuurgroep op Koningsdag").exists()
