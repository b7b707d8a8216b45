"""``/api/v1/stories/``: success stories and good practices (anonymous callers and
institution members: published only; office staff also their office's drafts)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from .models import Label, Quote, Story


class StorySerializer(serializers.ModelSerializer[Story]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    label_name = serializers.CharField(source="get_label_display", read_only=True)
    projects = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()
    quotes = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Story
        fields = [
            "id",
            "office",
            "label",
            "label_name",
            "status",
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "narrative_tr",
            "narrative_en",
            "replication_partners",
            "programme",
            "year",
            "projects",
            "partners",
            "indicators",
            "quotes",
            "published_at",
            "url",
        ]

    def get_projects(self, obj: Story) -> list[dict[str, Any]]:
        keys = ("id", "acronym", "title_tr", "title_en", "programme", "stage")
        return [{k: p.get(k) for k in keys} for p in obj.facts.get("projects", [])]

    def get_partners(self, obj: Story) -> list[dict[str, Any]]:
        return list(obj.facts.get("partners", []))

    def get_indicators(self, obj: Story) -> list[dict[str, Any]]:
        return list(obj.facts.get("indicators", []))

    def get_quotes(self, obj: Story) -> list[dict[str, str]]:
        return [
            {
                "text_tr": q.text_tr,
                "text_en": q.text_en,
                "speaker_name": q.speaker_name,
                "speaker_role": q.speaker_role,
            }
            for q in Quote.objects.filter(story=obj)
        ]

    def get_url(self, obj: Story) -> str:
        path = reverse(
            "public:stories:detail", kwargs={"office_slug": obj.office.slug, "pk": obj.pk}
        )
        return f"{settings.SITE_URL}{path}"


LIST_PARAMETERS = [
    OpenApiParameter("label", OpenApiTypes.STR, enum=Label.values, description="story label"),
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": 1990, "maximum": 2100},
        description="year the projects ended",
    ),
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class StoryViewSet(ReadOnlyViewSet[Story]):
    """Stories told from the projects of the inventory, newest first."""

    list_parameters = LIST_PARAMETERS
    serializer_class = StorySerializer
    queryset = empty_queryset(Story)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = Story.objects.select_related("office").order_by("-published_at", "-id")
        if params.get("label"):
            qs = qs.filter(label=params["label"])
        if params.get("year"):
            qs = qs.filter(year=int(params["year"]))
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        return qs


routes = [("stories", StoryViewSet, "story")]
