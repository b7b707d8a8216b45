"""The task queue's health: tasks whose worker died, and the state shown by /healthz.

django-tasks' database worker marks a task RUNNING when it takes it and FINISHED when
it ends; a worker killed in between (``kill -9``, a machine restart, the OOM killer)
leaves the task RUNNING forever. :func:`stuck_tasks_recover` (a periodic job of the
scheduler, every five minutes) treats a task still running
``KOPRU_TASK_TIMEOUT_SECONDS`` after it started as lost: the first time it is put back
in the queue (imports are all-or-nothing, so running one again is safe); a task that
was already taken over once is failed. The progress record the user watches (a
:class:`~kopru.core.models.Job`, or a :class:`~kopru.core.models.ScheduledRun`)
follows: queued again, or failed with a message saying why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from .models import Job, JobStatus, RunStatus, ScheduledRun

WORKER_LOST = "kopru.core.taskqueue.WorkerLost"


def task_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "KOPRU_TASK_TIMEOUT_SECONDS", 7200)))


def _stuck(now: dt.datetime) -> Any:
    return DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - task_timeout())


def stuck_tasks_recover(*, now: dt.datetime | None = None, retries: int = 1) -> dict[str, int]:
    """Re-queue (``retries`` times) or fail every task that has lost its worker."""
    now = now or timezone.now()
    requeued = failed = 0
    with transaction.atomic():
        for result in _stuck(now).select_for_update(skip_locked=True):
            kwargs = (result.args_kwargs or {}).get("kwargs", {})
            if len(result.worker_ids or []) <= retries:
                result.status = "READY"
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                _follow(kwargs, queued=True, now=now)
                requeued += 1
            else:
                result.status = "FAILED"
                result.finished_at = now
                result.exception_class_path = WORKER_LOST
                result.traceback = (
                    f"The worker(s) {', '.join(result.worker_ids)} stopped while running this "
                    f"task (still RUNNING {task_timeout()} after it started)."
                )
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                _follow(kwargs, queued=False, now=now)
                failed += 1
    return {"requeued": requeued, "failed": failed}


def _follow(kwargs: dict[str, Any], *, queued: bool, now: dt.datetime) -> None:
    message = _("İşi yürüten süreç durdu; iş tamamlanamadı. Yeniden başlatabilirsiniz.")
    if job_id := kwargs.get("job_id"):
        jobs = Job._base_manager.filter(pk=job_id, status__in=[JobStatus.RUNNING, JobStatus.QUEUED])
        if queued:
            jobs.update(status=JobStatus.QUEUED)
        else:
            jobs.update(status=JobStatus.FAILED, message=message, finished_at=now)
    if run_id := kwargs.get("run_id"):
        runs = ScheduledRun.objects.filter(pk=run_id)
        if queued:
            runs.update(status=RunStatus.QUEUED, started_at=None)
        else:
            runs.update(status=RunStatus.FAILED, message=message, finished_at=now)


def queue_state(now: dt.datetime | None = None) -> dict[str, Any]:
    """Counts of the database queue, for /healthz."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.filter(status="READY")
    state: dict[str, Any] = {
        "ready": ready.count(),
        "running": DBTaskResult.objects.filter(status="RUNNING").count(),
        "stuck": _stuck(now).count(),
        "failed_last_24h": DBTaskResult.objects.filter(
            status="FAILED", finished_at__gte=now - dt.timedelta(hours=24)
        ).count(),
    }
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    state["oldest_ready_seconds"] = int((now - oldest).total_seconds()) if oldest else 0
    last = (
        DBTaskResult.objects.exclude(started_at=None)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    state["last_started"] = last.isoformat() if last else None
    # A queue whose oldest task has waited 10 minutes has no working worker; a task
    # running past the timeout has lost its worker.
    state["ok"] = state["oldest_ready_seconds"] < 600 and state["stuck"] == 0
    return state
