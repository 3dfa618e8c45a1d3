"""The core team's pages: maintain projects, import spreadsheets, configure the monitor."""

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseFormSet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurstafel.core import stash
from bestuurstafel.core.forms import add_service_errors, error_status
from bestuurstafel.core.htmx import template_for
from bestuurstafel.core.http import AuthenticatedHttpRequest
from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.core.pagination import paginate
from bestuurstafel.core.tables import spreadsheet_response

from .. import importing, permissions, selectors, services
from ..forms import (
    FilterForm,
    FundingFormSet,
    ImportForm,
    MilestoneFormSet,
    PartFormSet,
    ProjectForm,
    SettingsForm,
    lines,
)
from ..models import Project
from ..selectors import Monitor


def _monitor_for_editor(request: AuthenticatedHttpRequest, slug: str) -> Monitor:
    monitor = selectors.monitor_get(slug=slug, viewer=request.viewer)
    if not permissions.can_edit_projects(request.viewer, monitor.network):
        raise PermissionDenied
    return monitor


@login_required
def manage(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Every project of the network (public and network-level) with the editor's actions."""
    monitor = _monitor_for_editor(request, slug)
    network = monitor.network
    municipalities = selectors.network_municipalities(network=network)
    form = FilterForm(request.GET or None, monitor=monitor, municipalities=municipalities)
    projects = selectors.project_list_for_user(
        viewer=request.viewer, network=network, filters=form.filters
    )
    jobs = selectors.import_job_list(network=network)
    return render(
        request,
        template_for(request, "monitor/manage/projects.html", "results"),
        {
            "network": network,
            "monitor": monitor,
            "form": form,
            "page": paginate(request, projects, per_page=50),
            "jobs": jobs,
            "section": "projects",
        },
    )


def _project_form_page(
    request: AuthenticatedHttpRequest, monitor: Monitor, project: Project | None
) -> HttpResponse:
    network = monitor.network
    if request.method == "POST":
        form = ProjectForm(request.POST, monitor=monitor, project=project)
        if form.is_valid():
            data = form.service_kwargs(network)
            try:
                if project is None:
                    project = services.project_create(actor=request.user, network=network, **data)
                    messages.success(request, _("The project has been added."))
                else:
                    services.project_update(actor=request.user, project=project, **data)
                    messages.success(request, _("The project has been saved."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("monitor:project", slug=network.slug, code=project.code)
    else:
        initial = ProjectForm.initial_for(project) if project is not None else {}
        form = ProjectForm(initial=initial, monitor=monitor, project=project)
    return render(
        request,
        "monitor/manage/project_form.html",
        {"network": network, "monitor": monitor, "form": form, "project": project},
        status=error_status(form),
    )


@login_required
def project_add(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    monitor = _monitor_for_editor(request, slug)
    return _project_form_page(request, monitor, None)


@login_required
def project_edit(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    monitor = _monitor_for_editor(request, slug)
    project = selectors.project_get_for_editor(network=monitor.network, code=code)
    return _project_form_page(request, monitor, project)


def _formset_page(
    request: AuthenticatedHttpRequest,
    slug: str,
    code: str,
    *,
    formset_class: type[BaseFormSet],
    initial: Any,
    save: Any,
    template_title: str,
    intro: str,
    saved: str,
) -> HttpResponse:
    monitor = _monitor_for_editor(request, slug)
    project = selectors.project_get_for_editor(network=monitor.network, code=code)
    if request.method == "POST":
        formset = formset_class(request.POST)
        if formset.is_valid():
            try:
                save(project, [f.cleaned_data for f in formset.forms if f.cleaned_data])
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)  # type: ignore[attr-defined]
            else:
                messages.success(request, saved)
                return redirect("monitor:project", slug=monitor.network.slug, code=project.code)
    else:
        formset = formset_class(initial=initial(project))
    return render(
        request,
        "monitor/manage/formset.html",
        {
            "network": monitor.network,
            "monitor": monitor,
            "project": project,
            "formset": formset,
            "title": template_title,
            "intro": intro,
        },
        status=error_status(formset),
    )


@login_required
def project_parts(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    def save(project: Project, rows: list[dict[str, Any]]) -> None:
        services.project_parts_set(
            actor=request.user,
            project=project,
            parts=[
                services.PartData(
                    title=r["title"], state=r["state"], progress=r["progress"], weight=r["weight"]
                )
                for r in rows
                if r.get("title")
            ],
        )

    return _formset_page(
        request,
        slug,
        code,
        formset_class=PartFormSet,
        initial=lambda p: [
            {"title": x.title, "state": x.state, "progress": x.progress, "weight": x.weight}
            for x in p.parts.all()
        ],
        save=save,
        template_title=_("Parts of the plan"),
        intro=_(
            "A part that is ready counts as 100%, one not started as 0%. When the project's "
            "progress comes from its parts, it is their weighted average. Empty a title to "
            "remove a part."
        ),
        saved=_("The parts have been saved."),
    )


@login_required
def project_milestones(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    def save(project: Project, rows: list[dict[str, Any]]) -> None:
        services.project_milestones_set(
            actor=request.user,
            project=project,
            milestones=[
                services.MilestoneData(
                    date=r["date"], title=r["title"], description=r["description"], done=r["done"]
                )
                for r in rows
                if r.get("title")
            ],
        )

    return _formset_page(
        request,
        slug,
        code,
        formset_class=MilestoneFormSet,
        initial=lambda p: [
            {"date": m.date, "title": m.title, "description": m.description, "done": m.done}
            for m in p.milestones.all()
        ],
        save=save,
        template_title=_("Milestones"),
        intro=_("The milestones form the project's timeline. Empty a title to remove one."),
        saved=_("The milestones have been saved."),
    )


@login_required
def project_funding(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    def save(project: Project, rows: list[dict[str, Any]]) -> None:
        services.project_funding_set(
            actor=request.user,
            project=project,
            lines=[
                services.FundingData(
                    source=r["source"], year=r["year"], amount=r["amount"], state=r["state"]
                )
                for r in rows
                if r.get("source")
            ],
        )

    return _formset_page(
        request,
        slug,
        code,
        formset_class=FundingFormSet,
        initial=lambda p: [
            {"source": f.source, "year": f.year, "amount": f.amount, "state": f.state}
            for f in p.funding.all()
        ],
        save=save,
        template_title=_("Funding"),
        intro=_(
            "One line per source and year: requested or granted. Choose no source to remove a line."
        ),
        saved=_("The funding has been saved."),
    )


@login_required
@require_POST
def project_delete(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    monitor = _monitor_for_editor(request, slug)
    project = selectors.project_get_for_editor(network=monitor.network, code=code)
    title = project.title
    services.project_delete(actor=request.user, project=project)
    messages.success(request, _("“%s” has been removed.") % title)
    return redirect("monitor:manage", slug=monitor.network.slug)


@login_required
def settings_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    monitor = _monitor_for_editor(request, slug)
    network = monitor.network
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.monitor_settings_update(
                    actor=request.user,
                    network=network,
                    intro=form.cleaned_data["intro"],
                    course_lines=lines(form.cleaned_data["course_lines"]),
                    embed_origins=lines(form.cleaned_data["embed_origins"]),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The monitor settings have been saved."))
                return redirect("monitor:settings", slug=network.slug)
    else:
        form = SettingsForm(
            initial={
                "intro": monitor.settings.intro,
                "course_lines": "\n".join(monitor.settings.course_lines),
                "embed_origins": "\n".join(monitor.settings.embed_origins),
            }
        )
    return render(
        request,
        "monitor/manage/settings.html",
        {"network": network, "monitor": monitor, "form": form, "section": "settings"},
        status=error_status(form),
    )


# --- Import ----------------------------------------------------------------------------------------


@login_required
def import_upload(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Upload and check (nothing is saved); confirm to save every row in one transaction.

    A file with more rows than ``services.IMPORT_BACKGROUND_ROWS`` goes to the task worker;
    its page shows the progress.
    """
    monitor = _monitor_for_editor(request, slug)
    network = monitor.network
    scope = f"monitor:{network.pk}"
    errors: list[Any] = []
    plan: importing.ImportPlan | None = None
    token = ""
    form = ImportForm()
    if request.method == "POST" and request.POST.get("stash"):
        stashed = stash.get(request, request.POST["stash"], scope=scope)
        if stashed is None:
            messages.error(request, _("The checked file is no longer available; upload it again."))
            return redirect("monitor:import", slug=network.slug)
        file, filename = stashed
        try:
            done = services.projects_import(
                actor=request.user, network=network, file=file, filename=filename, commit=True
            )
        except ImportFailed as exc:
            errors = exc.errors
        else:
            stash.drop(request, request.POST["stash"])
            result = done.result or {}
            messages.success(
                request,
                _("Import done: %(created)s new, %(updated)s updated.")
                % {"created": result.get("created", 0), "updated": result.get("updated", 0)},
            )
            return redirect("monitor:manage", slug=network.slug)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                rows = services.import_rows_in(data, upload.name)
                if rows > services.IMPORT_BACKGROUND_ROWS:
                    job = services.import_job_create(
                        actor=request.user, network=network, filename=upload.name, data=data
                    )
                    return redirect("monitor:import_job", slug=network.slug, code=job.code)
                plan = services.projects_import(
                    actor=request.user,
                    network=network,
                    file=io.BytesIO(data),
                    filename=upload.name,
                    commit=False,
                )
            except ImportFailed as exc:
                errors = exc.errors
            else:
                token = stash.put(request, upload, scope=scope)
    return render(
        request,
        "monitor/manage/import.html",
        {
            "network": network,
            "monitor": monitor,
            "form": form,
            "errors": errors,
            "summary": plan.summary(limit=500) if plan else None,
            "stash": token,
            "section": "import",
            "background_rows": services.IMPORT_BACKGROUND_ROWS,
        },
        status=400 if errors else error_status(form),
    )


@login_required
def import_job(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    """A background import: its progress (htmx polls this page), report or result."""
    monitor = _monitor_for_editor(request, slug)
    job = selectors.import_job_get(network=monitor.network, code=code)
    return render(
        request,
        template_for(request, "monitor/manage/import_job.html", "job"),
        {
            "network": monitor.network,
            "monitor": monitor,
            "job": job,
            "errors": services.import_errors_from_json(job.errors),
            "summary": job.summary,
            "section": "import",
        },
    )


@login_required
@require_POST
def import_job_confirm(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    monitor = _monitor_for_editor(request, slug)
    job = selectors.import_job_get(network=monitor.network, code=code)
    try:
        services.import_job_confirm(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("monitor:import_job", slug=monitor.network.slug, code=job.code)


@login_required
def import_template(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """An example spreadsheet with every column the import reads."""
    monitor = _monitor_for_editor(request, slug)
    names = [m.name for m in selectors.network_municipalities(network=monitor.network)]
    return spreadsheet_response(
        fmt="csv",
        columns=importing.TEMPLATE_COLUMNS,
        rows=importing.template_rows(names),
        filename=f"monitor-{monitor.network.slug}-voorbeeld",
        sheet=_("Projects"),
    )
