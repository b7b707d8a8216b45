"""Background work: bulk certificate issue and the history import."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.jobs import job_progress, job_running, job_succeed


@task()
def issue_certificates_task(job_id: int) -> None:
    from django.urls import reverse

    from .models import Event
    from .services import certificates_issue_for_event

    with job_running(job_id) as job:
        event = Event.objects.get(pk=job.params["event_id"])
        result = certificates_issue_for_event(
            event=event,
            language=job.params.get("language", "tr"),
            actor=job.created_by,
            progress=lambda done, total: job_progress(job_id, done, total),
        )
        job_succeed(
            job_id,
            result={
                "summary": {_("Düzenlenen sertifika"): result["issued"]},
                "errors": [],
                "next_url": reverse(
                    "panel:trainings:detail",
                    kwargs={"office_slug": job.office.slug, "pk": event.pk},
                ),
            },
            message=_("{n} sertifika düzenlendi.").format(n=result["issued"]),
        )


@task()
def import_history_task(job_id: int) -> None:
    from django.urls import reverse

    from .importer import import_history

    with job_running(job_id) as job:
        with job.input_file.open("rb") as f:
            report = import_history(office=job.office, fileobj=f, actor=job.created_by)
        result = {
            "summary": {
                _("Oluşturulan"): report.created,
                _("Güncellenen"): report.updated,
                _("Değişmeyen"): report.unchanged,
                _("Hatalı satır"): len(report.errors),
            },
            "errors": report.errors,
            "next_url": reverse(
                "panel:trainings:statistics", kwargs={"office_slug": job.office.slug}
            ),
        }
        if report.errors:
            from kopru.core.jobs import job_fail

            job_fail(
                job_id,
                message=_("Dosyada hatalı satırlar var; hiçbir kayıt yazılmadı."),
                result=result,
            )
        else:
            job_succeed(job_id, result=result, message=_("Geçmiş kayıtlar içe aktarıldı."))
