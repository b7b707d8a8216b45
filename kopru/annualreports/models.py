"""The annual activity report (faaliyet raporu) of an office, its versions and files.

A report covers one office and one period (normally a calendar year). Its narrative
sections are written by the coordinator; its figures are generated from the named
indicators of :mod:`kopru.statistics.indicators`. Approving a draft **freezes** it: the
figures are stored as data (``figures``) with the moment they were read
(``figures_as_of``), so the report downloaded next year shows the same numbers. A
frozen report is never edited again; a new draft (the next ``revision``) supersedes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopru.core.i18n import localized
from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.statistics.periods import Period, PeriodError


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("taslak")
    APPROVED = "approved", pgettext_lazy("annual report", "onaylandı")
    SUPERSEDED = "superseded", _("yerini yeni sürüme bıraktı")


# The five parts of a Turkish public body's activity report, in their order. Each
# narrative part is a pair of fields ``<field>_tr``/``<field>_en``.
SECTIONS: tuple[tuple[str, str, Any], ...] = (
    ("i", "general", pgettext_lazy("annual report", "Genel bilgiler")),
    ("ii", "goals", _("Amaç ve hedefler")),
    ("iii", "activities", _("Faaliyetlere ilişkin bilgi ve değerlendirmeler")),
    ("iv", "capacity", _("Kurumsal kabiliyet ve kapasitenin değerlendirilmesi")),
    ("v", "proposals", _("Öneri ve tedbirler")),
)
SECTION_FIELDS = {key: field for key, field, _label in SECTIONS}
SECTION_LABELS = {key: label for key, _field, label in SECTIONS}
ROMAN = {key: key.upper() for key in SECTION_FIELDS}


class AnnualReport(OfficeOwned, TimeStamped, Versioned):
    period_start = models.DateField(_("dönem başı"))
    period_end = models.DateField(_("dönem sonu"))
    revision = models.PositiveSmallIntegerField(_("rapor sürümü"), default=1)
    status = models.CharField(
        _("durum"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    general_tr = models.TextField(_("I. Genel bilgiler (Türkçe)"), blank=True)
    general_en = models.TextField(_("I. Genel bilgiler (İngilizce)"), blank=True)
    goals_tr = models.TextField(_("II. Amaç ve hedefler (Türkçe)"), blank=True)
    goals_en = models.TextField(_("II. Amaç ve hedefler (İngilizce)"), blank=True)
    activities_tr = models.TextField(_("III. Değerlendirme (Türkçe)"), blank=True)
    activities_en = models.TextField(_("III. Değerlendirme (İngilizce)"), blank=True)
    capacity_tr = models.TextField(_("IV. Kurumsal kabiliyet ve kapasite (Türkçe)"), blank=True)
    capacity_en = models.TextField(_("IV. Kurumsal kabiliyet ve kapasite (İngilizce)"), blank=True)
    proposals_tr = models.TextField(_("V. Öneri ve tedbirler (Türkçe)"), blank=True)
    proposals_en = models.TextField(_("V. Öneri ve tedbirler (İngilizce)"), blank=True)
    figures = models.JSONField(_("dondurulmuş rakamlar"), default=dict, blank=True)
    figures_as_of = models.DateTimeField(_("rakamların tarihi"), null=True, blank=True)
    approved_at = models.DateTimeField(
        pgettext_lazy("annual report", "onay zamanı"), null=True, blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("onaylayan"),
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("önceki sürüm"),
    )

    class Meta:
        verbose_name = _("faaliyet raporu")
        verbose_name_plural = _("faaliyet raporları")
        ordering = ["-period_end", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "period_start", "period_end", "revision"],
                name="annualreport_one_revision_number",
            ),
            # One live report per office and period: the others are superseded.
            models.UniqueConstraint(
                fields=["office", "period_start", "period_end"],
                condition=~Q(status="superseded"),
                name="annualreport_one_current_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="annualreport_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(figures_as_of__isnull=False),
                name="annualreport_frozen_has_figures",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label} ({self.revision})"

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.period_start.year == self.period_end.year
            and (self.period_start.month, self.period_start.day) == (1, 1)
            and (self.period_end.month, self.period_end.day) == (12, 31)
        )

    @property
    def period(self) -> Period:
        return report_period(self.period_start, self.period_end)

    @property
    def period_label(self) -> str:
        """``2025``, ``2025 2. çeyrek`` or the two dates (in the active language)."""
        return str(self.period.label)

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status != ReportStatus.DRAFT

    def section_text(self, key: str) -> str:
        return localized(self, SECTION_FIELDS[key])


def report_period(start: dt.date, end: dt.date) -> Period:
    """The statistics period of a report: a calendar year, a quarter, or custom days.

    Raises :class:`PeriodError` (with its message) for a period that ends before it
    starts or spans more than ten years: the one rule of :mod:`kopru.statistics.periods`.
    """
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return Period.year(start.year)
    if start.day == 1 and start.month in (1, 4, 7, 10):
        quarter = Period.quarter(start.year, (start.month - 1) // 3 + 1)
        if quarter.end == end:
            return quarter
    return Period(start, end, "custom")


def period_problem(start: dt.date | None, end: dt.date | None) -> Any:
    """Why a report period is not acceptable (``None``: it is)."""
    if start is None or end is None:
        return _("Dönemin başını ve sonunu girin.")
    try:
        report_period(start, end)
    except PeriodError as exc:
        return str(exc)
    return None


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class ReportLanguage(models.TextChoices):
    TR = "tr", _("Türkçe")
    EN = "en", _("İngilizce")


def report_file_path(instance: ReportFile, filename: str) -> str:
    return f"annualreports/{instance.office_id}/{filename}"


class ReportFile(OfficeOwned):
    """A generated PDF or XLSX of one report in one language.

    ``report_version`` is the report's ``version`` when it was made (a draft edited
    since has a newer one); ``figures_as_of`` says when its figures were read.
    """

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="files", verbose_name=_("rapor")
    )
    language = models.CharField(_("dil"), max_length=2, choices=ReportLanguage.choices)
    format = models.CharField(_("biçim"), max_length=4, choices=ReportFormat.choices)
    file = models.FileField(_("dosya"), upload_to=report_file_path)
    report_version = models.PositiveIntegerField(_("rapor sürümü"))
    figures_as_of = models.DateTimeField(_("rakamların tarihi"))
    generated_at = models.DateTimeField(_("oluşturulma"), auto_now_add=True)
    seconds = models.FloatField(_("süre (saniye)"), default=0)

    class Meta:
        verbose_name = _("rapor dosyası")
        verbose_name_plural = _("rapor dosyaları")
        ordering = ["-generated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language", "format"], name="reportfile_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.language} {self.format}"

    @property
    def is_current(self) -> bool:
        return self.report_version == self.report.version
