"""A certificate's code typed by hand at /<office>/sertifika/."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.trainings.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_a_typed_code_leads_to_the_certificate(client: Any, balikesir: Any) -> None:
    certificate = CertificateFactory(office=balikesir)
    page = client.get("/balikesir/sertifika/")
    assert page.status_code == 200 and 'name="kod"' in page.content.decode()
    sloppy = certificate.code.lower().replace("-", " ")
    r = client.get("/balikesir/sertifika/", {"kod": sloppy})
    assert r.status_code == 302 and r["Location"].endswith(
        f"/balikesir/sertifika/{certificate.code}/"
    )


def test_a_wrong_or_foreign_code_is_a_message_not_a_404(
    client: Any, balikesir: Any, izmir: Any
) -> None:
    foreign = CertificateFactory(office=izmir)
    r = client.get("/balikesir/sertifika/", {"kod": foreign.code})
    assert r.status_code == 400 and "bu kodla düzenlenmiş bir sertifika yok" in r.content.decode()
    r = client.get("/balikesir/sertifika/", {"kod": "0000"})
    assert r.status_code == 400 and "Kod 10 karakterdir" in r.content.decode()
    r = client.get("/en/balikesir/sertifika/", {"kod": "ABCDE-0OOII"})
    assert r.status_code == 400 and "The code has 10 characters" in r.content.decode()
    assert client.get("/balikesir/sertifika/", {"kod": "x" * 500}).status_code == 400


def test_a_missing_page_leads_back_to_the_office(client: Any, balikesir: Any) -> None:
    r = client.get("/balikesir/boyle-bir-sayfa-yok/")
    assert r.status_code == 404
    assert 'href="/balikesir/"' in r.content.decode()
    r = client.get("/en/balikesir/egitimler/999999/")
    assert r.status_code == 404 and 'href="/en/balikesir/"' in r.content.decode()
    r = client.get("/boyle-bir-ofis-yok/")
    assert r.status_code == 404 and 'href="/"' in r.content.decode()
