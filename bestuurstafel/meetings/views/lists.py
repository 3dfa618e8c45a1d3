"""The network's lists: decisions, actions and the register of lessons learned."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from bestuurstafel.core.forms import valid_filters
from bestuurstafel.core.htmx import is_htmx, template_for
from bestuurstafel.core.http import AuthenticatedHttpRequest, ViewerHttpRequest
from bestuurstafel.core.pagination import paginate
from bestuurstafel.core.tables import spreadsheet_response
from bestuurstafel.networks import selectors as network_selectors
from bestuurstafel.networks.models import Network

from .. import permissions, selectors, services, tables
from ..forms import ActionFilterForm, DecisionFilterForm
from ..models import Action, Decision
from .common import back_to


def _decisions_found(
    request: ViewerHttpRequest, network: Network
) -> tuple[DecisionFilterForm, QuerySet[Decision]]:
    """The filter form and the decisions it selects, for the page and its exports alike."""
    years = selectors.decision_years(viewer=request.viewer, network=network)
    form = DecisionFilterForm(request.GET or None, network=network, years=years)
    filters = valid_filters(form)
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
    return form, found


def decisions(request: ViewerHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    form, found = _decisions_found(request, network)
    page = paginate(request, found, per_page=50)
    selectors.decorate_decisions(request.viewer, list(page.object_list))
    return render(
        request,
        template_for(request, "meetings/decision_list.html", "results"),
        {"network": network, "form": form, "page": page},
    )


@require_safe
def decisions_export(request: ViewerHttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The decisions the list shows with these filters (all pages), as CSV or Excel."""
    network = network_selectors.network_get(slug=slug)
    _form, found = _decisions_found(request, network)
    decisions = selectors.decorate_decisions(request.viewer, list(found))
    return spreadsheet_response(
        fmt=fmt,
        columns=tables.decision_columns(),
        rows=tables.decision_rows(decisions, base_url=request.build_absolute_uri("/")[:-1]),
        filename=f"{slugify(_('decisions'))}-{network.slug}-{timezone.localdate():%Y-%m-%d}",
        sheet=_("Decision list"),
    )


def _actions_found(
    request: AuthenticatedHttpRequest, network: Network
) -> tuple[ActionFilterForm, QuerySet[Action]]:
    """The filter form and the actions it selects, for the page and its exports alike."""
    if not permissions.can_view_actions(request.viewer, network):
        raise PermissionDenied
    form = ActionFilterForm(request.GET or None, network=network)
    filters = valid_filters(form)
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
    return form, found


@login_required
def actions(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    form, found = _actions_found(request, network)
    page = paginate(request, found, per_page=50)
    for action in page.object_list:
        action.can_complete = permissions.can_complete_action(request.viewer, action)
    return render(
        request,
        template_for(request, "meetings/action_list.html", "results"),
        {"network": network, "form": form, "page": page},
    )


@login_required
@require_safe
def actions_export(request: AuthenticatedHttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The actions the list shows with these filters (all pages), as CSV or Excel."""
    network = network_selectors.network_get(slug=slug)
    _form, found = _actions_found(request, network)
    return spreadsheet_response(
        fmt=fmt,
        columns=tables.action_columns(),
        rows=tables.action_rows(found, base_url=request.build_absolute_uri("/")[:-1]),
        filename=f"{slugify(_('actions'))}-{network.slug}-{timezone.localdate():%Y-%m-%d}",
        sheet=_("Action list"),
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
