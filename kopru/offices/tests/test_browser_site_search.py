"""The office-wide search in a real browser on a phone: a Turkish word typed into the
navbar's box finds an English-only call and a Turkish news item, grouped by kind."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from kopru.calls.tests.factories import PublishedCallFactory
from kopru.news.tests.factories import NewsItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_turkish_word_finds_an_english_call_and_a_news_item_at_390px(
    browser_page: Any, balikesir: Any, izmir: Any
) -> None:
    PublishedCallFactory(
        office=balikesir, title_tr="", title_en="Environment and climate action for towns"
    )
    NewsItemFactory(office=balikesir, title_tr="Çevre haftasında fidan dikildi", title_en="")
    NewsItemFactory(office=izmir, title_tr="İzmir çevre günleri", title_en="")
    page = browser_page
    page.set_default_timeout(60_000)  # a busy machine
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/balikesir/")
    search = page.get_by_role("search", name="Bu ofisin sayfalarında ara")
    box = search.get_by_role("searchbox", name="Bu ofisin sayfalarında ara")
    expect(box).to_be_visible()  # not folded behind the menu button on a phone
    box.fill("çevre")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/balikesir/ara/\?q="))
    calls = page.get_by_role("region", name=re.compile(r"^Çağrılar"))
    news = page.get_by_role("region", name=re.compile(r"^Haberler"))
    expect(calls.get_by_role("heading", level=2)).to_contain_text("1")
    link = calls.get_by_role("link", name="Environment and climate action for towns")
    expect(link).to_have_attribute("lang", "en")
    expect(news.get_by_role("link", name="Çevre haftasında fidan dikildi")).to_be_visible()
    expect(page.get_by_text("İzmir çevre günleri")).to_have_count(0)
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Bad input: a message in the form, not an error page.
    page.goto(f"{page.base_url}/en/balikesir/ara/?q=a")
    expect(page.get_by_role("alert")).to_contain_text("at least 2")
    page.goto(f"{page.base_url}/en/balikesir/ara/?q=%C3%A7evre")
    expect(page.get_by_role("region", name=re.compile(r"^Calls"))).to_be_visible()
