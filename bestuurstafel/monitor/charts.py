"""Charts drawn on the server as SVG (no scripts, no inline styles), always beside a table with
the same figures. Segments carry their number when there is room, and a legend names the colours."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Status
from .selectors import STATUS_ORDER, ThemeChart

# Colours per status, with the colour of a number written on them (contrast ≥ 4.5:1).
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    Status.RUNNING: ("#0b6660", "#ffffff"),
    Status.PLANNED: ("#7cc2b9", "#1b2625"),
    Status.IDEA: ("#d2ecea", "#1b2625"),
    Status.PAUSED: ("#f0c58a", "#1b2625"),
    Status.COMPLETED: ("#4a5a59", "#ffffff"),
    Status.STOPPED: ("#b8c2c1", "#1b2625"),
}


@dataclass(frozen=True)
class LegendItem:
    status: str
    label: str
    fill: str


def legend() -> list[LegendItem]:
    return [LegendItem(s, str(Status(s).label), STATUS_COLOURS[s][0]) for s in STATUS_ORDER]


def status_bars(chart: ThemeChart, *, title: str, id_prefix: str = "chart") -> SafeString:
    """Horizontal stacked bars: one per theme, a segment per status."""
    if not chart.rows:
        return SafeString("")
    width, row_height, bar_height, top = 600, 44, 18, 4
    height = top + row_height * len(chart.rows)
    scale = (width - 40) / max(chart.max_total, 1)
    out = [
        format_html(
            '<svg class="bt-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
            'aria-labelledby="{}-title {}-desc" font-family="system-ui, sans-serif">',
            width,
            height,
            width,
            height,
            id_prefix,
            id_prefix,
        ),
        format_html('<title id="{}-title">{}</title>', id_prefix, title),
        format_html(
            '<desc id="{}-desc">{}</desc>',
            id_prefix,
            _(
                "Number of projects per status for each theme; the table below has the same figures."
            ),
        ),
    ]
    for index, row in enumerate(chart.rows):
        y = top + index * row_height
        out.append(
            format_html(
                '<text x="0" y="{}" font-size="13" fill="#1b2625">{}</text>', y + 13, row.label[:90]
            )
        )
        x = 0.0
        for status in STATUS_ORDER:
            count = row.count(status)
            if not count:
                continue
            fill, text_fill = STATUS_COLOURS[status]
            segment = count * scale
            out.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" '
                    'stroke-width="1"><title>{}: {}</title></rect>',
                    f"{x:.1f}",
                    y + 19,
                    f"{segment:.1f}",
                    bar_height,
                    fill,
                    Status(status).label,
                    count,
                )
            )
            if segment >= 16:
                out.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="12" font-weight="700" fill="{}" '
                        'text-anchor="middle">{}</text>',
                        f"{x + segment / 2:.1f}",
                        y + 32,
                        text_fill,
                        count,
                    )
                )
            x += segment
        out.append(
            format_html(
                '<text x="{}" y="{}" font-size="13" font-weight="700" fill="#1b2625">{}</text>',
                f"{x + 6:.1f}",
                y + 32,
                row.total,
            )
        )
    out.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in out))
