"""The catalogue's full-text ids: queries whose thesaurus expansion holds phrases
(``young people``, ``yapay zeka``) find exactly the calls a word-by-word reading of
their documents finds, whichever way the database reads them (on PostgreSQL: one-word
alternatives, phrase words, then only the remaining rows checked for the phrase)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kopru.calls import catalogue_index
from kopru.calls.models import Call
from kopru.core.search import _covers, _groups, _unsubsumed, fulltext_ids
from kopru.core.thesaurus import Alternative

from .factories import CallFactory

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    "training for young people",
    "people who are young",
    "youth exchanges",
    "climate action plan",
    "young people and artificial intelligence",
    "young peoples voices and data",
    "artificial minds with intelligence",
    "yapay zeka ve genclik",
    "local authorities climate change",
    "a local authority and the circular economy",
    "economy circular",
    "sport club",
]
QUERIES = [
    "young people",
    "gençlik",
    "yapay zeka",
    "gençlik yapay zeka",
    "local authority",
    "belediye",
    "circular economy",
    "iklim değişikliği",
    "climate",
    "sport",
    "people",
]


def brute_force(query: str, documents: dict[int, str]) -> set[int]:
    """The calls whose words match every group: an alternative's words in a row, the
    last one as a prefix if it is one."""
    found = set()
    for pk, text in documents.items():
        words = re.findall(r"[a-z0-9]+", text)

        def has(alt: Alternative, words: list[str] = words) -> bool:
            n = len(alt.words)
            for i in range(len(words) - n + 1):
                *head, last = words[i : i + n]
                if head == list(alt.words[:-1]) and (
                    last.startswith(alt.words[-1]) if alt.prefix else last == alt.words[-1]
                ):
                    return True
            return False

        if all(any(has(a) for a in group) for group in _groups(query, True)):
            found.add(pk)
    return found


def test_phrase_queries_find_what_the_words_say(izmir: Any) -> None:
    documents = {}
    for text in DOCUMENTS:
        call = CallFactory(office=izmir, deadline=False)
        Call._base_manager.filter(pk=call.pk).update(search_document=text)
        documents[call.pk] = text
    for query in QUERIES:
        got = fulltext_ids(Call, query, expanded=True, stored_vector=catalogue_index.SEARCH_VECTOR)
        assert got is not None
        assert set(got) == brute_force(query, documents), query
        assert set(got) == set(fulltext_ids(Call, query, expanded=True) or []), query
        # the phrases are not a word-by-word AND: "people who are young" is not found
        found = {documents[pk] for pk in got}
        if query == "young people":
            assert "training for young people" in found
            assert "people who are young" not in found
        if query == "yapay zeka":
            assert "artificial minds with intelligence" not in found
            assert "young people and artificial intelligence" in found


def test_a_phrase_covered_by_a_word_of_its_group_is_left_out() -> None:
    climate = Alternative(("climate",), prefix=True)
    exact = Alternative(("data",), prefix=False)
    change = Alternative(("climate", "change"), prefix=True)
    big_data = Alternative(("big", "data"), prefix=True)
    assert _covers(climate, change)
    assert not _covers(exact, big_data)  # "big datasets": data only as a prefix
    assert _covers(exact, Alternative(("data", "sharing"), prefix=True))
    assert _covers(Alternative(("clim",), prefix=True), change)
    assert not _covers(Alternative(("change",), prefix=False), change)
    assert _unsubsumed((climate, change, big_data)) == [climate, big_data]
