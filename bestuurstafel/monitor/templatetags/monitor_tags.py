"""Small template helpers of the monitor."""

from typing import Any
from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def get_count(counts: dict[str, int], key: str) -> int:
    """``{{ counts|get_count:"running" }}``: a count from a dict, 0 when absent."""
    return counts.get(key, 0)


@register.simple_tag(takes_context=True)
def filter_query(context: dict[str, Any]) -> str:
    """The valid filters of the page as a query string (for export and API links)."""
    filters = context.get("filters")
    if filters is None:
        return ""
    params = {
        "thema": filters.theme,
        "akkoord": filters.agreement,
        "status": filters.status,
        "gemeente": filters.municipality,
        "zoek": filters.query,
    }
    encoded = urlencode({k: v for k, v in params.items() if v})
    return f"?{encoded}" if encoded else ""
