"""The map's cached geometry follows the municipalities at once: boundaries imported again under
the same file name, and names or label points changed by the municipality import."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bestuurstafel.geo.services import boundaries_import, municipalities_import
from bestuurstafel.testing.world import World

from .factories import monitor_world, square

pytestmark = pytest.mark.django_db


def map_svg(world: World) -> str:
    response = Client().get(reverse("monitor:map", kwargs={"slug": world.network.slug}))
    assert response.status_code == 200
    return response.content.decode()


def cold_map_svg(world: World) -> str:
    """The map drawn without the cache: what a request should show."""
    cache.clear()
    return map_svg(world)


def zeist_path(svg: str) -> str:
    match = re.search(r'/gemeenten/GM0355/".*?<path d="([^"]+)"', svg)
    assert match, "Zeist is not on the map"
    return match.group(1)


def write_boundaries(path: Path, zeist_size: float) -> Path:
    """A boundary file for the test world's municipalities; only Zeist's square varies."""
    places = {"GM0310": 5.10, "GM0312": 5.16, "GM0344": 5.22, "GM0355": 5.28}
    features = [
        {
            "type": "Feature",
            "properties": {"statcode": code},
            "geometry": square(lon, 52.0, zeist_size if code == "GM0355" else 0.05),
        }
        for code, lon in places.items()
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_boundaries_imported_again_under_the_same_file_name_show_at_once(
    world: World, tmp_path: Path
) -> None:
    monitor_world(world)
    boundaries_import(path=write_boundaries(tmp_path / "gemeenten.geojson", 0.05))
    before = map_svg(world)  # fills the cache
    boundaries_import(path=write_boundaries(tmp_path / "gemeenten.geojson", 0.12))
    after = map_svg(world)
    assert zeist_path(after) != zeist_path(before)
    assert after == cold_map_svg(world)


@pytest.mark.parametrize(
    ("row", "shows"),
    [
        ("GM0355;Zeist aan de Heuvelrug;;", ">Zeist aan de Heuvelrug</text>"),
        ("GM0355;Zeist;5.31;52.03", None),
    ],
    ids=["name", "label point"],
)
def test_a_changed_name_or_label_point_shows_at_once(
    world: World, row: str, shows: str | None
) -> None:
    monitor_world(world)
    before = map_svg(world)  # fills the cache
    assert ">Zeist</text>" in before
    municipalities_import(
        file=io.BytesIO(f"gemeentecode;gemeentenaam;lon;lat\n{row}\n".encode()),
        filename="gemeenten.csv",
    )
    after = map_svg(world)
    assert after != before
    assert after == cold_map_svg(world)
    if shows:
        assert shows in after and ">Zeist</text>" not in after
