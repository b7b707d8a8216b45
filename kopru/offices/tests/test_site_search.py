"""The office-wide public search (``/<office>/ara/``): every provider finds the office's
published records and nothing else, in both languages, and bad input is a message."""

from __future__ import annotations

import re

import pytest

from kopru.calls.tests.factories import CallFactory, PublishedCallFactory
from kopru.consultations.tests.factories import ConsultationFactory
from kopru.core import sitesearch
from kopru.core.scoping import public_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.decisions.tests.factories import DecisionFactory
from kopru.news.tests.factories import NewsItemFactory
from kopru.partners.tests.factories import PartnerSearchFactory
from kopru.projects.tests.factories import ProjectFactory
from kopru.stories.tests.factories import StoryFactory
from kopru.trainings.tests.factories import EventFactory
from kopru.youth.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

WORD = "Kelebekli"

#: kind -> (published factory kwargs, hidden (unpublished) kwargs); the title field.
CASES = {
    "calls": (PublishedCallFactory, {}, CallFactory, {}, "title_tr"),
    "news": (NewsItemFactory, {}, NewsItemFactory, {"status": "draft"}, "title_tr"),
    "projects": (ProjectFactory, {}, ProjectFactory, {"is_published": False}, "title_tr"),
    "trainings": (EventFactory, {}, EventFactory, {"status": "draft"}, "title_tr"),
    "partners": (
        PartnerSearchFactory,
        {},
        PartnerSearchFactory,
        {"status": "closed"},
        "title_tr",
    ),
    "organisations": (OrganisationFactory, {}, OrganisationFactory, {"is_public": False}, "name"),
    "stories": (StoryFactory, {}, StoryFactory, {"status": "draft"}, "title_tr"),
    "youth": (OpportunityFactory, {}, OpportunityFactory, {"state": "draft"}, "title_tr"),
    "decisions": (DecisionFactory, {}, DecisionFactory, {"is_public": False}, "title_tr"),
    "consultations": (
        ConsultationFactory,
        {},
        ConsultationFactory,
        {"status": "draft"},
        "title_tr",
    ),
}


def make(kind, office, *, hidden=False, title=f"{WORD} vadisi"):
    shown, shown_kw, other, hidden_kw, field = CASES[kind]
    factory, kwargs = (other, hidden_kw) if hidden else (shown, shown_kw)
    return factory(office=office, **{field: title}, **kwargs)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_provider_finds_only_the_offices_published_records(kind, balikesir, izmir):
    published = make(kind, balikesir)
    make(kind, balikesir, hidden=True)
    make(kind, izmir)
    provider = next(p for p in sitesearch.providers() if p.key == kind)
    with public_scope(balikesir):
        hits = provider.search(balikesir, "kelebek", 5)
        none = provider.search(balikesir, "zzqqxx", 5)
    assert hits.count == 1, kind
    assert [h.url for h in hits.items] == [f"/balikesir/{hits.items[0].url.split('/', 2)[2]}"]
    assert f"/{published.pk}/" in hits.items[0].url
    assert "Kelebekli" in hits.items[0].title
    assert none.count == 0 and none.items == []


def test_the_page_groups_results_by_kind_with_counts(client, balikesir, izmir):
    for kind in CASES:
        make(kind, balikesir)
        make(kind, balikesir, hidden=True, title=f"{WORD} gizli taslak")
        make(kind, izmir, title=f"{WORD} izmir kaydı")
    body = client.get("/balikesir/ara/", {"q": "kelebekli"}).content.decode()
    groups = re.findall(r'data-kind="([a-z]+)"', body)
    assert sorted(groups) == sorted(CASES)
    assert "gizli taslak" not in body and "izmir kaydı" not in body
    assert "/izmir/" not in body.split('id="main"')[1]
    assert 'role="search"' in body
    assert '<meta name="robots" content="noindex">' in body  # results pages stay out of indexes
    assert "10 sonuç bulundu" in body
    # "see all": the app's own list filtered by the query, or this page on one kind.
    assert 'href="/balikesir/cagrilar/?q=kelebekli"' in body
    assert 'href="/balikesir/ara/?q=kelebekli&amp;tur=news"' not in body  # one item: all shown


def test_english_page_and_thesaurus_across_languages(client, balikesir):
    PublishedCallFactory(
        office=balikesir, title_tr="", title_en="Environment and climate action for towns"
    )
    NewsItemFactory(office=balikesir, title_tr="Çevre haftası etkinlikleri", title_en="")
    body = client.get("/en/balikesir/ara/", {"q": "çevre"}).content.decode()
    assert 'lang="en"' in body
    assert "Environment and climate action for towns" in body
    assert "Çevre haftası etkinlikleri" in body
    news = body.split('data-kind="news"')[1]
    assert 'lang="tr"' in news  # a Turkish-only title on the English page is marked


def test_one_kind_and_its_limit(client, balikesir):
    for i in range(7):
        NewsItemFactory(office=balikesir, title_tr=f"{WORD} haber {i}")
    body = client.get("/balikesir/ara/", {"q": "kelebekli"}).content.decode()
    assert len(re.findall(r"/balikesir/haberler/\d", body)) == sitesearch.PER_KIND
    assert 'href="/balikesir/ara/?q=kelebekli&amp;tur=news"' in body
    one = client.get("/balikesir/ara/", {"q": "kelebekli", "tur": "news"}).content.decode()
    assert len(re.findall(r"/balikesir/haberler/\d", one)) == 7
    assert re.findall(r'data-kind="([a-z]+)"', one) == ["news"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "a"}, "En az 2"),
        ({"q": "x" * 500}, "en çok 100"),
        ({"q": "a\x00b"}, "geçersiz karakter"),
        ({"q": ["ab", "cd"]}, "Tek bir"),
        ({"q": "ab", "tur": "../../etc"}, "Bilinmeyen"),
        ({"q": "ab", "tur": "x" * 5000}, "Bilinmeyen"),
    ],
)
def test_bad_input_is_a_form_message(client, balikesir, params, message):
    response = client.get("/balikesir/ara/", params)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and 'aria-invalid="true"' in body


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_empty_query_and_the_navbar_box(client, balikesir, prefix):
    body = client.get(f"{prefix}/balikesir/ara/").content.decode()
    assert "sonuç" not in body.split('id="main"')[1].split("</form>")[1]
    home = client.get(f"{prefix}/balikesir/").content.decode()
    assert 'action="/balikesir/ara/"' in home.replace(f'action="{prefix}/', 'action="/')
    assert home.count('role="search"') == 1


def test_the_panel_has_no_public_search_box(client_for, balikesir_expert):
    body = client_for(balikesir_expert).get("/balikesir/panel/").content.decode()
    assert "site-search-q" not in body


def test_queries_are_bounded(client, balikesir, django_assert_max_num_queries):
    for kind in CASES:
        make(kind, balikesir)
    client.get("/balikesir/ara/", {"q": "kelebekli"})  # the catalogue index is built once
    with django_assert_max_num_queries(30):
        assert client.get("/balikesir/ara/", {"q": "kelebekli"}).status_code == 200
