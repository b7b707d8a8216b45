"""Honest status of the task worker: heartbeats, /healthz, the job page, the scheduler page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from kopru.core.models import Job, WorkerHeartbeat
from kopru.core.scoping import unscoped
from kopru.core.services import heartbeat_beat, heartbeat_prune
from kopru.core.workers import job_waits_for_a_worker, worker_state

pytestmark = pytest.mark.django_db


def _beat(worker_id: str, seconds_ago: int) -> None:
    heartbeat_beat(worker_id=worker_id, host="web-1", pid=42, started_at=timezone.now())
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        beat_at=timezone.now() - dt.timedelta(seconds=seconds_ago)
    )


def test_worker_state_counts_only_recent_heartbeats() -> None:
    assert worker_state()["alive"] == 0 and worker_state()["last_heartbeat"] is None
    _beat("a", 5)
    _beat("b", 600)
    state = worker_state()
    assert state["alive"] == 1 and 4 <= state["seconds_since"] <= 7
    assert heartbeat_prune(older_than=dt.timedelta(minutes=5)) == 1


def test_healthz_shows_the_last_heartbeat_and_degrades_without_a_worker(
    client: Any, settings: Any, balikesir: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    body = client.get("/healthz").json()
    assert body["tasks"]["workers_alive"] == 0 and body["tasks"]["last_heartbeat"] is None
    _beat("w1", 3)
    body = client.get("/healthz").json()
    assert body["tasks"]["workers_alive"] == 1 and body["tasks"]["last_heartbeat"]


def _queued_job(office: Any, age_seconds: int) -> Job:
    with unscoped("test: a job of the office"):
        job = Job.objects.create(office=office, kind="test", title="Çağrı dosyası")
        Job.objects.filter(pk=job.pk).update(
            created_at=timezone.now() - dt.timedelta(seconds=age_seconds)
        )
        job.refresh_from_db()
    return job


def test_a_job_not_picked_up_in_30_seconds_says_the_worker_is_not_running(
    client_for: Any, balikesir: Any, balikesir_coordinator: Any
) -> None:
    fresh = _queued_job(balikesir, 5)
    old = _queued_job(balikesir, 40)
    assert not job_waits_for_a_worker(fresh) and job_waits_for_a_worker(old)
    client = client_for(balikesir_coordinator)
    page = client.get(f"/balikesir/panel/isler/{old.pk}/").content.decode()
    assert "görev çalışanı çalışmıyor" in page
    assert (
        "görev çalışanı çalışmıyor"
        not in client.get(f"/balikesir/panel/isler/{fresh.pk}/").content.decode()
    )
    _beat("w1", 2)  # a worker is alive: the job is only waiting its turn
    assert (
        "görev çalışanı çalışmıyor"
        not in client.get(f"/balikesir/panel/isler/{old.pk}/").content.decode()
    )


def test_national_admin_sees_the_workers_heartbeat(client_for: Any, national_admin: Any) -> None:
    client = client_for(national_admin)
    assert (
        "Hiçbir görev çalışanı çalışmıyor"
        in client.get("/ulusal/planlanmis-isler/").content.decode()
    )
    _beat("w1", 2)
    page = client.get("/ulusal/planlanmis-isler/").content.decode()
    assert "1 görev çalışanı çalışıyor" in page and "sn önce" in page


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_records_its_heartbeat_and_removes_it_when_it_stops(
    monkeypatch: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from kopru.core.management.commands import worker

    rows_while_running: list[int] = []
    forget = worker.heartbeat_forget

    def spy(*, worker_id: str) -> None:
        rows_while_running.append(WorkerHeartbeat.objects.filter(worker_id=worker_id).count())
        forget(worker_id=worker_id)

    monkeypatch.setattr(worker, "heartbeat_forget", spy)
    call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "t1", "--interval", "0")
    assert rows_while_running == [1]
    assert WorkerHeartbeat.objects.filter(worker_id="t1").count() == 0
