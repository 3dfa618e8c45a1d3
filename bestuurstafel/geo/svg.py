"""Maps drawn on the server as SVG from the imported municipal boundaries.

No tiles, no scripts, no third-party requests: the boundaries (GeoJSON geometries in WGS84, see
``Municipality.boundary``) are projected onto a plane and written out as ``<path>`` elements.
The projection is equirectangular with the longitude scaled by cos(latitude) of the map's
centre: for an area the size of the Netherlands (about 3 degrees of latitude) shapes stay within
a few per cent of their true proportions, which is all a choropleth needs.

``project`` does the geometry once (callers may cache its result); ``render`` writes the SVG for
given fills, links and labels, so every municipality is a link with an accessible name.
"""

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

ATTRIBUTION = "Bron gemeentegrenzen: CBS / PDOK (CBS gebiedsindelingen 2025)"

Ring = Sequence[Sequence[float]]


@dataclass(frozen=True)
class Area:
    """A municipality (or any area) to draw: its GeoJSON geometry and an optional label point."""

    code: str
    name: str
    geometry: dict[str, Any] | None
    label_point: tuple[float, float] | None = None  # (lon, lat)


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str  # SVG path data in map units
    label_x: float
    label_y: float
    area: float  # in map units², for choosing a label size


@dataclass(frozen=True)
class ProjectedMap:
    width: int
    height: int
    shapes: list[Shape] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # codes without a boundary

    @property
    def is_empty(self) -> bool:
        return not self.shapes


@dataclass(frozen=True)
class MapArea:
    """How to draw one shape: its colour, link, the number written on it and its accessible name."""

    href: str
    fill: str
    label: str
    text: str = ""
    text_fill: str = "#1b2625"
    current: bool = False
    css_class: str = ""


