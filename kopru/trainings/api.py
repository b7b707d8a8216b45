"""Published events of every office (``GET /api/v1/events/``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from .calendar import event_url
from .models import Event, EventStatus, Session


class SessionSerializer(serializers.ModelSerializer[Session]):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "place", "online_url"]


class EventSerializer(serializers.ModelSerializer[Event]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "office",
            "type",
            "type_label",
            "title_tr",
            "title_en",
            "description_tr",
            "description_en",
            "language",
            "audience",
            "trainers",
            "capacity",
            "registration_opens",
            "registration_closes",
            "status",
            "starts_on",
            "sessions",
            "url",
        ]

    def get_url(self, obj: Event) -> str:
        return event_url(obj)


LIST_PARAMETERS = [
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
    OpenApiParameter("type", OpenApiTypes.STR, description="event type code"),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class EventViewSet(ReadOnlyViewSet[Event]):
    """Published (and cancelled) events, newest first."""

    list_parameters = LIST_PARAMETERS

    serializer_class = EventSerializer
    queryset = empty_queryset(Event)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = (
            Event.objects.filter(
                status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED], is_historical=False
            )
            .select_related("office")
            .prefetch_related("sessions")
            .order_by("-starts_on", "-id")
        )
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        if params.get("type"):
            qs = qs.filter(type=params["type"])
        return qs


routes = [("events", EventViewSet, "event")]
