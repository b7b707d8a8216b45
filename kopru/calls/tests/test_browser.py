"""The catalogue in a real browser: Turkish search, a facet click, saving a search and
confirming an alert."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import browser_login
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
    page.locator("#call-search").get_by_role("button", name="Ara", exact=True).click()
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


def test_turkish_query_finds_english_call(browser_page, izmir) -> None:
    PublishedCallFactory(
        office=izmir,
        title_tr="",
        title_en="Nature-based solutions for climate adaptation",
        summary_tr="",
        summary_en="<p>Climate resilience of coastal cities.</p>",
        sectors=[],
        target_groups=[],
    )
    PublishedCallFactory(
        office=izmir,
        title_tr="",
        title_en="Quantum computing chips",
        summary_tr="",
        summary_en="",
        sectors=[],
        target_groups=[],
    )
    page = browser_page
    page.goto(f"{page.base_url}/izmir/cagrilar/")
    page.get_by_label("Çağrılarda ara").fill("iklim")
    page.locator("#call-search").get_by_role("button", name="Ara", exact=True).click()
    page.wait_for_load_state()
    expect(
        page.get_by_role("link", name="Nature-based solutions for climate adaptation")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Quantum computing chips")).to_have_count(0)


def test_municipality_match_list_puts_life_above_research(browser_page, izmir) -> None:
    import datetime as dt

    from django.utils import timezone

    from kopru.calls.models import Call, CallDeadline

    def eu(title: str, programme: str, action: str) -> Call:
        call = PublishedCallFactory(
            office=izmir,
            level="eu",
            title_tr="",
            title_en=title,
            programme=programme,
            action_type=action,
            applicant_types=[],
            target_groups=[],
            sectors=["environment"],
        )
        at = timezone.now() + dt.timedelta(days=50)
        with unscoped("test"):
            CallDeadline.objects.create(call=call, at=at)
            Call._base_manager.filter(pk=call.pk).update(next_deadline=at, closes_at=at)
        return call

    research = eu("Quantum Machine Learning", "Horizon Europe", "HORIZON-RIA")
    life = eu("Nature and Biodiversity", "LIFE", "Grant")
    cerv = eu("Call Town Twinning 2026", "CERV", "Grant")
    page = browser_page
    page.goto(f"{page.base_url}/izmir/cagrilar/eslestir/")
    page.get_by_label("Kuruluş türü").select_option("municipality")
    page.get_by_label("Çevre ve iklim").check()
    page.get_by_role("button", name="Eşleştir").click()
    page.wait_for_load_state()
    cards = page.locator("[data-match-call]")
    order = [int(cards.nth(i).get_attribute("data-match-call")) for i in range(cards.count())]
    assert order.index(life.pk) < order.index(research.pk)
    assert order.index(cerv.pk) < order.index(research.pk)
    first = cards.first
    expect(first).to_contain_text("Neden")
    research_card = page.locator(f'[data-match-call="{research.pk}"]')
    expect(research_card).to_contain_text("Olası ortaklık")
    expect(research_card).to_contain_text("ortak olarak katılır")


def test_turkish_call_page_marks_its_english_block(browser_page, izmir) -> None:
    call = PublishedCallFactory(
        office=izmir,
        title_tr="İklim uyumu çağrısı",
        summary_tr="",
        summary_en="".join(f"<p>English paragraph {i}.</p>" for i in range(5)),
    )
    page = browser_page
    page.goto(f"{page.base_url}/izmir/cagrilar/{call.pk}/")
    block = page.locator(".call-summary")
    expect(block).to_have_attribute("lang", "en")
    expect(page.get_by_text("İngilizce metin", exact=True)).to_be_visible()
    expect(page.get_by_text("English paragraph 4.")).to_be_hidden()
    page.get_by_text("Devamını oku").click()
    expect(page.get_by_text("English paragraph 4.")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_who_applies_pages_work_and_have_no_axe_violation(
    browser_page, izmir_coordinator, width: int
) -> None:
    """The coordinator changes a national line for the office (a municipality applies to
    Horizon RIAs); the pages pass axe in both languages, on a desktop and a phone."""
    from kopru.calls.models import WhoAppliesRule
    from kopru.core.tests.test_browser_axe import violations

    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, izmir_coordinator.username)
    base = f"{page.base_url}/izmir/panel/cagrilar/kimler-basvurur/"
    page.goto(base)
    current = page.locator('#panel-menu a[aria-current="page"]')  # folded away on a phone
    assert current.count() == 1 and "Kimler başvurur" in (current.text_content() or "")
    page.locator('[data-who-applies="horizon-research"]').get_by_role(
        "link", name=re.compile("Ofisim için değiştir")
    ).click()
    page.locator("#id_partners").get_by_label("Belediye").uncheck()
    page.locator("#id_leads").get_by_label("Belediye").check()
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Satır eklendi")).to_be_visible()
    with unscoped("test"):
        rule = WhoAppliesRule.objects.get()
    assert "municipality" in rule.leads and "municipality" not in rule.partners
    found: list[str] = []
    for prefix in ("", "/en"):
        for path in ("", "yeni/?temel=life", f"{rule.pk}/duzenle/"):
            found += violations(page, f"{page.base_url}{prefix}{base[len(page.base_url) :]}{path}")
    assert found == [], "axe-core violations:\n" + "\n".join(found)
