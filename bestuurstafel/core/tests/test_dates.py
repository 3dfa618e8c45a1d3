"""Dates in the reader's language: a short date an English reader cannot misread, and the month
of a date card capitalised as each language writes it."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import translation

from bestuurstafel.core.templatetags.bt import datum, month_year, period


def test_a_short_date_is_numeric_in_dutch_and_has_the_month_in_english() -> None:
    day = date(2026, 11, 12)
    with translation.override("nl"):
        assert datum(day, "short") == "12-11-2026"
        assert datum(day) == "12 november 2026"
        assert period(date(2025, 10, 9), day) == "09-10-2025 tot en met 12-11-2026"
    with translation.override("en"):
        assert datum(day, "short") == "12 Nov 2026"
        assert datum(day) == "12 November 2026"
        assert period(date(2025, 10, 9), day) == "9 Oct 2025 to 12 Nov 2026"


def test_a_short_date_of_a_moment_is_the_day_in_the_netherlands() -> None:
    late = datetime(2026, 11, 12, 23, 30, tzinfo=UTC)  # already 13 November in Amsterdam
    with translation.override("en"):
        assert datum(late, "short") == "13 Nov 2026"


def test_the_month_of_a_date_card_is_lowercase_in_dutch_and_capitalised_in_english() -> None:
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 1 January 2027 in Amsterdam
    card = Template('{% load bt %}{{ moment|date:"j" }} {{ moment|month_year }}')
    with translation.override("nl"):
        assert month_year(date(2025, 10, 9)) == "okt 2025"
        assert card.render(Context({"moment": moment})) == "1 jan 2027"
    with translation.override("en"):
        assert month_year(date(2025, 10, 9)) == "Oct 2025"
        assert month_year(date(2026, 12, 3)) == "Dec 2026"
        assert card.render(Context({"moment": moment})) == "1 Jan 2027"
    assert month_year(None) == ""
