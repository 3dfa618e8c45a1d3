"""Exports of the (filtered) project list as CSV, XLSX and JSON, and of the figures per
municipality as GeoJSON. They show what the viewer may see, like every other way out."""

import json

from django.http import HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from bestuurstafel.core import tables
from bestuurstafel.core.http import ViewerHttpRequest
from bestuurstafel.geo.svg import ATTRIBUTION

from .. import conditional, selectors, serialize
from ..selectors import FilterError

CONTENT_TYPES = {**tables.CONTENT_TYPES, "json": "application/json; charset=utf-8"}


def _bad_request(exc: FilterError) -> HttpResponse:
    return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")


@require_safe
def export(request: ViewerHttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind=f"export-{fmt}"):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    try:
        filters = selectors.filters_from_params(request.GET, monitor=monitor)
    except FilterError as exc:
        return _bad_request(exc)
    network = monitor.network
    projects = selectors.project_list_full(viewer=request.viewer, network=network, filters=filters)
    labels = monitor.theme_labels
    stamp = timezone.localdate().isoformat()
    filename = f"monitor-{network.slug}-{stamp}.{fmt}"
    if fmt in tables.FORMATS:
        rows = (serialize.project_row(project, labels) for project in projects)
        body: bytes = (
            tables.csv_bytes(serialize.EXPORT_COLUMNS, rows)
            if fmt == "csv"
            else tables.xlsx_bytes(serialize.EXPORT_COLUMNS, rows, sheet=_("Projects"))
        )
    else:
        body = json.dumps(
            {
                "network": {"slug": network.slug, "name": network.name},
                "exported_at": timezone.now().isoformat(),
                "projects": [
                    serialize.project_json(p, labels, slug=network.slug, request=request)
                    for p in projects
                ],
            },
            ensure_ascii=False,
            indent=1,
        ).encode()
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return conditional.finish(request, response, version, kind=f"export-{fmt}")


@require_safe
def geojson(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    """The network's municipalities with their figures (and boundary, when imported)."""
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="geojson"):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    try:
        filters = selectors.filters_from_params(request.GET, monitor=monitor)
    except FilterError as exc:
        return _bad_request(exc)
    network = monitor.network
    figures = selectors.municipality_figures(
        viewer=request.viewer, network=network, filters=filters
    )
    features = []
    for place, row in zip(figures.municipalities, figures.rows, strict=True):
        url = request.build_absolute_uri(
            reverse("monitor:municipality", kwargs={"slug": network.slug, "code": place.code})
        )
        features.append(
            {
                "type": "Feature",
                "id": place.code,
                "geometry": place.boundary,
                "properties": serialize.figures_json(row, url),
            }
        )
    data = {
        "type": "FeatureCollection",
        "name": f"monitor-{network.slug}",
        "attribution": ATTRIBUTION,
        "region_wide": serialize.figures_json(figures.region_wide, ""),
        "features": features,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        content_type="application/geo+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="monitor-{network.slug}.geojson"'
    return conditional.finish(request, response, version, kind="geojson")
