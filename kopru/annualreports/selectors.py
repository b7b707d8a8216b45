"""Reads of annual reports (in the active office scope)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AnnualReport, ReportFile


def report_list() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.select_related("approved_by").order_by(
        "-period_end", "-period_start", "-revision"
    )


def report_files(report: AnnualReport) -> dict[tuple[str, str], ReportFile]:
    """The report's generated files by ``(language, format)``."""
    return {(f.language, f.format): f for f in ReportFile.objects.filter(report=report)}


def report_file(report: AnnualReport, language: str, fmt: str) -> ReportFile | None:
    return ReportFile.objects.filter(report=report, language=language, format=fmt).first()


def revisions(report: AnnualReport) -> QuerySet[AnnualReport]:
    """Every version of the report's period, newest first."""
    return AnnualReport.objects.filter(
        period_start=report.period_start, period_end=report.period_end
    ).order_by("-revision")
