"""Read-only public API of the call catalogue (same filters as the catalogue)."""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kopru.core.api import ReadOnlyViewSet
from kopru.core.scoping import empty_queryset
from kopru.core.vocabularies import SECTOR_ALIASES, TARGET_GROUP_ALIASES, Sector, TargetGroup
from kopru.organisations.models import OrganisationType

from . import selectors
from .models import Call, CallDeadline, DeadlineRange, Instrument, Level, State, Status
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


SECTOR_ALIASES_CODES = [k for k in SECTOR_ALIASES if k.isidentifier() and k.islower()]
TARGET_GROUP_ALIASES_CODES = [k for k in TARGET_GROUP_ALIASES if k.isidentifier() and k.islower()]


def _codes(choices: Any, *former: str) -> list[str]:
    return [str(v) for v, _label in choices.choices] + list(former)


#: Every filter of the list, with its allowed values (``None``: a name the catalogue
#: holds, checked against it). The same names and meanings as the public catalogue's
#: (:class:`~kopru.calls.selectors.SearchParams`); a value outside these answers 400.
FILTER_VALUES: dict[str, tuple[str, list[str] | None]] = {
    "level": ("call level (repeatable, any of)", _codes(Level)),
    "instrument": ("kind of support (repeatable, any of)", _codes(Instrument)),
    "programme": ("a programme name the catalogue holds (repeatable, any of)", None),
    "funder": ("a funder name the catalogue holds (repeatable, any of)", None),
    "status": ("derived from the dates (repeatable, any of)", _codes(Status)),
    "applicant": (
        "organisation type that may apply (repeatable, all of)",
        _codes(OrganisationType),
    ),
    "target": (
        "target group (repeatable, all of; former codes refugees, smes read too)",
        _codes(TargetGroup, *TARGET_GROUP_ALIASES_CODES),
    ),
    "sector": (
        "sector (repeatable, all of; former codes mobility, economy read too)",
        _codes(Sector, *SECTOR_ALIASES_CODES),
    ),
    "deadline": ("days to the next deadline (repeatable, any of)", _codes(DeadlineRange)),
}


LIST_PARAMETERS = [
    OpenApiParameter(
        "q",
        {"type": "string", "maxLength": 200},
        description="Turkish-aware full-text search, expanded through the bilingual "
        "thesaurus (a Turkish word finds English calls and the other way round)",
    ),
    OpenApiParameter("office", OpenApiTypes.STR, description="office slug (an existing office)"),
    OpenApiParameter(
        "sort", OpenApiTypes.STR, enum=list(selectors.SORTS), description="default: deadline"
    ),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, description=doc, many=True, enum=values)
        for name, (doc, values) in FILTER_VALUES.items()
    ],
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class CallViewSet(ReadOnlyViewSet[Call]):
    """Funding calls. Anonymous callers see published calls only."""

    list_parameters = LIST_PARAMETERS

    serializer_class = CallSerializer
    queryset = empty_queryset(Call)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action == "list":
            errors = _unknown_names(request.query_params)
            if errors:
                raise exceptions.ValidationError(
                    {"detail": _("Geçersiz sorgu parametreleri."), "errors": errors}
                )

    def get_queryset(self) -> Any:
        return selectors.with_list_relations(Call.objects.all())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The catalogue engine's matches (the page's, feeds' and alerts' own), in its
        order: published calls of every office (or of ``office``'s catalogue), and the
        unpublished ones the caller may see, held to the same filters."""
        params = SearchParams.from_query(request.query_params)
        office = selectors.office_by_slug(request.query_params.get("office") or "")
        unpublished = Call.objects.exclude(state=State.PUBLISHED)
        if office is not None:
            unpublished = unpublished.filter(office=office)
        found = selectors.find_calls(
            params, office=office, also=list(unpublished.values_list("pk", flat=True))
        )
        page = cast("list[int] | None", self.paginate_queryset(_Ids(found)))  # type: ignore[arg-type]
        calls = selectors.calls_in_order(list(page or []), relations=True)
        return self.get_paginated_response(self.get_serializer(calls, many=True).data)


class _Ids:
    """The engine's matches as the paginator slices them (one page of ids at a time)."""

    def __init__(self, found: Any) -> None:
        self._found = found

    def count(self) -> int:
        return int(self._found.total)

    def __len__(self) -> int:
        return int(self._found.total)

    def __getitem__(self, index: slice) -> list[int]:
        start = index.start or 0
        return list(self._found.ids(start, (index.stop or self._found.total) - start))


def _unknown_names(query: Any) -> dict[str, list[str]]:
    """The programme, funder and office values that name nothing the catalogue holds."""
    errors: dict[str, list[str]] = {}
    for key in ("programme", "funder"):
        values = [v for v in query.getlist(key) if v]
        if values:
            known = selectors.known_facet_values(key, values)
            unknown = [v for v in values if v not in known]
            if unknown:
                errors[key] = [_("Katalogda böyle bir değer yok: %(v)s.") % {"v": unknown[0]}]
    slug = query.get("office")
    if slug and not selectors.office_slug_exists(slug):
        errors["office"] = [_("Böyle bir ofis yok: %(v)s.") % {"v": slug}]
    return errors


routes = [("calls", CallViewSet, "call")]
