"""Every write of the annual report: draft, edit the narrative, approve (freeze),
supersede with a new draft, generate its files. Audited; frozen reports never change."""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update

from . import figures, pdf, xlsx
from .models import (
    SECTION_FIELDS,
    AnnualReport,
    ReportFile,
    ReportFormat,
    ReportLanguage,
    ReportStatus,
    period_problem,
)

NARRATIVE_FIELDS = tuple(
    f"{field}_{lang}" for field in SECTION_FIELDS.values() for lang in ("tr", "en")
)
RENDERERS: dict[str, Callable[[AnnualReport, dict[str, Any], str], bytes]] = {
    ReportFormat.PDF: pdf.render,
    ReportFormat.XLSX: xlsx.render,
}
_GOALS_HEADING = re.compile(
    r"^.*(hedefleri|objectives|goals)\s*:?\s*$", re.IGNORECASE | re.MULTILINE
)


def _prefill(description: str) -> tuple[str, str]:
    """Sections I and II from the office's description: the text before its list of
    goals ("... Hedefleri:") is the mandate, the list the goals; without such a heading
    the whole description serves as both starting points."""
    text = "\n\n".join(p.strip() for p in description.replace("\r", "").split("\n") if p.strip())
    match = _GOALS_HEADING.search(text)
    if match is None:
        return text, text
    return text[: match.start()].strip(), text[match.start() :].strip()


def _locked(report: AnnualReport) -> AnnualReport:
    return (
        unscoped_manager(AnnualReport, reason="the report given, locked")
        .select_for_update()
        .select_related("office", "office__province")
        .get(pk=report.pk)
    )


@transaction.atomic
def report_create(
    *, office: Any, actor: Any, period_start: dt.date | None, period_end: dt.date | None
) -> AnnualReport:
    """A new draft for a period the office has no live report for."""
    problem = period_problem(period_start, period_end)
    if problem is not None or period_start is None or period_end is None:
        raise ApplicationError(str(problem))
    existing = AnnualReport.objects.filter(
        office=office, period_start=period_start, period_end=period_end
    ).exclude(status=ReportStatus.SUPERSEDED)
    if existing.exists():
        raise ApplicationError(
            _("Bu dönemin raporu zaten var; onu açın ya da onaylıysa yeni sürümünü başlatın.")
        )
    general_tr, goals_tr = _prefill(office.description_tr)
    general_en, goals_en = _prefill(office.description_en)
    return model_create(
        model=AnnualReport,
        data={
            "office": office,
            "period_start": period_start,
            "period_end": period_end,
            "general_tr": general_tr,
            "general_en": general_en,
            "goals_tr": goals_tr,
            "goals_en": goals_en,
        },
        actor=actor,
        action="annualreports.report.created",
    )


def _refuse_frozen(report: AnnualReport) -> None:
    if report.is_frozen:
        raise ApplicationError(
            _("Onaylanmış rapor değiştirilemez; değişiklik için yeni bir sürüm başlatın.")
        )


def report_update(
    *,
    report: AnnualReport,
    data: Mapping[str, Any],
    actor: Any,
    expected_version: int | None,
) -> AnnualReport:
    """Edit the narrative of a draft (versioned: a stale save is refused)."""
    unknown = set(data) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ApplicationError(
            _("Bu alanlar düzenlenemez: {f}").format(f=", ".join(sorted(unknown)))
        )
    with transaction.atomic():
        current = _locked(report)
        _refuse_frozen(current)
        updated, _changes = model_update(
            instance=current,
            data=data,
            actor=actor,
            action="annualreports.report.updated",
            expected_version=expected_version,
        )
    return updated


def _discard_files(report: AnnualReport) -> None:
    for old in list(ReportFile.objects.filter(report=report)):
        name = old.file.name
        storage = old.file.storage
        old.delete()
        if name:
            transaction.on_commit(functools.partial(storage.delete, name))


@transaction.atomic
def report_approve(
    *, report: AnnualReport, actor: Any, expected_version: int | None = None
) -> AnnualReport:
    """Freeze a draft: its figures are read now and stored with their "as of" time.

    Files made from the draft (live figures) are discarded; the files of an approved
    report are made from the stored figures only.
    """
    current = _locked(report)
    _refuse_frozen(current)
    if expected_version is not None and current.version != expected_version:
        raise ApplicationError(
            _("Rapor siz incelerken değiştirildi; son hâlini görüp yeniden onaylayın.")
        )
    snapshot = figures.collect(current.office, current.period_start, current.period_end)
    now = timezone.now()
    unscoped_manager(AnnualReport, reason="the report given, locked").filter(pk=current.pk).update(
        status=ReportStatus.APPROVED,
        figures=snapshot,
        figures_as_of=figures.as_of(snapshot),
        approved_at=now,
        approved_by=actor,
        updated_at=now,
        version=F("version") + 1,
    )
    current.refresh_from_db()
    _discard_files(current)
    audit_log(
        actor=actor,
        action="annualreports.report.approved",
        obj=current,
        changes={"status": (ReportStatus.DRAFT, ReportStatus.APPROVED)},
        data={"figures_as_of": snapshot["as_of"]},
    )
    return current


