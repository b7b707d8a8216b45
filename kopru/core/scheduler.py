"""Periodic work without cron: jobs declared in code, run exactly once per slot.

An app declares its periodic jobs next to its tasks, in ``<app>/tasks.py``::

    from kopru.core.scheduler import periodic

    @periodic("calls.daily", "30 5 * * *", description=_("Çağrı kataloğunun günlük bakımı"))
    def calls_daily() -> dict[str, int]:
        ...

The cron expression is read by ``croniter`` in the installation's time zone
(``TIME_ZONE``, Europe/Istanbul). ``manage.py run_scheduler`` wakes up every
``interval`` seconds and calls :func:`scheduler_tick`: for each job, the latest slot
that is due gets one :class:`~kopru.core.models.ScheduledRun` row and one task
(:func:`run_scheduled_job`) in the same transaction. The row's unique
(job, slot) pair makes this exactly once however many schedulers run: a second
scheduler's insert fails and it enqueues nothing. A scheduler that was stopped runs a
missed slot once when it comes back (never a backlog of every missed slot).

The jobs run on the task workers (``db_worker``), so a long job never delays the others'
slots. The scheduler finds the declarations by importing every installed app's
``tasks`` module: this module imports no app.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from croniter import croniter
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks import task

from .models import RunStatus, ScheduledRun

logger = logging.getLogger("kopru.scheduler")


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    cron: str
    func: Callable[..., Any] = field(compare=False)
    description: Any = ""  # a lazy translation
    # Seconds after which a due slot that has no run counts as missed (health check).
    grace: int = 600

    def slot_before(self, moment: dt.datetime) -> dt.datetime:
        """The latest slot at or before ``moment`` (aware, in the current time zone)."""
        local = timezone.localtime(moment)
        probe = croniter(self.cron, local + dt.timedelta(seconds=1))
        return probe.get_prev(dt.datetime)  # type: ignore[no-any-return]

    def slot_after(self, moment: dt.datetime) -> dt.datetime:
        return croniter(self.cron, timezone.localtime(moment)).get_next(dt.datetime)  # type: ignore[no-any-return]


F = TypeVar("F")

_jobs: dict[str, PeriodicJob] = {}
_discovered = False


def periodic(name: str, cron: str, *, description: Any = "", grace: int = 600) -> Callable[[F], F]:
    """Declare ``func`` (a plain function or a django-tasks ``Task``) a periodic job."""
    if not croniter.is_valid(cron):
        raise ValueError(f"{name}: invalid cron expression {cron!r}")

    def declare(func: F) -> F:
        existing = _jobs.get(name)
        if existing is not None and existing.cron != cron:
            raise ValueError(f"periodic job {name!r} declared twice")
        _jobs[name] = PeriodicJob(name, cron, func, description, grace)  # type: ignore[arg-type]
        return func

    return declare


def discover() -> None:
    """Import every app's ``tasks`` module, where periodic jobs are declared."""
    global _discovered
    if not _discovered:
        autodiscover_modules("tasks")
        _discovered = True


def periodic_jobs() -> list[PeriodicJob]:
    discover()
    return sorted(_jobs.values(), key=lambda j: j.name)


def get_job(name: str) -> PeriodicJob:
    discover()
    return _jobs[name]


def call_job(job: PeriodicJob) -> Any:
    func = job.func
    call = getattr(func, "call", None)  # a django-tasks Task runs its function in-process
    return call() if callable(call) else func()


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


def scheduler_tick(now: dt.datetime | None = None) -> list[ScheduledRun]:
    """Enqueue the due slot of every job that has no run yet; the runs this call took."""
    now = now or timezone.now()
    taken: list[ScheduledRun] = []
    for job in periodic_jobs():
        slot = job.slot_before(now)
        if ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot)
                run_scheduled_job.enqueue(run_id=run.pk)
        except IntegrityError:
            continue  # another scheduler took this slot
        logger.info("scheduled %s for %s", job.name, slot.isoformat())
        taken.append(run)
    return taken


def scheduler_state(now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Every job with its last run, its outcome and its next slot (national page, /healthz)."""
    now = now or timezone.now()
    jobs = periodic_jobs()
    latest: dict[str, ScheduledRun] = {}
    for job in jobs:
        run = ScheduledRun.objects.filter(job=job.name).order_by("-slot").first()
        if run is not None:
            latest[job.name] = run
    state = []
    for job in jobs:
        run = latest.get(job.name)
        due = job.slot_before(now)
        missed = (run is None or run.slot < due) and (now - due).total_seconds() > job.grace
        state.append(
            {
                "job": job,
                "name": job.name,
                "cron": job.cron,
                "last": run,
                "next": job.slot_after(now),
                "missed": missed,
                "ok": not missed and (run is None or run.status != RunStatus.FAILED),
            }
        )
    return state
