"""The public directory and the API show public fields of published records only."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.models import TeamStatus

from .factories import TeamMemberFactory

pytestmark = pytest.mark.django_db

PRIVATE = {
    "email": "kurum-gizli@example.invalid",
    "phone": "0266 999 88 77",
    "address": "Gizli Sokak No 7",
    "contact_name": "Gizli Kişi",
    "contact_email": "irtibat-gizli@example.invalid",
    "contact_phone": "0266 111 22 33",
    "official_id": "GIZLI123456",
}
PUBLIC_FIELDS = {
    "id",
    "office",
    "name",
    "short_name",
    "type",
    "type_label",
    "district",
    "province",
    "country",
    "website",
    "description",
    "team_status",
}


@pytest.fixture
def records(balikesir: Any, izmir: Any) -> dict[str, Any]:
    shown = OrganisationFactory(
        office=balikesir,
        name="Karesi Kent Konseyi",
        short_name="KKK",
        website="https://kent.example.invalid/",
        description="Kentin ortak aklı.",
        team_status=TeamStatus.FORMED,
        **PRIVATE,
    )
    TeamMemberFactory(
        organisation=shown, full_name="Ekip Üyesi Gizliad", email="uye-gizli@example.invalid"
    )
    return {
        "shown": shown,
        "private": OrganisationFactory(
            office=balikesir, name="Yayımlanmamış Dernek", is_public=False
        ),
        "other_office": OrganisationFactory(office=izmir, name="Karşıyaka Kent Konseyi"),
    }


def _no_private_text(body: str) -> None:
    for value in [*PRIVATE.values(), "Ekip Üyesi Gizliad", "uye-gizli@example.invalid"]:
        assert value not in body, value


def test_directory_lists_published_records_of_the_office_only(client: Any, records: Any):
    body = client.get("/balikesir/paydaslar/").content.decode()
    assert "Karesi Kent Konseyi" in body
    assert "Yayımlanmamış Dernek" not in body
    assert "Karşıyaka Kent Konseyi" not in body
    assert "Proje ekibi var" in body
    _no_private_text(body)


def test_organisation_page_shows_public_fields_only(client: Any, records: Any):
    org = records["shown"]
    response = client.get(f"/balikesir/paydaslar/{org.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    for value in (
        "Karesi Kent Konseyi",
        "KKK",
        "https://kent.example.invalid/",
        "Kentin ortak aklı",
    ):
        assert value in body
    assert "Kurumun bir proje ekibi var." in body
    _no_private_text(body)


def test_unpublished_and_other_offices_records_have_no_public_page(client: Any, records: Any):
    assert client.get(f"/balikesir/paydaslar/{records['private'].pk}/").status_code == 404
    assert client.get(f"/balikesir/paydaslar/{records['other_office'].pk}/").status_code == 404
    # İzmir's record is public on İzmir's site
    assert client.get(f"/izmir/paydaslar/{records['other_office'].pk}/").status_code == 200


def test_anonymous_api_sees_public_fields_of_published_records(client: Any, records: Any):
    response = client.get("/api/v1/organisations/", {"office": "balikesir"})
    data = response.json()
    assert set(data) >= {"count", "results"}
    assert data["count"] == 1
    (row,) = data["results"]
    assert set(row) == PUBLIC_FIELDS
    assert row["team_status"] == "formed"
    _no_private_text(response.content.decode())
    assert client.get(f"/api/v1/organisations/{records['private'].pk}/").status_code == 404
    everything = client.get("/api/v1/organisations/", {"page_size": 100}).json()
    assert "Yayımlanmamış Dernek" not in {r["name"] for r in everything["results"]}


def test_staff_see_their_unpublished_records_in_the_api_but_still_no_private_fields(
    client_for: Any, balikesir_expert: Any, records: Any
):
    response = client_for(balikesir_expert).get("/api/v1/organisations/", {"office": "balikesir"})
    names = {r["name"] for r in response.json()["results"]}
    assert "Yayımlanmamış Dernek" in names
    _no_private_text(response.content.decode())


def test_institution_members_see_published_records_only_in_the_api(
    client_for: Any, balikesir_member: Any, records: Any
):
    response = client_for(balikesir_member).get("/api/v1/organisations/", {"office": "balikesir"})
    assert "Yayımlanmamış Dernek" not in {r["name"] for r in response.json()["results"]}


def test_api_is_paginated(client: Any, balikesir: Any):
    for i in range(30):
        OrganisationFactory(office=balikesir, name=f"Sayfa Derneği {i:02d}")
    first = client.get("/api/v1/organisations/", {"q": "sayfa"}).json()
    assert first["count"] == 30 and len(first["results"]) == 25 and first["next"]


def test_english_directory(client: Any, records: Any):
    response = client.get("/en/balikesir/paydaslar/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in body
    assert "Stakeholder directory" in body
    assert "Has a project team" in body
    detail = client.get(f"/en/balikesir/paydaslar/{records['shown'].pk}/").content.decode()
    assert "The organisation has a project team." in detail


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_organisation_page_passes_the_accessibility_checks(client: Any, records: Any, prefix):
    from kopru.core.tests.test_accessibility import PageAudit, unlabelled

    body = client.get(f"{prefix}/balikesir/paydaslar/{records['shown'].pk}/").content.decode()
    audit = PageAudit()
    audit.feed(body)
    assert audit.lang == ("en" if prefix else "tr")
    assert audit.h1 == 1 and audit.skip_link and audit.main
    assert unlabelled(audit) == [] and audit.external == [] and audit.images_without_alt == []
