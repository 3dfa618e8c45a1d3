"""Working days in the Netherlands: the one rule for "nobody expects a meeting on this day".

A meeting planned on a Saturday, a Sunday or a public holiday is allowed (a conference, a
residents' evening), but the planner is warned (the check step before saving)."""

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[date, Promise]:
    """The general public holidays (algemeen erkende feestdagen) of ``year``: the days off that
    collective agreements give. Good Friday is left out (not a general day off); Liberation Day
    is in, every year."""
    easter_sunday = easter(year)  # Western (Gregorian) Easter
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to the Saturday before
        kings_day = date(year, 4, 26)
    return {
        date(year, 1, 1): _("New Year's Day"),
        easter_sunday: _("Easter Sunday"),
        easter_sunday + timedelta(days=1): _("Easter Monday"),
        kings_day: _("King's Day"),
        date(year, 5, 5): _("Liberation Day"),
        easter_sunday + timedelta(days=39): _("Ascension Day"),
        easter_sunday + timedelta(days=49): _("Whit Sunday"),
        easter_sunday + timedelta(days=50): _("Whit Monday"),
        date(year, 12, 25): _("Christmas Day"),
        date(year, 12, 26): _("Second Christmas Day"),
    }


def day_off(day: date) -> str | None:
    """Why ``day`` is not a working day, in the active language: the public holiday's name
    ("Koningsdag"), else "weekend"; ``None`` for a working day."""
    holiday = public_holidays(day.year).get(day)
    if holiday is not None:
        return str(holiday)
    if day.weekday() >= 5:
        return str(_("weekend"))  # the date shown with it already names the day
    return None
