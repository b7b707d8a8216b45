"""The public directory's search through the bilingual thesaurus: ``youth`` finds the
Gençlik ve Spor directorate, a Turkish word an English-named body, and an unrelated one
stays out (page, API and the office-wide search alike)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kopru.core import sitesearch
from kopru.core.scoping import office_scope, public_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations import selectors
from kopru.organisations.models import OrganisationType

pytestmark = pytest.mark.django_db

GSIM = "Balıkesir Gençlik ve Spor İl Müdürlüğü"
NETWORK = "European Youth Network Office"
HEALTH = "Balıkesir İl Sağlık Müdürlüğü"
CLIMATE = "Climate Action Association"


@pytest.fixture
def directory(balikesir: Any) -> None:
    OrganisationFactory(office=balikesir, name=GSIM, type=OrganisationType.PUBLIC_BODY)
    OrganisationFactory(office=balikesir, name=NETWORK, type=OrganisationType.NGO)
    OrganisationFactory(office=balikesir, name=HEALTH, type=OrganisationType.PUBLIC_BODY)
    OrganisationFactory(office=balikesir, name=CLIMATE, type=OrganisationType.NGO)


def _found(office: Any, q: str) -> set[str]:
    with public_scope(office):
        return {o.name for o in selectors.directory_search(q=q)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("youth", {GSIM, NETWORK}),
        ("gençlik", {GSIM, NETWORK}),
        ("genclik", {GSIM, NETWORK}),
        ("gençler", {GSIM, NETWORK}),
        ("sport", {GSIM, NETWORK}),  # one entry: gençlik, spor, youth, sport
        ("iklim", {CLIMATE}),
        ("çevre", {CLIMATE}),
        ("health", {HEALTH}),
    ],
)
def test_directory_search_crosses_languages(
    balikesir: Any, directory: Any, query: str, expected: set[str]
) -> None:
    assert _found(balikesir, query) == expected


def test_page_api_and_site_search_agree(client: Any, balikesir: Any, directory: Any) -> None:
    page = client.get("/balikesir/paydaslar/", {"q": "youth"}).content.decode()
    assert "Gençlik ve Spor" in page and NETWORK in page and "Sağlık" not in page
    api = client.get("/api/v1/organisations/", {"q": "youth", "office": "balikesir"}).json()
    assert {r["name"] for r in api["results"]} == {GSIM, NETWORK}
    with translation.override("tr"), public_scope(balikesir):
        hits = {g.provider.key: g.hits for g in sitesearch.run(balikesir, "youth")}
    assert hits["organisations"].count == 2
    assert {h.title for h in hits["organisations"].items} == {GSIM, NETWORK}


def test_staff_short_lookup_is_not_expanded(balikesir: Any, directory: Any) -> None:
    with office_scope(balikesir):
        assert [o.name for o in selectors.organisation_list(q="youth")] == [NETWORK]
