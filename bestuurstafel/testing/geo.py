"""Boundaries for tests: small square polygons and GeoJSON files of them, as CBS files look."""

import json
from pathlib import Path
from typing import Any


def square(lon: float, lat: float, size: float = 0.05) -> dict[str, Any]:
    """A small square boundary (GeoJSON Polygon) with its south-west corner at a point."""
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon, lat],
                [lon + size, lat],
                [lon + size, lat + size],
                [lon, lat + size],
                [lon, lat],
            ]
        ],
    }


def boundary_file(path: Path, shapes: dict[str, dict[str, Any]]) -> Path:
    """Write a GeoJSON FeatureCollection with one feature per municipality code (``statcode``,
    as in the CBS files) and return its path."""
    features = [
        {"type": "Feature", "properties": {"statcode": code}, "geometry": geometry}
        for code, geometry in shapes.items()
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path
