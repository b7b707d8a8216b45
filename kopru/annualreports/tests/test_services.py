"""Drafting, editing, approving (freezing) and superseding a report; its files."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kopru.annualreports import services
from kopru.annualreports.models import AnnualReport, ReportFile, ReportStatus
from kopru.core.errors import ApplicationError, ConcurrentEditError
from kopru.core.models import AuditEntry

pytestmark = pytest.mark.django_db

Y2025 = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31)}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def draft(in_balikesir: Any, balikesir_coordinator: Any) -> AnnualReport:
    in_balikesir.description_tr = (
        "Büro 10 Şubat 2010 tarihinde kurulmuştur.\n \nBüronun Hedefleri:\n"
        " • Projeleri tek elden koordine etmek.\n • Başarı hikâyelerini paylaşmak."
    )
    in_balikesir.description_en = "The office was founded in 2010."
    return services.report_create(office=in_balikesir, actor=balikesir_coordinator, **Y2025)


def test_a_draft_starts_from_the_office_description(draft: AnnualReport) -> None:
    assert draft.status == ReportStatus.DRAFT and draft.revision == 1
    assert draft.general_tr == "Büro 10 Şubat 2010 tarihinde kurulmuştur."
    assert draft.goals_tr.startswith("Büronun Hedefleri:")
    assert "Başarı hikâyelerini paylaşmak." in draft.goals_tr
    # no list of goals in the English text: it serves as both starting points
    assert draft.general_en == draft.goals_en == "The office was founded in 2010."
    assert AuditEntry.objects.filter(action="annualreports.report.created").count() == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (dt.date(2025, 12, 31), dt.date(2025, 1, 1), "başlangıcından önce"),
        (dt.date(2010, 1, 1), dt.date(2020, 1, 1), "en çok 10 yıl"),
        (None, dt.date(2020, 1, 1), "başını ve sonunu"),
    ],
)
def test_a_bad_period_is_refused_with_a_clear_message(
    in_balikesir: Any, balikesir_coordinator: Any, start: Any, end: Any, message: str
) -> None:
    with pytest.raises(ApplicationError) as exc:
        services.report_create(
            office=in_balikesir, actor=balikesir_coordinator, period_start=start, period_end=end
        )
    assert message in exc.value.message
    assert not AnnualReport.objects.exists()


def test_one_live_report_per_period(draft: AnnualReport, balikesir_coordinator: Any) -> None:
    with pytest.raises(ApplicationError):
        services.report_create(office=draft.office, actor=balikesir_coordinator, **Y2025)


def test_editing_is_versioned_and_audited(draft: AnnualReport, balikesir_coordinator: Any) -> None:
    services.report_update(
        report=draft,
        data={"capacity_tr": "İki uzman, bir koordinatör."},
        actor=balikesir_coordinator,
        expected_version=1,
    )
    draft.refresh_from_db()
    assert draft.capacity_tr == "İki uzman, bir koordinatör." and draft.version == 2
    entry = AuditEntry.objects.get(action="annualreports.report.updated")
    assert entry.changes == {"capacity_tr": ["", "İki uzman, bir koordinatör."]}
    with pytest.raises(ConcurrentEditError):
        services.report_update(
            report=draft,
            data={"capacity_tr": "eski"},
            actor=balikesir_coordinator,
            expected_version=1,
        )
    with pytest.raises(ApplicationError):
        services.report_update(
            report=draft,
            data={"status": "approved"},
            actor=balikesir_coordinator,
            expected_version=2,
        )


def test_approval_freezes_the_figures(
    draft: AnnualReport, balikesir_coordinator: Any, fixed_figures: Any
) -> None:
    approved = services.report_approve(
        report=draft, actor=balikesir_coordinator, expected_version=1
    )
    assert (
        approved.status == ReportStatus.APPROVED and approved.approved_by == balikesir_coordinator
    )
    assert approved.figures_as_of is not None
    assert approved.figures["areas"][0]["indicators"][0]["value"] == 4321
    assert approved.figures["office"]["governorship"]["tr"] == "T.C. Balıkesir Valiliği"
    # the records change a year later: the frozen report keeps its numbers
    fixed_figures.set(9999)
    made = services.report_file_generate(
        report=approved, language="tr", fmt="pdf", actor=balikesir_coordinator
    )
    text = pdf_text(made.file.read())
    assert "4.321" in text and "9.999" not in text
    assert made.figures_as_of == approved.figures_as_of
    # a frozen report is never edited, nor approved again
    with pytest.raises(ApplicationError):
        services.report_update(
            report=approved,
            data={"capacity_tr": "x"},
            actor=balikesir_coordinator,
            expected_version=None,
        )
    with pytest.raises(ApplicationError):
        services.report_approve(report=approved, actor=balikesir_coordinator)


def test_a_new_draft_supersedes_the_approved_report(
    draft: AnnualReport, balikesir_coordinator: Any, fixed_figures: Any
) -> None:
    services.report_update(
        report=draft,
        data={"proposals_tr": "Bir uzman daha."},
        actor=balikesir_coordinator,
        expected_version=1,
    )
    approved = services.report_approve(report=draft, actor=balikesir_coordinator)
    new = services.report_new_draft(report=approved, actor=balikesir_coordinator)
    approved.refresh_from_db()
    assert approved.status == ReportStatus.SUPERSEDED
    assert new.status == ReportStatus.DRAFT and new.revision == 2 and new.supersedes == approved
    assert new.proposals_tr == "Bir uzman daha." and new.figures == {}
    with pytest.raises(ApplicationError):
        services.report_new_draft(report=approved, actor=balikesir_coordinator)
    with pytest.raises(ApplicationError):
        services.report_new_draft(report=new, actor=balikesir_coordinator)


def test_the_draft_pdf_has_cover_contents_and_page_numbers(
    draft: AnnualReport, balikesir_coordinator: Any, fixed_figures: Any
) -> None:
    services.report_update(
        report=draft,
        data={"capacity_tr": "Ofiste çalışan ğüşıöç İĞÜŞÖÇ uzmanlar."},
        actor=balikesir_coordinator,
        expected_version=1,
    )
    draft.refresh_from_db()
    made = services.report_file_generate(
        report=draft, language="tr", fmt="pdf", actor=balikesir_coordinator
    )
    reader = PdfReader(made.file.open("rb"))
    pages = [p.extract_text() for p in reader.pages]
    assert "T.C. Balıkesir Valiliği" in pages[0] and "2025 Yılı Faaliyet Raporu" in pages[0]
    assert "İçindekiler" in pages[1]
    assert "Kurumsal kabiliyet ve kapasitenin değerlendirilmesi" in pages[1]
    assert "ğüşıöç İĞÜŞÖÇ" in "\n".join(pages)
    assert "4.321" in "\n".join(pages) and "1.234" in "\n".join(pages)
    # the last page carries its number
    assert str(len(pages)) in pages[-1].split()
    assert made.report_version == draft.version and made.is_current
    english = services.report_file_generate(
        report=draft, language="en", fmt="pdf", actor=balikesir_coordinator
    )
    text = pdf_text(english.file.read())
    assert "Governorship of Balıkesir" in text and "4,321" in text
    assert ReportFile.objects.count() == 2


def test_the_workbook_has_a_sheet_per_area_native_charts_and_no_formulas(
    draft: AnnualReport, balikesir_coordinator: Any, fixed_figures: Any
) -> None:
    made = services.report_file_generate(
        report=draft, language="tr", fmt="xlsx", actor=balikesir_coordinator
    )
    raw = made.file.read()
    wb = load_workbook(io.BytesIO(raw))
    assert wb.sheetnames == ["Özet", "Projeler"]
    sheet = wb["Projeler"]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert 4321 in values and "Altıeylül" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert '\'=HYPERLINK("x")' in values
    assert b"xl/charts/chart1.xml" in raw  # a native Excel chart


def test_generating_every_file_reports_progress(
    draft: AnnualReport, balikesir_coordinator: Any, fixed_figures: Any
) -> None:
    steps: list[tuple[int, int]] = []
    made = services.report_files_generate(
        report=draft, actor=balikesir_coordinator, progress=lambda d, t, m: steps.append((d, t))
    )
    assert {(f.language, f.format) for f in made} == {
        ("tr", "pdf"),
        ("tr", "xlsx"),
        ("en", "pdf"),
        ("en", "xlsx"),
    }
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)
    # approving discards the files made from live figures
    services.report_approve(report=draft, actor=balikesir_coordinator)
    assert not ReportFile.objects.exists()
