"""The open-data API: read-only JSON, paginated and filterable, described by an OpenAPI schema.

Public GET requests are allowed from any origin (CORS, without credentials, so a browser on
another site only ever gets what the public sees). Bad parameters give a 400 with a message;
nothing a client sends gives a 500.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _

from bestuurstafel.core.http import ViewerHttpRequest
from bestuurstafel.geo.svg import ATTRIBUTION

from .. import conditional, openapi, selectors, serialize
from ..selectors import FilterError

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept, Accept-Language",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
    "Access-Control-Max-Age": "86400",
}


def json_response(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def error(message: str, *, status: int = 400, parameter: str = "") -> HttpResponse:
    body: dict[str, str] = {"error": message}
    if parameter:
        body["parameter"] = parameter
    return json_response(body, status=status)


def api_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """GET/HEAD only (OPTIONS for CORS preflight), JSON errors, CORS headers on every answer."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            response: HttpResponseBase = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = error(_("Only GET is allowed."), status=405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = error(_("Not found."), status=404)
            except FilterError as exc:
                response = error(exc.message, parameter=exc.parameter)
        for header, value in CORS_HEADERS.items():
            response.headers[header] = value
        return response

    return wrapped


def _int(request: HttpRequest, name: str, default: int, *, low: int, high: int | None) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    # isdigit() alone lets "²" through, which int() refuses: ASCII digits only.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise FilterError(name, _("“%s” must be a whole number.") % name)
    value = int(raw)
    if value < low or (high is not None and value > high):
        raise FilterError(
            name,
            _("“%(name)s” must be between %(low)d and %(high)d.")
            % {"name": name, "low": low, "high": high or 10**9},
        )
    return value


@api_view
def schema(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer)
    server = request.build_absolute_uri(reverse("monitor:api_projects", kwargs={"slug": slug}))
    server = server.rsplit("/projecten/", 1)[0]
    return json_response(openapi.schema(network_name=monitor.network.name, server_url=server))


@api_view
def projects(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="api-projects"):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    filters = selectors.filters_from_params(request.GET, monitor=monitor)
    per_page = _int(request, "per_pagina", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    number = _int(request, "pagina", 1, low=1, high=None)
    network = monitor.network
    paginator = Paginator(
        selectors.project_list_full(viewer=request.viewer, network=network, filters=filters),
        per_page,
    )
    if number > paginator.num_pages:
        return error(
            _("Page %(page)d does not exist; there are %(pages)d.")
            % {"page": number, "pages": paginator.num_pages},
            status=404,
            parameter="pagina",
        )
    page = paginator.page(number)
    labels = monitor.theme_labels

    def link(to: int) -> str:
        params = request.GET.copy()
        params["pagina"] = str(to)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    response = json_response(
        {
            "count": paginator.count,
            "page": number,
            "pages": paginator.num_pages,
            "per_page": per_page,
            "next": link(number + 1) if page.has_next() else None,
            "previous": link(number - 1) if page.has_previous() else None,
            "results": [
                serialize.project_json(p, labels, slug=network.slug, request=request)
                for p in page.object_list
            ],
        }
    )
    return conditional.finish(request, response, version, kind="api-projects")


@api_view
def project(request: ViewerHttpRequest, slug: str, code: str) -> HttpResponseBase:
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="api-project", extra=code):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    network = monitor.network
    the_project = selectors.project_get_for_user(viewer=request.viewer, network=network, code=code)
    response = json_response(
        serialize.project_json(
            the_project, monitor.theme_labels, slug=network.slug, request=request
        )
    )
    return conditional.finish(request, response, version, kind="api-project", extra=code)


@api_view
def municipalities(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="api-municipalities"):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    filters = selectors.filters_from_params(request.GET, monitor=monitor)
    network = monitor.network
    figures = selectors.municipality_figures(
        viewer=request.viewer, network=network, filters=filters
    )
    rows = [r for r in figures.rows if not filters.municipality or r.code == filters.municipality]

    def url(code: str) -> str:
        return request.build_absolute_uri(
            reverse("monitor:municipality", kwargs={"slug": network.slug, "code": code})
        )

    response = json_response(
        {
            "network": {"slug": network.slug, "name": network.name},
            "updated_at": monitor.version.isoformat() if monitor.version else None,
            "attribution": ATTRIBUTION,
            "region_wide": serialize.figures_json(figures.region_wide, ""),
            "municipalities": [serialize.figures_json(r, url(r.code)) for r in rows],
        }
    )
    return conditional.finish(request, response, version, kind="api-municipalities")
