"""The public stakeholder directory (only public fields, only public records)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ID_SCHEMA, ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from . import selectors
from .models import Organisation


class OrganisationPublicSerializer(serializers.ModelSerializer[Organisation]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    district = serializers.CharField(source="district.name", default="", read_only=True)
    province = serializers.CharField(source="district.province.name", default="", read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "office",
            "name",
            "short_name",
            "type",
            "type_label",
            "district",
            "province",
            "country",
            "website",
            "description",
            "team_status",
        ]


LIST_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="Turkish-aware full-text search (every word matches a word prefix), "
        "expanded through the bilingual thesaurus (youth also finds gençlik)",
    ),
    OpenApiParameter("type", OpenApiTypes.STR, description="organisation type code"),
    OpenApiParameter(
        "district",
        ID_SCHEMA,
        description="district id",
    ),
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class OrganisationViewSet(ReadOnlyViewSet[Organisation]):
    """Organisations of the stakeholder directory (public fields only).

    Anonymous callers and institution members see published organisations; office
    staff also see their own office's unpublished ones (still only these fields).
    """

    serializer_class = OrganisationPublicSerializer
    list_parameters = LIST_PARAMETERS
    # For the schema only; requests use the scoped get_queryset() below.
    queryset = empty_queryset(Organisation)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        district = params.get("district", "")
        qs = selectors.directory_search(
            q=params.get("q", "")[:200],
            type=params.get("type", ""),
            district_id=int(district) if district.isdigit() else None,
        )
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        return qs.select_related("office")


routes = [("organisations", OrganisationViewSet, "organisation")]
