"""``/api/v1/youth-opportunities/``: youth mobility opportunities (anonymous callers and
institution members: published only; office staff also their office's drafts)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from . import selectors
from .models import MAX_AGE, MIN_AGE, Opportunity, OpportunityType, Status


class OpportunitySerializer(serializers.ModelSerializer[Opportunity]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    deadline_local = serializers.DateTimeField(read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "office",
            "type",
            "type_label",
            "state",
            "status",
            "title_tr",
            "title_en",
            "description_tr",
            "description_en",
            "organiser",
            "organiser_country",
            "host_country",
            "host_city",
            "residents_of",
            "turkiye_eligible",
            "age_min",
            "age_max",
            "starts_on",
            "ends_on",
            "opens_on",
            "deadline",
            "deadline_timezone",
            "deadline_local",
            "costs_covered",
            "working_language",
            "url",
            "page",
        ]

    def get_page(self, obj: Opportunity) -> str:
        path = reverse("public:youth:detail", kwargs={"office_slug": obj.office.slug, "pk": obj.pk})
        return f"{settings.SITE_URL}{path}"


LIST_PARAMETERS = [
    OpenApiParameter("type", OpenApiTypes.STR, enum=OpportunityType.values, description="type"),
    OpenApiParameter(
        "age",
        {"type": "integer", "minimum": MIN_AGE, "maximum": MAX_AGE},
        description="applicant's age",
    ),
    OpenApiParameter(
        "host_country",
        {"type": "string", "pattern": "^[A-Z]{2}$"},
        description="ISO 3166-1 alpha-2 code",
    ),
    OpenApiParameter(
        "turkiye_eligible", OpenApiTypes.BOOL, description="open to residents of Türkiye"
    ),
    OpenApiParameter("open", OpenApiTypes.BOOL, description="accepting applications now"),
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
]


def _true(value: str | None) -> bool:
    return (value or "").lower() in ("true", "1")


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class OpportunityViewSet(ReadOnlyViewSet[Opportunity]):
    """Youth mobility opportunities, the nearest deadline first."""

    list_parameters = LIST_PARAMETERS
    serializer_class = OpportunitySerializer
    queryset = empty_queryset(Opportunity)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = Opportunity.objects.select_related("office").order_by("deadline", "id")
        if params.get("type"):
            qs = qs.filter(type=params["type"])
        if params.get("age"):
            age = int(params["age"])
            qs = qs.filter(age_min__lte=age, age_max__gte=age)
        if params.get("host_country"):
            qs = qs.filter(host_country=params["host_country"].upper()[:2])
        if _true(params.get("turkiye_eligible")):
            qs = qs.filter(turkiye_eligible=True)
        if _true(params.get("open")):
            qs = qs.filter(selectors.open_q(timezone.now()))
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        return qs


routes = [("youth-opportunities", OpportunityViewSet, "youth-opportunity")]
