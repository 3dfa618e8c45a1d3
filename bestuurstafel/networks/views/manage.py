"""The secretary's pages: organisations, people and roles, invitations, bodies, audit log."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bestuurstafel.core import stash
from bestuurstafel.core.forms import add_service_errors, error_status
from bestuurstafel.core.http import AuthenticatedHttpRequest, query_text
from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.core.pagination import paginate

from .. import permissions, selectors, services
from ..forms import (
    BodyForm,
    BodyMemberForm,
    EndForm,
    ImportForm,
    InvitationForm,
    MembershipForm,
    NetworkSettingsForm,
    OrganisationForm,
    SeatForm,
)
from ..models import Network


def _network_for_manager(request: AuthenticatedHttpRequest, slug: str) -> Network:
    network = selectors.network_get(slug=slug)
    if not permissions.can_manage_network(request.viewer, network):
        raise PermissionDenied
    return network


@login_required
def overview(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    invitations = selectors.invitation_list_for_admin(viewer=request.viewer, network=network)
    open_invitations = [i for i in invitations[:50] if i.state == "open"]
    return render(
        request,
        "networks/manage/overview.html",
        {
            "network": network,
            "organisation_count": network.organisations.count(),
            "member_count": selectors.membership_list_for_admin(
                viewer=request.viewer, network=network
            ).count(),
            "body_count": network.bodies.count(),
            "open_invitations": open_invitations,
            "coverage": selectors.coverage(viewer=request.viewer, network=network),
            "recent_events": selectors.audit_log(viewer=request.viewer, network=network)[:8],
        },
    )


@login_required
def settings_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    if request.method == "POST":
        form = NetworkSettingsForm(request.POST, network=network)
        if form.is_valid():
            data = dict(form.cleaned_data)
            municipalities = list(data.pop("municipalities"))
            try:
                services.network_update(
                    actor=request.user, network=network, municipalities=municipalities, **data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The network settings have been saved."))
                return redirect("networks:manage", slug=network.slug)
    else:
        form = NetworkSettingsForm(
            network=network,
            initial={
                **{f: getattr(network, f) for f in services.NETWORK_FIELDS},
                "municipalities": list(network.municipalities.all()),
            },
        )
    return render(
        request,
        "networks/manage/settings.html",
        {"network": network, "form": form},
        status=error_status(form),
    )


# --- Organisations ------------------------------------------------------------------------------------


@login_required
def organisations(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    items = selectors.organisation_list_for_admin(viewer=request.viewer, network=network)
    return render(
        request,
        "networks/manage/organisations.html",
        {"network": network, "page": paginate(request, items, per_page=100)},
    )


def _organisation_form_view(
    request: AuthenticatedHttpRequest, network: Network, organisation: Any = None
) -> HttpResponse:
    if request.method == "POST":
        form = OrganisationForm(request.POST, network=network)
        if form.is_valid():
            data = dict(form.cleaned_data)
            municipalities = list(data.pop("municipalities"))
            try:
                if organisation is None:
                    services.organisation_create(
                        actor=request.user, network=network, municipalities=municipalities, **data
                    )
                else:
                    services.organisation_update(
                        actor=request.user,
                        organisation=organisation,
                        municipalities=municipalities,
                        **data,
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("“%s” has been saved.") % data["name"])
                return redirect("networks:manage_organisations", slug=network.slug)
    else:
        initial = OrganisationForm.initial_for(organisation) if organisation else {}
        form = OrganisationForm(network=network, initial=initial)
    return render(
        request,
        "networks/manage/organisation_form.html",
        {"network": network, "form": form, "organisation": organisation},
        status=error_status(form),
    )


@login_required
def organisation_add(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    return _organisation_form_view(request, network)


@login_required
def organisation_edit(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    organisation = selectors.organisation_get_for_admin(
        viewer=request.viewer, network=network, code=code
    )
    return _organisation_form_view(request, network, organisation)


@login_required
def organisations_import(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Upload and check (nothing saved); then confirm to save every row in one transaction."""
    network = _network_for_manager(request, slug)
    scope = f"organisations:{network.pk}"
    errors: list[Any] = []
    preview: list[dict[str, Any]] | None = None
    token = ""
    form = ImportForm()
    if request.method == "POST" and request.POST.get("stash"):
        stashed = stash.get(request, request.POST["stash"], scope=scope)
        if stashed is None:
            messages.error(request, _("The checked file is no longer available; upload it again."))
            return redirect("networks:manage_organisations_import", slug=network.slug)
        file, filename = stashed
        try:
            rows = services.organisations_import(
                actor=request.user, network=network, file=file, filename=filename, commit=True
            )
        except ImportFailed as exc:
            errors = exc.errors
        else:
            stash.drop(request, request.POST["stash"])
            messages.success(request, _("%d organisations imported.") % len(rows))
            return redirect("networks:manage_organisations", slug=network.slug)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                preview = services.organisations_import(
                    actor=request.user,
                    network=network,
                    file=upload,
                    filename=upload.name,
                    commit=False,
                )
            except ImportFailed as exc:
                errors = exc.errors
            else:
                token = stash.put(request, upload, scope=scope)
    return render(
        request,
        "networks/manage/organisations_import.html",
        {"network": network, "form": form, "errors": errors, "preview": preview, "stash": token},
        status=400 if errors else error_status(form),
    )


