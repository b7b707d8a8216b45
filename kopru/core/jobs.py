"""Long work that shows its progress: start a job, report, finish.

    job = job_start(office=office, kind="trainings.certificates", title=_("Sertifikalar"),
                    actor=request.user, task=issue_certificates_task, params={...})

The task receives ``job_id`` and does its work inside ``job_running(job_id)``,
which enters the job's office scope, marks it running and records a failure. Imports
start their job with :func:`kopru.core.imports.jobs.import_start`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from .models import Job, JobStatus
from .scoping import office_scope


def job_start(
    *,
    office: Any,
    kind: str,
    title: str,
    actor: Any,
    task: Any,
    params: dict[str, Any] | None = None,
    input_file: File[Any] | None = None,
    input_name: str = "",
) -> Job:
    job = Job(office=office, kind=kind, title=title, params=params or {})
    if actor is not None and getattr(actor, "is_authenticated", False):
        job.created_by = actor
    if input_file is not None:
        job.input_file.save(
            input_name or getattr(input_file, "name", "input"), input_file, save=False
        )
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: task.enqueue(job_id=job_id))
    return job


def _update(job_id: int, **fields: Any) -> None:
    Job._base_manager.filter(pk=job_id).update(**fields)


def job_progress(job_id: int, done: int, total: int, message: str = "") -> None:
    fields: dict[str, Any] = {"done": done, "total": total}
    if message:
        fields["message"] = message
    _update(job_id, **fields)


def job_succeed(job_id: int, *, result: dict[str, Any], message: str = "") -> None:
    _update(
        job_id,
        status=JobStatus.SUCCEEDED,
        result=result,
        message=message,
        finished_at=timezone.now(),
    )


def job_fail(job_id: int, *, message: str, result: dict[str, Any] | None = None) -> None:
    _update(
        job_id,
        status=JobStatus.FAILED,
        message=message,
        result=result or {},
        finished_at=timezone.now(),
    )


@contextmanager
def job_running(job_id: int) -> Iterator[Job]:
    """Mark the job running inside its office scope; an exception fails the job."""
    job = Job._base_manager.select_related("office", "created_by").get(pk=job_id)
    _update(job_id, status=JobStatus.RUNNING)
    with office_scope(job.office):
        try:
            yield job
        except Exception as exc:
            job_fail(job_id, message=f"{exc.__class__.__name__}: {exc}")
            raise
