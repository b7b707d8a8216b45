"""Periodic housekeeping of the foundation (the scheduler runs it, see ``scheduler``)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RateLimitBucket, ScheduledRun
from .scheduler import periodic
from .services import heartbeat_prune
from .taskqueue import stuck_tasks_recover


@periodic(
    "core.stuck_tasks",
    "*/5 * * * *",
    description=_("Çalışanı ölen işleri yeniden sıraya alır ya da başarısız sayar"),
)
def recover_stuck_tasks() -> dict[str, int]:
    return stuck_tasks_recover()


@periodic(
    "core.ratelimit_buckets",
    "15 * * * *",
    description=_("Süresi geçmiş istek sınırı sayaçlarını siler"),
)
def purge_rate_limit_buckets() -> dict[str, int]:
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
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return "not a database queue"
    out = StringIO()
    call_command("prune_db_task_results", min_age_days=30, failed_min_age_days=90, stdout=out)
    return out.getvalue().strip()


@periodic(
    "core.worker_heartbeats",
    "50 3 * * *",
    description=_("Bir günden uzun süredir sinyal vermeyen görev çalışanlarının kaydını siler"),
)
def prune_worker_heartbeats() -> dict[str, int]:
    return {"deleted": heartbeat_prune()}
