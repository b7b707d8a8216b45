"""The panel pages: draft, edit a section, approve, download; who may do what."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from kopru.annualreports import services
from kopru.annualreports.models import AnnualReport, ReportStatus
from kopru.annualreports.permissions import access_report
from kopru.core.models import AuditEntry, Job
from kopru.core.scoping import office_scope
from kopru.core.tests.access_checks import MISSING, assert_one_404

from .factories import AnnualReportFactory

pytestmark = pytest.mark.django_db

BASE = "/balikesir/panel/faaliyet-raporu/"


def test_access_helper_refuses_alike(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_coordinator: Any
) -> None:
    mine = AnnualReportFactory(office=balikesir)
    other = AnnualReportFactory(office=izmir)
    with office_scope(balikesir):
        assert access_report(balikesir_expert, mine.pk) == mine
        assert access_report(balikesir_coordinator, mine.pk, for_="edit") == mine
        assert_one_404(
            lambda: access_report(balikesir_coordinator, MISSING),
            lambda: access_report(balikesir_coordinator, other.pk),
            lambda: access_report(balikesir_expert, mine.pk, for_="manage"),
        )


def test_coordinator_drafts_a_year(client_for: Any, balikesir_coordinator: Any) -> None:
    client = client_for(balikesir_coordinator)
    assert "Taslak oluştur" in client.get(BASE).content.decode()
    response = client.post(BASE + "yeni/", {"year": "2025"})
    report = AnnualReport._base_manager.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{report.pk}/"
    assert (report.period_start, report.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    page = client.get(response["Location"]).content.decode()
    assert "2025 Yılı Faaliyet Raporu" in page and "IV. bölümü düzenle" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"period_start": "2025-12-31", "period_end": "2025-01-01"},
            "Dönemin bitişi başlangıcından önce olamaz.",
        ),
        (
            {"period_start": "2010-01-01", "period_end": "2024-12-31"},
            "Özel dönem en çok 10 yıl olabilir.",
        ),
        ({"year": "abc"}, "Tam bir sayı girin."),
        ({}, "Bir yıl ya da özel bir dönem girin."),
    ],
)
def test_bad_periods_answer_a_message(
    client_for: Any, balikesir_coordinator: Any, data: dict[str, str], message: str
) -> None:
    response = client_for(balikesir_coordinator).post(BASE + "yeni/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AnnualReport._base_manager.exists()


def test_experts_read_but_do_not_write(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    report = AnnualReportFactory(office=balikesir)
    client = client_for(balikesir_expert)
    page = client.get(f"{BASE}{report.pk}/").content.decode()
    assert "Onayla ve dondur" not in page and "bölümü düzenle" not in page
    assert "Taslak oluştur" not in client.get(BASE).content.decode()
    assert client.post(BASE + "yeni/", {"year": "2024"}).status_code == 404
    assert client.get(f"{BASE}{report.pk}/bolum/iv/").status_code == 404
    assert client.post(f"{BASE}{report.pk}/onayla/", {"version": "1"}).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_edit_section_approve_and_download(
    client_for: Any,
    balikesir: Any,
    balikesir_coordinator: Any,
    fixed_figures: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = AnnualReportFactory(office=balikesir, period_start=dt.date(2025, 1, 1))
    client = client_for(balikesir_coordinator)
    url = f"{BASE}{report.pk}/bolum/iv/"
    assert client.get(f"{BASE}{report.pk}/bolum/vi/").status_code == 404
    form = client.get(url).content.decode()
    assert "IV. Kurumsal kabiliyet ve kapasite (Türkçe)" in form
    response = client.post(
        url, {"capacity_tr": "Ofiste iki uzman çalışıyor.", "capacity_en": "", "version": "1"}
    )
    assert response.status_code == 302
    # a stale save is refused with the changes shown
    stale = client.post(url, {"capacity_tr": "Eski metin", "capacity_en": "", "version": "1"})
    assert stale.status_code == 409
    report.refresh_from_db()
    assert report.capacity_tr == "Ofiste iki uzman çalışıyor." and report.version == 2
    # download before any file exists: back to the report with a message
    response = client.get(f"{BASE}{report.pk}/indir/tr/pdf/")
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}{report.pk}/onayla/", {"version": "2"})
    job = Job._base_manager.get(kind="annualreports.files")
    assert response["Location"] == f"/balikesir/panel/isler/{job.pk}/"
    job.refresh_from_db()
    assert job.status == "succeeded", job.message
    assert job.result["next_url"] == f"{BASE}{report.pk}/"
    pdf = client.get(f"{BASE}{report.pk}/indir/tr/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Ofiste iki uzman çalışıyor." in text and "4.321" in text
    xlsx = client.get(f"{BASE}{report.pk}/indir/en/xlsx/")
    assert xlsx.status_code == 200 and "activity-report-2025-v1.xlsx" in xlsx["Content-Disposition"]
    assert client.get(f"{BASE}{report.pk}/indir/de/pdf/").status_code == 404
    # frozen: editing goes back to the report with a message
    response = client.get(url, follow=True)
    assert "Onaylanmış rapor değiştirilemez" in response.content.decode()
    assert (
        client.post(f"{BASE}{report.pk}/onayla/", {"version": "3"}, follow=True).status_code == 200
    )
    assert AuditEntry.objects.filter(action="annualreports.report.approved").count() == 1
    # a new version
    response = client.post(f"{BASE}{report.pk}/yeni-surum/")
    new = AnnualReport._base_manager.get(revision=2)
    assert response["Location"] == f"{BASE}{new.pk}/"


def test_national_admin_sees_any_office_report(
    client_for: Any, izmir: Any, national_admin: Any
) -> None:
    report = AnnualReportFactory(office=izmir)
    page = client_for(national_admin).get(f"/izmir/panel/faaliyet-raporu/{report.pk}/")
    assert page.status_code == 200


def test_report_detail_in_english(
    client_for: Any, balikesir: Any, balikesir_coordinator: Any
) -> None:
    report = AnnualReportFactory(
        office=balikesir, period_start=dt.date(2025, 7, 1), period_end=dt.date(2026, 6, 30)
    )
    page = client_for(balikesir_coordinator).get(f"/en{BASE}{report.pk}/").content.decode()
    assert "Activity Report" in page or "Faaliyet" in page
    assert (
        services.file_name(report, "tr", "pdf")
        == "balikesir-faaliyet-raporu-2025-07-01_2026-06-30-v1.pdf"
    )
