"""Who may do what with news: the office's staff manage them (the panel area already
admits only them); the access helpers fetch through the scope and answer 404 alike."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import QuerySet

from kopru.core.access import anyone, fetch_and_authorise, get_or_404_scoped
from kopru.core.models import StoredImage

from .models import NewsAttachment, NewsItem

NEWS_RULES = {"view": anyone, "edit": anyone, "publish": anyone}


def access_news(
    user: Any,
    pk: int,
    *,
    for_: Literal["view", "edit", "publish"] = "view",
    queryset: QuerySet[NewsItem] | None = None,
) -> NewsItem:
    source = queryset if queryset is not None else NewsItem.objects.select_related("cover")
    return fetch_and_authorise(source, pk, user=user, rule=NEWS_RULES[for_], what="news")


def access_attachment(user: Any, pk: int) -> NewsAttachment:
    source = NewsAttachment.objects.select_related("news")
    return fetch_and_authorise(source, pk, user=user, rule=anyone, what="attachment")


def access_image(user: Any, pk: int) -> StoredImage:
    """An image of the office (panel scope): staff see every photo, ready or not."""
    return get_or_404_scoped(StoredImage, pk=pk)
