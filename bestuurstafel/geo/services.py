"""Writes for municipalities and regions: imports from CBS files. Atomic: all rows or none."""

import hashlib
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurstafel.core import audit
from bestuurstafel.core.imports import ImportFailed, RowError, read_table, resolve_columns

from . import topojson
from .models import Municipality, Revision

CODE_RE = re.compile(r"^GM\d{4}$")

# The project's reference CSV and the CBS "Gebieden in Nederland" table use different headers.
MUNICIPALITY_COLUMNS = {
    "gemeentecode": ("gemeentecodegm", "statcode", "code"),
    "gemeentenaam": ("statnaam", "naam", "name"),
    "provinciecode": ("provinciecodepv",),
    "provincienaam": ("provincie",),
    "label_lon": ("lon", "longitude"),
    "label_lat": ("lat", "latitude"),
}


def geography_changed() -> None:
    """Note that the geography changed now (the one ``Revision`` row), inside the import's
    transaction: readers that show names or boundaries (the monitor's version) follow it."""
    Revision.objects.update_or_create(pk=1, defaults={"changed_at": timezone.now()})


def _normalise_code(value: str) -> str:
    value = value.strip().upper()
    if value.isascii() and value.isdigit() and len(value) <= 4:
        return f"GM{int(value):04d}"
    return value


def _decimal(value: str) -> Decimal | None:
    if not value:
        return None
    return Decimal(value.replace(",", "."))


@transaction.atomic
def municipalities_import(*, file: IO[bytes], filename: str, actor: Any = None) -> dict[str, int]:
    """Create or update municipalities from a CSV or XLSX file; report every bad row, save none."""
    table = read_table(file, filename)
    cols = resolve_columns(table, MUNICIPALITY_COLUMNS, required={"gemeentecode", "gemeentenaam"})
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for number, row in table:
        code = _normalise_code(row.get(cols["gemeentecode"], ""))
        name = row.get(cols["gemeentenaam"], "").strip()
        if not CODE_RE.match(code):
            errors.append(
                RowError(
                    number,
                    cols["gemeentecode"],
                    _("“%s” is not a municipality code (GMxxxx)") % code,
                )
            )
            continue
        if code in seen:
            errors.append(
                RowError(
                    number,
                    cols["gemeentecode"],
                    _("%(code)s also appears in row %(row)s") % {"code": code, "row": seen[code]},
                )
            )
            continue
        seen[code] = number
        if not name:
            errors.append(RowError(number, cols["gemeentenaam"], _("the name is empty")))
            continue
        try:
            lon = _decimal(row.get(cols.get("label_lon", ""), "")) if "label_lon" in cols else None
            lat = _decimal(row.get(cols.get("label_lat", ""), "")) if "label_lat" in cols else None
        except InvalidOperation:
            errors.append(RowError(number, cols.get("label_lon", "label_lon"), _("not a number")))
            continue
        rows.append(
            {
                "code": code,
                "name": name,
                "province_code": row.get(cols.get("provinciecode", ""), "").strip().upper(),
                "province_name": row.get(cols.get("provincienaam", ""), "").strip(),
                "label_lon": lon,
                "label_lat": lat,
            }
        )
    if errors:
        raise ImportFailed(errors)
    created = updated = 0
    for values in rows:
        _obj, was_created = Municipality.objects.update_or_create(
            code=values.pop("code"), defaults=values
        )
        created += was_created
        updated += not was_created
    geography_changed()
    audit.record(
        actor=actor,
        action="geo.municipalities_import",
        changes={"created": created, "updated": updated},
    )
    return {"created": created, "updated": updated}


def _load_features(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed(
            [RowError(None, "", _("The file cannot be read as JSON: %s") % exc)]
        ) from None
    if data.get("type") == "Topology":
        return topojson.features(data)
    if data.get("type") == "FeatureCollection":
        return list(data.get("features", []))
    raise ImportFailed([RowError(None, "", _("The file is neither GeoJSON nor TopoJSON."))])


def boundary_hash(geometry: dict[str, Any] | None) -> str:
    """The fingerprint of a boundary ("" for none), stored beside it so that readers (the
    monitor's map cache) can tell one boundary from another without hashing it on every read."""
    if geometry is None:
        return ""
    text = json.dumps(geometry, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


@transaction.atomic
def boundaries_import(*, path: Path, actor: Any = None) -> dict[str, int]:
    """Attach boundaries (GeoJSON or TopoJSON, WGS84) to the municipalities already known."""
    features = _load_features(path)
    known = {m.code: m for m in Municipality.objects.all()}
    errors: list[RowError] = []
    matched: list[Municipality] = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        code = _normalise_code(
            str(props.get("statcode") or feature.get("id") or props.get("code") or "")
        )
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            errors.append(RowError(number, "geometry", _("not a (multi)polygon")))
            continue
        municipality = known.get(code)
        if municipality is None:
            errors.append(RowError(number, "statcode", _("unknown municipality code “%s”") % code))
            continue
        municipality.boundary = geometry
        municipality.boundary_hash = boundary_hash(geometry)
        municipality.boundary_source = path.name
        matched.append(municipality)
    if errors:
        raise ImportFailed(errors)
    Municipality.objects.bulk_update(
        matched, ["boundary", "boundary_hash", "boundary_source"], batch_size=200
    )
    geography_changed()
    audit.record(
        actor=actor,
        action="geo.boundaries_import",
        changes={"matched": len(matched), "file": path.name},
    )
    return {"matched": len(matched), "without_boundary": len(known) - len(matched)}
