"""Template helpers used on every page: network tabs, Dutch formats, status badges."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bestuurstafel.core import forms
from bestuurstafel.core.navigation import network_tabs

register = template.Library()


@register.inclusion_tag("_partials/network_tabs.html", takes_context=True)
def tabs(context: dict[str, Any], network: Any, current: str = "") -> dict[str, Any]:
    request = context["request"]
    return {
        "tabs": [
            {"key": t.key, "label": t.label, "url": t.url(network)}
            for t in network_tabs(request.viewer, network)
        ],
        "current": current,
        "network": network,
    }


@register.filter
def error_summary(form: Any) -> list[forms.SummaryError]:
    """The lines of ``form``'s error summary (``forms/div.html``): none unless it has errors."""
    return forms.error_summary(form)


@register.filter
def formset_error_summary(formset: Any) -> list[forms.SummaryError]:
    """The lines of a formset's error summary: its own errors, then each line's by number."""
    return forms.formset_error_summary(formset)


@register.filter
def euro(value: Any) -> str:
    """€ 1.234.567,89 (Dutch format; whole euros without cents)."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    decimals = 0 if amount == amount.to_integral_value() else 2
    text = formats.number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"€ {text}"


@register.filter
def datum(value: Any, style: str = "long") -> str:
    """Dates as Dutch readers expect them: 9 oktober 2025, or 09-10-2025 when short (in
    English 9 October 2025, or 9 Oct 2025)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if style == "short":
        # 12-11-2026 is clear to Dutch readers, not to English ones: 12 Nov 2026.
        return formats.date_format(value, pgettext("short date format", "j M Y"))
    if style == "time" and isinstance(value, datetime):
        return formats.date_format(value, "j F Y, H:i")
    return formats.date_format(value, "j F Y")


@register.filter
def month_year(value: Any) -> str:
    """The month of a date card: "okt 2025" in Dutch, "Oct 2025" in English."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, pgettext("month and year format", "M Y"))


@register.filter
def period(start: date | None, end: date | None) -> str:
    if start and end:
        return _("%(start)s to %(end)s") % {
            "start": datum(start, "short"),
            "end": datum(end, "short"),
        }
    if start:
        return _("since %(start)s") % {"start": datum(start, "short")}
    return ""


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _plain(value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


@register.filter
def audit_value(value: Any) -> str:
    """One value of an audit event's changes: "old → new" for a change, else the value."""
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        return f"{_plain(value['from'])} → {_plain(value['to'])}"
    return _plain(value)


@register.filter
def audit_label(action: str) -> Any:
    """The readable label an app registered for an audit action code."""
    from bestuurstafel.core import audit

    return audit.label_for(action)
