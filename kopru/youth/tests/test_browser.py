"""Youth opportunities in a real browser: a young person on a phone finds a European
Solidarity Corps place open to residents of Türkiye and subscribes to an alert."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from kopru.core.scoping import office_scope
from kopru.youth.models import OpportunityType, YouthSearch
from kopru.youth.tests.factories import OpportunityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_young_person_on_a_phone_finds_esc_place_and_subscribes(browser_page, balikesir) -> None:
    OpportunityFactory(office=balikesir, title_tr="Lizbon'da çevre gönüllülüğü")
    OpportunityFactory(
        office=balikesir, title_tr="Graz'da gönüllülük (yalnız AB)", residents_of=["AT", "DE"]
    )
    OpportunityFactory(
        office=balikesir, title_tr="Gdańsk gençlik değişimi", type=OpportunityType.YOUTH_EXCHANGE
    )
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/balikesir/genclik/")
    page.get_by_label("Yaşınız").fill("21")
    page.get_by_label("Tür", exact=True).select_option("esc_volunteering")
    page.get_by_label("Şu an başvuruya açık").check()
    page.get_by_label("Türkiye'de yaşayanlar başvurabilir").check()
    page.get_by_role("button", name="Fırsatları göster").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Lizbon'da çevre gönüllülüğü")).to_be_visible()
    expect(page.get_by_text("Graz'da gönüllülük")).to_have_count(0)
    expect(page.get_by_text("Gdańsk gençlik değişimi")).to_have_count(0)
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Aramaya bir ad verin").fill("ESC gönüllülüğü")
    page.get_by_role("button", name="Aramayı kaydet").click()
    page.wait_for_load_state()
    page.get_by_label("E-posta adresiniz").fill("genc@example.org")
    page.get_by_label("Haftalık").check()
    page.get_by_label(re.compile("KVKK")).check()
    page.get_by_role("button", name="Uyarı iste").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Onay bağlantısını e-postanıza gönderdik")).to_be_visible()
    with office_scope(balikesir):
        search = YouthSearch.objects.get()
    assert search.params == {"yas": 21, "tur": "esc_volunteering", "acik": "1", "tr": "1"}
    confirm = re.search(r"https?://\S+/onayla/", mail.outbox[-1].body).group(0)
    page.goto(page.base_url + urlparse(confirm).path)
    expect(page.get_by_role("heading", name="Uyarınız açıldı")).to_be_visible()
    search.refresh_from_db()
    assert search.alert_active and search.frequency == "weekly"
