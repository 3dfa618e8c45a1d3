import io
import json
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.geo.models import Municipality, Revision
from bestuurstafel.geo.services import boundaries_import, boundary_hash, municipalities_import
from bestuurstafel.geo.topojson import features
from bestuurstafel.testing.geo import boundary_file, square

DATA = Path(settings.REFERENCE_DATA_DIR)


@pytest.mark.django_db
def test_it_imports_the_reference_municipality_list_and_boundaries() -> None:
    call_command("import_municipalities", "--from", str(DATA / "gemeenten_2025.csv"), verbosity=0)
    assert Municipality.objects.count() == 342
    assert Municipality.objects.get(code="GM0355").name == "Zeist"
    call_command("import_municipalities", "--from", str(DATA / "gemeenten_2025.csv"), verbosity=0)
    assert Municipality.objects.count() == 342  # idempotent
    call_command("import_boundaries", "--from", str(DATA / "gemeente_2025.topojson"), verbosity=0)
    zeist = Municipality.objects.get(code="GM0355")
    assert zeist.boundary["type"] in ("Polygon", "MultiPolygon")
    ring = (
        zeist.boundary["coordinates"][0]
        if zeist.boundary["type"] == "Polygon"
        else zeist.boundary["coordinates"][0][0]
    )
    assert ring[0] == ring[-1]
    lon, lat = ring[0]
    assert 5.1 < lon < 5.5 and 52.0 < lat < 52.2


def test_topojson_and_geojson_agree() -> None:
    topo = {
        f["properties"]["statcode"]: f
        for f in features(json.loads((DATA / "gemeente_2025.topojson").read_text()))
    }
    geo = json.loads((DATA / "gemeente_2025.geojson").read_text())
    assert len(topo) == 342
    for feature in geo["features"][:20]:
        code = feature["properties"]["statcode"]
        a = topo[code]["geometry"]["coordinates"]
        b = feature["geometry"]["coordinates"]
        first_a = a[0][0] if topo[code]["geometry"]["type"] == "Polygon" else a[0][0][0]
        assert any(
            abs(first_a[0] - p[0]) < 0.002 and abs(first_a[1] - p[1]) < 0.002 for p in _points(b)
        )


def _points(coordinates):
    if isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _points(part)


@pytest.mark.django_db
def test_bad_municipality_files_report_row_and_save_nothing(tmp_path) -> None:
    missing = tmp_path / "missing.csv"
    missing.write_text("naam;provincie\nZeist;Utrecht\n")
    with pytest.raises(CommandError) as error:
        call_command("import_municipalities", "--from", str(missing))
    assert "Kolom ‘gemeentecode’: deze verplichte kolom ontbreekt in het bestand" in str(
        error.value
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "gemeentecode,gemeentenaam\nGM0355,Zeist\nXX12,Nergens\nGM0355,Zeist\n3²5,Hoog\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_municipalities", "--from", str(bad))
    assert "Rij 3, kolom ‘gemeentecode’: ‘XX12’ is geen gemeentecode (GMxxxx)" in str(error.value)
    # "²" passes str.isdigit() but int() refuses it: a row error, not a crash.
    assert "Rij 5, kolom ‘gemeentecode’: ‘3²5’ is geen gemeentecode (GMxxxx)" in str(error.value)
    assert "Rij 4, kolom ‘gemeentecode’: GM0355 staat ook in rij 2" in str(error.value)
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_boundaries_for_unknown_municipalities_are_refused(tmp_path) -> None:
    Municipality.objects.create(code="GM0355", name="Zeist")
    triangle = {"type": "Polygon", "coordinates": [[[5, 52], [5.1, 52], [5, 52.1], [5, 52]]]}
    geojson = boundary_file(tmp_path / "b.geojson", {"GM0355": triangle, "GM9999": triangle})
    with pytest.raises(CommandError) as error:
        call_command("import_boundaries", "--from", str(geojson))
    assert "onbekende gemeentecode ‘GM9999’" in str(error.value)
    assert Municipality.objects.get(code="GM0355").boundary is None


@pytest.mark.django_db
def test_the_committed_fixture_is_what_the_command_makes(tmp_path) -> None:
    target = tmp_path / "m.json"
    call_command(
        "make_municipality_fixture",
        "--from",
        str(DATA / "gemeenten_2025.csv"),
        "--to",
        str(target),
        verbosity=0,
    )
    committed = Path(__file__).resolve().parents[1] / "fixtures" / "municipalities.json"
    assert target.read_text() == committed.read_text()


def _boundary_file(path: Path, size: float) -> Path:
    return boundary_file(path, {"GM0355": square(5, 52, size)})


@pytest.mark.django_db
def test_a_boundary_imported_again_under_the_same_name_gets_a_new_fingerprint(tmp_path) -> None:
    Municipality.objects.create(code="GM0355", name="Zeist")
    boundaries_import(path=_boundary_file(tmp_path / "grenzen.geojson", 0.1))
    first = Municipality.objects.get(code="GM0355")
    assert first.boundary_hash == boundary_hash(first.boundary)
    assert len(first.boundary_hash) == 40
    boundaries_import(path=_boundary_file(tmp_path / "grenzen.geojson", 0.2))
    second = Municipality.objects.get(code="GM0355")
    assert second.boundary_source == first.boundary_source
    assert second.boundary_hash == boundary_hash(second.boundary) != first.boundary_hash
    assert boundary_hash(None) == ""
    # Key order and spacing do not matter, only the geometry.
    assert boundary_hash({"coordinates": [[[5, 52]]], "type": "Polygon"}) == boundary_hash(
        {"type": "Polygon", "coordinates": [[[5, 52]]]}
    )


@pytest.mark.django_db
def test_the_migration_fingerprints_the_boundaries_already_imported() -> None:
    migration = import_module("bestuurstafel.geo.migrations.0002_municipality_boundary_hash")
    geometry = {"type": "Polygon", "coordinates": [[[5, 52], [5.1, 52], [5, 52.1], [5, 52]]]}
    Municipality.objects.create(code="GM0355", name="Zeist", boundary=geometry)
    Municipality.objects.create(code="GM0310", name="De Bilt")
    migration.fill_boundary_hash(apps, None)
    assert Municipality.objects.get(code="GM0355").boundary_hash == boundary_hash(geometry)
    assert Municipality.objects.get(code="GM0310").boundary_hash == ""


@pytest.mark.django_db
def test_every_import_notes_when_the_geography_changed_and_a_refused_one_does_not(
    tmp_path,
) -> None:
    assert not Revision.objects.exists()  # never changed
    start = timezone.now()
    municipalities_import(
        file=io.BytesIO(b"gemeentecode;gemeentenaam\nGM0355;Zeist\n"), filename="gemeenten.csv"
    )
    after_names = Revision.objects.get().changed_at
    assert after_names >= start
    boundaries_import(path=_boundary_file(tmp_path / "grenzen.geojson", 0.1))
    after_boundaries = Revision.objects.get().changed_at  # still one row
    assert after_boundaries > after_names
    with pytest.raises(ImportFailed):
        municipalities_import(
            file=io.BytesIO(b"gemeentecode;gemeentenaam\nXX12;Nergens\n"),
            filename="gemeenten.csv",
        )
    (tmp_path / "kapot.geojson").write_text("{")
    with pytest.raises(ImportFailed):
        boundaries_import(path=tmp_path / "kapot.geojson")
    assert Revision.objects.get().changed_at == after_boundaries
    # At most one row.
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(pk=2, changed_at=start)
