"""The topics of the public digest this app provides (``DigestTopic`` declarations in
``apps.py``): news, calls (new in the catalogue and closing soon) and trainings (coming
up). Each reads the public scope of the office; a topic of another app (youth
opportunities: ``kopru.youth.digest``) is declared by that app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from kopru.calls import selectors as calls_selectors
from kopru.core.i18n import localized
from kopru.core.scoping import public_scope
from kopru.trainings import selectors as trainings_selectors

from . import selectors

LIMIT = 8


def news_items(office: Any, since: dt.datetime, language: str) -> list[dict[str, Any]]:
    with public_scope(office), translation.override(language):
        rows = selectors.public_news(office).filter(publish_at__gt=since)[:LIMIT]
        return [
            {
                "title": localized(n, "title", language),
                "url": reverse(
                    "public:news:detail", kwargs={"office_slug": office.slug, "pk": n.pk}
                ),
                "when": n.publish_at,
                "note": localized(n, "summary", language)[:200],
            }
            for n in rows
        ]


def calls_items(office: Any, since: dt.datetime, language: str) -> list[dict[str, Any]]:
    with public_scope(None), translation.override(language):
        rows = (
            calls_selectors.catalogue_base(office)
            .filter(published_at__gt=since)
            .order_by("-published_at", "-id")[:LIMIT]
        )
        return [
            {
                "title": localized(c, "title", language),
                "url": reverse(
                    "public:calls:detail", kwargs={"office_slug": office.slug, "pk": c.pk}
                ),
                "when": c.next_deadline,
                "note": "",
            }
            for c in rows
        ]


def trainings_items(office: Any, since: dt.datetime, language: str) -> list[dict[str, Any]]:
    with public_scope(office), translation.override(language):
        upcoming, _past = trainings_selectors.public_event_lists()
        soon = timezone.localdate() + dt.timedelta(days=45)
        return [
            {
                "title": localized(e, "title", language),
                "url": reverse(
                    "public:trainings:event", kwargs={"office_slug": office.slug, "pk": e.pk}
                ),
                "when": e.starts_on,
                "note": "",
            }
            for e in upcoming
            if e.starts_on is None or e.starts_on <= soon
        ][:LIMIT]