@transaction.atomic
def report_new_draft(*, report: AnnualReport, actor: Any) -> AnnualReport:
    """Supersede an approved report with a new draft that starts from its narrative."""
    current = _locked(report)
    if current.status != ReportStatus.APPROVED:
        raise ApplicationError(_("Yalnızca onaylanmış bir raporun yeni sürümü başlatılabilir."))
    unscoped_manager(AnnualReport, reason="the report given, locked").filter(pk=current.pk).update(
        status=ReportStatus.SUPERSEDED, version=F("version") + 1, updated_at=timezone.now()
    )
    audit_log(
        actor=actor,
        action="annualreports.report.superseded",
        obj=current,
        changes={"status": (ReportStatus.APPROVED, ReportStatus.SUPERSEDED)},
    )
    return model_create(
        model=AnnualReport,
        data={
            "office": current.office,
            "period_start": current.period_start,
            "period_end": current.period_end,
            "revision": current.revision + 1,
            "supersedes": current,
            **{name: getattr(current, name) for name in NARRATIVE_FIELDS},
        },
        actor=actor,
        action="annualreports.report.created",
    )


def report_figures(report: AnnualReport) -> dict[str, Any]:
    """The figures a file of ``report`` shows: the frozen ones, or (a draft) read now."""
    if report.is_frozen and report.figures:
        return dict(report.figures)
    return figures.collect(report.office, report.period_start, report.period_end)


def file_name(report: AnnualReport, language: str, fmt: str) -> str:
    stem = "faaliyet-raporu" if language == "tr" else "activity-report"
    return f"{report.office.slug}-{stem}-{report.period.key}-v{report.revision}.{fmt}"


@transaction.atomic
def report_file_generate(
    *,
    report: AnnualReport,
    language: str,
    fmt: str,
    actor: Any,
    snapshot: dict[str, Any] | None = None,
) -> ReportFile:
    """Make (or remake) the PDF or XLSX of ``report`` in ``language``."""
    if language not in ReportLanguage.values or fmt not in ReportFormat.values:
        raise ApplicationError(_("Bilinmeyen dil ya da biçim."))
    data = snapshot if snapshot is not None else report_figures(report)
    started = time.perf_counter()
    content = RENDERERS[fmt](report, data, language)
    seconds = time.perf_counter() - started
    for old in ReportFile.objects.filter(report=report, language=language, format=fmt):
        name, storage = old.file.name, old.file.storage
        old.delete()
        transaction.on_commit(functools.partial(storage.delete, name))
    made = ReportFile(
        office=report.office,
        report=report,
        language=language,
        format=fmt,
        report_version=report.version,
        figures_as_of=figures.as_of(data),
        seconds=seconds,
    )
    made.file.save(file_name(report, language, fmt), ContentFile(content), save=False)
    made.save()
    audit_log(
        actor=actor,
        action="annualreports.file.generated",
        obj=report,
        data={"language": language, "format": fmt, "figures_as_of": data["as_of"]},
    )
    return made


def report_files_generate(
    *,
    report: AnnualReport,
    actor: Any,
    languages: Iterable[str] = ("tr", "en"),
    formats: Iterable[str] = ("pdf", "xlsx"),
    progress: Callable[[int, int, str], None] | None = None,
) -> list[ReportFile]:
    """Every file of ``report`` from one reading of the figures (the background job)."""
    kinds = [(lang, fmt) for lang in languages for fmt in formats]
    total = len(kinds) + 1
    if progress:
        progress(0, total, _("Rakamlar okunuyor…"))
    snapshot = report_figures(report)
    made = []
    for done, (lang, fmt) in enumerate(kinds, start=1):
        if progress:
            progress(
                done, total, _("{fmt} ({lang}) hazırlanıyor…").format(fmt=fmt.upper(), lang=lang)
            )
        made.append(
            report_file_generate(
                report=report, language=lang, fmt=fmt, actor=actor, snapshot=snapshot
            )
        )
    if progress:
        progress(total, total, "")
    return made
