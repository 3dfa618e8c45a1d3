"""The network's lists: decisions, actions and the register of lessons learned."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurstafel.core.htmx import is_htmx, template_for
from bestuurstafel.core.http import AuthenticatedHttpRequest, ViewerHttpRequest
from bestuurstafel.core.pagination import paginate
from bestuurstafel.networks import selectors as network_selectors

from .. import permissions, selectors, services
from ..forms import ActionFilterForm, DecisionFilterForm
from .common import back_to


def decisions(request: ViewerHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    years = selectors.decision_years(viewer=request.viewer, network=network)
    form = DecisionFilterForm(request.GET or None, network=network, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    body = None
    if filters.get("orgaan"):
        body = network_selectors.body_get(network=network, slug=filters["orgaan"])
    found = selectors.decision_list_for_user(
        viewer=request.viewer,
        network=network,
        body=body,
        query=filters.get("q", ""),
        year=filters.get("jaar"),
    )
    page = paginate(request, found, per_page=50)
    selectors.decorate_decisions(request.viewer, list(page.object_list))
    return render(
        request,
        template_for(request, "meetings/decision_list.html", "results"),
        {"network": network, "form": form, "page": page},
    )


@login_required
def actions(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    if not permissions.can_view_actions(request.viewer, network):
        raise PermissionDenied
    form = ActionFilterForm(request.GET or None, network=network)
    filters = form.cleaned_data if form.is_valid() else {}
    body = None
    if filters.get("orgaan"):
        body = network_selectors.body_get(network=network, slug=filters["orgaan"])
    found = selectors.action_list_for_user(
        viewer=request.viewer,
        network=network,
        scope=filters.get("wie") or "all",
        state=filters.get("status") or "open",
        body=body,
        query=filters.get("q", ""),
    )
    page = paginate(request, found, per_page=50)
    for action in page.object_list:
        action.can_complete = permissions.can_complete_action(request.viewer, action)
    return render(
        request,
        template_for(request, "meetings/action_list.html", "results"),
        {"network": network, "form": form, "page": page},
    )


@login_required
@require_POST
def action_status(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    action = selectors.action_get_for_user(viewer=request.viewer, network=network, code=code)
    if not permissions.can_complete_action(request.viewer, action):
        raise PermissionDenied
    done = request.POST.get("done") == "1"
    services.action_set_status(actor=request.user, action=action, done=done)
    if is_htmx(request):
        action.can_complete = True  # type: ignore[attr-defined]
        return render(
            request,
            "meetings/_action_state.html",
            {
                "action": action,
                "network": network,
                "announce": True,
                "next_url": request.headers.get("HX-Current-URL", ""),
            },
        )
    messages.success(
        request,
        _("The action is marked as done.") if done else _("The action is open again."),
    )
    return back_to(request, reverse("meetings:actions", kwargs={"slug": network.slug}))


@login_required
def reflections(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    found = selectors.reflection_list_for_user(viewer=request.viewer, network=network)
    page = paginate(request, found, per_page=50)
    return render(request, "meetings/reflection_list.html", {"network": network, "page": page})
