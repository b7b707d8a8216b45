"""The national view in a real browser (and under the page's CSP)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from kopru.projects.models import Stage
from kopru.projects.tests.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_national_admin_maps_grant_per_100000_and_opens_balikesir(
    browser_page, national_admin, balikesir, izmir
) -> None:
    year = dt.date.today().year
    start = dt.date(year, 3, 1)
    ProjectFactory(
        office=balikesir, stage=Stage.APPROVED, grant_amount=Decimal("60000"), start_date=start
    )
    ProjectFactory(
        office=izmir, stage=Stage.APPROVED, grant_amount=Decimal("90000"), start_date=start
    )
    page = browser_page
    browser_login(page, "ulusal")
    page.goto(f"{page.base_url}/ulusal/")
    page.get_by_label("Gösterge").select_option(label="Kazanılan hibe (EUR)")
    page.get_by_label("100.000 kişi başına").check()
    page.get_by_role("button", name="Göster").click()
    page.wait_for_load_state()
    expect(page.locator("#map-title")).to_contain_text("Kazanılan hibe (EUR) · 100.000 kişi başına")
    the_map = page.locator("svg.tr-map")
    # 60,000 EUR / 1,257,590 inhabitants × 100,000 = 4,771.0
    balikesir_link = the_map.get_by_role("link", name="Balıkesir: 4.771,0")
    expect(balikesir_link).to_be_visible()
    expect(the_map.get_by_role("img", name="Kars: ofis yok")).to_have_count(1)
    # the trend arrives by htmx
    expect(page.locator("#national-trend")).to_be_visible()
    balikesir_link.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Balıkesir")
    assert page.url.endswith(f"/ulusal/ofis/balikesir/?indicator=funds_grant_eur&year={year}")
