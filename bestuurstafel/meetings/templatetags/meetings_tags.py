"""Template helpers for meetings: clock times, confidentiality badges, file sizes."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from bestuurstafel.core.confidentiality import Confidentiality

register = template.Library()


@register.filter
def clock(value: Any) -> str:
    """14:05 in Dutch local time."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%H:%M")


@register.filter
def item_clock(item: Any) -> str:
    """The planned start of an agenda item (the running clock)."""
    return clock(item.meeting.starts_at + timedelta(minutes=item.offset_minutes))


@register.filter
def weekday_date(value: Any) -> str:
    """donderdag 9 oktober 2025"""
    if not value:
        return ""
    return formats.date_format(timezone.localtime(value), "l j F Y")


def _one_decimal(value: float) -> str:
    """One decimal, rounded half up (6,25 -> 6,3), with the language's decimal sign."""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=1)


@register.filter
def hours(value: float) -> str:
    """1,5 (hours; a decimal comma in Dutch, a point in English); whole hours without ",0"."""
    text = _one_decimal(value)
    return text[:-2] if text[-2:] in (",0", ".0") else text


@register.filter
def filesize(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{_one_decimal(size / 1024 / 1024)} MB"


LEVEL_CLASSES = {
    Confidentiality.PUBLIC: "bt-badge bt-badge--ok",
    Confidentiality.NETWORK: "bt-badge",
    Confidentiality.MEMBERS: "bt-badge bt-badge--warn",
    Confidentiality.BODY: "bt-badge bt-badge--gap",
}


@register.simple_tag
def level_badge(level: str, quiet_network: bool = True) -> SafeString | str:
    """A badge for the confidentiality level; the usual "network" level shows nothing."""
    if quiet_network and level == Confidentiality.NETWORK:
        return ""
    label = Confidentiality(level).label
    return format_html('<span class="{}">{}</span>', LEVEL_CLASSES[Confidentiality(level)], label)


@register.simple_tag
def action_state_badge(action: Any) -> SafeString:
    css = {"overdue": " bt-badge--gap", "done": " bt-badge--ok"}.get(action.state, "")
    return format_html('<span class="bt-badge{}">{}</span>', css, action.state_label)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
