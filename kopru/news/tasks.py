"""Background work of news: the scheduled items' status (their visibility needs no task:
``NewsItem.public_q`` compares the publication time with the clock in every query)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from django_tasks import task

from kopru.core.scheduler import periodic

from . import services


@periodic(
    "news.publish_due",
    "*/5 * * * *",
    description=gettext_lazy("Zamanı gelen haberlerin durumunu «yayında» yapar"),
)
@task()
def publish_due_news() -> dict[str, int]:
    return {"published": services.news_publish_due()}


@periodic(
    "news.digests",
    "0 8 * * *",
    description=gettext_lazy("Haftalık ve aylık bülteni zamanı gelen abonelere gönderir"),
)
@task()
def send_digests() -> dict[str, int]:
    return services.digests_send_due()
