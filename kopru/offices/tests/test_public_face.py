"""The office's public face: home leads with content, about, contact, KVKK, accessibility."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.module_loading import import_string

from kopru.core.registry import ConsentNotice, registry
from kopru.news.tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(balikesir: Any) -> Any:
    balikesir.description_tr = "İlk paragraf: kuruluş.\n\nİkinci paragraf: tarihçe ayrıntısı."
    balikesir.phone = "+90 266 000 00 00"
    balikesir.opening_hours_tr = "Hafta içi 08.00–17.00"
    balikesir.map_url = "https://www.openstreetmap.org/search?query=Bal%C4%B1kesir"
    balikesir.save()
    return balikesir


def test_home_leads_with_content_and_keeps_history_on_about(client: Any, office: Any) -> None:
    home = client.get("/balikesir/").content.decode()
    assert "İlk paragraf" in home and "İkinci paragraf" not in home
    assert "/balikesir/hakkinda/" in home
    assert "Hafta içi 08.00–17.00" in home and 'href="tel:+902660000000"' in home
    assert "openstreetmap.org" in home
    about = client.get("/balikesir/hakkinda/").content.decode()
    assert "İkinci paragraf: tarihçe ayrıntısı." in about
    assert client.get("/en/balikesir/hakkinda/").status_code == 200


def test_privacy_notice_is_made_of_the_forms_consent_texts(client: Any, office: Any) -> None:
    page = client.get("/balikesir/kisisel-veriler/").content.decode()
    notices = registry.of(ConsentNotice)
    assert {n.key for n in notices} >= {
        "calls.alerts",
        "trainings.registration",
        "guidance.request",
        "partners.answer",
        "news.digest",
    }
    for notice in notices:
        text = str(import_string(notice.text))
        assert text[:60].replace("'", "&#x27;") in page, notice.key
    assert "KVKK m. 11" in page or "m. 11" in page
    assert client.get("/en/balikesir/kisisel-veriler/").status_code == 200


def test_accessibility_statement(client: Any, office: Any) -> None:
    page = client.get("/balikesir/erisilebilirlik/").content.decode()
    assert "WCAG" in page and "2.1" in page and "AA" in page
    assert "Bilinen sınırlar" in page
    footer = client.get("/balikesir/").content.decode()
    assert "/balikesir/erisilebilirlik/" in footer and "/balikesir/kisisel-veriler/" in footer


def test_sitemap_lists_public_pages_and_news(client: Any, office: Any) -> None:
    item = NewsItemFactory(office=office)
    response = client.get("/balikesir/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    body = response.content.decode()
    assert "<urlset" in body
    for path in ("/balikesir/hakkinda/", "/balikesir/haberler/", f"/balikesir/haberler/{item.pk}/"):
        assert f"http://testserver{path}</loc>" in body
