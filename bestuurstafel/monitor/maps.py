"""The monitor's map: the network's municipalities coloured by their number of running projects.

The geometry (``geo.svg.project``) depends only on the municipalities (code, name, label point)
and their boundaries, so it is cached under a key made of exactly those; colours, numbers and
links are applied per request. The legend does not rely on colour alone: every municipality
carries its number, and the legend names each class.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bestuurstafel.geo import svg
from bestuurstafel.geo.models import Municipality

from .selectors import Figures, MunicipalityFigures


@dataclass(frozen=True)
class ColourClass:
    low: int
    high: int | None
    fill: str
    text_fill: str

    @property
    def label(self) -> str:
        if self.high is None:
            return _("%d or more") % self.low
        if self.low == self.high:
            return str(self.low)
        return f"{self.low}–{self.high}"

    def contains(self, value: int) -> bool:
        return value >= self.low and (self.high is None or value <= self.high)


# A sequential scale in the theme's petrol; the dark classes carry white numbers (contrast ≥ 4.5).
CLASSES = [
    ColourClass(0, 0, "#f1f5f4", "#1b2625"),
    ColourClass(1, 2, "#c9e6e2", "#1b2625"),
    ColourClass(3, 5, "#7cc2b9", "#1b2625"),
    ColourClass(6, 9, "#1f7f78", "#ffffff"),
    ColourClass(10, None, "#06302e", "#ffffff"),
]


def colour_class(value: int) -> ColourClass:
    return next(c for c in CLASSES if c.contains(value))


def _geometry(municipalities: list[Municipality]) -> svg.ProjectedMap:
    # The key covers everything ``svg.project`` is given: code, name, label point and the
    # boundary, by the fingerprint its writer stored (a boundary imported again under the same
    # file name changes it; nothing big is hashed here). Whether there is a boundary at all is
    # in it too, for a boundary removed without its fingerprint.
    fingerprint = hashlib.sha1(
        json.dumps(
            [
                (m.code, m.name, m.boundary_hash, m.boundary is not None, m.label_lon, m.label_lat)
                for m in municipalities
            ],
            default=str,
        ).encode(),
        usedforsecurity=False,
    ).hexdigest()
    key = f"monitor:map:{fingerprint}"
    projected = cache.get(key)
    if projected is None:
        projected = svg.project(
            [
                svg.Area(
                    code=m.code,
                    name=m.name,
                    geometry=m.boundary,
                    label_point=(float(m.label_lon), float(m.label_lat))
                    if m.label_lon is not None and m.label_lat is not None
                    else None,
                )
                for m in municipalities
            ],
            width=600,
        )
        cache.set(key, projected, 60 * 60)
    return projected


def running_label(row: Figures) -> str:
    return ngettext(
        "%(name)s: %(running)d running project, %(planned)d planned, %(completed)d completed",
        "%(name)s: %(running)d running projects, %(planned)d planned, %(completed)d completed",
        row.running,
    ) % {
        "name": row.name,
        "running": row.running,
        "planned": row.planned,
        "completed": row.completed,
    }


@dataclass
class Map:
    svg: SafeString
    has_boundaries: bool
    missing: list[str]


def draw(
    figures: MunicipalityFigures,
    *,
    href: Callable[[Figures], str],
    title: str,
    current: str = "",
    standalone: bool = False,
    attribution: bool = False,
    link_target: str = "",
) -> Map:
    """The map of the network's municipalities, or an empty one when no boundaries are known."""
    projected = _geometry(figures.municipalities)
    if projected.is_empty:
        return Map(svg=SafeString(""), has_boundaries=False, missing=projected.missing)
    areas = {}
    for row in figures.rows:
        colour = colour_class(row.running)
        areas[row.code] = svg.MapArea(
            href=href(row),
            fill=colour.fill,
            text=str(row.running),
            text_fill=colour.text_fill,
            label=running_label(row),
            current=row.code == current,
        )
    description = _(
        "Each municipality is a link to its projects and shows its number of running projects. "
        "The table next to the map has the same figures."
    )
    return Map(
        svg=svg.render(
            projected,
            areas,
            title=title,
            description=description,
            attribution=svg.ATTRIBUTION if attribution else None,
            standalone=standalone,
            link_target=link_target,
        ),
        has_boundaries=True,
        missing=projected.missing,
    )
