"""The foundation in a real browser: log in, reach the panel, switch language."""

from __future__ import annotations

import pytest

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_expert_logs_in_and_reaches_the_panel(browser_page, balikesir_expert) -> None:
    page = browser_page
    browser_login(page, "b.uzman")
    assert page.url.endswith("/balikesir/panel/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Balıkesir")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert "/en/balikesir/panel/" in page.url
    assert page.get_by_role("link", name="Overview").is_visible()
    assert page.get_by_role("link", name="Log in").count() == 0
