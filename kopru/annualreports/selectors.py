"""Reads of annual reports (in the active office scope)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopru.accounts.permissions import can_coordinate_office
from kopru.core.mywork import LIMIT, WorkItem

from .models import AnnualReport, ReportFile, ReportStatus

# The panel list's sortable columns (kopru.core.lists): key -> fields.
REPORT_SORTS = {
    "period": ("period_end", "period_start", "revision"),
    "revision": ("revision", "-period_end"),
    "status": ("status", "-period_end"),
    "approved": ("approved_at", "-period_end"),
}


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


def work_items(user: Any, office: Any, today: dt.date) -> tuple[list[WorkItem], int]:
    """The panel home's "my work" (:mod:`kopru.core.mywork`): for the coordinator, who
    drafts and approves them, the office's draft activity reports (due once their period
    has ended; overdue after that day)."""
    if not can_coordinate_office(user, office):
        return [], 0
    rows = list(
        AnnualReport.objects.filter(office=office, status=ReportStatus.DRAFT)
        .only("id", "period_start", "period_end", "revision")
        .order_by("period_end", "id")[:LIMIT]
    )
    items = [
        WorkItem(
            title=_("Faaliyet raporu taslağı: %(start)s – %(end)s")
            % {"start": date_format(r.period_start), "end": date_format(r.period_end)},
            url=reverse(
                "panel:annualreports:detail", kwargs={"office_slug": office.slug, "pk": r.pk}
            ),
            due=r.period_end if r.period_end < today else None,
            note=_("onay bekliyor") if r.period_end < today else _("taslak"),
        )
        for r in rows
    ]
    return items, len(items)


def national_reports(*, year: int | None = None, status: str = "") -> QuerySet[AnnualReport]:
    """Every office's reports (the national area's scope: all offices), by office and
    newest period first, with their files; ``year``: the reports whose period touches
    that year."""
    qs = AnnualReport.objects.select_related("office", "office__province", "approved_by")
    if year is not None:
        qs = qs.filter(period_start__lte=dt.date(year, 12, 31), period_end__gte=dt.date(year, 1, 1))
    if status:
        qs = qs.filter(status=status)
    files = ReportFile.objects.only("id", "report_id", "language", "format", "file")
    return qs.prefetch_related(Prefetch("files", queryset=files)).order_by(
        "office__province__name_sort", "-period_end", "-period_start", "-revision"
    )


def offices_without_report(year: int) -> list[Any]:
    """Active offices with no report of any status whose period touches ``year``."""
    office_model = apps.get_model("offices", "Office")
    touching = Q(period_start__lte=dt.date(year, 12, 31), period_end__gte=dt.date(year, 1, 1))
    having = AnnualReport.objects.filter(touching).values("office_id")
    return list(
        office_model.objects.filter(is_active=True)
        .exclude(pk__in=having)
        .select_related("province")
        .order_by("province__name_sort")
    )
