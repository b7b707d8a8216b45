"""Background work: alert digests and deadline reminders (the writes are the services';
these are the task entry points the queue and ``calls_daily`` run; imports run as the job
of :mod:`kopru.core.imports.jobs`).

``send_instant_alerts`` is defined beside its service (``services.subscriptions``),
because publishing a call enqueues it; it is importable from here like the others."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from . import services
from .models import Frequency
from .services import send_instant_alerts as send_instant_alerts  # (a re-export: see above)


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
