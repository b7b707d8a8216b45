"""The public partner-search list through the bilingual thesaurus: a Turkish word finds a
post written only in English and the other way round (the list, the API and the
office-wide search alike); an unrelated post is not found."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kopru.core import sitesearch
from kopru.core.scoping import public_scope
from kopru.partners import selectors

from .factories import PartnerSearchFactory

pytestmark = pytest.mark.django_db

LIST = "/balikesir/ortak-arama/"
COAST = "Kıyı turizmi ve iklim uyumu için ortak"
GREEN = "Partners for a circular economy network"
ELDERLY = "Yaşlı bakımında gönüllülük"


@pytest.fixture
def posts(balikesir: Any) -> None:
    for tr, en, text_tr, text_en in [
        (COAST, "", "Sürdürülebilir kıyı turizmi.", ""),
        ("", GREEN, "", "Sharing good practice with municipalities."),
        (ELDERLY, "", "Bakım evlerinde gönüllü gençler.", ""),
    ]:
        PartnerSearchFactory(
            office=balikesir,
            title_tr=tr,
            title_en=en,
            description_tr=text_tr,
            description_en=text_en,
            programme="",
        )


def _found(office: Any, q: str) -> set[str]:
    with public_scope(office):
        posts = selectors.public_posts(selectors.PostFilters(q=q))
        return {p.title_tr or p.title_en for p in posts}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("environment", {COAST, GREEN}),
        ("çevre", {COAST, GREEN}),
        ("climate", {COAST, GREEN}),
        ("atık", {COAST, GREEN}),
        ("tourism", {COAST}),
        ("elderly", {ELDERLY}),
        ("youth", {ELDERLY}),
    ],
)
def test_list_search_crosses_languages(
    balikesir: Any, posts: Any, query: str, expected: set[str]
) -> None:
    assert _found(balikesir, query) == expected


def test_page_api_and_site_search_agree(client: Any, balikesir: Any, posts: Any) -> None:
    page = client.get(LIST, {"q": "çevre"}).content.decode()
    assert "circular economy" in page and "Kıyı turizmi" in page and "Yaşlı" not in page
    api = client.get("/api/v1/partner-searches/", {"q": "environment", "office": "balikesir"})
    assert api.status_code == 200
    assert len(api.json()["results"]) == 2
    with translation.override("tr"), public_scope(balikesir):
        hits = {g.provider.key: g.hits for g in sitesearch.run(balikesir, "environment")}
    assert hits["partners"].count == 2
