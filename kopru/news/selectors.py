"""Reads of news: the public listing (time-derived visibility), the panel list, the home."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import QuerySet
from django.urls import reverse

from kopru.core import sitesearch
from kopru.core.scoping import unscoped_manager
from kopru.core.text import search_key

from .models import (
    SLUG_CATEGORIES,
    Category,
    DigestSubscription,
    NewsAttachment,
    NewsImage,
    NewsItem,
    NewsStatus,
)

PAGE_SIZE = 12


@dataclass
class PublicFilters:
    category: str = ""  # a Category value
    tag: str = ""

    @classmethod
    def from_params(cls, params: Any) -> PublicFilters:
        """``?kategori=<slug>&etiket=<text>``; anything else malformed is a 400."""
        slug = params.get("kategori", "")
        if slug and slug not in SLUG_CATEGORIES:
            raise BadRequest("kategori")
        tag = params.get("etiket", "")
        if len(tag) > 40 or "\x00" in tag:
            raise BadRequest("etiket")
        return cls(category=str(SLUG_CATEGORIES[slug]) if slug else "", tag=tag.strip())


def public_news(office: Any, filters: PublicFilters | None = None) -> QuerySet[NewsItem]:
    """What the public sees of ``office`` (call inside the public scope): newest first."""
    qs = NewsItem.objects.filter(office=office)
    if filters is not None:
        if filters.category:
            qs = qs.filter(category=filters.category)
        if filters.tag:
            qs = qs.filter(tags_key__contains=f"|{search_key(filters.tag)}|")
    return qs.select_related("cover").order_by("-publish_at", "-id")


def public_item(office: Any, pk: int) -> NewsItem | None:
    return public_news(office).filter(pk=pk).first()


def home_news(office: Any, count: int = 4, chosen: list[int] | None = None) -> list[NewsItem]:
    """The items the staff chose for the home (in their order) while public, then the
    items marked featured, then the newest (public scope)."""
    qs = public_news(office)
    picked: list[NewsItem] = []
    if chosen:
        by_pk = {n.pk: n for n in qs.filter(pk__in=chosen[:count])}
        picked = [by_pk[pk] for pk in chosen if pk in by_pk][:count]
    rest = qs.exclude(pk__in=[n.pk for n in picked]).order_by("-featured", "-publish_at", "-id")
    return picked + list(rest[: count - len(picked)])


def home_candidates(office: Any, limit: int = 40) -> list[tuple[int, str]]:
    """What the staff may feature on the home: the latest public items (public scope)."""
    rows = public_news(office).select_related(None).only("pk", "office_id", "title_tr", "title_en")
    return [(n.pk, n.title) for n in rows[:limit]]


def gallery(news: NewsItem) -> list[NewsImage]:
    return list(NewsImage.objects.filter(news=news).select_related("image"))


def attachments(news: NewsItem) -> list[NewsAttachment]:
    return list(NewsAttachment.objects.filter(news=news))


def public_image(news: NewsItem, image_pk: int) -> Any:
    """The cover or a gallery photo of a public item (public scope), else None."""
    if news.cover_id == image_pk and news.cover is not None:
        return news.cover
    row = NewsImage.objects.filter(news=news, image_id=image_pk).select_related("image").first()
    return row.image if row is not None else None


PANEL_SORTS = {
    "updated": ("updated_at",),
    "category": ("category", "-publish_at"),
    "status": ("status", "-publish_at"),
    "publish": ("publish_at",),
}


def panel_news(status: str = "") -> QuerySet[NewsItem]:
    """Every item of the office (panel scope)."""
    qs = NewsItem.objects.select_related("cover")
    if status:
        if status not in NewsStatus.values:
            raise BadRequest("durum")
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-id")


def panel_counts() -> dict[str, int]:
    counts = dict.fromkeys(NewsStatus.values, 0)
    for row in NewsItem.objects.values_list("status", flat=True):
        counts[row] = counts.get(row, 0) + 1
    return counts


def categories() -> list[tuple[str, str]]:
    return [(slug, str(Category(cat).label)) for slug, cat in SLUG_CATEGORIES.items()]


def digest_by_token(office: Any, token: str) -> DigestSubscription | None:
    """The subscription a confirm/unsubscribe link names (the token is the key)."""
    if not token or len(token) > 64:
        return None
    rows = unscoped_manager(DigestSubscription, reason="a signed link names this subscription")
    return rows.filter(office=office, token=token).first()


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's news (:mod:`kopru.core.sitesearch`): the office's public
    items matched in Python through the bilingual thesaurus, newest first, titles that
    match first. Public scope."""
    fields = ("id", "title_tr", "title_en", "summary_tr", "summary_en", "body_tr", "body_en")
    rows = public_news(office).select_related(None).only(*fields, "tags", "publish_at", "category")

    def hit(n: NewsItem) -> sitesearch.Hit:
        url = reverse("public:news:detail", kwargs={"office_slug": office.slug, "pk": n.pk})
        return sitesearch.hit_of(n, url, when=n.publish_at, note=n.get_category_display())

    return sitesearch.search_rows(
        rows,
        query,
        texts=lambda n: (
            f"{n.title_tr} {n.title_en}",
            n.summary_tr,
            n.summary_en,
            n.body_tr,
            n.body_en,
            " ".join(n.tags or []),
        ),
        hit=hit,
        limit=limit,
    )
