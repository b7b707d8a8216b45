"""Open partner searches of every office (``GET /api/v1/partner-searches/``).

Read-only and public: the posts themselves, never their answers, the responders'
addresses or who created or closed a post.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from .models import PartnerSearch, PostKind
from .selectors import PostFilters, apply_filters


class PartnerSearchSerializer(serializers.ModelSerializer[PartnerSearch]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organisation = serializers.SerializerMethodField()
    call = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = PartnerSearch
        fields = [
            "id",
            "office",
            "kind",
            "kind_label",
            "title_tr",
            "title_en",
            "description_tr",
            "description_en",
            "organisation",
            "call",
            "programme",
            "countries",
            "organisation_types",
            "expires_on",
            "created_at",
            "url",
        ]

    def get_organisation(self, obj: PartnerSearch) -> dict[str, Any]:
        org = obj.organisation
        return {"name": org.name, "type": org.type, "country": org.country}

    def get_call(self, obj: PartnerSearch) -> dict[str, Any] | None:
        call: Any = obj.public_call
        if call is None:
            return None
        return {
            "id": call.pk,
            "identifier": call.call_identifier,
            "title_tr": call.title_tr,
            "title_en": call.title_en,
        }

    def get_url(self, obj: PartnerSearch) -> str:
        path = reverse(
            "public:partners:detail", kwargs={"office_slug": obj.office.slug, "pk": obj.pk}
        )
        return f"{settings.SITE_URL}{path}"


LIST_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="full-text search (Turkish-aware), expanded through the bilingual "
        "thesaurus (environment also finds çevre, iklim)",
    ),
    OpenApiParameter(
        "kind", OpenApiTypes.STR, enum=PostKind.values, description="seeking or offering"
    ),
    OpenApiParameter("country", OpenApiTypes.STR, description="ISO 3166-1 alpha-2 code sought"),
    OpenApiParameter(
        "organisation_type", OpenApiTypes.STR, description="organisation type code sought"
    ),
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class PartnerSearchViewSet(ReadOnlyViewSet[PartnerSearch]):
    """Open, unexpired partner searches, newest first."""

    list_parameters = LIST_PARAMETERS

    serializer_class = PartnerSearchSerializer
    queryset = empty_queryset(PartnerSearch)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = PartnerSearch.objects.filter(PartnerSearch.public_q()).select_related(
            "office", "organisation", "call"
        )
        filters = PostFilters.from_params(
            {
                "q": params.get("q", ""),
                "tur": params.get("kind", ""),
                "ulke": params.get("country", ""),
                "kurum_turu": params.get("organisation_type", ""),
            }
        )
        qs = apply_filters(qs, filters)
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        return qs.order_by("-created_at", "-id")


routes = [("partner-searches", PartnerSearchViewSet, "partner-search")]