# --- Members -------------------------------------------------------------------------------------------


@login_required
def members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    state = request.GET.get("status", "current")
    items = selectors.membership_list_for_admin(viewer=request.viewer, network=network, state=state)
    return render(
        request,
        "networks/manage/members.html",
        {
            "network": network,
            "page": paginate(request, items, per_page=100),
            "state": state,
            "without_login": selectors.people_without_login_count(network=network),
        },
    )


@login_required
@require_POST
def members_login(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Send every current member without a login an invitation to make one."""
    network = _network_for_manager(request, slug)
    try:
        sent = services.login_invitations_create(actor=request.user, network=network)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if sent:
            messages.success(
                request,
                ngettext(
                    "An invitation to make a login has been sent to %(count)d person.",
                    "An invitation to make a login has been sent to %(count)d people.",
                    len(sent),
                )
                % {"count": len(sent)},
            )
        else:
            messages.info(request, _("Everyone already has a login or an open invitation."))
    return redirect("networks:manage_members", slug=network.slug)


@login_required
@require_POST
def member_login(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    """Send one current member without a login an invitation to make one."""
    network = _network_for_manager(request, slug)
    membership = selectors.membership_get_for_admin(
        viewer=request.viewer, network=network, code=code
    )
    try:
        invitation, _token = services.login_invitation_create(
            actor=request.user, membership=membership
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("An invitation to make a login has been sent to %(email)s.")
            % {"email": invitation.email},
        )
    return redirect("networks:manage_member", slug=network.slug, code=membership.code)


@login_required
def member_edit(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    membership = selectors.membership_get_for_admin(
        viewer=request.viewer, network=network, code=code
    )
    people = selectors.current_people(network=network).exclude(pk=membership.person_id)
    if request.method == "POST":
        form = MembershipForm(request.POST, network=network, people=people)
        if form.is_valid():
            try:
                services.membership_update(
                    actor=request.user, membership=membership, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The membership of %s has been saved.") % membership.person
                )
                return redirect("networks:manage_members", slug=network.slug)
    else:
        form = MembershipForm(
            network=network,
            people=people,
            initial={f: getattr(membership, f) for f in services.MEMBERSHIP_FIELDS},
        )
    end_form = EndForm(initial={"end_date": timezone.localdate()})
    return render(
        request,
        "networks/manage/member_form.html",
        {
            "network": network,
            "membership": membership,
            "form": form,
            "end_form": end_form,
            "login_invitation": selectors.open_invitation_for(
                network=network, email=membership.person.email
            ),
        },
        status=error_status(form),
    )


@login_required
@require_POST
def member_end(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    membership = selectors.membership_get_for_admin(
        viewer=request.viewer, network=network, code=code
    )
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The membership of %s has been ended.") % membership.person)
            return redirect("networks:manage_members", slug=network.slug)
    else:
        messages.error(request, _("Fill in a valid last day."))
    return redirect("networks:manage_member", slug=network.slug, code=membership.code)


@login_required
def invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    if request.method == "POST":
        form = InvitationForm(request.POST, network=network)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["bodies"] = list(data["bodies"])
            try:
                invitation, _token = services.invitation_create(
                    actor=request.user, network=network, **data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("An invitation has been sent to %(email)s. The link is valid until %(date)s.")
                    % {
                        "email": invitation.email,
                        "date": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y"),
                    },
                )
                return redirect("networks:manage_invitations", slug=network.slug)
    else:
        form = InvitationForm(network=network, initial={"start_date": timezone.localdate()})
    return render(
        request,
        "networks/manage/invite.html",
        {"network": network, "form": form},
        status=error_status(form),
    )


@login_required
def invitations(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    items = selectors.invitation_list_for_admin(viewer=request.viewer, network=network)
    return render(
        request,
        "networks/manage/invitations.html",
        {"network": network, "page": paginate(request, items, per_page=100)},
    )


@login_required
@require_POST
def invitation_resend(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    invitation = selectors.invitation_get_for_admin(
        viewer=request.viewer, network=network, code=code
    )
    try:
        services.invitation_resend(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A new link has been sent to %s.") % invitation.email)
    return redirect("networks:manage_invitations", slug=network.slug)


@login_required
@require_POST
def invitation_revoke(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    invitation = selectors.invitation_get_for_admin(
        viewer=request.viewer, network=network, code=code
    )
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The invitation to %s has been withdrawn.") % invitation.email)
    return redirect("networks:manage_invitations", slug=network.slug)


# --- Bodies --------------------------------------------------------------------------------------------


@login_required
def bodies(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    items = selectors.body_list_for_admin(viewer=request.viewer, network=network)
    return render(request, "networks/manage/bodies.html", {"network": network, "bodies": items})


def _body_form_view(
    request: AuthenticatedHttpRequest, network: Network, body: Any = None
) -> HttpResponse:
    if request.method == "POST":
        form = BodyForm(request.POST, network=network, body=body)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["position"] = data.get("position") or 0
            try:
                if body is None:
                    body = services.body_create(actor=request.user, network=network, **data)
                else:
                    body = services.body_update(actor=request.user, body=body, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("“%s” has been saved.") % body.name)
                return redirect("networks:manage_body", slug=network.slug, body=body.slug)
    else:
        initial = {f: getattr(body, f) for f in services.BODY_FIELDS} if body else {}
        form = BodyForm(network=network, body=body, initial=initial)
    return render(
        request,
        "networks/manage/body_form.html",
        {"network": network, "form": form, "body": body},
        status=error_status(form),
    )


@login_required
def body_add(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    return _body_form_view(request, network)


@login_required
def body_edit(request: AuthenticatedHttpRequest, slug: str, body: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    the_body = selectors.body_get_for_admin(viewer=request.viewer, network=network, slug=body)
    return _body_form_view(request, network, the_body)


@login_required
def body_composition(request: AuthenticatedHttpRequest, slug: str, body: str) -> HttpResponse:
    network = _network_for_manager(request, slug)
    the_body = selectors.body_get_for_admin(viewer=request.viewer, network=network, slug=body)
    seats = selectors.body_composition(viewer=request.viewer, body=the_body)
    candidates = selectors.current_people(network=network).exclude(
        pk__in=[s.person.pk for s in seats]
    )
    if request.method == "POST":
        form = BodyMemberForm(request.POST, people=candidates)
        if form.is_valid():
            try:
                services.body_member_add(actor=request.user, body=the_body, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(person)s now sits in %(body)s.")
                    % {"person": form.cleaned_data["person"], "body": the_body.name},
                )
                return redirect("networks:manage_body", slug=network.slug, body=the_body.slug)
    else:
        form = BodyMemberForm(people=candidates, initial={"start_date": timezone.localdate()})
    return render(
        request,
        "networks/manage/body_composition.html",
        {"network": network, "body": the_body, "seats": seats, "form": form},
        status=error_status(form),
    )


@login_required
def seat_edit(request: AuthenticatedHttpRequest, slug: str, body: str, seat: int) -> HttpResponse:
    network = _network_for_manager(request, slug)
    the_body = selectors.body_get_for_admin(viewer=request.viewer, network=network, slug=body)
    the_seat = selectors.body_membership_get_for_admin(
        viewer=request.viewer, body=the_body, pk=seat
    )
    if request.method == "POST":
        form = SeatForm(request.POST)
        if form.is_valid():
            try:
                services.body_member_update(actor=request.user, seat=the_seat, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The seat of %s has been saved.") % the_seat.person)
                return redirect("networks:manage_body", slug=network.slug, body=the_body.slug)
    else:
        form = SeatForm(initial={"role": the_seat.role, "end_date": the_seat.end_date})
    return render(
        request,
        "networks/manage/seat_form.html",
        {"network": network, "body": the_body, "seat": the_seat, "form": form},
        status=error_status(form),
    )


# --- Audit log -------------------------------------------------------------------------------------------


@login_required
def audit_log(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get(slug=slug)
    query = query_text(request, "q")
    events = selectors.audit_log(viewer=request.viewer, network=network, query=query)
    page = paginate(request, events, per_page=50)
    return render(
        request,
        "networks/manage/audit_log.html",
        {"network": network, "page": page, "query": query},
    )
