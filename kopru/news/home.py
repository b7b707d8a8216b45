"""What news adds to the office home page, the panel home and the sitemap."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopru.core.scoping import office_scope, public_scope

from . import selectors


def home_context(request: Any, office: Any) -> dict[str, Any]:
    with public_scope(office):
        items = selectors.home_news(office, 4, chosen=office.home_featured("news"))
    return {"news_home": items}


def home_candidates(office: Any) -> list[tuple[int, str]]:
    with public_scope(office):
        return selectors.home_candidates(office)


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    with office_scope(office):
        counts = selectors.panel_counts()
    return [
        (_("Yayındaki haberler"), counts["published"]),
        (_("Zamanlanmış haberler"), counts["scheduled"]),
        (_("Taslak haberler"), counts["draft"]),
    ]


def sitemap_entries(office: Any) -> list[tuple[str, Any]]:
    """``(path, last modified)`` of every public news item of ``office``."""
    with public_scope(office):
        rows = selectors.public_news(office).values_list("pk", "updated_at")[:5000]
        return [
            (reverse("public:news:detail", kwargs={"office_slug": office.slug, "pk": pk}), when)
            for pk, when in rows
        ]
