"""The server-side SVG map: projection, path data, links with accessible names, no inline style."""

import json
import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from bestuurstafel.geo import svg, topojson

NS = {"svg": "http://www.w3.org/2000/svg"}


def square(lon: float, lat: float, size: float = 0.1) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def numbers(d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(values[::2], values[1::2], strict=True))


def test_it_fits_the_areas_into_the_width_with_padding() -> None:
    projected = svg.project(
        [
            svg.Area("GM0001", "West", square(5.0, 52.0)),
            svg.Area("GM0002", "Oost", square(5.2, 52.0)),
        ],
        width=600,
        padding=10,
    )
    xs = [x for shape in projected.shapes for x, _y in numbers(shape.d)]
    ys = [y for shape in projected.shapes for _x, y in numbers(shape.d)]
    assert min(xs) == pytest.approx(10, abs=0.1)
    assert max(xs) == pytest.approx(590, abs=0.1)
    assert min(ys) == pytest.approx(10, abs=0.1)
    assert max(ys) <= projected.height


def test_it_corrects_longitude_for_latitude() -> None:
    # A "square" of 0.1° by 0.1° at 52°N is narrower than it is high: cos(52°) ≈ 0.616.
    projected = svg.project([svg.Area("GM0001", "A", square(5.0, 52.0))], width=600, padding=0)
    points = numbers(projected.shapes[0].d)
    width = max(x for x, _ in points) - min(x for x, _ in points)
    height = max(y for _, y in points) - min(y for _, y in points)
    assert width / height == pytest.approx(math.cos(math.radians(52.05)), rel=0.01)


def test_north_is_up() -> None:
    projected = svg.project(
        [
            svg.Area("GM0001", "Zuid", square(5.0, 51.0)),
            svg.Area("GM0002", "Noord", square(5.0, 53.0)),
        ],
        width=400,
    )
    south, north = projected.shapes
    assert min(y for _, y in numbers(north.d)) < min(y for _, y in numbers(south.d))


def test_it_draws_holes_and_multipolygons_as_subpaths() -> None:
    outer = [[5.0, 52.0], [5.4, 52.0], [5.4, 52.4], [5.0, 52.4], [5.0, 52.0]]
    hole = [[5.1, 52.1], [5.2, 52.1], [5.2, 52.2], [5.1, 52.1]]
    island = square(5.6, 52.0, 0.05)["coordinates"]
    geometry = {"type": "MultiPolygon", "coordinates": [[outer, hole], island]}
    projected = svg.project([svg.Area("GM0001", "Eiland", geometry)])
    shape = projected.shapes[0]
    assert shape.d.count("M") == 3 and shape.d.count("Z") == 3
    # The label sits in the biggest ring, not in the small island.
    assert shape.label_x < projected.width * 0.75


def test_areas_without_boundary_are_reported_missing() -> None:
    projected = svg.project([svg.Area("GM0001", "Leeg", None)])
    assert projected.is_empty and projected.missing == ["GM0001"]
    assert svg.project([]).is_empty


def test_the_label_point_is_used_when_given() -> None:
    with_point = svg.project([svg.Area("GM0001", "A", square(5.0, 52.0), label_point=(5.0, 52.0))])
    shape = with_point.shapes[0]
    points = numbers(shape.d)
    assert (shape.label_x, shape.label_y) == (min(x for x, _ in points), max(y for _, y in points))


def render_map() -> str:
    projected = svg.project(
        [
            svg.Area("GM0001", "’s-Gravenhage & Co", square(5.0, 52.0)),
            svg.Area("GM0002", "Oost", square(5.2, 52.0)),
            svg.Area("GM0003", "Buiten", square(5.4, 52.0)),
        ]
    )
    areas = {
        "GM0001": svg.MapArea(
            href="/a/?x=1&y=2", fill="#c9e6e2", label="’s-Gravenhage & Co: 2 lopend", text="2"
        ),
        "GM0002": svg.MapArea(
            href="/b/",
            fill="#1f7f78",
            label="Oost: 7 lopend",
            text="7",
            text_fill="#ffffff",
            current=True,
        ),
    }
    return str(
        svg.render(projected, areas, title="Kaart <test>", description="Uitleg", standalone=True)
    )


def test_every_area_is_a_link_with_an_accessible_name() -> None:
    root = ET.fromstring(render_map())  # noqa: S314
    links = root.findall("svg:a", NS)
    assert [a.get("aria-label") for a in links] == [
        "’s-Gravenhage & Co: 2 lopend",
        "Oost: 7 lopend",
    ]
    assert links[0].get("href") == "/a/?x=1&y=2"
    assert links[1].get("aria-current") == "true"
    assert root.get("role") == "group"
    assert root.find("svg:title", NS).text == "Kaart <test>"
    assert root.get("aria-labelledby") == "map-title map-desc"
    # The number and the name are written on the area (not only its colour).
    texts = [t.text for t in root.findall("svg:text", NS)]
    assert texts[:4] == ["’s-Gravenhage & Co", "2", "Oost", "7"]


def test_an_area_without_figures_is_drawn_but_not_a_link() -> None:
    root = ET.fromstring(render_map())  # noqa: S314
    assert len(root.findall("svg:path", NS)) == 1  # GM0003, outside the links


def test_it_uses_no_inline_style_and_escapes_text() -> None:
    markup = render_map()
    assert "style=" not in markup
    assert "<test>" not in markup and "&lt;test&gt;" in markup
    assert "<script" not in markup
    assert svg.ATTRIBUTION in markup


def test_it_draws_the_real_municipal_boundaries() -> None:
    path = settings.REFERENCE_DATA_DIR / "gemeente_2025.topojson"
    features = topojson.features(json.loads(path.read_text()))
    by_code = {f["properties"]["statcode"]: f for f in features}
    codes = ["GM0310", "GM0355", "GM0312", "GM1581", "GM0352"]
    projected = svg.project(
        [svg.Area(c, by_code[c]["properties"]["statnaam"], by_code[c]["geometry"]) for c in codes]
    )
    assert [s.code for s in projected.shapes] == codes and not projected.missing
    # Utrechtse Heuvelrug is the largest of the five, Bunnik the smallest.
    areas = {s.code: s.area for s in projected.shapes}
    assert max(areas, key=areas.get) == "GM1581" and min(areas, key=areas.get) == "GM0312"
    national = svg.project(
        [
            svg.Area(f["properties"]["statcode"], f["properties"]["statnaam"], f["geometry"])
            for f in features
        ]
    )
    assert len(national.shapes) == 342
    # The Netherlands is taller than wide on a correct projection (about 300 km by 260 km).
    assert 1.0 < national.height / national.width < 1.4
