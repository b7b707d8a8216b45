"""Boards and their meetings in the API (``GET /api/v1/boards/``,
``GET /api/v1/board-meetings/``).

The API area's scope decides what a caller sees: anonymous callers and institution
members get public bodies, their meetings (agenda included) and their *published*
minutes; staff of an office also get their own office's internal bodies and meetings
and its approved minutes. Draft and circulated minutes, invitees, attendance, seat
holders' names and addresses and online meeting links never leave through the API.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from kopru.core.api import ID_SCHEMA, ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from .models import (
    LOCKED_MINUTES,
    AgendaItem,
    Body,
    BodyKind,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesStatus,
    Visibility,
)


def _absolute(name: str, office_slug: str, pk: int) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs={'office_slug': office_slug, 'pk': pk})}"


def _page(is_public: bool, what: str, office_slug: str, pk: int) -> str:
    """The record's public page, or its panel page for an internal body's record."""
    return _absolute(f"{'public' if is_public else 'panel'}:boards:{what}", office_slug, pk)


class SeatSerializer(serializers.ModelSerializer[Membership]):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation", "role", "term_starts_on", "term_ends_on"]


class BodySerializer(serializers.ModelSerializer[Body]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    members = SeatSerializer(many=True, read_only=True, source="current_seats")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Body
        fields = [
            "id",
            "office",
            "kind",
            "name_tr",
            "name_en",
            "short_name",
            "mandate_tr",
            "mandate_en",
            "visibility",
            "established_on",
            "is_active",
            "members",
            "url",
        ]

    def get_url(self, obj: Body) -> str:
        return _page(obj.is_public, "body", obj.office.slug, obj.pk)


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    class Meta:
        model = AgendaItem
        fields = ["order", "title_tr", "title_en", "description", "presenter", "minutes_allotted"]


class MinutesSerializer(serializers.ModelSerializer[Minutes]):
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Minutes
        fields = [
            "id",
            "number",
            "status",
            "opening",
            "discussion",
            "closing",
            "correction_reason",
            "approved_at",
            "published_at",
            "pdf",
        ]

    def get_pdf(self, obj: Minutes) -> str:
        published = obj.status == MinutesStatus.PUBLISHED
        return _page(published, "minutes_pdf", obj.office.slug, obj.pk)


class BodyRefSerializer(serializers.ModelSerializer[Body]):
    class Meta:
        model = Body
        fields = ["id", "name_tr", "name_en", "visibility"]


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    body = BodyRefSerializer(read_only=True)
    agenda = AgendaItemSerializer(many=True, read_only=True, source="agenda_items")
    minutes = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "office",
            "body",
            "number",
            "title_tr",
            "title_en",
            "starts_at",
            "ends_at",
            "place",
            "status",
            "cancel_reason",
            "agenda",
            "minutes",
            "url",
        ]

    @extend_schema_field(MinutesSerializer(allow_null=True))
    def get_minutes(self, obj: Meeting) -> dict[str, Any] | None:
        """The newest approved or published version the caller may read."""
        versions: list[Minutes] = getattr(obj, "readable_minutes", [])
        if not versions:
            return None
        return MinutesSerializer(versions[0], context=self.context).data  # type: ignore[return-value]

    def get_url(self, obj: Meeting) -> str:
        return _page(obj.body.is_public, "meeting", obj.office.slug, obj.pk)


def _current_seats() -> Prefetch[Any]:
    today = timezone.localdate()
    current = Q(term_starts_on__lte=today) & (
        Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=today)
    )
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(current)
        .select_related("organisation")
        .order_by("role", "id"),
        to_attr="current_seats",
    )


BODY_PARAMETERS = [
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=BodyKind.values, description="kind of body"),
    OpenApiParameter(
        "visibility",
        OpenApiTypes.STR,
        enum=Visibility.values,
        description="internal bodies are listed only to the office's staff",
    ),
    OpenApiParameter("active", OpenApiTypes.BOOL, description="only active (or only closed)"),
]

MEETING_PARAMETERS = [
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
    OpenApiParameter("body", ID_SCHEMA, description="body id"),
    OpenApiParameter(
        "status", OpenApiTypes.STR, enum=MeetingStatus.values, description="meeting status"
    ),
    OpenApiParameter("from", OpenApiTypes.DATE, description="starting on or after (YYYY-MM-DD)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="starting on or before (YYYY-MM-DD)"),
    OpenApiParameter("minutes", OpenApiTypes.BOOL, description="only meetings with minutes"),
]


def _bool(value: str) -> bool:
    return value.lower() in ("true", "1")


@extend_schema_view(list=extend_schema(parameters=BODY_PARAMETERS))
class BodyViewSet(ReadOnlyViewSet[Body]):
    """Boards, commissions and working groups with their current seats (organisation
    and role), by name."""

    list_parameters = BODY_PARAMETERS
    serializer_class = BodySerializer
    queryset = empty_queryset(Body)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = Body.objects.select_related("office").prefetch_related(_current_seats())
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        if params.get("kind"):
            qs = qs.filter(kind=params["kind"])
        if params.get("visibility"):
            qs = qs.filter(visibility=params["visibility"])
        if params.get("active"):
            qs = qs.filter(is_active=_bool(params["active"]))
        return qs.order_by("office__slug", "name_sort", "id")


@extend_schema_view(list=extend_schema(parameters=MEETING_PARAMETERS))
class MeetingViewSet(ReadOnlyViewSet[Meeting]):
    """Meetings with their agenda and their minutes once approved (published ones for
    everybody), newest first."""

    list_parameters = MEETING_PARAMETERS
    serializer_class = MeetingSerializer
    queryset = empty_queryset(Meeting)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = Meeting.objects.select_related("office", "body").prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "id")),
            Prefetch(
                "minutes",
                queryset=Minutes.objects.filter(status__in=LOCKED_MINUTES)
                .select_related("office")
                .order_by("-number"),
                to_attr="readable_minutes",
            ),
        )
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        if params.get("body"):
            qs = qs.filter(body_id=int(params["body"]))
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        if params.get("from"):
            qs = qs.filter(starts_at__date__gte=params["from"])
        if params.get("to"):
            qs = qs.filter(starts_at__date__lte=params["to"])
        if params.get("minutes"):
            # through the scoped manager: an unpublished version counts only for its staff
            readable = Exists(
                Minutes.objects.filter(meeting=OuterRef("pk"), status__in=LOCKED_MINUTES)
            )
            qs = qs.filter(readable if _bool(params["minutes"]) else ~readable)
        return qs.order_by("-starts_at", "-id")


routes = [
    ("boards", BodyViewSet, "board"),
    ("board-meetings", MeetingViewSet, "board-meeting"),
]
