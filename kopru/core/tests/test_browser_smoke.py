"""The foundation in a real browser: log in, reach the panel, switch language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_expert_logs_in_and_reaches_the_panel(browser_page, balikesir_expert) -> None:
    page = browser_page
    browser_login(page, "b.uzman")
    expect(page).to_have_url(re.compile("/balikesir/panel/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Balıkesir"))
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile("/en/balikesir/panel/"))
    expect(page.get_by_role("link", name="Overview")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_have_count(0)


def test_keyboard_user_skips_to_content_and_sees_focus(browser_page, balikesir) -> None:
    page = browser_page
    page.goto(f"{page.base_url}/balikesir/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_width_has_no_horizontal_scroll(browser_page, balikesir) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 800})
    for path in ["/", "/balikesir/", "/en/balikesir/", "/hesap/giris/"]:
        page.goto(f"{page.base_url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
