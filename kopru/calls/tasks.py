"""Background work: alert digests and deadline reminders (the writes are the services';
these are the task entry points the queue and ``calls_daily`` run; imports run as the job
of :mod:`kopru.core.imports.jobs`).

``send_instant_alerts`` is defined beside its service (``services.subscriptions``),
because publishing a call enqueues it; it is importable from here like the others."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from django_tasks import task

from kopru.core.scheduler import periodic

from . import services
from .models import Frequency
from .services import send_instant_alerts as send_instant_alerts  # (a re-export: see above)


@task()
def send_periodic_alerts() -> int:
    return services.alerts_send_due(frequencies=(Frequency.DAILY, Frequency.WEEKLY))


@periodic(
    "calls.daily",
    "30 5 * * *",
    description=gettext_lazy(
        "Sonraki son tarihler, son tarih hatırlatmaları, günlük ve haftalık uyarılar"
    ),
)
@task()
def daily_calls_maintenance() -> dict[str, Any]:
    """Also ``manage.py calls_daily`` (a manual run)."""
    return {
        "refreshed": services.call_next_deadlines_refresh(),
        "reminders": services.follow_reminders_send(),
        "digests": services.alerts_send_due(frequencies=(Frequency.DAILY, Frequency.WEEKLY)),
        "catalogue_log_pruned": services.catalogue_log_prune(),
    }
