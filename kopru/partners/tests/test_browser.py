"""In a real browser: an organisation's member posts a partner search, a member of
another organisation answers it on the public page, the poster reads the answer and
replies, and the responder reads the reply through the private link."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_user(page: Any, username: str) -> None:
    page.context.clear_cookies()  # signs the previous user out
    browser_login(page, username)


def test_member_posts_another_organisation_answers_poster_sees_it(
    browser_page: Any, balikesir_member: Any, other_member: Any
) -> None:
    poster = responder = browser_page
    # the poster's member publishes a partner search
    browser_login(poster, "b.kurum")
    poster.goto(f"{poster.base_url}/balikesir/kurum/ortak-arama/")
    poster.get_by_role("link", name="Yeni ilan").click()
    poster.get_by_role("radio", name="Ortak aranıyor").check()
    poster.get_by_label("Başlık (Türkçe)").fill("Kırsal gençlik için dijital atölyeler")
    poster.get_by_label("Açıklama (Türkçe)").fill("KA220-YOU ortaklığı için gençlik derneği.")
    poster.get_by_label("Program / konu").fill("Erasmus+ KA220-YOU")
    poster.get_by_role("checkbox", name="Almanya").check()
    poster.get_by_role("checkbox", name="Dernek / vakıf / STK").check()
    expires = timezone.localdate() + dt.timedelta(days=30)
    poster.get_by_label("Son geçerlilik tarihi").fill(expires.isoformat())
    poster.get_by_role("button", name="Yayımla").click()
    poster.wait_for_load_state()
    expect(poster.get_by_text("İlan yayımlandı.")).to_be_visible()
    expect(poster.get_by_role("heading", level=1)).to_have_text(
        "Kırsal gençlik için dijital atölyeler"
    )

    # a member of another organisation finds it on the public page and answers
    _switch_user(responder, "b.kurum2")
    responder.goto(f"{responder.base_url}/balikesir/ortak-arama/")
    responder.get_by_label("Ara", exact=True).fill("kirsal genclik")
    responder.get_by_role("button", name="Ara", exact=True).click()
    responder.get_by_role("link", name="Kırsal gençlik için dijital atölyeler").click()
    assert responder.get_by_label("Kurum / kuruluş").input_value() == "Karesi Gençlik Derneği"
    responder.get_by_role("combobox", name=re.compile("^Ülke")).select_option("TR")
    responder.get_by_label("Mesajınız").fill("Gençlik çalışmasında on yıllık deneyimimiz var.")
    responder.locator("#id_consent").check()
    responder.get_by_role("button", name="Yanıtınızı gönderin").click()
    responder.wait_for_load_state()
    expect(responder.get_by_role("heading", name="Yanıtınız iletildi")).to_be_visible()
    private_url = responder.locator("#private-url").input_value()
    assert "/balikesir/ortak-arama/yazisma/" in private_url
    to_poster = [m for m in mail.outbox if m.to == [balikesir_member.email]]
    assert to_poster and "sule@example.org" not in to_poster[0].body

    # the poster sees the answer in the kurum area and replies
    _switch_user(poster, "b.kurum")
    poster.goto(f"{poster.base_url}/balikesir/kurum/ortak-arama/")
    expect(poster.get_by_text("1 yeni")).to_be_visible()
    poster.get_by_role("link", name="Kırsal gençlik için dijital atölyeler").click()
    poster.get_by_role("link", name="Karesi Gençlik Derneği").click()
    expect(poster.get_by_text("on yıllık deneyimimiz var")).to_be_visible()
    expect(poster.get_by_text("sule@example.org")).to_have_count(0)
    poster.get_by_label("Yanıtınız").fill("Harika! Gelecek hafta görüşelim mi?")
    poster.get_by_role("button", name="Gönder").click()
    poster.wait_for_load_state()
    expect(poster.get_by_text("Yanıtınız gönderildi.")).to_be_visible()

    # the responder reads the reply through the private link, signed in or not
    poster.context.clear_cookies()
    responder.goto(private_url)
    expect(responder.get_by_text("Gelecek hafta görüşelim mi?")).to_be_visible()
    expect(responder.get_by_text(re.compile(re.escape(balikesir_member.email)))).to_have_count(0)
