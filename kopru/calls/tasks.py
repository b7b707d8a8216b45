"""Background work: imports, alert digests and deadline reminders (the writes are the
services'; these are the task entry points the queue and ``calls_daily`` run).

``send_instant_alerts`` is defined beside its service (``services.subscriptions``),
because publishing a call enqueues it; it is importable from here like the others."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.jobs import job_fail, job_progress, job_running, job_succeed

from . import services
from .models import Frequency
from .services import send_instant_alerts as send_instant_alerts  # (a re-export: see above)


@task()
def import_calls_task(job_id: int) -> None:
    from .importing import ImportRejected, import_file

    with job_running(job_id) as job:
        job.input_file.open("rb")
        try:
            data = job.input_file.read()
        finally:
            job.input_file.close()
        params = job.params or {}
        try:
            outcome = import_file(
                office=job.office,
                data=data,
                filename=params.get("filename", job.input_file.name),
                fmt=params.get("format") or None,
                actor=job.created_by,
                progress=lambda done, total: job_progress(job_id, done, total),
            )
        except ImportRejected as exc:
            job_fail(
                job_id,
                message=_("Dosyada %(n)d hatalı kayıt var; hiçbir şey yazılmadı.")
                % {"n": len(exc.outcome.errors)},
                result={"errors": exc.outcome.errors[:500], "summary": {}},
            )
            return
        job_succeed(
            job_id,
            result={
                "summary": outcome.summary(),
                "errors": [],
                "notes": outcome.notes,
                "next_url": reverse("panel:calls:list", kwargs={"office_slug": job.office.slug}),
            },
            message=_("İçe aktarma tamamlandı."),
        )


@task()
def send_periodic_alerts() -> int:
    return services.alerts_send_due(frequencies=(Frequency.DAILY, Frequency.WEEKLY))


@task()
def daily_calls_maintenance() -> dict[str, Any]:
    return {
        "refreshed": services.call_next_deadlines_refresh(),
        "reminders": services.follow_reminders_send(),
        "digests": services.alerts_send_due(frequencies=(Frequency.DAILY, Frequency.WEEKLY)),
    }
