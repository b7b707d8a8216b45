"""``/api/v1/projects/``: the data bank as JSON (anonymous callers: published only)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.accounts.permissions import can_work_in_office
from kopru.core.api import ID_SCHEMA, ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from . import selectors
from .models import Partner, Project


class PartnerSerializer(serializers.ModelSerializer[Partner]):
    class Meta:
        model = Partner
        fields = ["name", "country", "role", "city"]


class ProjectPublicSerializer(serializers.ModelSerializer[Project]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    owner = serializers.CharField(source="owner_display", read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    districts = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "office",
            "acronym",
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "owner",
            "programme",
            "funding_scheme",
            "call_identifier",
            "stage",
            "stage_label",
            "start_date",
            "end_date",
            "currency",
            "total_cost",
            "grant_amount",
            "cofinancing_amount",
            "exchange_rate",
            "exchange_rate_date",
            "districts",
            "sectors",
            "target_groups",
            "results_tr",
            "results_en",
            "source",
            "source_id",
            "source_url",
        ]

    def get_districts(self, obj: Project) -> list[str]:
        return [d.name for d in obj.districts.all()]


FACET_PARAMS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="Turkish-aware full-text search, expanded through the bilingual thesaurus "
        "(environment also finds çevre, iklim)",
    ),
    OpenApiParameter("stage", OpenApiTypes.STR, description="stage code (idea, submitted, ...)"),
    OpenApiParameter("programme", OpenApiTypes.STR, description="funding programme"),
    OpenApiParameter("sector", OpenApiTypes.STR, description="sector code"),
    OpenApiParameter(
        "district",
        ID_SCHEMA,
        description="district id",
    ),
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": selectors.YEAR_RANGE[0], "maximum": selectors.YEAR_RANGE[1]},
        description="start year",
    ),
    OpenApiParameter("target", OpenApiTypes.STR, description="target group code"),
    OpenApiParameter("priority", OpenApiTypes.BOOL, description="has a priority group"),
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
]


@extend_schema_view(list=extend_schema(parameters=FACET_PARAMS))
class ProjectViewSet(ReadOnlyViewSet[Project]):
    """Projects of the data bank; staff of an office also see its unpublished ones."""

    list_parameters = FACET_PARAMS
    serializer_class = ProjectPublicSerializer
    # For the schema only; requests use the scoped get_queryset() below.
    queryset = empty_queryset(Project)

    def get_queryset(self) -> Any:
        user: Any = self.request.user
        office = getattr(self.request, "office", None)
        filters = selectors.ProjectFilters.from_params(self.request.query_params)
        filters.published = ""
        qs = selectors.project_list(filters=filters)
        if not getattr(user, "is_national_admin", False):
            if office is not None and can_work_in_office(user, office):
                pass  # staff: the office's records and everybody's published ones
            elif office is not None and getattr(user, "organisation_id", None):
                qs = qs.filter(Q(is_published=True) | Q(owner_id=user.organisation_id))
            else:
                qs = qs.filter(is_published=True)
        if self.request.query_params.get("office"):
            qs = qs.filter(office__slug=self.request.query_params["office"])
        return qs.prefetch_related("districts")


routes = [("projects", ProjectViewSet, "project")]
