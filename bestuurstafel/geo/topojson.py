"""Decode TopoJSON (https://github.com/topojson/topojson-specification) into GeoJSON geometries."""

from typing import Any


def _decode_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    transform = topology.get("transform")
    arcs: list[list[list[float]]] = []
    for arc in topology["arcs"]:
        points: list[list[float]] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_rest in arc:
                x += dx
                y += dy
                points.append([round(x * sx + tx, 6), round(y * sy + ty, 6)])
        else:
            points = [[float(p[0]), float(p[1])] for p in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def features(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """Every geometry of every object as a GeoJSON Feature (properties and id kept)."""
    if topology.get("type") != "Topology":
        raise ValueError("not a TopoJSON Topology")
    arcs = _decode_arcs(topology)
    result: list[dict[str, Any]] = []
    for obj in topology["objects"].values():
        geometries = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
        for geometry in geometries:
            kind = geometry.get("type")
            if kind == "Polygon":
                coordinates: Any = [_ring(r, arcs) for r in geometry["arcs"]]
            elif kind == "MultiPolygon":
                coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
            else:
                continue
            result.append(
                {
                    "type": "Feature",
                    "id": geometry.get("id"),
                    "properties": geometry.get("properties", {}),
                    "geometry": {"type": kind, "coordinates": coordinates},
                }
            )
    return result