def _polygons(geometry: dict[str, Any] | None) -> list[list[Ring]]:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _ring_area_centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if abs(area) < 1e-12:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def project(
    areas: Iterable[Area], *, width: int = 600, padding: int = 10, max_height: int = 900
) -> ProjectedMap:
    """Fit the areas into a ``width`` wide map (the height follows from the shapes)."""
    areas = list(areas)
    drawable = [(a, _polygons(a.geometry)) for a in areas]
    missing = [a.code for a, polygons in drawable if not polygons]
    drawable = [(a, polygons) for a, polygons in drawable if polygons]
    if not drawable:
        return ProjectedMap(width=width, height=0, missing=missing)
    lons = [p[0] for _a, polys in drawable for poly in polys for ring in poly for p in ring]
    lats = [p[1] for _a, polys in drawable for poly in polys for ring in poly for p in ring]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * k, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = (width - 2 * padding) / span_x
    if span_y * scale > max_height - 2 * padding:
        scale = (max_height - 2 * padding) / span_y
    height = math.ceil(span_y * scale + 2 * padding)
    offset_x = (width - span_x * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (
            round(offset_x + (lon - min_lon) * k * scale, 1),
            round(padding + (max_lat - lat) * scale, 1),
        )

    shapes: list[Shape] = []
    for area, polygons in drawable:
        parts: list[str] = []
        biggest: tuple[float, float, float] = (0.0, 0.0, 0.0)
        total_area = 0.0
        for polygon in polygons:
            for index, ring in enumerate(polygon):
                points: list[tuple[float, float]] = []
                for lon, lat, *_rest in ring:
                    point = xy(lon, lat)
                    if not points or points[-1] != point:
                        points.append(point)
                if len(points) < 3:
                    continue
                if index == 0:
                    ring_area, cx, cy = _ring_area_centroid(points)
                    total_area += abs(ring_area)
                    if abs(ring_area) > abs(biggest[0]):
                        biggest = (ring_area, cx, cy)
                if points[0] == points[-1]:
                    points.pop()
                parts.append("M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in points) + "Z")
        if not parts:
            missing.append(area.code)
            continue
        if area.label_point is not None:
            label_x, label_y = xy(*area.label_point)
        else:
            label_x, label_y = round(biggest[1], 1), round(biggest[2], 1)
        shapes.append(
            Shape(
                code=area.code,
                name=area.name,
                d="".join(parts),
                label_x=label_x,
                label_y=label_y,
                area=total_area,
            )
        )
    return ProjectedMap(width=width, height=height, shapes=shapes, missing=missing)


def render(
    projected: ProjectedMap,
    areas: dict[str, MapArea],
    *,
    title: str,
    description: str = "",
    attribution: str | None = ATTRIBUTION,
    id_prefix: str = "map",
    css_class: str = "bt-map",
    standalone: bool = False,
    show_names: bool | None = None,
    link_target: str = "",
) -> SafeString:
    """The map as SVG markup: one link per area, with its accessible name and number.

    The SVG uses presentation attributes only (no ``style``), so it passes a strict
    Content-Security-Policy; ``standalone`` adds the XML namespace for a .svg file. Names are
    written on the map when there are few areas (``show_names`` decides otherwise).
    """
    extra = 24 if attribution else 0
    height = projected.height + extra
    title_id = f"{id_prefix}-title"
    desc_id = f"{id_prefix}-desc"
    labelled = f"{title_id} {desc_id}" if description else title_id
    out = [
        format_html(
            '<svg{} class="{}" viewBox="0 0 {} {}" width="{}" height="{}" role="group" '
            'aria-labelledby="{}" font-family="system-ui, sans-serif">',
            mark_safe(' xmlns="http://www.w3.org/2000/svg"') if standalone else "",
            css_class,
            projected.width,
            height,
            projected.width,
            height,
            labelled,
        ),
        format_html('<title id="{}">{}</title>', title_id, title),
    ]
    if description:
        out.append(format_html('<desc id="{}">{}</desc>', desc_id, description))
    # In the given order (callers sort by name): the keyboard visits the areas as the table
    # lists them. Boundaries tile the country, so no area hides another.
    shapes = projected.shapes
    max_area = max((s.area for s in shapes), default=1.0) or 1.0
    if show_names is None:
        show_names = len(shapes) <= 40
    target = format_html(' target="{}"', link_target) if link_target else ""
    for shape in shapes:
        spec = areas.get(shape.code)
        if spec is None:
            out.append(
                format_html(
                    '<path d="{}" fill="#e4e9e8" stroke="#4a5a59" stroke-width="0.75" '
                    'vector-effect="non-scaling-stroke"/>',
                    shape.d,
                )
            )
            continue
        font = 13 + 7 * math.sqrt(shape.area / max_area)
        classes = " ".join(c for c in ("bt-map__area", spec.css_class) if c)
        out.append(
            format_html(
                '<a href="{}" class="{}" aria-label="{}"{}{}><title>{}</title>'
                '<path d="{}" fill="{}" stroke="{}" stroke-width="{}" '
                'vector-effect="non-scaling-stroke"/>',
                spec.href,
                classes,
                spec.label,
                mark_safe(' aria-current="true"') if spec.current else "",
                target,
                spec.label,
                shape.d,
                spec.fill,
                "#06302e" if spec.current else "#4a5a59",
                "3" if spec.current else "0.75",
            )
        )
        out.append(mark_safe("</a>"))
        # The name and number are drawn over the link, not in it: the link's accessible name
        # says more than they do, and clicks go through them to the area.
        number_y = shape.label_y
        if show_names:
            number_y = shape.label_y + font * 0.55
            out.append(
                format_html(
                    '<text x="{}" y="{}" font-size="12" fill="{}" text-anchor="middle" '
                    'pointer-events="none" aria-hidden="true">{}</text>',
                    _fmt(shape.label_x),
                    _fmt(shape.label_y - font * 0.45),
                    spec.text_fill,
                    shape.name,
                )
            )
        if spec.text:
            out.append(
                format_html(
                    '<text x="{}" y="{}" font-size="{}" font-weight="700" fill="{}" '
                    'text-anchor="middle" dominant-baseline="central" pointer-events="none" aria-hidden="true">{}</text>',
                    _fmt(shape.label_x),
                    _fmt(number_y),
                    _fmt(font),
                    spec.text_fill,
                    spec.text,
                )
            )
    if attribution:
        out.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="#4a5a59" text-anchor="end">{}</text>',
                projected.width - 4,
                height - 8,
                attribution,
            )
        )
    out.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in out))
