"""The full-text results the catalogue index keeps stay equal to a fresh reading of the
full-text index after writes (text, title, state, deletion, an import-sized batch),
applied from the change log as a process applies them (a result's changed calls are
checked again at its next use); a change of the searchable text
alone is logged; a private copy leaves the process's results alone."""

from __future__ import annotations

import random
from typing import Any

import pytest

from kopru.calls import catalogue_index
from kopru.calls.catalogue_index import CatalogueIndex, bitmap
from kopru.calls.models import Call, CatalogueChange, State
from kopru.core.scoping import unscoped
from kopru.core.search import fulltext_ids, query_groups

from .factories import CallFactory

pytestmark = pytest.mark.django_db

QUERIES = [
    "gençlik",
    "young people",
    "climate",
    "iklim değişikliği",
    "sport",
    "zebra",
    "hibe",
    "club",
    "artificial intelligence",
]
WORDS = ["climate change", "young people", "sport club", "zebra", "artificial intelligence"]


def fresh(query: str) -> int:
    return bitmap(fulltext_ids(Call, query, expanded=True) or [])


def logged_since(position: int) -> set[int]:
    return set(CatalogueChange.objects.filter(id__gt=position).values_list("call_id", flat=True))


def set_text(call: Call, **values: Any) -> None:
    """A write as the services make it: the fields, then the derived ones."""
    for name, value in values.items():
        setattr(call, name, value)
    fields = call.refresh_derived()
    Call._base_manager.filter(pk=call.pk).update(**values, **{f: getattr(call, f) for f in fields})


def kept_index() -> CatalogueIndex:
    index = CatalogueIndex.build()
    for query in QUERIES:
        index.fulltext(query)
    # (words of one thesaurus entry share a key: gençlik, young people)
    assert len(index.texts) == len({query_groups(q, expanded=True) for q in QUERIES}) > 4
    return index


def catch_up(index: CatalogueIndex) -> None:
    """Apply the log after the index's position, as :func:`catalogue_index.current` does."""
    position = CatalogueChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
    index.apply(logged_since(index.position))
    index.position = position


def assert_current(index: CatalogueIndex) -> None:
    for query in QUERIES:
        key = query_groups(query, expanded=True)
        assert key in index.texts, query
        assert index.fulltext(query) == fresh(query), query  # changed calls checked again
        assert index.texts[key] == (fresh(query), 0), query


def test_kept_results_follow_text_title_state_and_deletion(izmir: Any) -> None:
    with unscoped("test"):
        calls = [
            CallFactory(office=izmir, summary_en=w, title_en=f"call {i}")
            for i, w in enumerate(WORDS)
        ]
        plain = CallFactory(office=izmir, summary_tr="", summary_en="nothing to find here")
        index = kept_index()
        assert index.texts[query_groups("zebra", expanded=True)] == (bitmap([calls[3].pk]), 0)

        set_text(plain, summary_en="a zebra and young people")  # the summary only
        catch_up(index)
        # applying only marks the changed call in each kept result: no query per result
        assert all(pending == bitmap([plain.pk]) for _bits, pending in index.texts.values())
        assert_current(index)
        assert index.fulltext("zebra") == bitmap([calls[3].pk, plain.pk])

        set_text(calls[0], title_en="Sport for all", summary_en="")  # title, text gone
        set_text(calls[1], title_tr="İklim değişikliği ve gençlik")
        catch_up(index)
        assert_current(index)

        Call._base_manager.filter(pk=calls[2].pk).update(state=State.PUBLISHED)
        catch_up(index)
        assert_current(index)

        Call._base_manager.filter(pk__in=[calls[3].pk, plain.pk]).delete()
        catch_up(index)
        assert_current(index)
        assert index.fulltext("zebra") == 0


def test_kept_results_follow_an_import_sized_batch(izmir: Any, balikesir: Any) -> None:
    rng = random.Random(7)

    def text() -> str:
        return " ".join(rng.sample([*WORDS, "youth exchanges", "gençlik", "tarım"], 2))

    with unscoped("test"):
        calls = [
            CallFactory(office=rng.choice([izmir, balikesir]), summary_tr="", summary_en=text())
            for _ in range(60)
        ]
        index = kept_index()
        for call in rng.sample(calls, 30):
            set_text(call, summary_en=text(), title_en=rng.choice(["", "Climate lab", "Zebra"]))
        deleted = {c.pk for c in rng.sample(calls, 15)}
        Call._base_manager.filter(pk__in=deleted).delete()
        new = {
            CallFactory(office=rng.choice([izmir, balikesir]), summary_tr="", summary_en=text()).pk
            for _ in range(40)
        }
        changed = logged_since(index.position)
        assert deleted | new <= changed
        assert len(changed) > 70
        index.apply(changed)
    assert_current(index)


def test_a_change_of_the_searchable_text_alone_is_logged(izmir: Any) -> None:
    with unscoped("test"):
        call = CallFactory(office=izmir)
        position = CatalogueChange.objects.order_by("-id").values_list("id", flat=True)[0]
        set_text(call, summary_tr="<p>Yepyeni bir özet</p>")
        assert logged_since(position) == {call.pk}
        position = CatalogueChange.objects.order_by("-id").values_list("id", flat=True)[0]
        Call._base_manager.filter(pk=call.pk).update(search_document="zebra")
        assert logged_since(position) == {call.pk}
        position = CatalogueChange.objects.order_by("-id").values_list("id", flat=True)[0]
        Call._base_manager.filter(pk=call.pk).update(search_document="zebra")  # unchanged
        assert logged_since(position) == set()


def test_a_private_copy_leaves_the_process_results_alone(izmir: Any) -> None:
    with unscoped("test"):
        call = CallFactory(office=izmir, summary_tr="", summary_en="zebra")
        index = kept_index()
        held = dict(index.texts)
        copy = index.private_copy()
        copy.fulltext("giraffe")
        set_text(call, summary_en="giraffe")
        copy.apply(logged_since(index.position))
        assert copy.fulltext("giraffe") == bitmap([call.pk])
        assert copy.fulltext("zebra") == 0
    assert dict(index.texts) == held
    assert query_groups("giraffe", expanded=True) not in index.texts


def test_the_kept_results_are_bounded_most_recent_first(
    izmir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogue_index, "TEXTS_KEPT", 2)
    with unscoped("test"):
        index = CatalogueIndex.build()
        for query in ("zebra", "sport", "zebra", "climate"):
            index.fulltext(query)
    assert list(index.texts) == [query_groups(q, expanded=True) for q in ("zebra", "climate")]
    # the words' order does not make another key
    assert query_groups("sport club", expanded=True) == query_groups("club sport", expanded=True)


def test_a_result_read_while_changes_were_applied_is_not_kept(
    izmir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changes the follower applies during a read may have been committed after it:
    that result serves its search but is not kept."""
    with unscoped("test"):
        call = CallFactory(office=izmir, summary_tr="", summary_en="zebra")
        index = CatalogueIndex.build()
        read = catalogue_index.groups_ids

        def racing(*args: Any, **kwargs: Any) -> list[int]:
            found = read(*args, **kwargs)
            index.apply([call.pk])  # the follower thread, meanwhile
            return found

        monkeypatch.setattr(catalogue_index, "groups_ids", racing)
        assert index.fulltext("zebra") == bitmap([call.pk])
        assert not index.texts
        monkeypatch.setattr(catalogue_index, "groups_ids", read)
        index.fulltext("zebra")
    assert list(index.texts) == [query_groups("zebra", expanded=True)]
