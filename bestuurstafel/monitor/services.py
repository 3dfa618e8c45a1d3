"""Writes for the monitor: projects, their parts, milestones and funding, the settings, imports.

Every function is atomic, keyword-only and audited, and bumps the monitor's ``last_changed`` so
that conditional requests (ETag / Last-Modified) of the public pages, the map and the API see the
change; and its ``public_changed`` only when the public sees the change too (``touch``), so that
the public's validators and "last updated" never tell that a network-level project changed.
Permission to call a function is checked by the view (``permissions``); domain rules are
checked here and raise ``ValidationError`` with a message in the user's language.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurstafel.core import audit
from bestuurstafel.core.confidentiality import Confidentiality, is_more_open
from bestuurstafel.core.imports import ImportFailed, RowError
from bestuurstafel.geo.models import Municipality
from bestuurstafel.networks.models import Network, Organisation

from . import importing, vocabulary
from .models import (
    ALLOWED_TRANSITIONS,
    FundingLine,
    ImportJob,
    Milestone,
    MonitorSettings,
    PartState,
    ProgressRollup,
    Project,
    ProjectPart,
    ProjectTheme,
    Status,
)

# Files with more data rows than this are checked and imported by the task worker.
IMPORT_BACKGROUND_ROWS = 200

PROJECT_FIELDS = (
    "title",
    "summary",
    "agreement",
    "approval",
    "approval_date",
    "progress",
    "progress_rollup",
    "weight",
    "scale",
    "region_wide",
    "lead_organisation",
    "other_partners",
    "start_date",
    "end_date",
    "contact_name",
    "contact_email",
    "links",
    "highlight_year",
    "highlight_text",
    "confidentiality",
    "parent",
)


def _actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def touch(*, network: Network, actor: Any = None, public: bool) -> None:
    """Mark the network's monitor as changed now (invalidates ETag / Last-Modified).

    ``public``: whether the public sees the change (a public project, or one made public or
    hidden). Only then does the public's moment move; the caller must decide, as a change of
    a network-level project must not show in the public's validators or "last updated" date.
    """
    now = timezone.now()
    defaults: dict[str, Any] = {"last_changed": now, "last_changed_by": _actor_user(actor)}
    if public:
        defaults["public_changed"] = now
    MonitorSettings.objects.update_or_create(network=network, defaults=defaults)


def _is_public(project: Project) -> bool:
    return project.confidentiality == Confidentiality.PUBLIC


def _stamp(project: Project, actor: Any) -> None:
    user = _actor_user(actor)
    project.updated_by = user
    # The name of the person, never a login's e-mail address: the label is shown on the
    # public project page. A login without a person (a platform admin) leaves it empty, and
    # the page says only when.
    person = getattr(user, "person", None) if user is not None else None
    project.updated_by_label = (
        person.full_name if person is not None else "" if user is not None else _("system")
    )


# --- Settings -------------------------------------------------------------------------------------


# A host name, or "*." before one (CSP's own wildcard for subdomains): nothing that could end
# the frame-ancestors source list (";", ",", spaces) and splice a directive into the header.
HOST = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")


def _origin(value: str) -> str:
    parts = urlsplit(value.strip())
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = None
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or not HOST.fullmatch(parts.hostname)
        or port is None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ValidationError(
            {
                "embed_origins": _(
                    "“%s” is not an origin: give the scheme and host only, such as "
                    "https://www.example.nl"
                )
                % value.strip()
            }
        )
    return f"{parts.scheme}://{parts.hostname}{port}"


@transaction.atomic
def monitor_settings_update(
    *,
    actor: Any,
    network: Network,
    intro: str,
    course_lines: list[str],
    embed_origins: list[str],
) -> MonitorSettings:
    """Change the introduction, the network's own course lines and the sites that may embed."""
    origins = list(dict.fromkeys(_origin(o) for o in embed_origins if o.strip()))
    lines = list(dict.fromkeys(line.strip() for line in course_lines if line.strip()))
    for line in lines:
        if not vocabulary.course_line_choices([line]):
            raise ValidationError({"course_lines": _("“%s” is not a usable name.") % line})
    settings_obj, _created = MonitorSettings.objects.get_or_create(network=network)
    before = audit.snapshot(settings_obj, ("intro", "course_lines", "embed_origins"))
    settings_obj.intro = intro.strip()
    settings_obj.course_lines = lines
    settings_obj.embed_origins = origins
    # The introduction, the course lines and the embed's origins are all public.
    settings_obj.last_changed = settings_obj.public_changed = timezone.now()
    settings_obj.last_changed_by = _actor_user(actor)
    settings_obj.full_clean()
    settings_obj.save()
    audit.record(
        actor=actor,
        action="monitor.settings_update",
        target=settings_obj,
        network=network,
        changes=audit.diff(
            before, audit.snapshot(settings_obj, ("intro", "course_lines", "embed_origins"))
        ),
    )
    return settings_obj


