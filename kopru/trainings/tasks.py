"""Background work: bulk certificate issue (the history import runs as a job of
kopru.core.imports)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.jobs import job_progress, job_running, job_succeed

from .models import Event
from .services import certificates_issue_for_event


@task()
def issue_certificates_task(job_id: int) -> None:
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
