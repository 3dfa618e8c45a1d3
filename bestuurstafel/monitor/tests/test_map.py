"""The map follows the municipalities at once: its cached geometry (boundaries imported again
under the same file name, names or label points changed by the municipality import), and the
monitor's version, so that a client revalidating its copy after an import gets the new map."""

import io
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bestuurstafel.geo.models import Revision
from bestuurstafel.geo.services import boundaries_import, municipalities_import
from bestuurstafel.monitor.models import MonitorSettings
from bestuurstafel.networks.models import Network, Organisation
from bestuurstafel.testing.geo import boundary_file, square
from bestuurstafel.testing.world import World

from .factories import monitor_world

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
    return boundary_file(
        path,
        {
            code: square(lon, 52.0, zeist_size if code == "GM0355" else 0.05)
            for code, lon in places.items()
        },
    )


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


def everything_dated_minutes_ago(world: World) -> None:
    """Date back what the version covers, so that an import falls in a later second than the
    copy's Last-Modified (If-Modified-Since compares whole seconds)."""
    earlier = timezone.now() - timedelta(minutes=5)
    MonitorSettings.objects.filter(network=world.network).update(
        last_changed=earlier, public_changed=earlier
    )
    Network.objects.filter(pk=world.network.pk).update(updated_at=earlier)
    Organisation.objects.filter(network=world.network).update(updated_at=earlier)
    Revision.objects.update(changed_at=earlier)


def reimport_boundaries(tmp_path: Path) -> None:
    boundaries_import(path=write_boundaries(tmp_path / "gemeenten.geojson", 0.12))


def rename_zeist(tmp_path: Path) -> None:
    municipalities_import(
        file=io.BytesIO(b"gemeentecode;gemeentenaam\nGM0355;Zeist aan de Heuvelrug\n"),
        filename="gemeenten.csv",
    )


def zeist_redrawn(old: str, new: str) -> bool:
    return zeist_path(new) != zeist_path(old)


def zeist_renamed(old: str, new: str) -> bool:
    return ">Zeist<" in old and ">Zeist<" not in new and ">Zeist aan de Heuvelrug<" in new


RESPONSE_HEADER = {"if-none-match": "ETag", "if-modified-since": "Last-Modified"}


@pytest.mark.parametrize("name", ["map", "dashboard"])
@pytest.mark.parametrize("validator", list(RESPONSE_HEADER))
@pytest.mark.parametrize(
    ("change", "shows"),
    [(reimport_boundaries, zeist_redrawn), (rename_zeist, zeist_renamed)],
    ids=["boundaries", "names"],
)
def test_a_client_revalidating_its_copy_after_an_import_gets_the_new_map(
    world: World,
    tmp_path: Path,
    name: str,
    validator: str,
    change: Callable[[Path], None],
    shows: Callable[[str, str], bool],
) -> None:
    monitor_world(world)
    boundaries_import(path=write_boundaries(tmp_path / "gemeenten.geojson", 0.05))
    everything_dated_minutes_ago(world)
    target = reverse(f"monitor:{name}", kwargs={"slug": world.network.slug})
    first = Client().get(target)
    copy = {validator: first[RESPONSE_HEADER[validator]]}
    assert Client().get(target, headers=copy).status_code == 304  # current before the import
    change(tmp_path)
    again = Client().get(target, headers=copy)
    assert again.status_code == 200
    assert again[RESPONSE_HEADER[validator]] != copy[validator]
    assert shows(first.content.decode(), again.content.decode())
    current = {validator: again[RESPONSE_HEADER[validator]]}
    assert Client().get(target, headers=current).status_code == 304
