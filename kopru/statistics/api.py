"""``GET /api/v1/statistics/``: the office's (or the country's) indicators.

``?office=SLUG&indicator=NAME&period=YYYY`` answers the same numbers as the dashboard
and the public statistics page (one ``indicators.compute`` behind all three). Without
``office`` the figures are the whole country's; with ``by_office=true`` (national form
only) every office's figures come too, keyed by slug. Without ``indicator`` every
indicator is answered. An unknown indicator or a malformed period is a 400, an
unknown office a 404.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from kopru.core.api import FORMAT_PARAMETER, parameter_spec, validate_query
from kopru.core.scoping import unscoped_manager

from . import indicators
from .periods import Period, PeriodError

PARAMETERS = [
    OpenApiParameter(
        "office",
        {"type": "string", "maxLength": 60},
        description="office slug (e.g. balikesir); without it, the whole country",
    ),
    OpenApiParameter(
        "indicator",
        OpenApiTypes.STR,
        enum=sorted(indicators.INDICATORS),
        description="indicator name; without it, every indicator",
    ),
    OpenApiParameter(
        "period",
        {"type": "string", "maxLength": 30},
        description="YYYY, YYYY-Q1…Q4 or YYYY-MM-DD_YYYY-MM-DD (default: this year)",
    ),
    OpenApiParameter(
        "by_office",
        OpenApiTypes.BOOL,
        description="national form only: every office's figures too, keyed by slug",
    ),
]

_VALUE = {
    "type": "object",
    "properties": {
        "total": {"type": ["number", "null"]},
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "key": {"type": "string"},
                    "label": {"type": "string"},
                    "value": {"type": ["number", "null"]},
                },
            },
        },
        "extra": {"type": "object"},
    },
}
RESPONSE = {
    "type": "object",
    "properties": {
        "office": {"type": ["string", "null"]},
        "period": {
            "type": "object",
            "properties": {
                "key": {"type": "string"},
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
            },
        },
        "indicators": {
            "type": "object",
            "additionalProperties": {
                "allOf": [
                    _VALUE,
                    {
                        "type": "object",
                        "properties": {
                            "area": {"type": "string"},
                            "unit": {"type": "string"},
                            "label_tr": {"type": "string"},
                            "label_en": {"type": "string"},
                            "definition_tr": {"type": "string"},
                            "definition_en": {"type": "string"},
                        },
                    },
                ]
            },
        },
        "offices": {
            "type": "object",
            "additionalProperties": {"type": "object", "additionalProperties": _VALUE},
        },
    },
}


def _bad(field: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {"detail": _("Geçersiz sorgu parametreleri."), "errors": {field: [message]}}
    )


class StatisticsViewSet(viewsets.ViewSet):
    """Indicators of one office or of the whole country for a period."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        specs = [FORMAT_PARAMETER, *(parameter_spec(p) for p in PARAMETERS)]
        errors = validate_query(request.query_params, specs)
        if errors:
            raise exceptions.ValidationError(
                {"detail": _("Geçersiz sorgu parametreleri."), "errors": errors}
            )

    @extend_schema(
        parameters=PARAMETERS,
        responses={200: OpenApiResponse(RESPONSE, description="the indicators")},
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        try:
            period = Period.parse(params.get("period") or Period.current_year().key)
        except PeriodError as exc:
            raise _bad("period", str(exc)) from None
        name = params.get("indicator")
        names = [name] if name else list(indicators.INDICATORS)
        slug = params.get("office")
        office = None
        offices = unscoped_manager(
            apps.get_model(indicators.OFFICE_MODEL), reason="the API names offices by slug"
        )
        if slug:
            office = offices.filter(slug=slug).first()
            if office is None:
                raise Http404(_("Böyle bir ofis yok."))
        values = indicators.compute(names, office=office, period=period)
        body: dict[str, Any] = {
            "office": slug or None,
            "period": {"key": period.key, "start": period.start, "end": period.end},
            "indicators": {
                n: {
                    "area": indicators.INDICATORS[n].area,
                    "unit": indicators.INDICATORS[n].unit,
                    **indicators.INDICATORS[n].texts(),
                    **v.as_dict(),
                }
                for n, v in values.items()
            },
        }
        if not slug and str(params.get("by_office", "")).lower() in ("true", "1"):
            slugs = dict(offices.values_list("pk", "slug"))
            grouped = indicators.compute_by_office(names, period=period, office_ids=list(slugs))
            body["offices"] = {
                slugs[oid]: {n: v.as_dict() for n, v in figures.items()}
                for oid, figures in grouped.items()
            }
        return Response(body)


routes = [("statistics", StatisticsViewSet, "statistics")]
