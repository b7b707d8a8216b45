"""axe-core (WCAG 2.1 A/AA) on the dashboard, the records page and the public statistics
with data in every chart, Turkish and English, desktop and 390 px."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import browser_login
from kopru.core.tests.test_browser_axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/balikesir/panel/gosterge-paneli/?period=2025",
    "/balikesir/panel/gosterge-paneli/kayitlar/?indicator=projects_by_stage&key=approved&period=2025",
    "/balikesir/istatistikler/?period=2025",
]


@pytest.mark.parametrize("width", [1280, 390])
def test_statistics_pages_have_no_axe_violation(
    browser_page: Any, dataset: Any, balikesir_coordinator: Any, width: int
) -> None:
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, balikesir_coordinator.username)
    found: list[str] = []
    for prefix in ("", "/en"):
        for url in PAGES:
            found += violations(page, f"{page.base_url}{prefix}{url}")
    assert found == [], "axe-core violations:\n" + "\n".join(found)
