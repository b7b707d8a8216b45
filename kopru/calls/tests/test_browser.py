"""The catalogue in a real browser: Turkish search, a facet click, saving a search and
confirming an alert."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from kopru.calls.models import SavedSearch
from kopru.core.scoping import unscoped

from .factories import PublishedCallFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_izmir_finds_uppercase_title(browser_page, izmir) -> None:
    PublishedCallFactory(office=izmir, title_tr="İZMİR YEŞİL DÖNÜŞÜM PROGRAMI")
    PublishedCallFactory(office=izmir, title_tr="Konya tarım kredisi")
    page = browser_page
    page.goto(f"{page.base_url}/izmir/cagrilar/")
    page.get_by_label("Çağrılarda ara").fill("izmir")
    page.get_by_role("button", name="Ara", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="İZMİR YEŞİL DÖNÜŞÜM PROGRAMI")).to_be_visible()
    expect(page.get_by_role("link", name="Konya tarım kredisi")).to_have_count(0)


def test_facet_click_filters_and_counts(browser_page, izmir) -> None:
    PublishedCallFactory(office=izmir, title_tr="Bölgesel destek", level="regional")
    PublishedCallFactory(office=izmir, title_tr="AB çağrısı", level="eu")
    page = browser_page
    page.goto(f"{page.base_url}/izmir/cagrilar/")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\s*2\b"))
    page.locator(".facet-link", has_text="Bölgesel").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile("level=regional"))
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\s*1\b"))
    expect(page.get_by_role("link", name="Bölgesel destek")).to_be_visible()
    expect(page.get_by_role("link", name="AB çağrısı")).to_have_count(0)


def test_save_search_and_confirm_alert(browser_page, izmir) -> None:
    PublishedCallFactory(office=izmir, title_tr="Gençlik hibesi")
    page = browser_page
    page.goto(f"{page.base_url}/izmir/cagrilar/?q=gençlik")
    page.get_by_label("Aramaya bir ad verin").fill("Gençlik aramam")
    page.get_by_role("button", name="Aramayı kaydet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Gençlik aramam$"))
    page.get_by_label("E-posta adresiniz").fill("genc@example.invalid")
    page.get_by_label("Haftalık").check()
    page.get_by_label(re.compile("KVKK")).check()
    page.get_by_role("button", name="Uyarı iste").click()
    page.wait_for_load_state()
    assert "onay bağlantısı" in page.content()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/onayla/", mail.outbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    page.goto(page.base_url + path)
    expect(page.get_by_role("heading", name="Uyarınız açıldı")).to_be_visible()
    with unscoped("test"):
        search = SavedSearch.objects.get()
        assert search.alert_active and search.frequency == "weekly"
