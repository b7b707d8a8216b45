"""Turkish-aware search and order of the directory, and bounded queries on the lists."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.scoping import office_scope, public_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.geo.models import District
from kopru.organisations import selectors
from kopru.organisations.models import OrganisationType, TeamStatus

from .factories import TeamMemberFactory

pytestmark = pytest.mark.django_db


def _names(response: Any) -> list[str]:
    return [r["name"] for r in response.json()["results"]]


@pytest.fixture
def directory(balikesir: Any) -> dict[str, Any]:
    karesi = District.objects.get(province=balikesir.province, name="Karesi")
    ayvalik = District.objects.get(province=balikesir.province, name="Ayvalık")
    make = lambda name, **kw: OrganisationFactory(office=balikesir, name=name, **kw)  # noqa: E731
    return {
        "izmir": make("İZMİR TİCARET BORSASI İRTİBAT BÜROSU", type=OrganisationType.CHAMBER),
        "isparta": make("ISPARTA BELEDİYESİ ORTAKLIK OFİSİ", type=OrganisationType.MUNICIPALITY),
        "cami": make("Cami Yaptırma Derneği", district=karesi),
        "canakkale": make("Çanakkale Dayanışma Derneği", district=ayvalik),
        "ilgaz": make("Ilgaz Kültür Derneği"),
        "inegol": make("İnegöl Kültür Derneği"),
        "private": make("İzmir Gizli Vakfı", is_public=False),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("izmir", "İZMİR TİCARET BORSASI İRTİBAT BÜROSU"),
        ("İZMİR", "İZMİR TİCARET BORSASI İRTİBAT BÜROSU"),
        ("ısparta", "ISPARTA BELEDİYESİ ORTAKLIK OFİSİ"),
        ("isparta", "ISPARTA BELEDİYESİ ORTAKLIK OFİSİ"),
        ("irtibat", "İZMİR TİCARET BORSASI İRTİBAT BÜROSU"),
        ("canakkale", "Çanakkale Dayanışma Derneği"),
        ("dayanişma", "Çanakkale Dayanışma Derneği"),
    ],
)
def test_public_search_gets_turkish_right(client: Any, directory: Any, query: str, expected: str):
    body = client.get("/balikesir/paydaslar/", {"q": query}).content.decode()
    assert expected in body
    api = client.get("/api/v1/organisations/", {"q": query, "office": "balikesir"})
    assert expected in _names(api)


def test_terms_match_word_prefixes_and_every_term_must_match(directory: Any, balikesir: Any):
    with public_scope(balikesir):
        bel = {o.name for o in selectors.directory_search(q="bel")}
        both = {o.name for o in selectors.directory_search(q="kültür ilgaz")}
    assert "ISPARTA BELEDİYESİ ORTAKLIK OFİSİ" in bel
    assert both == {"Ilgaz Kültür Derneği"}


def test_type_label_and_district_are_searchable_in_both_languages(directory: Any, balikesir: Any):
    with public_scope(balikesir):
        assert {o.name for o in selectors.directory_search(q="municipality")} == {
            "ISPARTA BELEDİYESİ ORTAKLIK OFİSİ"
        }
        assert {o.name for o in selectors.directory_search(q="ayvalik")} == {
            "Çanakkale Dayanışma Derneği"
        }


def test_directory_is_in_turkish_alphabetical_order(client: Any, directory: Any):
    body = client.get("/balikesir/paydaslar/").content.decode()
    order = ["Cami", "Çanakkale", "Ilgaz", "ISPARTA", "İnegöl", "İZMİR"]
    positions = [body.index(n) for n in order]
    assert positions == sorted(positions)


def test_filters_by_type_and_district(client: Any, directory: Any, balikesir: Any):
    karesi = directory["cami"].district
    body = client.get("/balikesir/paydaslar/", {"ilce": karesi.pk}).content.decode()
    assert "Cami Yaptırma" in body and "Çanakkale" not in body
    body = client.get("/balikesir/paydaslar/", {"tur": "municipality"}).content.decode()
    assert "ISPARTA" in body and "Cami Yaptırma" not in body
    # an unknown type or another province's district is ignored, not an error
    assert client.get("/balikesir/paydaslar/", {"tur": "x", "ilce": "999999"}).status_code == 200


def test_panel_short_lookup_matches_inside_words(client_for: Any, balikesir_expert: Any, directory):
    body = client_for(balikesir_expert).get("/balikesir/panel/kurumlar/", {"q": "gizli"})
    assert "İzmir Gizli Vakfı" in body.content.decode()
    with office_scope(balikesir_expert.office):
        assert [o.name for o in selectors.organisation_list(q="negöl")] == ["İnegöl Kültür Derneği"]


def _many(balikesir: Any, n: int = 30) -> None:
    for i in range(n):
        org = OrganisationFactory(
            office=balikesir,
            name=f"Kamu Kurumu {i}",
            type=OrganisationType.PUBLIC_BODY,
            team_status=TeamStatus.FORMED if i % 2 else TeamStatus.NONE,
        )
        TeamMemberFactory(organisation=org)
        OrganisationFactory(office=balikesir, name=f"KAMU KURUMU {i}")  # a likely duplicate


def test_list_pages_run_a_bounded_number_of_queries(
    client: Any,
    client_for: Any,
    balikesir: Any,
    balikesir_coordinator: Any,
    django_assert_max_num_queries: Any,
):
    _many(balikesir)
    with django_assert_max_num_queries(5):
        assert client.get("/balikesir/paydaslar/", {"q": "kamu", "page": 2}).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/organisations/", {"q": "kamu"}).status_code == 200
    staff = client_for(balikesir_coordinator)
    first = TeamMemberFactory(office=balikesir).organisation
    for url in (
        "/balikesir/panel/kurumlar/",
        "/balikesir/panel/proje-ekipleri/",
        "/balikesir/panel/kurumlar/mukerrer/",
        f"/balikesir/panel/kurumlar/{first.pk}/",
    ):
        with django_assert_max_num_queries(9):
            assert staff.get(url).status_code == 200, url