# --- Projects -------------------------------------------------------------------------------------


def _course_lines(network: Network) -> list[str]:
    settings_obj = MonitorSettings.objects.filter(network=network).first()
    return list(settings_obj.course_lines) if settings_obj else []


def _check_relations(
    *,
    network: Network,
    project: Project,
    municipalities: list[Municipality] | None,
    organisations: list[Organisation] | None,
    themes: list[str] | None,
) -> None:
    errors: dict[str, list[str]] = {}
    if municipalities is not None:
        allowed = set(network.municipalities.values_list("pk", flat=True))
        outside = [m.name for m in municipalities if m.pk not in allowed]
        if outside:
            errors["municipalities"] = [
                _("Not a municipality of this network: %s") % ", ".join(outside)
            ]
    if organisations is not None:
        foreign = [o.name for o in organisations if o.network_id != network.pk]
        if foreign:
            errors["organisations"] = [
                _("Not an organisation of this network: %s") % ", ".join(foreign)
            ]
    if project.lead_organisation is not None and project.lead_organisation.network_id != network.pk:
        errors["lead_organisation"] = [_("The lead organisation is not part of this network.")]
    if themes is not None:
        known = vocabulary.theme_labels(_course_lines(network))
        unknown = [t for t in themes if t not in known]
        if unknown:
            errors["themes"] = [_("Unknown theme: %s") % ", ".join(unknown)]
    parent = project.parent
    if parent is not None:
        if parent.network_id != network.pk:
            errors["parent"] = [_("The parent project belongs to another network.")]
        else:
            seen = {project.pk} if project.pk else set()
            node: Project | None = parent
            while node is not None:
                if node.pk in seen:
                    errors["parent"] = [_("A project cannot be part of itself.")]
                    break
                seen.add(node.pk)
                node = node.parent
            if "parent" not in errors and is_more_open(
                project.confidentiality, parent.confidentiality
            ):
                errors["confidentiality"] = [
                    _("A sub-project cannot be more open than its parent project.")
                ]
    if errors:
        raise ValidationError(errors)


def _check_transition(old: str, new: str) -> None:
    if old != new and new not in ALLOWED_TRANSITIONS[Status(old)]:
        raise ValidationError(
            {
                "status": _("The status cannot change from “%(old)s” to “%(new)s”.")
                % {"old": Status(old).label, "new": Status(new).label}
            }
        )


def _apply_status(project: Project, status: str, today: date) -> None:
    """Set a new status with its consequences: the date, a start, an end, full progress."""
    if project.status == status and project.status_since is not None:
        return
    project.status = status
    project.status_since = today
    if status == Status.RUNNING and project.start_date is None:
        project.start_date = today
    if status == Status.COMPLETED:
        if project.end_date is None:
            project.end_date = max(today, project.start_date or today)
        if project.progress_rollup == ProgressRollup.MANUAL:
            project.progress = 100


