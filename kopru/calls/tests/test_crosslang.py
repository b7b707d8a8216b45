"""Search that speaks both languages: the thesaurus expands queries, documents carry
both languages' words of their tags, staff extend the thesaurus."""

from __future__ import annotations

import pytest

from kopru.calls.selectors import SearchParams, catalogue_page, find_calls
from kopru.core.models import ThesaurusWord
from kopru.core.scoping import public_scope
from kopru.core.thesaurus import expand, forget

from .factories import PublishedCallFactory

pytestmark = pytest.mark.django_db


def _call(office, **kwargs):
    """A published call with nothing but what the test gives (no factory tags or text)."""
    defaults = {"title_tr": "", "title_en": "", "summary_tr": "", "summary_en": ""}
    defaults |= {"sectors": [], "target_groups": [], "applicant_types": []}
    return PublishedCallFactory(office=office, **(defaults | kwargs))


def _found(office, q: str) -> set[int]:
    with public_scope(None):
        page = catalogue_page(office, SearchParams(q=q), per_page=100)
        ids = {c.pk for c in page.page.object_list}
    engine = set(find_calls(SearchParams(q=q), office=office).ids())
    assert ids == engine  # the page and the API/alerts give the same calls
    return ids


def test_turkish_words_find_english_calls(izmir) -> None:
    climate = _call(izmir, title_tr="", title_en="Nature-based solutions for climate adaptation")
    tagged = _call(izmir, title_tr="", title_en="Cluster 6 topic", sectors=["environment"])
    youth = _call(izmir, title_tr="", title_en="Mobility projects for young people", sectors=[])
    other = _call(izmir, title_tr="", title_en="Quantum computing chips")
    assert _found(izmir, "çevre") >= {climate.pk, tagged.pk}
    assert other.pk not in _found(izmir, "çevre")
    assert youth.pk in _found(izmir, "gençlik")
    assert youth.pk in _found(izmir, "gençler")  # a Turkish ending
    assert climate.pk in _found(izmir, "iklim")


def test_english_words_find_turkish_only_calls(izmir) -> None:
    call = _call(
        izmir,
        title_tr="Kadın kooperatiflerine destek",
        title_en="",
        summary_en="",
        target_groups=["women"],
        sectors=["social"],
    )
    untagged = _call(izmir, title_tr="Gençlik merkezleri hibe programı", title_en="", sectors=[])
    assert call.pk in _found(izmir, "women")
    assert call.pk in _found(izmir, "gender")
    assert untagged.pk in _found(izmir, "youth")


def test_short_alternatives_match_whole_words_only(izmir) -> None:
    efficiency = _call(izmir, title_tr="Enerji verimliliği", title_en="")
    assert efficiency.pk not in _found(izmir, "data")  # "veri" is not "verimlilik"


def test_expansion_groups() -> None:
    groups = expand("çevre projeleri")
    assert len(groups) == 2
    words = {" ".join(a.words) for a in groups[0]}
    assert {"cevre", "environment", "climate", "iklim", "climate change"} <= words
    assert {" ".join(a.words) for a in groups[1]} == {"projeleri"}
    phrase = expand("young people")
    assert len(phrase) == 1 and "genc" in {" ".join(a.words) for a in phrase[0]}


def test_staff_words_extend_the_thesaurus(izmir, client_for, national_admin) -> None:
    call = _call(izmir, title_tr="", title_en="Rewilding river banks")
    assert call.pk not in _found(izmir, "yabanlaştırma")
    client = client_for(national_admin)
    page = client.get("/ulusal/es-anlamlilar/")
    assert page.status_code == 200 and "environment" in page.content.decode()
    response = client.post(
        "/ulusal/es-anlamlilar/",
        {"entry": "sector:environment", "language": "tr", "word": "yabanlaştırma"},
    )
    assert response.status_code == 302
    response = client.post(
        "/ulusal/es-anlamlilar/",
        {"entry": "sector:environment", "language": "en", "word": "rewilding"},
    )
    assert response.status_code == 302
    assert ThesaurusWord.objects.count() == 2
    assert call.pk in _found(izmir, "yabanlaştırma")
    word = ThesaurusWord.objects.get(word="rewilding")
    assert client.post(f"/ulusal/es-anlamlilar/{word.pk}/sil/").status_code == 302
    assert call.pk not in _found(izmir, "yabanlaştırma")
    forget()


def test_only_national_admins_edit_the_thesaurus(client_for, izmir_expert) -> None:
    assert client_for(izmir_expert).get("/ulusal/es-anlamlilar/").status_code == 404
