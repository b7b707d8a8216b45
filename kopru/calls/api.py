"""Read-only public API of the call catalogue (same filters as the catalogue)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from . import selectors
from .models import Call, CallDeadline, Level, State
from .selectors import SearchParams


class DeadlineSerializer(serializers.ModelSerializer[CallDeadline]):
    local = serializers.SerializerMethodField()

    class Meta:
        model = CallDeadline
        fields = ["at", "timezone", "local", "stage", "label"]

    def get_local(self, obj: CallDeadline) -> str:
        return obj.local_at.isoformat()


class CallSerializer(serializers.ModelSerializer[Call]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    status = serializers.CharField(read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "office",
            "state",
            "status",
            "level",
            "instrument",
            "funder",
            "programme",
            "programme_code",
            "agency_code",
            "call_identifier",
            "source",
            "source_id",
            "source_url",
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "action_type",
            "deadline_model",
            "deadlines",
            "opening_date",
            "next_deadline",
            "closes_at",
            "budget_total",
            "grant_min",
            "grant_max",
            "expected_grants",
            "cofinancing_rate",
            "currency",
            "applicant_types",
            "target_groups",
            "sectors",
            "eligible_geography",
            "keywords",
            "published_at",
        ]


_FACET_DOC = {
    "level": "eu | national | regional | local (repeatable)",
    "instrument": "grant | credit | interest_free_credit | technical_support | prize",
    "programme": "programme name (repeatable)",
    "funder": "funder name (repeatable)",
    "status": "forthcoming | open | closed (derived from the dates)",
    "applicant": "organisation type code, e.g. municipality, ngo, sme",
    "target": "target group code, e.g. youth, disadvantaged",
    "sector": "sector code, e.g. environment, digital",
    "deadline": "7 | 30 | 90 | later (days to the next deadline)",
}


LIST_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Turkish-aware full-text search"),
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
    OpenApiParameter("sort", OpenApiTypes.STR, description="deadline (default) | newest | title"),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, description=doc, many=True)
        for name, doc in _FACET_DOC.items()
    ],
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class CallViewSet(ReadOnlyViewSet[Call]):
    """Funding calls. Anonymous callers see published calls only."""

    list_parameters = LIST_PARAMETERS

    serializer_class = CallSerializer
    queryset = empty_queryset(Call)

    def get_queryset(self) -> Any:
        params = SearchParams.from_query(self.request.query_params)
        qs = Call.objects.all()
        office_slug = self.request.query_params.get("office")
        if office_slug:
            qs = qs.filter(
                Q(office__slug=office_slug) | Q(level=Level.NATIONAL, state=State.PUBLISHED)
            )
        if self.action == "list":
            qs = selectors.search_calls(qs, params)
        return selectors.with_list_relations(qs)


routes = [("calls", CallViewSet, "call")]
