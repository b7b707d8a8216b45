"""In a real browser: a visitor sends a request and follows it by its private link; an
expert answers it and closes it; the visitor reads the answer — in Turkish and English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import browser_login
from kopru.core.scoping import unscoped
from kopru.guidance.models import Case, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABELS = {
    "": {
        "menu": "Danışma",
        "name": "Adınız soyadınız",
        "email": "E-posta adresiniz",
        "topic": "Konu",
        "subject": "Başlık",
        "message": "Sorunuz / talebiniz",
        "send": "Talebi gönder",
        "received": "Talebiniz alındı",
        "reply": "Talep sahibine yanıt",
        "send_reply": "Yanıtı gönder",
        "close": "Kapat",
        "closed": "kapatıldı",
        "write": "Mesajınız",
        "send_message": "Gönder",
    },
    "/en": {
        "menu": "Ask us",
        "name": "Your full name",
        "email": "Your e-mail address",
        "topic": "Topic",
        "subject": "Title",
        "message": "Your question or request",
        "send": "Send the request",
        "received": "We have received your request",
        "reply": "Reply to the requester",
        "send_reply": "Send the reply",
        "close": "Close",
        "closed": "closed",
        "write": "Your message",
        "send_message": "Send",
    },
}


def _starts(text: str, *, word: bool = False) -> re.Pattern[str]:
    # Playwright hands the pattern to JavaScript as /source/: no "/" and no escaped
    # spaces in it; any other special character is matched by ".".
    source = "".join(ch if ch.isalnum() or ch in " ’'" else "." for ch in text)
    return re.compile("^" + source + (r"\b" if word else ""))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_visitor_request_is_answered_closed_and_followed(
    browser_page: Any, balikesir: Any, balikesir_expert: Any, prefix: str
) -> None:
    page, t = browser_page, LABELS[prefix]
    page.goto(f"{page.base_url}{prefix}/balikesir/")
    page.get_by_role("link", name=t["menu"], exact=True).first.click()
    page.get_by_role("textbox", name=_starts(t["name"])).fill("Işıl Çağlayan")
    page.get_by_role("textbox", name=_starts(t["email"])).fill("isil@example.org")
    page.get_by_label(_starts(t["topic"])).select_option("youth_mobility")
    page.get_by_role("textbox", name=_starts(t["subject"], word=True)).fill("Gençlik değişimi")
    page.get_by_role("textbox", name=_starts(t["message"])).fill(
        "Erasmus+ gençlik değişimi için ortak kuruluş nasıl buluruz?"
    )
    page.locator("#id_consent").check()
    page.get_by_role("button", name=t["send"]).click()
    page.wait_for_load_state()
    expect(page.locator(".alert").first).to_contain_text(t["received"])
    private_url = page.url
    with unscoped("test"):
        case = Case.objects.get()
    assert case.reference in page.content()
    ack = next(m for m in mail.outbox if case.reference in m.subject)
    assert re.search(r"/danisma/takip/[^/\s]+/", ack.body).group(0) in private_url

    # The expert answers and closes it, in another browser session.
    staff = page.context.browser.new_context(locale="tr-TR")
    expert = staff.new_page()
    expert.base_url = page.base_url
    browser_login(expert, balikesir_expert.username)
    expert.goto(f"{page.base_url}{prefix}/balikesir/panel/danisma-talepleri/")
    expert.get_by_role("link", name=case.reference).click()
    expert.get_by_label(_starts(t["reply"])).fill("KA152 çağrısı için ortak arama sayfamıza bakın.")
    expert.get_by_role("button", name=t["send_reply"]).click()
    expert.wait_for_load_state()
    expert.locator("#id_outcome").select_option("advice")
    expert.get_by_role("button", name=t["close"], exact=True).click()
    expert.wait_for_load_state()
    staff.close()
    with unscoped("test"):
        case.refresh_from_db()
    assert case.status == Status.CLOSED and case.assigned_to_id == balikesir_expert.pk
    assert any("KA152" in m.body for m in mail.outbox if m.to == ["isil@example.org"])

    # The visitor reloads their private page: the answer and the status are there,
    # and writing again reopens the request.
    page.goto(private_url)
    assert "KA152 çağrısı" in page.content()
    expect(page.locator(".badge").first).to_contain_text(t["closed"])
    page.get_by_label(_starts(t["write"])).fill("Teşekkürler, bir sorum daha var.")
    page.get_by_role("button", name=t["send_message"], exact=True).click()
    page.wait_for_load_state()
    with unscoped("test"):
        case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
