"""In a real browser: the coordinator opens the dashboard, changes the period and
drills down from a chart's bar to the projects behind it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_changes_the_period_and_drills_down_to_projects(
    browser_page: Any, dataset: Any, balikesir_coordinator: Any
) -> None:
    page = browser_page
    browser_login(page, "b.koordinator")
    page.goto(f"{page.base_url}/balikesir/panel/")
    page.get_by_role("link", name="Gösterge paneli").first.click()
    expect(page.get_by_role("heading", name="Gösterge paneli")).to_be_visible()

    page.get_by_label("Dönem türü").select_option("year")
    page.get_by_label("Yıl", exact=True).select_option("2025")
    page.get_by_role("button", name="Göster").click()
    expect(page.locator("#period-shown")).to_contain_text("Dönem: 2025 · karşılaştırma: 2024")
    expect(page.locator("#headline-projects_total .kc-value")).to_have_text("4")

    # The bar "Kabul edildi" of the projects-by-stage chart is a link to its records.
    bar = page.locator('#chart-projects_by_stage svg a[aria-label="Kabul edildi: 1"]')
    bar.click()
    expect(page.locator("#records-summary")).to_contain_text("Kabul edildi")
    table = page.locator("#records-table")
    expect(table).to_contain_text(str(dataset["projects"]["approved"]))
    expect(table).not_to_contain_text(str(dataset["projects"]["rejected"]))

    # A period that ends before it starts is refused with its reason.
    page.goto(
        f"{page.base_url}/balikesir/panel/gosterge-paneli/?kind=custom&start=2025-06-01&end=2025-01-01"
    )
    expect(page.locator("#period-error")).to_contain_text(
        "Dönemin bitişi başlangıcından önce olamaz."
    )
