"""The public monitor: dashboard, map, municipality and project pages, the embed, open data.

Every page answers conditional requests (see ``conditional``): a client with a current copy
gets a 304 after one query.
"""

from typing import Any

from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from bestuurstafel.core.htmx import template_for
from bestuurstafel.core.http import ViewerHttpRequest
from bestuurstafel.core.pagination import paginate
from bestuurstafel.networks.access import ANONYMOUS, Viewer

from .. import charts, conditional, embedding, maps, permissions, selectors
from ..forms import ChartForm, FilterForm
from ..models import Status
from ..selectors import Figures, Monitor

PER_PAGE = 12


def _municipality_href(monitor: Monitor) -> Any:
    slug = monitor.network.slug

    def href(row: Figures) -> str:
        return reverse("monitor:municipality", kwargs={"slug": slug, "code": row.code})

    return href


def dashboard_context(
    request: ViewerHttpRequest, monitor: Monitor, *, viewer: Viewer, embed: bool = False
) -> dict[str, Any]:
    """Everything the dashboard shows, in a fixed number of queries."""
    network = monitor.network
    municipalities = selectors.network_municipalities(network=network)
    form = FilterForm(request.GET or None, monitor=monitor, municipalities=municipalities)
    filters = form.filters
    chart_form = ChartForm(request.GET or None, monitor=monitor)
    figures = selectors.municipality_figures(
        viewer=viewer, network=network, filters=filters, municipalities=municipalities
    )
    the_map = maps.draw(
        figures,
        href=_municipality_href(monitor),
        title=_("Map of the municipalities of %s") % network.name,
        current=filters.municipality,
        link_target="_top" if embed else "",
    )
    chart = selectors.status_per_theme(
        viewer=viewer, monitor=monitor, scheme_key=chart_form.scheme, filters=filters
    )
    context: dict[str, Any] = {
        "network": network,
        "monitor": monitor,
        "form": form,
        "chart_form": chart_form,
        "filters": filters,
        "figures": figures,
        "map": the_map,
        "legend": maps.CLASSES,
        "chart": chart,
        "chart_svg": charts.status_bars(chart, title=_("Projects per status for each theme")),
        "status_legend": charts.legend(),
        "statuses": selectors.STATUS_ORDER,
        "embed": embed,
    }
    if not embed:
        year, highlighted = selectors.highlights(viewer=viewer, network=network)
        projects = selectors.project_list_for_user(viewer=viewer, network=network, filters=filters)
        context.update(
            {
                "page": paginate(request, projects, per_page=PER_PAGE),
                "highlight_year": year,
                "highlights": highlighted,
                "can_edit": permissions.can_edit_projects(viewer, network),
                "theme_labels": monitor.theme_labels,
            }
        )
    return context


@require_safe
def dashboard(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="dashboard"):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    context = dashboard_context(request, monitor, viewer=request.viewer)
    response = render(request, template_for(request, "monitor/dashboard.html", "results"), context)
    return conditional.finish(request, response, version, kind="dashboard")


