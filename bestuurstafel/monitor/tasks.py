"""Background work of the monitor: checking and importing large spreadsheets.

Both tasks are idempotent: they act only on a job in the state they expect, so a retry or a
second worker picking the same job up does nothing.
"""

import io
from collections.abc import Callable

from django.db import transaction
from django.tasks import task

from bestuurstafel.core.imports import ImportFailed

from . import services
from .models import ImportJob


def _progress_saver(job_id: int) -> Callable[[int, int], None]:
    def save(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(processed_rows=done, total_rows=total)

    return save


@task()
def check_import_job(*, job_id: int) -> str:
    """Check every row of an uploaded file; keep the report (problems, or the preview)."""
    job = ImportJob.objects.select_related("network").filter(pk=job_id).first()
    if job is None or job.state != ImportJob.State.CHECKING:
        return "skipped"
    try:
        plan = services.projects_import_check(
            network=job.network,
            file=io.BytesIO(bytes(job.data)),
            filename=job.filename,
            progress=_progress_saver(job.pk),
        )
    except ImportFailed as exc:
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.INVALID, errors=services.import_errors_as_json(exc.errors)
        )
        return "invalid"
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.CHECKED,
        summary=plan.summary(),
        processed_rows=len(plan.rows),
        errors=[],
    )
    return "checked"


@task()
def run_import_job(*, job_id: int) -> str:
    """Import a confirmed file in one transaction (checked again: the data may have changed)."""
    try:
        return _run_import_job(job_id)
    except Exception:
        ImportJob.objects.filter(pk=job_id, state=ImportJob.State.IMPORTING).update(
            state=ImportJob.State.FAILED
        )
        raise


def _run_import_job(job_id: int) -> str:
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update(of=("self",))
            .select_related("network", "created_by")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.state != ImportJob.State.IMPORTING:
            return "skipped"
        try:
            plan = services.projects_import_check(
                network=job.network, file=io.BytesIO(bytes(job.data)), filename=job.filename
            )
            result = services.projects_import_apply(
                actor=job.created_by, network=job.network, plan=plan
            )
        except ImportFailed as exc:
            transaction.set_rollback(True)
            errors = services.import_errors_as_json(exc.errors)
        else:
            job.state = ImportJob.State.DONE
            job.processed_rows = job.total_rows
            job.summary = {**job.summary, "result": result}
            job.save(update_fields=["state", "processed_rows", "summary", "updated_at"])
            return "done"
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.INVALID, errors=errors)
    return "invalid"
