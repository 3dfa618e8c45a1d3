"""Pages anyone may see: networks, their organisations, bodies and coverage."""

from django.http import HttpResponse
from django.shortcuts import render

from bestuurstafel.core.http import ViewerHttpRequest, query_text

from .. import permissions, selectors


def home(request: ViewerHttpRequest) -> HttpResponse:
    networks = selectors.network_list_public()
    return render(request, "networks/home.html", {"networks": networks})


def detail(request: ViewerHttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get(slug=slug)
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "sector_groups": selectors.organisations_by_sector(network=network),
            "bodies": selectors.body_list_public(network=network),
            "municipalities": network.municipalities.order_by("name"),
            "can_view_directory": permissions.can_view_directory(request.viewer, network),
            "can_manage": permissions.can_manage_network(request.viewer, network),
        },
    )


def coverage(request: ViewerHttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get(slug=slug)
    can_see_bodies = permissions.can_view_directory(request.viewer, network)
    body = None
    if can_see_bodies and (body_slug := query_text(request, "orgaan")):
        body = selectors.body_get(network=network, slug=body_slug)
    result = selectors.coverage(viewer=request.viewer, network=network, body=body)
    return render(
        request,
        "networks/coverage.html",
        {
            "network": network,
            "coverage": result,
            "bodies": network.bodies.all() if can_see_bodies else [],
            "selected_body": body,
        },
    )


def body_detail(request: ViewerHttpRequest, slug: str, body: str) -> HttpResponse:
    network = selectors.network_get(slug=slug)
    the_body = selectors.body_get(network=network, slug=body)
    can_see = permissions.can_view_body_composition(request.viewer, the_body)
    return render(
        request,
        "networks/body_detail.html",
        {
            "network": network,
            "body": the_body,
            "seats": selectors.body_composition(viewer=request.viewer, body=the_body)
            if can_see
            else None,
            "children": network.bodies.filter(parent=the_body),
            "can_manage": permissions.can_manage_network(request.viewer, network),
        },
    )
