"""The scheduler (issue 12): periodic jobs declared in code, each slot run exactly once."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from kopru.core.models import RateLimitBucket, RunStatus, ScheduledRun
from kopru.core.scheduler import periodic_jobs, scheduler_state, scheduler_tick

pytestmark = pytest.mark.django_db

ISTANBUL = dt.timezone(dt.timedelta(hours=3))


def _at(hour: int, minute: int, days: int = 0) -> dt.datetime:
    """Today (Turkey) at hour:minute, ``days`` later: recent enough for the 90-day purge."""
    today = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(today.year, today.month, today.day, hour, minute, tzinfo=ISTANBUL)


def test_every_daily_command_and_housekeeping_is_a_declared_job() -> None:
    names = {job.name for job in periodic_jobs()}
    assert {
        "calls.daily",
        "projects.reminders",
        "partners.close_expired",
        "core.stuck_tasks",
        "core.ratelimit_buckets",
    } <= names


def test_a_slot_is_taken_once_and_the_next_slot_again() -> None:
    moment = _at(5, 31)
    first = scheduler_tick(moment)
    assert "calls.daily" in {r.job for r in first}
    assert scheduler_tick(moment) == []
    assert scheduler_tick(moment + dt.timedelta(minutes=3)) == []  # 05:34: no new slot
    at_0535 = {r.job for r in scheduler_tick(moment + dt.timedelta(minutes=4))}
    assert "core.stuck_tasks" in at_0535 and "calls.daily" not in at_0535  # */5 jobs only
    daily = ScheduledRun.objects.get(job="calls.daily")
    assert daily.slot == _at(5, 30)
    assert daily.status == RunStatus.SUCCEEDED  # tests run tasks at once
    assert daily.started_at and daily.finished_at and "digests" in daily.message
    scheduler_tick(moment + dt.timedelta(days=1))
    assert ScheduledRun.objects.filter(job="calls.daily").count() == 2


def test_a_failing_job_records_its_failure(monkeypatch: Any) -> None:
    from kopru.core import scheduler

    job = scheduler.get_job("core.ratelimit_buckets")

    def boom() -> None:
        raise RuntimeError("disk full")

    monkeypatch.setitem(
        scheduler._jobs, job.name, scheduler.PeriodicJob(job.name, job.cron, boom, job.description)
    )
    scheduler_tick(_at(9, 16))
    run = ScheduledRun.objects.get(job="core.ratelimit_buckets")
    assert run.status == RunStatus.FAILED and "disk full" in run.message
    state = {row["name"]: row for row in scheduler_state(_at(9, 17))}
    assert state["core.ratelimit_buckets"]["ok"] is False


def test_housekeeping_forgets_expired_rate_limit_buckets() -> None:
    old = timezone.now() - dt.timedelta(days=3)
    RateLimitBucket.objects.create(key="x", window_start=old, count=3)
    RateLimitBucket.objects.create(key="y", window_start=timezone.now(), count=1)
    from kopru.core.tasks import purge_rate_limit_buckets

    assert purge_rate_limit_buckets() == {"deleted": 1}
    assert list(RateLimitBucket.objects.values_list("key", flat=True)) == ["y"]


def test_housekeeping_closes_expired_partner_searches(balikesir: Any) -> None:
    from kopru.core.scoping import office_scope
    from kopru.partners.models import PartnerSearch, PostStatus
    from kopru.partners.tasks import close_expired_posts
    from kopru.partners.tests.factories import PartnerSearchFactory

    with office_scope(balikesir):
        expired = PartnerSearchFactory(
            office=balikesir, expires_on=timezone.localdate() - dt.timedelta(days=1)
        )
        current = PartnerSearchFactory(
            office=balikesir, expires_on=timezone.localdate() + dt.timedelta(days=5)
        )
    assert close_expired_posts() == {"closed": 1}
    statuses = dict(PartnerSearch._base_manager.values_list("pk", "status"))
    assert statuses == {expired.pk: PostStatus.CLOSED, current.pk: PostStatus.OPEN}


def test_national_administrators_see_last_and_next_runs(
    client, national_admin, balikesir_coordinator
) -> None:
    scheduler_tick(_at(6, 1))
    client.force_login(balikesir_coordinator)
    assert client.get("/ulusal/planlanmis-isler/").status_code == 404
    client.force_login(national_admin)
    page = client.get("/ulusal/planlanmis-isler/").content.decode()
    assert "calls.daily" in page and "projects.reminders" in page
    assert "30 5 * * *" in page and "tamamlandı" in page


def test_healthz_shows_the_scheduler_and_a_missed_slot(client) -> None:
    body = json.loads(client.get("/healthz").content)
    assert body["scheduler"]["jobs"]["calls.daily"]["missed"] is True
    assert body["status"] == "degraded"
    scheduler_tick()
    body = json.loads(client.get("/healthz").content)
    assert body["scheduler"]["ok"] is True, body["scheduler"]
    assert body["scheduler"]["jobs"]["calls.daily"]["last_status"] == "succeeded"
    assert body["scheduler"]["jobs"]["calls.daily"]["next"]
    assert body["status"] == "ok"


# --- several schedulers at once: processes against one database -----------------


def _database_env(path: Path) -> dict[str, str]:
    """An environment whose processes use the test database (a file copy on SQLite)."""
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)  # type: ignore[union-attr]
        target.close()
        url = f"sqlite:///{path}"
    else:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": url}


@pytest.mark.django_db(transaction=True)
def test_four_schedulers_at_once_enqueue_each_slot_exactly_once(tmp_path: Path) -> None:
    env = _database_env(tmp_path / "kopru.sqlite3")
    command = [sys.executable, "manage.py", "run_scheduler", "--once", "-v0"]
    processes = [
        subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for p in processes:
        assert p.wait(timeout=120) == 0, p.stderr.read() if p.stderr else ""
    code = (
        "import django, json\ndjango.setup()\n"
        "from kopru.core.models import ScheduledRun\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from kopru.core.scheduler import periodic_jobs\n"
        "runs = list(ScheduledRun.objects.values_list('job', flat=True))\n"
        "print(json.dumps({'runs': runs, 'tasks': DBTaskResult.objects.count(),"
        " 'jobs': len(periodic_jobs())}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert sorted(found["runs"]) == sorted(set(found["runs"]))  # no job twice
    assert len(found["runs"]) == found["jobs"] == found["tasks"]


@pytest.mark.django_db(transaction=True)  # the command closes stale connections, as it should
def test_run_scheduler_once_takes_the_due_slots(capsys: Any) -> None:
    from django.core.management import call_command

    call_command("run_scheduler", "--once", verbosity=1)
    assert "enqueued calls.daily" in capsys.readouterr().out
    assert ScheduledRun.objects.filter(job="calls.daily").count() == 1
    call_command("run_scheduler", "--once", verbosity=0)
    assert ScheduledRun.objects.filter(job="calls.daily").count() == 1


def test_a_job_is_declared_once_with_a_valid_cron() -> None:
    from kopru.core.scheduler import periodic

    with pytest.raises(ValueError, match="invalid cron"):
        periodic("x.bad", "61 * * * *")
    with pytest.raises(ValueError, match="declared twice"):
        periodic("calls.daily", "0 1 * * *")(lambda: None)
