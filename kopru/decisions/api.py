"""Public decisions of every office (``GET /api/v1/decisions/``): the accountability
register with status, progress, milestones and history; never the owner's contact."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ID_SCHEMA, ReadOnlyViewSet
from kopru.core.scoping import empty_queryset
from kopru.core.vocabularies import Sector

from .models import Decision, State, state_q


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    state = serializers.SerializerMethodField()
    owner = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    district = serializers.SerializerMethodField()
    milestones = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "office",
            "reference",
            "title_tr",
            "title_en",
            "text_tr",
            "text_en",
            "source",
            "owner",
            "body",
            "theme",
            "district",
            "decided_on",
            "due_date",
            "status",
            "state",
            "progress",
            "cancel_reason",
            "completed_on",
            "milestones",
            "history",
            "url",
        ]

    def get_state(self, obj: Decision) -> str:
        return obj.state()

    def get_owner(self, obj: Decision) -> dict[str, Any]:
        return {"id": obj.owner_id, "name": obj.owner.name}

    def get_body(self, obj: Decision) -> dict[str, Any] | None:
        body: Any = obj.body
        if body is None or body.visibility != "public":
            return None
        return {"id": body.pk, "name_tr": body.name_tr, "name_en": body.name_en}

    def get_district(self, obj: Decision) -> str | None:
        return obj.district.name if obj.district else None

    def get_milestones(self, obj: Decision) -> list[dict[str, Any]]:
        return [
            {
                "title_tr": m.title_tr,
                "title_en": m.title_en,
                "due_date": m.due_date,
                "done_on": m.done_on,
            }
            for m in obj.milestones.all()
        ]

    def get_history(self, obj: Decision) -> list[dict[str, Any]]:
        return [
            {"at": u.at, "status": u.status, "progress": u.progress, "note": u.note}
            for u in obj.updates.all()
        ]

    def get_url(self, obj: Decision) -> str:
        path = reverse(
            "public:decisions:detail", kwargs={"office_slug": obj.office.slug, "pk": obj.pk}
        )
        return f"{settings.SITE_URL}{path}"


LIST_PARAMETERS = [
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
    OpenApiParameter(
        "state",
        OpenApiTypes.STR,
        enum=State.values,
        description="status as shown (late is derived)",
    ),
    OpenApiParameter(
        "theme", OpenApiTypes.STR, enum=Sector.values, description="theme (sector code)"
    ),
    OpenApiParameter("owner", ID_SCHEMA, description="owner organisation id"),
    OpenApiParameter("body", ID_SCHEMA, description="board id"),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class DecisionViewSet(ReadOnlyViewSet[Decision]):
    """Public decisions and actions, soonest due first."""

    list_parameters = LIST_PARAMETERS
    serializer_class = DecisionSerializer
    queryset = empty_queryset(Decision)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = (
            Decision.objects.filter(Decision.public_q())
            .select_related("office", "owner", "body", "district")
            .prefetch_related("milestones", "updates")
        )
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        if params.get("state"):
            qs = qs.filter(state_q(params["state"]))
        if params.get("theme"):
            qs = qs.filter(theme=params["theme"])
        if params.get("owner"):
            qs = qs.filter(owner_id=int(params["owner"]))
        if params.get("body"):
            qs = qs.filter(body_id=int(params["body"]))
        return qs.order_by("due_date", "id")


routes = [("decisions", DecisionViewSet, "decision")]
