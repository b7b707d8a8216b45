"""National administrators' list of every office's annual reports (``/ulusal/``: the
middleware lets only them in and opens every office's records)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors
from ..forms import NationalListForm
from ..models import AnnualReport, ReportFormat, ReportLanguage


def _files(report: AnnualReport) -> list[dict[str, Any]]:
    """The report's generated files, in a fixed order (TR PDF, TR XLSX, EN PDF, EN XLSX)."""
    made = {(f.language, f.format) for f in report.files.all() if f.file}
    return [
        {"language": language, "format": fmt}
        for language in ReportLanguage.values
        for fmt in ReportFormat.values
        if (language, fmt) in made
    ]


def report_list(request: HttpRequest) -> HttpResponse:
    """Every office's reports: period, version, status, approval, the files to download
    (through the office's own download page, which national administrators may open)."""
    form = NationalListForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "annualreports/national_list.html", {"form": form}, status=400)
    year = form.cleaned_data.get("year") if form.is_bound else None
    status = (form.cleaned_data.get("status") or "") if form.is_bound else ""
    reports = [(r, _files(r)) for r in selectors.national_reports(year=year, status=status)]
    context = {
        "form": form,
        "year": year,
        "reports": reports,
        "offices": len({r.office_id for r, _made in reports}),
        "missing": selectors.offices_without_report(year) if year and not status else [],
    }
    return render(request, "annualreports/national_list.html", context)
