"""In a real browser: register, get the confirmation, be checked in, download the
certificate and verify it on the public page — in Turkish and in English."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login

from .factories import EventFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def one_day_event(balikesir: Any) -> Any:
    ev = EventFactory(
        office=balikesir,
        title_tr="Proje Döngüsü Yönetimi Eğitimi",
        title_en="Project Cycle Management Training",
        capacity=10,
    )
    start = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=3)
    SessionFactory(event=ev, starts_at=start, ends_at=start + dt.timedelta(hours=6))
    return ev


def _register(page: Any, prefix: str, labels: dict[str, str], event: Any) -> None:
    page.goto(f"{page.base_url}{prefix}/balikesir/egitimler/")
    page.get_by_role("link", name=labels["title"]).click()
    page.get_by_role("textbox", name=re.compile("^" + labels["name"])).fill("Işıl Çağlayan Şık")
    page.get_by_role("textbox", name=re.compile("^" + labels["email"])).fill("isil@example.org")
    page.get_by_role("textbox", name=re.compile("^" + labels["phone"])).fill("0532 123 45 67")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=labels["submit"]).click()
    page.wait_for_load_state()


def _flow(page: Any, event: Any, prefix: str, labels: dict[str, str]) -> None:
    _register(page, prefix, labels, event)
    expect(page.get_by_role("heading", level=1)).to_have_text(labels["registered"])
    (msg,) = mail.outbox
    checkin = re.search(r"https?://\S+/yoklama/qr/\?t=\S+", msg.body).group(0)
    path = checkin.split("/", 3)[3]
    assert any(a[0] == "etkinlik.ics" for a in msg.attachments)
    # at the door: the expert scans the QR code (opens its address) and confirms
    browser_login(page, "b.uzman")
    page.goto(f"{page.base_url}/{path}")
    page.get_by_role("button", name=labels["confirm"]).click()
    page.wait_for_load_state()
    expect(page.get_by_text(labels["checked_in"])).to_be_visible()
    # certificates are issued in the background; the job page shows the result
    page.goto(f"{page.base_url}/balikesir/panel/egitimler/{event.pk}/")
    page.locator("#id_language").select_option(labels["cert_lang"])
    page.get_by_role("button", name=re.compile("sertifika düzenle")).click()
    page.wait_for_load_state()
    expect(page.get_by_text("tamamlandı").first).to_be_visible()
    page.get_by_role("link", name="Sonuçlara git").click()
    code_link = page.locator("#kayitlar a[href*='/sertifika/']").first
    code = code_link.inner_text().strip()
    with page.expect_download() as download:
        code_link.click()
    assert download.value.suggested_filename == f"sertifika-{code}.pdf"
    with open(download.value.path(), "rb") as f:
        assert f.read(4) == b"%PDF"
    # anyone verifies it on the public page (what the QR code of the PDF opens)
    page.goto(f"{page.base_url}{prefix}/balikesir/sertifika/{code}/")
    expect(page.get_by_text(labels["valid"])).to_be_visible()
    expect(page.get_by_text("Işıl Çağlayan Şık")).to_be_visible()
    with page.expect_download() as public_download:
        page.get_by_role("link", name=labels["download"]).click()
    assert public_download.value.suggested_filename.endswith(".pdf")
    assert (
        page.context.request.get(f"{page.base_url}{prefix}/balikesir/sertifika/YOKYO-KKODU/").status
        == 404
    )


def test_register_check_in_certificate_verify_in_turkish(
    browser_page: Any, one_day_event: Any, balikesir_expert: Any
) -> None:
    _flow(
        browser_page,
        one_day_event,
        "",
        {
            "title": "Proje Döngüsü Yönetimi Eğitimi",
            "name": "Ad soyad",
            "email": "E-posta",
            "phone": "Telefon",
            "submit": "Kayıt ol",
            "registered": "Kaydınız alındı",
            "cert_lang": "tr",
            "confirm": "Girişi onayla",
            "checked_in": "Giriş yapıldı.",
            "valid": "Bu sertifika geçerlidir.",
            "download": "Sertifikayı indir (PDF)",
        },
    )


def test_register_check_in_certificate_verify_in_english(
    browser_page: Any, one_day_event: Any, balikesir_expert: Any
) -> None:
    _flow(
        browser_page,
        one_day_event,
        "/en",
        {
            "title": "Project Cycle Management Training",
            "name": "Full name",
            "email": "E-mail",
            "phone": "Phone",
            "submit": "Register",
            "registered": "Registration received",
            "cert_lang": "en",
            "confirm": "Confirm check-in",
            "checked_in": "Checked in.",
            "valid": "This certificate is valid.",
            "download": "Download the certificate (PDF)",
        },
    )


def test_phone_width_public_pages_do_not_scroll_sideways(
    browser_page: Any, one_day_event: Any
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 800})
    for path in ["/balikesir/egitimler/", f"/en/balikesir/egitimler/{one_day_event.pk}/"]:
        page.goto(f"{page.base_url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
