"""Background work of the foundation: running a scheduled job, and housekeeping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .models import RunStatus, ScheduledRun
from .scheduler import call_job, get_job, periodic


@task()
def run_scheduled_job(run_id: int) -> Any:
    """Run one slot of a periodic job, recording its start, end and outcome."""
    run = ScheduledRun.objects.get(pk=run_id)
    ScheduledRun.objects.filter(pk=run_id).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    try:
        result = call_job(get_job(run.job))
    except Exception as exc:
        ScheduledRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            message=f"{exc.__class__.__name__}: {exc}"[:2000],
        )
        raise
    ScheduledRun.objects.filter(pk=run_id).update(
        status=RunStatus.SUCCEEDED,
        finished_at=timezone.now(),
        message=_summary(result),
    )
    return result if isinstance(result, int | str | dict | list | None) else str(result)


def _summary(result: Any) -> str:
    if isinstance(result, dict):
        return ", ".join(f"{k}: {v}" for k, v in result.items())[:2000]
    return "" if result is None else str(result)[:2000]


@periodic(
    "core.stuck_tasks",
    "*/5 * * * *",
    description=_("Çalışanı ölen işleri yeniden sıraya alır ya da başarısız sayar"),
)
def recover_stuck_tasks() -> dict[str, int]:
    from .taskqueue import stuck_tasks_recover

    return stuck_tasks_recover()


@periodic(
    "core.ratelimit_buckets",
    "15 * * * *",
    description=_("Süresi geçmiş istek sınırı sayaçlarını siler"),
)
def purge_rate_limit_buckets() -> dict[str, int]:
    from .models import RateLimitBucket

    cutoff = timezone.now() - dt.timedelta(days=2)
    deleted, _detail = RateLimitBucket.objects.filter(window_start__lt=cutoff).delete()
    return {"deleted": deleted}


@periodic(
    "core.scheduled_runs",
    "45 3 * * *",
    description=_("90 günden eski planlanmış iş kayıtlarını siler"),
)
def purge_scheduled_runs() -> dict[str, int]:
    cutoff = timezone.now() - dt.timedelta(days=90)
    deleted, _detail = ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    return {"deleted": deleted}


@periodic(
    "core.task_results",
    "30 3 * * *",
    description=_("30 günden eski biten görev kayıtlarını siler"),
)
def prune_task_results() -> str:
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return "not a database queue"
    out = StringIO()
    call_command("prune_db_task_results", min_age_days=30, failed_min_age_days=90, stdout=out)
    return out.getvalue().strip()
