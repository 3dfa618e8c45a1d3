"""Pages for people who take part: who is who, people, and one's own profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bestuurstafel.core.forms import add_service_errors, error_status, valid_filters
from bestuurstafel.core.htmx import template_for
from bestuurstafel.core.http import AuthenticatedHttpRequest
from bestuurstafel.core.pagination import paginate

from .. import selectors, services
from ..forms import DirectoryFilterForm, ProfileForm


@login_required
def directory(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get(slug=slug)
    form = DirectoryFilterForm(request.GET or None, network=network)
    filters = valid_filters(form)
    memberships = selectors.directory(
        viewer=request.viewer,
        network=network,
        query=filters.get("q", ""),
        sector=filters.get("sector", ""),
        body=filters.get("body", ""),
        role=filters.get("role", ""),
        organisation=request.GET.get("organisatie", ""),
    )
    page = paginate(request, memberships, per_page=60)
    return render(
        request,
        template_for(request, "networks/directory.html", "results"),
        {"network": network, "form": form, "page": page},
    )


@login_required
def person(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    network = selectors.network_get(slug=slug)
    membership = selectors.person_in_network(viewer=request.viewer, network=network, code=code)
    return render(
        request, "networks/person_detail.html", {"network": network, "membership": membership}
    )


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    person = selectors.profile_for(viewer=request.viewer)
    return render(request, "networks/profile.html", {"person": person})


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    person = selectors.profile_for(viewer=request.viewer)
    if person is None:
        messages.info(request, _("Your login is not linked to a person in a network."))
        return redirect("networks:profile")
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.person_update_profile(
                    actor=request.user, person=person, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("networks:profile")
    else:
        form = ProfileForm(initial={f: getattr(person, f) for f in services.PROFILE_FIELDS})
    return render(
        request,
        "networks/profile_edit.html",
        {"person": person, "form": form},
        status=error_status(form),
    )