@require_safe
def map_svg(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    """The map as a standalone SVG file (for print, reports and other sites)."""
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="map"):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    network = monitor.network
    municipalities = selectors.network_municipalities(network=network)
    form = FilterForm(request.GET or None, monitor=monitor, municipalities=municipalities)
    figures = selectors.municipality_figures(
        viewer=request.viewer, network=network, filters=form.filters, municipalities=municipalities
    )
    root = request.build_absolute_uri("/")[:-1]
    the_map = maps.draw(
        figures,
        href=lambda row: root + _municipality_href(monitor)(row),
        title=_("Map of the municipalities of %s") % network.name,
        standalone=True,
        attribution=True,
    )
    if not the_map.has_boundaries:
        response = HttpResponse(
            _("No municipal boundaries have been imported, so there is no map."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    else:
        response = HttpResponse(
            '<?xml version="1.0" encoding="UTF-8"?>\n' + the_map.svg,
            content_type="image/svg+xml; charset=utf-8",
        )
    return conditional.finish(request, response, version, kind="map")


@require_safe
@xframe_options_exempt
def embed(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    """The dashboard without the site around it, for an iframe on the network's own website.

    Only sites the network allows may frame it (CSP frame-ancestors); it always shows what the
    public sees, whoever is logged in, because it lives on a public website.
    """
    version = selectors.monitor_version(slug=slug)
    # Its allowed origins, and the public's "last updated", whoever is logged in.
    monitor = selectors.monitor_get(slug=slug, viewer=ANONYMOUS, version=version)
    if cached := conditional.not_modified(request, version, kind="embed", public_only=True):
        embedding.allow_framing(cached, monitor)
        return cached
    context = dashboard_context(request, monitor, viewer=ANONYMOUS, embed=True)
    response = render(request, "monitor/embed.html", context)
    embedding.allow_framing(response, monitor)
    return conditional.finish(request, response, version, kind="embed", public_only=True)


@require_safe
def municipality(request: ViewerHttpRequest, slug: str, code: str) -> HttpResponseBase:
    version = selectors.monitor_version(slug=slug)
    code = code.upper()
    if cached := conditional.not_modified(request, version, kind="municipality", extra=code):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    network = monitor.network
    place = selectors.municipality_in_network(network=network, code=code)
    projects = list(
        selectors.project_list_for_user(
            viewer=request.viewer,
            network=network,
            filters=selectors.Filters(municipality=place.code),
        )
    )
    local = [p for p in projects if not p.region_wide]
    regional = [p for p in projects if p.region_wide]
    groups = [
        (status, Status(status).label, [p for p in local if p.status == status])
        for status in selectors.STATUS_ORDER
    ]
    response = render(
        request,
        "monitor/municipality.html",
        {
            "network": network,
            "monitor": monitor,
            "municipality": place,
            "groups": [g for g in groups if g[2]],
            "local_count": len(local),
            "regional": regional,
            "running": sum(1 for p in local if p.status == Status.RUNNING),
            "planned": sum(1 for p in local if p.status == Status.PLANNED),
            "completed": sum(1 for p in local if p.status == Status.COMPLETED),
        },
    )
    return conditional.finish(request, response, version, kind="municipality", extra=code)


@require_safe
def project(request: ViewerHttpRequest, slug: str, code: str) -> HttpResponseBase:
    # A client can only hold a current copy it was allowed to see: a change of the project's
    # level bumps the version, and the viewer's role is part of the validator.
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="project", extra=code):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    network = monitor.network
    the_project = selectors.project_get_for_user(viewer=request.viewer, network=network, code=code)
    labels = monitor.theme_labels
    themes = [labels.get(t.key, t.key) for t in the_project.themes.all()]
    parts = list(the_project.parts.all())
    funding = list(the_project.funding.all())
    response = render(
        request,
        "monitor/project.html",
        {
            "network": network,
            "monitor": monitor,
            "project": the_project,
            "themes": themes,
            "parts": parts,
            "parts_ready": sum(1 for p in parts if p.state == "ready"),
            "milestones": list(the_project.milestones.all()),
            "funding": funding,
            "funding_granted": sum((f.amount for f in funding if f.state == "granted"), start=0),
            "funding_requested": sum(
                (f.amount for f in funding if f.state == "requested"), start=0
            ),
            "can_edit": permissions.can_edit_projects(request.viewer, network),
        },
    )
    return conditional.finish(request, response, version, kind="project", extra=code)


@require_safe
def open_data(request: ViewerHttpRequest, slug: str) -> HttpResponseBase:
    """How to get the monitor's data: exports, GeoJSON, the API and its schema, the embed."""
    version = selectors.monitor_version(slug=slug)
    if cached := conditional.not_modified(request, version, kind="open-data"):
        return cached
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer, version=version)
    response = render(
        request,
        "monitor/open_data.html",
        {
            "network": monitor.network,
            "monitor": monitor,
            "api_root": request.build_absolute_uri(
                reverse("monitor:api_projects", kwargs={"slug": slug})
            ),
            "embed_url": request.build_absolute_uri(
                reverse("monitor:embed", kwargs={"slug": slug})
            ),
        },
    )
    return conditional.finish(request, response, version, kind="open-data")
