"""Public consultations of every office (``GET /api/v1/consultations/``) with their
sections (draft and final text) and participation figures, and their contributions
(``GET /api/v1/consultation-contributions/``): the text, the kind of participant and,
once published, the reasoned answer; never an address or a self-description."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from kopru.core.api import ID_SCHEMA, ReadOnlyViewSet
from kopru.core.scoping import empty_queryset

from .models import Consultation, Contribution, Phase, phase_q


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    phase = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "office",
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "theme",
            "opens_at",
            "closes_at",
            "phase",
            "answers_published_at",
            "outcome_tr",
            "outcome_en",
            "sections",
            "url",
        ]

    def get_phase(self, obj: Consultation) -> str:
        return obj.phase()

    def get_sections(self, obj: Consultation) -> list[dict[str, Any]]:
        answered = obj.answers_published_at is not None
        return [
            {
                "id": s.pk,
                "number": s.number,
                "heading_tr": s.heading_tr,
                "heading_en": s.heading_en,
                "body_tr": s.body_tr,
                "body_en": s.body_en,
                "final_tr": s.final_tr if answered else "",
                "final_en": s.final_en if answered else "",
            }
            for s in obj.sections.all()
        ]

    def get_url(self, obj: Consultation) -> str:
        path = reverse(
            "public:consultations:detail", kwargs={"office_slug": obj.office.slug, "pk": obj.pk}
        )
        return f"{settings.SITE_URL}{path}"


class ContributionSerializer(serializers.ModelSerializer[Contribution]):
    author = serializers.CharField(source="display_name", read_only=True)
    outcome = serializers.SerializerMethodField()
    answer_tr = serializers.SerializerMethodField()
    answer_en = serializers.SerializerMethodField()

    class Meta:
        model = Contribution
        fields = [
            "id",
            "consultation",
            "section",
            "body",
            "author_kind",
            "author",
            "created_at",
            "outcome",
            "answer_tr",
            "answer_en",
        ]

    def _answered(self, obj: Contribution) -> bool:
        return obj.consultation.phase() == Phase.ANSWERED

    def get_outcome(self, obj: Contribution) -> str:
        return obj.outcome if self._answered(obj) else ""

    def get_answer_tr(self, obj: Contribution) -> str:
        return obj.answer_tr if self._answered(obj) else ""

    def get_answer_en(self, obj: Contribution) -> str:
        return obj.answer_en if self._answered(obj) else ""


LIST_PARAMETERS = [
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug"),
    OpenApiParameter(
        "phase",
        OpenApiTypes.STR,
        enum=["upcoming", "open", "closed", "answered"],
        description="phase now",
    ),
]

CONTRIBUTION_PARAMETERS = [
    OpenApiParameter("consultation", ID_SCHEMA, description="consultation id"),
    OpenApiParameter("section", ID_SCHEMA, description="section id"),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class ConsultationViewSet(ReadOnlyViewSet[Consultation]):
    """Published consultations, newest first."""

    list_parameters = LIST_PARAMETERS
    serializer_class = ConsultationSerializer
    queryset = empty_queryset(Consultation)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = (
            Consultation.objects.filter(Consultation.public_q())
            .select_related("office")
            .prefetch_related("sections")
        )
        if params.get("office"):
            qs = qs.filter(office__slug=params["office"])
        phase = params.get("phase")
        if phase:
            qs = qs.filter(phase_q(phase))
        return qs.order_by("-opens_at", "-id")


@extend_schema_view(list=extend_schema(parameters=CONTRIBUTION_PARAMETERS))
class ContributionViewSet(ReadOnlyViewSet[Contribution]):
    """Published contributions (hidden ones left out), oldest first."""

    list_parameters = CONTRIBUTION_PARAMETERS
    serializer_class = ContributionSerializer
    queryset = empty_queryset(Contribution)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        qs = Contribution.objects.filter(Contribution.public_q()).select_related(
            "consultation", "organisation"
        )
        if params.get("consultation"):
            qs = qs.filter(consultation_id=int(params["consultation"]))
        if params.get("section"):
            qs = qs.filter(section_id=int(params["section"]))
        return qs.order_by("created_at", "id")


routes = [
    ("consultations", ConsultationViewSet, "consultation"),
    ("consultation-contributions", ContributionViewSet, "consultation-contribution"),
]
