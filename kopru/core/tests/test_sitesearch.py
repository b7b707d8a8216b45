"""The office-wide search's core: query checks, Turkish-aware matching and ranking."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from kopru.core import sitesearch
from kopru.core.registry import registry
from kopru.core.text import search_key


def q(text: str) -> sitesearch.Query:
    return sitesearch.parse_query(QueryDict(text))


def test_every_app_with_public_records_declares_a_provider():
    keys = {p.key for p in registry.of(sitesearch.SearchProvider)}
    assert {
        "calls",
        "projects",
        "trainings",
        "partners",
        "organisations",
        "news",
        "stories",
        "youth",
        "decisions",
        "consultations",
    } <= keys


@pytest.mark.parametrize(
    ("raw", "text", "error"),
    [
        ("q=%C3%A7evre", "çevre", ""),
        ("q=++gen%C3%A7+++l%C4%B1k++", "genç lık", ""),
        ("q=", "", ""),
        ("", "", ""),
        ("q=a", "a", "En az 2"),
        ("q=%21%21", "!!", "En az 2"),
        ("q=" + "a" * 101, "a" * 100, "en çok 100"),
        ("q=a%00b", "", "geçersiz karakter"),
        ("q=ab&q=cd", "", "Tek bir"),
        ("q=ab&tur=nope", "", "Bilinmeyen"),
    ],
)
def test_parse_query_never_raises(raw, text, error):
    query = q(raw)
    assert query.text == text
    assert (error in query.error) if error else not query.error
    assert query.ok == bool(text and not error)


def test_a_known_kind_is_kept():
    assert q("q=abc&tur=calls").kind == "calls"


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("izmir", "İZMİR Ticaret Odası", True),
        ("ısparta", "ISPARTA", True),
        ("bel", "Balıkesir Belediyesi", True),  # a word's beginning
        ("esir", "Balıkesir", False),  # not inside a word
        ("çevre", "Green environment week", True),  # the thesaurus, across languages
        ("environment", "Çevre haftası etkinliği", True),
        ("gençlere", "Youth exchange in Edremit", True),  # a Turkish ending
        ("veri", "Verimlilik semineri", True),  # the query's own word is a prefix
        ("data", "Verimlilik semineri", False),  # short thesaurus words are whole words
        ("data", "Açık veri günü", True),
        ("çevre gençlik", "Çevre haftası", False),  # every group must match
        ("çevre gençlik", "Youth for the climate", True),
    ],
)
def test_text_matcher(query, text, found, db):
    assert sitesearch.text_matcher(query)(search_key(text)) is found


def test_matching_ranks_title_matches_first(db):
    rows = [
        ("Kırsal kalkınma", "Gençler için atölye"),
        ("Gençlik merkezi", ""),
        ("Sağlık", "gençlik"),
    ]
    found = sitesearch.matching(rows, "gençlik", lambda r: r)
    assert found[0] == ("Gençlik merkezi", "")
    assert len(found) == 3


def test_excerpt_drops_tags_and_cuts_at_a_word():
    text = "<p>" + "kelime " * 60 + "</p>"
    out = sitesearch.excerpt(text, 50)
    assert "<" not in out and out.endswith("…") and len(out) <= 50


def test_hit_of_marks_the_other_language(db):
    class Obj:
        title_tr = ""
        title_en = "Green Deal"
        summary_tr = ""
        summary_en = "An <b>English</b> summary"

    hit = sitesearch.hit_of(Obj(), "/x/")
    assert hit.title == "Green Deal" and hit.lang == "en"
    assert hit.summary == "An English summary"