def _set_relations(
    project: Project,
    *,
    municipalities: list[Municipality] | None,
    organisations: list[Organisation] | None,
    themes: list[str] | None,
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if project.region_wide:
        municipalities = []
    if municipalities is not None:
        old = sorted(m.code for m in project.municipalities.all())
        new = sorted({m.code for m in municipalities})
        if old != new:
            project.municipalities.set(municipalities)
            changes["municipalities"] = audit.change(old, new)
    if organisations is not None:
        old = sorted(o.name for o in project.organisations.all())
        new = sorted({o.name for o in organisations})
        if old != new:
            project.organisations.set(organisations)
            changes["organisations"] = audit.change(old, new)
    if themes is not None:
        old = sorted(project.themes.values_list("key", flat=True))
        new = sorted(set(themes))
        if old != new:
            project.themes.exclude(key__in=new).delete()
            ProjectTheme.objects.bulk_create(
                [ProjectTheme(project=project, key=k) for k in new if k not in old]
            )
            changes["themes"] = audit.change(old, new)
    return changes


@transaction.atomic
def project_create(
    *,
    actor: Any,
    network: Network,
    title: str,
    status: str = Status.IDEA,
    municipalities: list[Municipality] | None = None,
    organisations: list[Organisation] | None = None,
    themes: list[str] | None = None,
    **fields: Any,
) -> Project:
    """Add a project to the network's monitor (with its municipalities, organisations, themes)."""
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    project = Project(network=network, title=title.strip(), **fields)
    _apply_status(project, status, timezone.localdate())
    _check_relations(
        network=network,
        project=project,
        municipalities=municipalities,
        organisations=organisations,
        themes=themes,
    )
    _stamp(project, actor)
    project.full_clean()
    project.save()
    changes = {**audit.snapshot(project, ("title", "status", "confidentiality"))}
    changes.update(
        _set_relations(
            project, municipalities=municipalities, organisations=organisations, themes=themes
        )
    )
    audit.record(
        actor=actor,
        action="monitor.project_create",
        target=project,
        network=network,
        changes=changes,
    )
    public = _is_public(project)
    if project.parent_id:
        public |= project_recalculate_progress(actor=actor, project=project.parent)  # type: ignore[arg-type]
    touch(network=network, actor=actor, public=public)
    return project


@transaction.atomic
def project_update(
    *,
    actor: Any,
    project: Project,
    status: str | None = None,
    municipalities: list[Municipality] | None = None,
    organisations: list[Organisation] | None = None,
    themes: list[str] | None = None,
    **fields: Any,
) -> Project:
    """Change a project. A status change follows ``ALLOWED_TRANSITIONS`` and is dated."""
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    network = project.network
    tracked = (*PROJECT_FIELDS, "status", "status_since")
    before = audit.snapshot(project, tracked)
    old_parent_id = project.parent_id
    for name, value in fields.items():
        setattr(project, name, value)
    if status is not None and status != project.status:
        _check_transition(project.status, status)
        _apply_status(project, status, timezone.localdate())
    _check_relations(
        network=network,
        project=project,
        municipalities=municipalities,
        organisations=organisations,
        themes=themes,
    )
    # A project cannot be more open than its parent, nor its sub-projects more open than it.
    if project.confidentiality != before["confidentiality"]:
        more_open_children = [
            c.title
            for c in project.children.all()
            if is_more_open(c.confidentiality, project.confidentiality)
        ]
        if more_open_children:
            raise ValidationError(
                {
                    "confidentiality": _(
                        "These sub-projects are more open than that: %s. Change them first."
                    )
                    % ", ".join(more_open_children)
                }
            )
    _stamp(project, actor)
    project.full_clean()
    project.save()
    changes = audit.diff(before, audit.snapshot(project, tracked))
    changes.update(
        _set_relations(
            project, municipalities=municipalities, organisations=organisations, themes=themes
        )
    )
    if changes:
        audit.record(
            actor=actor,
            action="monitor.project_update",
            target=project,
            network=network,
            changes=changes,
        )
    # Public before or after: a project hidden or made public changes the public pages too.
    public = before["confidentiality"] == Confidentiality.PUBLIC or _is_public(project)
    # The project's own roll-up may have changed (its method), and so may its parents'.
    public |= project_recalculate_progress(actor=actor, project=project)
    if old_parent_id and old_parent_id != project.parent_id:
        old_parent = Project.objects.filter(pk=old_parent_id).first()
        if old_parent is not None:
            public |= project_recalculate_progress(actor=actor, project=old_parent)
    touch(network=network, actor=actor, public=public)
    return project


@transaction.atomic
def project_change_status(*, actor: Any, project: Project, status: str) -> Project:
    """Move a project to another status (see ``ALLOWED_TRANSITIONS``)."""
    return project_update(actor=actor, project=project, status=status)


@transaction.atomic
def project_delete(*, actor: Any, project: Project) -> None:
    """Remove a project; its sub-projects stay, without a parent."""
    network = project.network
    parent = project.parent
    public = _is_public(project)
    audit.record(
        actor=actor,
        action="monitor.project_delete",
        target=project,
        network=network,
        changes=audit.snapshot(project, ("title", "status")),
    )
    project.delete()
    if parent is not None:
        public |= project_recalculate_progress(actor=actor, project=parent)
    touch(network=network, actor=actor, public=public)


def rolled_up_progress(project: Project) -> int | None:
    """The progress a project gets from its parts or sub-projects; None when it is entered."""
    if project.progress_rollup == ProgressRollup.PARTS:
        parts = list(project.parts.all())
        total_weight = sum(p.weight for p in parts)
        if not total_weight:
            return None
        return round(sum(p.effective_progress * p.weight for p in parts) / total_weight)
    if project.progress_rollup in (ProgressRollup.AVERAGE, ProgressRollup.WEIGHTED):
        # Only the sub-projects everyone who sees the project sees too: a public programme's
        # figure must not tell the public how a network-level sub-project is doing.
        children = [
            c
            for c in project.children.all()
            if not is_more_open(project.confidentiality, c.confidentiality)
        ]
        if not children:
            return None
        if project.progress_rollup == ProgressRollup.AVERAGE:
            return round(sum(c.progress for c in children) / len(children))
        total_weight = sum(c.weight for c in children)
        return round(sum(c.progress * c.weight for c in children) / total_weight)
    return None


@transaction.atomic
def project_recalculate_progress(*, actor: Any, project: Project) -> bool:
    """Roll progress up from parts or sub-projects, then up through every parent project.

    Returns whether a public project's progress changed: the caller's change is then public
    too (``touch``), even when the project it changed is not."""
    public_changed = False
    seen: set[int] = set()
    node: Project | None = project
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        value = rolled_up_progress(node)
        if value is not None and value != node.progress:
            old = node.progress
            node.progress = value
            node.save(update_fields=["progress", "updated_at"])
            public_changed |= _is_public(node)
            audit.record(
                actor=actor,
                action="monitor.project_progress",
                target=node,
                network=node.network,
                changes={"progress": audit.change(old, value)},
            )
        node = node.parent
    return public_changed


@dataclass
class PartData:
    title: str
    state: str = PartState.NOT_STARTED
    progress: int = 0
    weight: int = 1


@transaction.atomic
def project_parts_set(*, actor: Any, project: Project, parts: list[PartData]) -> list[ProjectPart]:
    """Replace the parts of a plan (in this order) and roll the progress up."""
    old = [f"{p.title} ({p.state})" for p in project.parts.all()]
    objects = [
        ProjectPart(
            project=project,
            title=part.title.strip(),
            state=part.state,
            progress=100 if part.state == PartState.READY else part.progress,
            weight=part.weight,
            position=index,
        )
        for index, part in enumerate(parts)
        if part.title.strip()
    ]
    for obj in objects:
        obj.full_clean(exclude=["project"])
    project.parts.all().delete()
    ProjectPart.objects.bulk_create(objects)
    new = [f"{p.title} ({p.state})" for p in objects]
    _stamp(project, actor)
    project.save(update_fields=["updated_by", "updated_by_label", "updated_at"])
    if old != new:
        audit.record(
            actor=actor,
            action="monitor.project_parts",
            target=project,
            network=project.network,
            changes={"parts": audit.change(old, new)},
        )
    public = project_recalculate_progress(actor=actor, project=project) or _is_public(project)
    touch(network=project.network, actor=actor, public=public)
    return objects


@dataclass
class MilestoneData:
    date: date
    title: str
    description: str = ""
    done: bool = False


@transaction.atomic
def project_milestones_set(
    *, actor: Any, project: Project, milestones: list[MilestoneData]
) -> list[Milestone]:
    """Replace the milestones on the project's timeline."""
    old = [
        f"{m.date.isoformat()} {m.title}{' ✓' if m.done else ''}" for m in project.milestones.all()
    ]
    objects = [
        Milestone(
            project=project,
            date=m.date,
            title=m.title.strip(),
            description=m.description.strip(),
            done=m.done,
        )
        for m in sorted(milestones, key=lambda m: m.date)
        if m.title.strip()
    ]
    for obj in objects:
        obj.full_clean(exclude=["project"])
    project.milestones.all().delete()
    Milestone.objects.bulk_create(objects)
    new = [f"{m.date.isoformat()} {m.title}{' ✓' if m.done else ''}" for m in objects]
    _stamp(project, actor)
    project.save(update_fields=["updated_by", "updated_by_label", "updated_at"])
    if old != new:
        audit.record(
            actor=actor,
            action="monitor.project_milestones",
            target=project,
            network=project.network,
            changes={"milestones": audit.change(old, new)},
        )
    touch(network=project.network, actor=actor, public=_is_public(project))
    return objects


@dataclass
class FundingData:
    source: str
    year: int
    amount: Decimal
    state: str


def _funding_label(line: Any) -> str:
    return f"{line.source} {line.year} {line.amount} {line.state}"


@transaction.atomic
def project_funding_set(
    *, actor: Any, project: Project, lines: list[FundingData]
) -> list[FundingLine]:
    """Replace the funding lines (one per source and year; amounts never negative)."""
    seen: set[tuple[str, int]] = set()
    for line in lines:
        if line.amount < 0:
            raise ValidationError({"amount": _("An amount cannot be negative.")})
        if (line.source, line.year) in seen:
            raise ValidationError(
                {"source": _("Each source appears once per year; add the amounts together.")}
            )
        seen.add((line.source, line.year))
    old = [_funding_label(f) for f in project.funding.all()]
    objects = [
        FundingLine(project=project, source=f.source, year=f.year, amount=f.amount, state=f.state)
        for f in lines
    ]
    for obj in objects:
        obj.full_clean(exclude=["project"])
    project.funding.all().delete()
    FundingLine.objects.bulk_create(objects)
    new = [_funding_label(f) for f in objects]
    _stamp(project, actor)
    project.save(update_fields=["updated_by", "updated_by_label", "updated_at"])
    if old != new:
        audit.record(
            actor=actor,
            action="monitor.project_funding",
            target=project,
            network=project.network,
            changes={"funding": audit.change(old, new)},
        )
    touch(network=project.network, actor=actor, public=_is_public(project))
    return objects


# --- Import ----------------------------------------------------------------------------------------


def projects_import_check(
    *,
    network: Network,
    file: IO[bytes],
    filename: str,
    progress: Callable[[int, int], None] | None = None,
) -> importing.ImportPlan:
    """Read and check every row (nothing is saved); raises ``ImportFailed`` with the report."""
    return importing.check(network=network, file=file, filename=filename, progress=progress)


@transaction.atomic
def projects_import_apply(
    *, actor: Any, network: Network, plan: importing.ImportPlan
) -> dict[str, int]:
    """Save a checked plan: every row or, on any error, none (one transaction)."""
    created = updated = 0
    public = False  # whether any row's project was public before or is after
    today = timezone.localdate()
    for row in plan.rows:
        values = dict(row.values)
        status = values.pop("status")
        if row.project is None:
            project = Project(network=network, **values)
            _apply_status(project, status, today)
            _stamp(project, actor)
            project.full_clean()
            project.save()
            changes: dict[str, Any] = audit.snapshot(project, ("title", "status"))
            created += 1
            action = "monitor.project_create"
        else:
            project = Project.objects.select_for_update().get(pk=row.project.pk)
            public |= _is_public(project)
            tracked = (*values.keys(), "status")
            before = audit.snapshot(project, tracked)
            for name, value in values.items():
                setattr(project, name, value)
            if status != project.status:
                try:
                    _check_transition(project.status, status)
                except ValidationError as exc:
                    raise ImportFailed(
                        [RowError(row.row, row.status_column, " ".join(exc.messages))]
                    ) from None
                _apply_status(project, status, today)
            _stamp(project, actor)
            project.full_clean()
            project.save()
            changes = audit.diff(before, audit.snapshot(project, tracked))
            updated += 1
            action = "monitor.project_update"
        changes.update(
            _set_relations(
                project,
                municipalities=row.municipalities,
                organisations=row.organisations if row.organisations_given else None,
                themes=row.themes if row.themes_given else None,
            )
        )
        if row.funding is not None:
            FundingLine.objects.update_or_create(
                project=project,
                source=row.funding.source,
                year=row.funding.year,
                defaults={"amount": row.funding.amount, "state": row.funding.state},
            )
            changes["funding"] = _funding_label(row.funding)
        audit.record(actor=actor, action=action, target=project, network=network, changes=changes)
        public |= _is_public(project)
        if project.parent_id:
            public |= project_recalculate_progress(actor=actor, project=project.parent)  # type: ignore[arg-type]
    audit.record(
        actor=actor,
        action="monitor.projects_import",
        network=network,
        changes={"created": created, "updated": updated, "file": plan.filename},
    )
    touch(network=network, actor=actor, public=public)
    return {"created": created, "updated": updated}


def projects_import(
    *, actor: Any, network: Network, file: IO[bytes], filename: str, commit: bool
) -> importing.ImportPlan:
    """Check a file; with ``commit`` also save it (all rows or none)."""
    plan = projects_import_check(network=network, file=file, filename=filename)
    if commit:
        plan.result = projects_import_apply(actor=actor, network=network, plan=plan)
    return plan


def import_rows_in(data: bytes, filename: str) -> int:
    import io

    from bestuurstafel.core.imports import read_table

    return len(read_table(io.BytesIO(data), filename).rows)


@transaction.atomic
def import_job_create(*, actor: Any, network: Network, filename: str, data: bytes) -> ImportJob:
    """Keep a large file and let the task worker check it (progress on the job's page)."""
    total = import_rows_in(data, filename)
    job = ImportJob.objects.create(
        network=network,
        created_by=_actor_user(actor),
        filename=filename[:200],
        data=data,
        total_rows=total,
        state=ImportJob.State.CHECKING,
    )
    audit.record(
        actor=actor,
        action="monitor.import_job_create",
        target=job,
        network=network,
        changes={"file": filename, "rows": total},
    )
    from .tasks import check_import_job

    transaction.on_commit(lambda: check_import_job.enqueue(job_id=job.pk))
    return job


@transaction.atomic
def import_job_confirm(*, actor: Any, job: ImportJob) -> ImportJob:
    """The editor confirms a checked file: the worker imports it in one transaction."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.state != ImportJob.State.CHECKED:
        raise ValidationError(_("This file is not ready to be imported."))
    job.state = ImportJob.State.IMPORTING
    job.processed_rows = 0
    job.save(update_fields=["state", "processed_rows", "updated_at"])
    audit.record(actor=actor, action="monitor.import_job_confirm", target=job, network=job.network)
    from .tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.enqueue(job_id=job.pk))
    return job


def import_errors_as_json(errors: Iterable[RowError]) -> list[dict[str, Any]]:
    return [{"row": e.row, "column": e.column, "message": e.message} for e in errors]


def import_errors_from_json(rows: Iterable[dict[str, Any]]) -> list[RowError]:
    return [RowError(r.get("row"), r.get("column", ""), r.get("message", "")) for r in rows]
