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
# The list of the records behind a bar: its template and order, per model.
RECORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "projects.Project": ("statistics/_records_projects.html", ("title_sort", "id")),
    "trainings.Event": ("statistics/_records_events.html", ("-starts_on", "-id")),
    "guidance.Case": ("statistics/_records_cases.html", ("-opened_at", "-id")),
    "calls.Call": ("statistics/_records_calls.html", ("-published_at", "-id")),
    "organisations.Organisation": ("statistics/_records_organisations.html", ("name_sort", "id")),
    "partners.PartnerSearch": ("statistics/_records_partner_searches.html", ("-created_at", "-id")),
    "decisions.Decision": ("statistics/_records_decisions.html", ("-decided_on", "-id")),
    "consultations.Contribution": (
        "statistics/_records_contributions.html",
        ("-created_at", "-id"),
    ),
}
# What each list reads of a record's relations (one query, not one per row).
RELATED = {
    "decisions.Decision": ("owner",),
    "consultations.Contribution": ("consultation", "section"),
    "partners.PartnerSearch": ("organisation",),
}


def _query(name: str, key: str, period: Period) -> str:
    """The records page's query for a bar (a row keyed ``""`` is asked as EMPTY_KEY)."""
    return urlencode({"indicator": name, "key": key or indicators.EMPTY_KEY, "period": period.key})


def records_url(office_slug: str, name: str, key: str, period: Period) -> str:
    base = reverse("panel:statistics:records", kwargs={"office_slug": office_slug})
    return f"{base}?{_query(name, key, period)}"


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
            link=lambda name, key: f"{records_base}?{_query(name, key, period)}",
            total_link=lambda name: (
                f"{records_base}?{urlencode({'indicator': name, 'period': period.key})}"
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
    row = value.row("" if key == indicators.EMPTY_KEY else key) if key else None
    if key and row is None:
        # A key with no records in the period (or made up): an empty, honest list.
        row = indicators.Row(key=key, label=key, value=0)
    model = qs.model._meta.label
    template, ordering = RECORDS[model]
    qs = qs.order_by(*ordering).distinct().select_related(*RELATED.get(model, ()))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = urlencode({"indicator": name, "key": key, "period": period.key})
    context.update(
        {
            "indicator": indicator,
            "row": row,
            "value": value,
            "page_obj": page,
            "records_template": template,
            "query": query,
            "back": reverse("panel:statistics:dashboard", kwargs={"office_slug": office.slug})
            + "?"
            + urlencode({"period": period.key}),
        }
    )
    return render(request, "statistics/panel_records.html", context)
