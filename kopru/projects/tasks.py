"""Background work: the project import and the report reminders."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.errors import ApplicationError
from kopru.core.jobs import job_fail, job_progress, job_running, job_succeed


@task()
def import_projects_task(job_id: int) -> None:
    with job_running(job_id) as job:
        with job.input_file.open("rb") as f:
            data = f.read()
        filename = job.params.get("filename") or job.input_file.name
        # The report (positions, reasons, counts) is stored in the language of whoever
        # uploaded the file: the worker itself runs in the default language.
        language = job.params.get("language") or settings.LANGUAGE_CODE
        with translation.override(language):
            _import(job_id, job, data, filename)


def _import(job_id: int, job: Any, data: bytes, filename: str) -> None:
    from django.urls import reverse

    from .importing import ImportFailed, import_file, summary_result

    try:
        report = import_file(
            data=data,
            filename=filename,
            office=job.office,
            actor=job.created_by,
            progress=lambda done, total: job_progress(job_id, done, total),
        )
    except ImportFailed as exc:
        job_fail(job_id, message=exc.message, result=summary_result(exc.report))
        return
    except ApplicationError as exc:
        job_fail(job_id, message=exc.message)
        return
    result = summary_result(report)
    result["next_url"] = reverse("panel:projects:list", kwargs={"office_slug": job.office.slug})
    job_succeed(
        job_id,
        result=result,
        message=_("{c} proje eklendi, {u} güncellendi, {n} değişmedi.").format(
            c=report.created, u=report.updated, n=report.unchanged
        ),
    )


@task()
def send_reminders_task() -> int:
    from .services import deadline_reminders_send

    return deadline_reminders_send()
