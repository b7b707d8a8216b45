"""In a real browser: the coordinator reads the dashboard for 2025, drafts the year's
activity report, writes section IV, approves it and downloads the PDF, whose text holds
the dashboard's headline figures (read back with pypdf), in Turkish and in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import browser_login
from kopru.statistics.sections import HEADLINES
from kopru.statistics.tests.conftest import dataset  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPACITY = "Büroda bir koordinatör ve iki proje uzmanı çalışıyor; ğüşıöç İĞÜŞÖÇ."


def _pdf_text(path: str | Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_coordinator_writes_approves_and_downloads_the_report(
    browser_page: Any,
    dataset: Any,  # noqa: F811
    balikesir_coordinator: Any,
) -> None:
    page = browser_page
    browser_login(page, "b.koordinator")
    page.goto(f"{page.base_url}/balikesir/panel/gosterge-paneli/?kind=year&year=2025")
    shown = {
        name: page.locator(f"#headline-{name} .kc-value").inner_text()
        for name in HEADLINES
        if page.locator(f"#headline-{name} .kc-value").count()
    }
    assert shown["projects_total"] == "4" and "funds_grant_eur" in shown

    page.goto(f"{page.base_url}/balikesir/panel/")
    page.get_by_role("link", name="Faaliyet raporu").first.click()
    page.get_by_label("Yıl").fill("2025")
    page.get_by_role("button", name="Taslak oluştur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2025 Yılı Faaliyet Raporu")

    page.get_by_role("link", name="IV. bölümü düzenle").click()
    page.get_by_label("IV. Kurumsal kabiliyet ve kapasite (Türkçe)").fill(CAPACITY)
    page.get_by_role("button", name="Kaydet").click()
    expect(page.get_by_text("Bölüm kaydedildi.")).to_be_visible()
    expect(page.locator("#part-iv")).to_contain_text(CAPACITY)

    report_url = page.url.split("#")[0]
    page.goto(report_url)
    # Tests run tasks at once: the POST answers when the four files are made.
    page.get_by_role("button", name="Onayla ve dondur").click(no_wait_after=True)
    expect(page.locator("#job-progress")).to_contain_text("tamamlandı", timeout=120_000)
    page.get_by_role("link", name="Sonuçlara git").click()
    expect(page.get_by_text("Rakamlar dondurulmuştur")).to_be_visible()
    expect(page.get_by_role("link", name="IV. bölümü düzenle")).to_have_count(0)

    with page.expect_download() as info:
        page.get_by_role("link", name="PDF — Türkçe").click()
    text = _pdf_text(info.value.path())
    assert "T.C. Balıkesir Valiliği" in text and "2025 Yılı Faaliyet Raporu" in text
    assert CAPACITY in text
    for name, value in shown.items():
        assert value in text, (name, value)

    with page.expect_download() as info:
        page.get_by_role("link", name="PDF — İngilizce").click()
    english = _pdf_text(info.value.path())
    assert "Governorship of Balıkesir" in english and "Annual Activity Report" in english
    assert CAPACITY in english  # no English text written: the Turkish one stands in
