"""A task whose worker died while RUNNING is re-queued once, then failed (issue 12, point 6)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kopru.core.models import Job, JobStatus
from kopru.core.taskqueue import stuck_tasks_recover
from kopru.core.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _running(job: Any, *, started_hours_ago: float, workers: list[str]) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [], "kwargs": {"job_id": job.pk}},
        task_path="kopru.calls.tasks.import_calls_task",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - dt.timedelta(hours=started_hours_ago),
        worker_ids=workers,
    )


def test_a_task_that_lost_its_worker_is_requeued_then_failed(balikesir: Any) -> None:
    job = JobFactory(office=balikesir, status=JobStatus.RUNNING)
    lost = _running(job, started_hours_ago=3, workers=["w1"])
    busy = _running(
        JobFactory(office=balikesir, status=JobStatus.RUNNING),
        started_hours_ago=0.1,
        workers=["w1"],
    )

    assert stuck_tasks_recover() == {"requeued": 1, "failed": 0}
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert lost.status == "READY" and lost.started_at is None
    assert busy.status == "RUNNING"  # still within its time
    assert Job._base_manager.get(pk=job.pk).status == JobStatus.QUEUED

    # taken over by a second worker, which dies as well: failed, with a reason
    DBTaskResult.objects.filter(pk=lost.pk).update(
        status="RUNNING",
        started_at=timezone.now() - dt.timedelta(hours=3),
        worker_ids=["w1", "w2"],
    )
    assert stuck_tasks_recover() == {"requeued": 0, "failed": 1}
    lost.refresh_from_db()
    assert lost.status == "FAILED" and lost.finished_at
    assert lost.exception_class_path == "kopru.core.taskqueue.WorkerLost"
    failed = Job._base_manager.get(pk=job.pk)
    assert failed.status == JobStatus.FAILED and failed.message and failed.finished_at


@override_settings(TASKS=DB_QUEUE)
def test_healthz_is_degraded_while_a_task_is_stuck(client, balikesir: Any) -> None:
    from kopru.core.scheduler import scheduler_tick

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        scheduler_tick()
    _running(
        JobFactory(office=balikesir, status=JobStatus.RUNNING), started_hours_ago=3, workers=["w"]
    )
    body = json.loads(client.get("/healthz").content)
    assert body["tasks"]["stuck"] == 1
    assert body["tasks"]["ok"] is False
    assert body["status"] == "degraded"
    stuck_tasks_recover()
    body = json.loads(client.get("/healthz").content)
    assert body["tasks"]["stuck"] == 0 and body["tasks"]["ok"] is True
