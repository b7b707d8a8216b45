"""News in the public API: published items for everyone, drafts for the office's staff."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from .models import Category, NewsItem


class NewsSerializer(serializers.ModelSerializer[NewsItem]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = NewsItem
        fields = [
            "id",
            "office",
            "category",
            "status",
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "body_tr",
            "body_en",
            "tags",
            "featured",
            "publish_at",
            "expire_at",
            "updated_at",
        ]


PARAMETERS = [
    OpenApiParameter(
        "category",
        str,
        enum=list(Category.values),
        description="news, announcement, event_report or eu_awareness",
    ),
    OpenApiParameter("office", str, description="the office's slug (e.g. izmir)"),
]


@extend_schema_view(list=extend_schema(parameters=PARAMETERS))
class NewsViewSet(ReadOnlyViewSet[NewsItem]):
    """News and announcements of the offices (anonymous callers: published ones only)."""

    serializer_class = NewsSerializer
    queryset = empty_queryset(NewsItem)
    list_parameters = PARAMETERS

    def get_queryset(self) -> Any:
        qs = NewsItem.objects.select_related("office").order_by("-publish_at", "-id")
        params = self.request.query_params
        if params.get("category"):
            qs = qs.filter(category=params["category"])
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        return qs


routes = [("news", NewsViewSet, "news")]
