"""The data bank's search through the bilingual thesaurus: a Turkish word finds a project
written only in English and the other way round, on the public page, the API and the
office-wide search alike; an unrelated project is not found."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kopru.core import sitesearch
from kopru.core.scoping import public_scope
from kopru.projects import selectors
from kopru.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(balikesir: Any) -> dict[str, Any]:
    def make(tr: str, en: str) -> Any:
        return ProjectFactory(
            office=balikesir,
            title_tr=tr,
            title_en=en,
            summary_tr="",
            summary_en="",
            programme="",
            sectors=[],
            target_groups=[],
        )

    return {
        "turkish": make("Güney Marmara iklim uyum planı", ""),
        "english": make("", "Green environment week for schools"),
        "ai": make("Tarımda yapay zekâ ile sulama", ""),
        "unrelated": make("Yaşlı bakım hizmetleri", "Care services for the elderly"),
    }


def _found(office: Any, q: str) -> set[str]:
    with public_scope(office):
        qs = selectors.project_list(filters=selectors.ProjectFilters(q=q), published_only=True)
        return {p.title_tr or p.title_en for p in qs}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("environment", {"Güney Marmara iklim uyum planı", "Green environment week for schools"}),
        ("climate", {"Güney Marmara iklim uyum planı", "Green environment week for schools"}),
        ("çevre", {"Güney Marmara iklim uyum planı", "Green environment week for schools"}),
        ("cevre", {"Güney Marmara iklim uyum planı", "Green environment week for schools"}),
        ("artificial intelligence", {"Tarımda yapay zekâ ile sulama"}),
        ("yapay zeka", {"Tarımda yapay zekâ ile sulama"}),
        ("elderly", {"Yaşlı bakım hizmetleri"}),
        ("yaşlılar", {"Yaşlı bakım hizmetleri"}),
    ],
)
def test_search_crosses_languages_through_the_thesaurus(
    balikesir: Any, bank: Any, query: str, expected: set[str]
) -> None:
    assert _found(balikesir, query) == expected


def test_public_page_api_and_site_search_use_the_same_expansion(
    client: Any, balikesir: Any, bank: Any
) -> None:
    page = client.get("/balikesir/veri-bankasi/", {"q": "çevre"}).content.decode()
    assert "Green environment week" in page and "Güney Marmara" in page
    assert "Yaşlı bakım" not in page
    api = client.get("/api/v1/projects/", {"q": "environment"}).json()
    assert {r["title_tr"] for r in api["results"]} == {"Güney Marmara iklim uyum planı", ""}
    with translation.override("tr"), public_scope(balikesir):
        hits = {g.provider.key: g.hits for g in sitesearch.run(balikesir, "environment")}
    assert hits["projects"].count == 2
    with translation.override("tr"), public_scope(balikesir):
        hits = {
            g.provider.key: g.hits for g in sitesearch.run(balikesir, "artificial intelligence")
        }
    assert [h.title for h in hits["projects"].items] == ["Tarımda yapay zekâ ile sulama"]


def test_short_thesaurus_words_stay_whole_words(balikesir: Any, bank: Any) -> None:
    ProjectFactory(
        office=balikesir,
        title_tr="Verimlilik semineri",
        title_en="",
        summary_tr="",
        sectors=[],
        target_groups=[],
    )
    # "data" is in the digital entry (veri, yapay zeka...): veri only as a whole word
    assert _found(balikesir, "data") == {"Tarımda yapay zekâ ile sulama"}
