"""Background work: the directory import (progress shown on the job page)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.jobs import job_fail, job_progress, job_running, job_succeed


@task()
def import_organisations_task(job_id: int) -> None:
    from django.urls import reverse

    from .importer import ImportFailed, import_directory, result_for_job

    with job_running(job_id) as job, translation.override(job.params.get("language", "tr")):
        # The report is written in the language of the person who started the job.
        with job.input_file.open("rb") as f:
            data = f.read()
        try:
            report = import_directory(
                office=job.office,
                data=data,
                actor=job.created_by,
                progress=lambda done, total: job_progress(job_id, done, total),
            )
        except ImportFailed as exc:
            job_fail(job_id, message=exc.message, result=result_for_job(exc.report))
            return
        result = result_for_job(report)
        result["next_url"] = reverse(
            "panel:organisations:list", kwargs={"office_slug": job.office.slug}
        )
        job_succeed(
            job_id,
            result=result,
            message=_(
                "{c} kurum eklendi, {u} güncellendi, {n} değişmedi; "
                "{mc} ekip üyesi eklendi, {mu} güncellendi."
            ).format(
                c=report.created,
                u=report.updated,
                n=report.unchanged,
                mc=report.members_created,
                mu=report.members_updated,
            ),
        )
