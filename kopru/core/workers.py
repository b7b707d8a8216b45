"""Task workers' heartbeats: is a worker running, and when was it last seen?

``manage.py worker`` (django-tasks-db's ``db_worker`` with a heartbeat) calls
:func:`kopru.core.services.heartbeat_beat` every :data:`BEAT_SECONDS` from a side
thread. A worker counts as alive while its last beat is younger than
:data:`ALIVE_SECONDS`; a queued job that no worker has picked up within
:data:`PICKUP_SECONDS` says so to the user.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from .models import WorkerHeartbeat

BEAT_SECONDS = 10
ALIVE_SECONDS = 45
PICKUP_SECONDS = 30


def worker_state(now: dt.datetime | None = None) -> dict[str, Any]:
    """``{"alive": n, "last_heartbeat": iso or None, "seconds_since": int or None}``."""
    now = now or timezone.now()
    last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    alive = WorkerHeartbeat.objects.filter(
        beat_at__gte=now - dt.timedelta(seconds=ALIVE_SECONDS)
    ).count()
    return {
        "alive": alive,
        "last_heartbeat": last.isoformat() if last else None,
        "last_heartbeat_at": last,
        "seconds_since": int((now - last).total_seconds()) if last else None,
    }


def job_waits_for_a_worker(job: Any, now: dt.datetime | None = None) -> bool:
    """A queued job older than :data:`PICKUP_SECONDS` while no worker is alive."""
    now = now or timezone.now()
    if job.status != "queued" or now - job.created_at < dt.timedelta(seconds=PICKUP_SECONDS):
        return False
    return bool(worker_state(now)["alive"] == 0)
