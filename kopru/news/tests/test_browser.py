"""In a real browser: an expert writes a news item with the editor and schedules it; the
public page shows it from its time on, with no task run (visibility is worked out in the
query); the pages work at phone width."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from kopru.core.scoping import unscoped
from kopru.news.models import NewsItem, NewsStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_scheduled_news_item_appears_at_its_time(browser_page, balikesir, balikesir_expert):
    page = browser_page
    browser_login(page, balikesir_expert.username)
    page.goto(f"{page.base_url}/balikesir/panel/haberler/yeni/")
    page.get_by_label("başlık (Türkçe)").fill("Avrupa Günü buluşması")
    page.get_by_label("özet (Türkçe)").fill("9 Mayıs'ta liselerde AB programlarını anlattık.")
    editor = page.locator(".pell-content").first
    editor.click()
    page.keyboard.type("Öğrenciler Erasmus+ fırsatlarını sordu.")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avrupa Günü buluşması")
    when = timezone.localtime() + dt.timedelta(days=1)
    page.get_by_label("Yayın zamanı").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Yayımla / zamanla").click()
    page.wait_for_load_state()
    expect(page.locator(".badge", has_text="zamanlandı")).to_be_visible()
    with unscoped("test"):
        news = NewsItem.objects.get(title_tr="Avrupa Günü buluşması")
    assert news.status == NewsStatus.SCHEDULED
    assert "Erasmus+ fırsatlarını sordu" in news.body_tr

    page.goto(f"{page.base_url}/balikesir/haberler/")
    expect(page.get_by_role("link", name="Avrupa Günü buluşması")).to_have_count(0)
    # Time passes: the item's moment is now two seconds away. No task runs.
    with unscoped("test"):
        NewsItem.objects.filter(pk=news.pk).update(
            publish_at=timezone.now() + dt.timedelta(seconds=2)
        )
    page.reload()
    expect(page.get_by_role("link", name="Avrupa Günü buluşması")).to_have_count(0)
    time.sleep(2.5)
    page.reload()
    expect(page.get_by_role("link", name="Avrupa Günü buluşması")).to_be_visible()
    with unscoped("test"):
        assert NewsItem.objects.get(pk=news.pk).status == NewsStatus.SCHEDULED

    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Avrupa Günü buluşması").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avrupa Günü buluşması")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"{page.base_url}/en/balikesir/haberler/")
    expect(page).to_have_url(re.compile("/en/balikesir/haberler/"))
