"""The office's public statistics (``/<office>/istatistikler/``) and their open data."""

from __future__ import annotations

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render

from kopru.accounts.http import PublicRequest
from kopru.core.spreadsheets import neutralise

from .. import indicators, sections
from ..periods import Period
from .shared import period_context, read_period


def index(request: PublicRequest, office_slug: str) -> HttpResponse:
    office = request.office
    period, error = read_period(request)
    previous = period.previous()
    values = indicators.compute(None, office=office, period=period)
    before = indicators.compute(None, office=office, period=previous)
    since = values["trainees_since_first_year"]
    context = {
        "office": office,
        **period_context(period, previous),
        "error": error,
        "since": since,
        "headlines": sections.headlines(values, before),
        "areas": sections.areas(values, period=period, previous=before, previous_period=previous),
        "definitions": [(ind, sections.unit_text(ind)) for ind in indicators.INDICATORS.values()],
    }
    return render(request, "statistics/public_index.html", context, status=400 if error else 200)


def _period_or_400(request: PublicRequest) -> Period | HttpResponse:
    period, error = read_period(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    return period


def open_data_json(request: PublicRequest, office_slug: str) -> HttpResponse:
    """Every indicator of the period with its definitions (TR and EN), as JSON."""
    period = _period_or_400(request)
    if isinstance(period, HttpResponse):
        return period
    office = request.office
    values = indicators.compute(None, office=office, period=period)
    document = sections.open_data(values, office=office, period=period)
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'inline; filename="{office_slug}-istatistik-{period.key}.json"'
    )
    return response


def open_data_csv(request: PublicRequest, office_slug: str) -> HttpResponse:
    """The same as CSV: a line per indicator total and per breakdown row."""
    period = _period_or_400(request)
    if isinstance(period, HttpResponse):
        return period
    values = indicators.compute(None, office=request.office, period=period)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(sections.CSV_HEADER)
    for line in sections.csv_rows(values, period=period):
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in line])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{office_slug}-istatistik-{period.key}.csv"'
    )
    return response
