"""Background work: making a report's PDF and XLSX files (with progress)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.jobs import job_progress, job_running, job_succeed

from . import services
from .models import AnnualReport


@task()
def generate_report_files_task(job_id: int) -> None:
    with job_running(job_id) as job, translation.override(job.params.get("ui_language", "tr")):
        report = AnnualReport.objects.select_related("office", "office__province").get(
            pk=job.params["report_id"]
        )
        made = services.report_files_generate(
            report=report,
            actor=job.created_by,
            languages=job.params.get("languages", ["tr", "en"]),
            formats=job.params.get("formats", ["pdf", "xlsx"]),
            progress=lambda done, total, message: job_progress(job_id, done, total, message),
        )
        job_succeed(
            job_id,
            result={
                "summary": {
                    f"{f.format.upper()} ({f.language})": _("{s:.1f} sn").format(s=f.seconds)
                    for f in made
                },
                "errors": [],
                "next_url": reverse(
                    "panel:annualreports:detail",
                    kwargs={"office_slug": job.office.slug, "pk": report.pk},
                ),
            },
            message=_("{n} dosya hazırlandı.").format(n=len(made)),
        )
