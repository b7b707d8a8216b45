"""The coordinator's dashboard and the records behind one of its bars."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest

from .. import indicators, sections
from ..indicators import INDICATORS
from ..periods import Period, PeriodError
from .shared import period_context, read_period

QUALITY_URLS = {
    "projects.Project": "panel:projects:detail",
    "trainings.Event": "panel:trainings:detail",
}
RECORD_TEMPLATES = {
    "projects.Project": "statistics/_records_projects.html",
    "trainings.Event": "statistics/_records_events.html",
    "guidance.Case": "statistics/_records_cases.html",
}


def records_url(office_slug: str, name: str, key: str, period: Period) -> str:
    base = reverse("panel:statistics:records", kwargs={"office_slug": office_slug})
    return f"{base}?{urlencode({'indicator': name, 'key': key, 'period': period.key})}"


def _record_links(
    office_slug: str, model: str, records: list[tuple[int, str]]
) -> list[tuple[str, str]]:
    """The record pages of ``records``, reversing the route once (``.../0/`` → ``.../pk/``)."""
    sample = reverse(QUALITY_URLS[model], kwargs={"office_slug": office_slug, "pk": 0})
    head, tail = sample.rsplit("/0/", 1)
    return [(f"{head}/{pk}/{tail}", title) for pk, title in records]


def dashboard(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """Every indicator of the office for a period, beside the previous period."""
    office = request.office
    period, error = read_period(request)
    previous = period.previous()
    values = indicators.compute(None, office=office, period=period)
    before = indicators.compute(None, office=office, period=previous)
    issues = indicators.data_quality(office)
    for issue in issues:
        issue.links = _record_links(office.slug, issue.model, issue.records)  # type: ignore[attr-defined]
    records_base = reverse("panel:statistics:records", kwargs={"office_slug": office.slug})
    context = {
        "office": office,
        **period_context(period, previous),
        "error": error,
        "headlines": sections.headlines(values, before),
        "areas": sections.areas(
            values,
            period=period,
            previous=before,
            previous_period=previous,
            link=lambda name, key: (
                f"{records_base}?{urlencode({'indicator': name, 'key': key, 'period': period.key})}"
            ),
        ),
        "issues": issues,
    }
    return render(request, "statistics/panel_dashboard.html", context, status=400 if error else 200)


def records(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """The records behind one bar (or an indicator's total) of the dashboard."""
    office = request.office
    name = str(request.GET.get("indicator", "") or "")
    key = str(request.GET.get("key", "") or "")[:300]
    context: dict[str, Any] = {"office": office, "indicator": INDICATORS.get(name), "key": key}
    try:
        period = Period.parse(request.GET.get("period") or Period.current_year().key)
    except PeriodError as exc:
        context["error"] = str(exc)
        return render(request, "statistics/panel_records.html", context, status=400)
    context["period"] = period
    qs = indicators.records(name, key, office=office, period=period) if name in INDICATORS else None
    if qs is None:
        context["error"] = (
            _("Bilinmeyen gösterge.")
            if name not in INDICATORS
            else _("Bu göstergenin ardındaki kayıtlar listelenemiyor.")
        )
        return render(request, "statistics/panel_records.html", context, status=400)
    indicator = INDICATORS[name]
    value = indicators.compute([name], office=office, period=period)[name]
    row = value.row(key) if key else None
    if key and row is None:
        # A key with no records in the period (or made up): an empty, honest list.
        row = indicators.Row(key=key, label=key, value=0)
    model = qs.model._meta.label
    ordering = {
        "projects.Project": ("title_sort", "id"),
        "trainings.Event": ("-starts_on", "-id"),
        "guidance.Case": ("-opened_at", "-id"),
    }[model]
    page = Paginator(qs.order_by(*ordering).distinct(), 50).get_page(request.GET.get("page"))
    query = urlencode({"indicator": name, "key": key, "period": period.key})
    context.update(
        {
            "indicator": indicator,
            "row": row,
            "value": value,
            "page_obj": page,
            "records_template": RECORD_TEMPLATES[model],
            "query": query,
            "back": reverse("panel:statistics:dashboard", kwargs={"office_slug": office.slug})
            + "?"
            + urlencode({"period": period.key}),
        }
    )
    return render(request, "statistics/panel_records.html", context)
