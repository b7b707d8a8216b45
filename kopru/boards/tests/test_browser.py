"""In a real browser: the secretariat drafts the minutes of a meeting that was held and
circulates them, an attendee comments through the link in their e-mail, the coordinator
approves and publishes them, and the public page shows them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_drafts_attendee_comments_coordinator_approves_and_publishes(
    browser_page: Any, past_meeting: Any, balikesir_expert: Any, balikesir_coordinator: Any
) -> None:
    page = browser_page
    # the secretariat (an expert of the office) opens the draft and writes the discussion
    browser_login(page, balikesir_expert.username)
    page.goto(f"{page.base_url}/balikesir/panel/kurullar/toplanti/{past_meeting.pk}/")
    page.get_by_role("button", name="Tutanak taslağını aç").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tutanak taslağı açıldı.")).to_be_visible()
    page.get_by_label("Görüşmeler").fill(
        "Büro yılın hibe takvimini sundu.\n\nProje ekiplerinin durumu görüşüldü."
    )
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tutanak kaydedildi.")).to_be_visible()
    page.get_by_role("button", name="Katılımcıların görüşüne aç").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tutanak katılımcıların görüşüne açıldı")).to_be_visible()
    mails = [m for m in mail.outbox if m.to == ["zeynep@example.org"]]
    assert mails, [m.to for m in mail.outbox]
    link = re.search(r"https?://\S+/kurullar/davet/\S+/", mails[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]

    # the attendee reads the draft through their link (no account) and comments
    page.context.clear_cookies()
    page.goto(f"{page.base_url}{path}")
    expect(page.get_by_text("Büro yılın hibe takvimini sundu.")).to_be_visible()
    page.get_by_label("Görüşünüz").fill("İkinci paragrafta odamızın adı eksik.")
    page.get_by_role("button", name="Görüşü gönder").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Görüşünüz sekretaryaya iletildi.")).to_be_visible()
    expect(page.get_by_text("İkinci paragrafta odamızın adı eksik.")).to_be_visible()

    # the coordinator reads the comment, approves and publishes
    browser_login(page, balikesir_coordinator.username)
    page.goto(f"{page.base_url}/balikesir/panel/kurullar/toplanti/{past_meeting.pk}/")
    page.get_by_role("link", name="Sürüm 1").click()
    expect(page.get_by_text("İkinci paragrafta odamızın adı eksik.")).to_be_visible()
    page.get_by_role("button", name="Tutanağı onayla").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tutanak onaylandı; artık değiştirilemez.")).to_be_visible()
    expect(page.get_by_label("Görüşmeler")).to_have_count(0)  # no edit form any more
    page.get_by_role("button", name="Açık sayfada yayımla").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tutanak kurulun açık sayfasında yayımlandı.")).to_be_visible()

    # everybody reads it on the board's public page
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/balikesir/kurullar/{past_meeting.body_id}/")
    page.get_by_role("link", name="Tutanak").first.click()
    expect(page.get_by_text("Proje ekiplerinin durumu görüşüldü.")).to_be_visible()
