"""RSS 2.0 and Atom feeds of an office's news, all of them or one category."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors
from .models import SLUG_CATEGORIES, Category, NewsItem

FEED_SIZE = 30


class NewsFeed(Feed):  # type: ignore[type-arg]
    def get_object(
        self, request: HttpRequest, office_slug: str, category: str = ""
    ) -> dict[str, Any]:
        if category and category not in SLUG_CATEGORIES:
            raise Http404("category")
        return {
            "office": request.office,  # type: ignore[attr-defined]
            "category": SLUG_CATEGORIES[category] if category else "",
            "slug": category,
        }

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._slug = kwargs.get("office_slug", "")
        return super().__call__(request, *args, **kwargs)

    def title(self, obj: dict[str, Any]) -> str:
        if obj["category"]:
            return f"{obj['office'].name} — {Category(obj['category']).label}"
        return _("%(office)s — haberler ve duyurular") % {"office": obj["office"].name}

    def link(self, obj: dict[str, Any]) -> str:
        url = reverse("public:news:list", kwargs={"office_slug": obj["office"].slug})
        return f"{url}?kategori={obj['slug']}" if obj["slug"] else url

    def description(self, obj: dict[str, Any]) -> str:
        return _("Ofisin yayımladığı haberler ve duyurular")

    def items(self, obj: dict[str, Any]) -> list[NewsItem]:
        filters = selectors.PublicFilters(category=str(obj["category"]))
        return list(selectors.public_news(obj["office"], filters)[:FEED_SIZE])

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.summary

    def item_link(self, item: NewsItem) -> str:
        return reverse("public:news:detail", kwargs={"office_slug": self._slug, "pk": item.pk})

    def item_pubdate(self, item: NewsItem) -> dt.datetime | None:
        return item.publish_at

    def item_updateddate(self, item: NewsItem) -> dt.datetime | None:
        return item.updated_at

    def item_categories(self, item: NewsItem) -> list[str]:
        return [str(Category(item.category).label), *item.tags]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
