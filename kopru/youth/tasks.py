"""Background work of the youth opportunities: the daily and weekly alert digests.

``send_instant_alerts`` is defined beside its service (publishing enqueues it)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from django_tasks import task

from kopru.core.scheduler import periodic
from kopru.core.subscriptions import Frequency

from . import services
from .services import send_instant_alerts as send_instant_alerts  # (a re-export: see above)


@periodic(
    "youth.daily",
    "45 5 * * *",
    description=gettext_lazy("Gençlik fırsatları: günlük ve haftalık e-posta uyarıları"),
)
@task()
def daily_youth_alerts() -> dict[str, int]:
    return {"digests": services.alerts_send_due(frequencies=(Frequency.DAILY, Frequency.WEEKLY))}
