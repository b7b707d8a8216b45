"""Versions of the catalogue index: an application builds the next version beside the
one searches read (sharing what did not change) and the process swaps it in. A search
during an application sees the old version whole, never part of the batch; the
chunked orders the versions share behave as sorted lists and a successor's changes
never reach its predecessor; a request that needs changes the follower thread is
applying waits for it rather than reading them again."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from bisect import bisect_left, insort
from typing import Any

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from kopru.calls import catalogue_index
from kopru.calls.catalogue_index import CatalogueIndex, Chunks, Timeline
from kopru.calls.models import Call, CatalogueChange, Level, State
from kopru.calls.selectors import SearchParams, catalogue_page
from kopru.calls.services import sync_facets
from kopru.core.scoping import public_scope, unscoped

from .factories import CallFactory, PublishedCallFactory
from .test_catalogue_apply import index_state

DAY = dt.timedelta(days=1)


def chunks_state(chunks: Chunks, model: list[int], probes: list[int]) -> None:
    assert list(chunks) == model
    assert list(reversed(chunks)) == model[::-1]
    assert len(chunks) == len(model)
    for p in probes:
        assert chunks.bisect_left(p) == bisect_left(model, p)
        assert (p in chunks) == (p in model)
        a = p % (len(model) + 3)
        for q in probes:
            b = q % (len(model) + 3)
            assert list(chunks.islice(a, b)) == model[a:b]
            assert list(chunks.islice(a, b, reverse=True)) == model[a:b][::-1]
        assert list(chunks.islice(a)) == model[a:]


@settings(max_examples=200)
@given(
    start=st.lists(st.integers(min_value=0, max_value=300), unique=True, max_size=80),
    steps=st.lists(
        st.tuples(st.booleans(), st.integers(min_value=0, max_value=300), st.booleans()),
        max_size=150,
    ),
    probes=st.lists(st.integers(min_value=-3, max_value=305), max_size=6),
)
def test_chunks_behave_as_a_sorted_list_and_versions_stay_apart(
    start: list[int], steps: list[tuple[bool, int, bool]], probes: list[int]
) -> None:
    saved = catalogue_index.CHUNK
    catalogue_index.CHUNK = 4  # small chunks: splits and merges happen often
    try:
        chunks = Chunks(start)
        model = sorted(start)
        frozen: list[tuple[Chunks, list[int]]] = []
        for add, value, branch in steps:
            if branch:  # a new version: the old one must not change from now on
                frozen.append((chunks, list(model)))
                chunks = chunks.successor()
            if add and value not in model:
                chunks.add(value)
                insort(model, value)
            elif value in model:
                chunks.remove(value)
                model.remove(value)
            else:
                with pytest.raises(ValueError):
                    chunks.remove(value)
        chunks_state(chunks, model, probes)
        for version, values in frozen:
            chunks_state(version, values, probes)
    finally:
        catalogue_index.CHUNK = saved


def test_a_timeline_successor_leaves_its_predecessor_alone() -> None:
    old = Timeline(1, {1: 5, 2: None, 3: 40, 4: 7})
    old.below(10)
    before = (old.held(), list(old.entries), list(old.nulls), dict(old.blocks), old.all)
    new = old.successor()
    new.apply({1: None, 2: 9, 5: 3}, [3])
    assert (old.held(), list(old.entries), list(old.nulls), dict(old.blocks), old.all) == before
    assert old.below(10) == catalogue_index.bitmap([1, 4])
    assert new.held() == {2: 9, 4: 7, 5: 3}
    assert new.below(10) == catalogue_index.bitmap([2, 4, 5])


@pytest.mark.django_db
def test_a_search_during_an_application_sees_the_old_version_whole(
    izmir: Any, balikesir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Halfway through building the next version (its timelines half updated), the
    version searches read still gives, state and search alike, what it gave before;
    the next version, once built, equals a fresh build."""
    rng = random.Random(7)
    now = dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC)
    with unscoped("test"):
        calls = [
            PublishedCallFactory(
                office=rng.choice([izmir, balikesir]),
                sectors=rng.sample(["environment", "digital", "youth"], 2),
                deadline=now + rng.randint(-50, 50) * DAY,
            )
            for _ in range(30)
        ]
        old = CatalogueIndex.build()

        def searched() -> Any:
            found = old.search(
                old.catalogue(izmir.pk), q_bits=None, filters={}, sort="deadline", now=now
            )
            return (found.total, found.facets, found.status, found.deadline, found.ids())

        before, results = index_state(old), searched()
        changed = set()
        for call in rng.sample(calls, 10):
            Call._base_manager.filter(pk=call.pk).update(
                state=rng.choice([State.DRAFT, State.ARCHIVED]),
                level=Level.NATIONAL,
                next_deadline=now + rng.randint(-50, 50) * DAY,
                title_sort=f"z{rng.randint(0, 99)}",
            )
            call.sectors = ["education"]
            sync_facets(Call._base_manager.get(pk=call.pk))
            changed.add(call.pk)
        gone = [c.pk for c in calls if c.pk not in changed][:5]
        Call._base_manager.filter(pk__in=gone).delete()
        changed |= set(gone) | {PublishedCallFactory(office=izmir).pk for _ in range(5)}

        halfway: list[bool] = []
        apply = Timeline.apply

        def apply_then_look(self: Timeline, *args: Any, **kwargs: Any) -> None:
            apply(self, *args, **kwargs)
            if self is new_nd():  # the deadlines done, the publication times not yet
                assert index_state(old) == before
                assert searched() == results
                halfway.append(True)

        versions: list[CatalogueIndex] = []
        real_successor = CatalogueIndex.successor

        def successor(self: CatalogueIndex) -> CatalogueIndex:
            versions.append(real_successor(self))
            return versions[-1]

        def new_nd() -> Timeline | None:
            return versions[-1].nd if versions else None

        monkeypatch.setattr(Timeline, "apply", apply_then_look)
        monkeypatch.setattr(CatalogueIndex, "successor", successor)
        new, count = old.advanced(changed)
        monkeypatch.undo()
        assert halfway and count == len(changed)
        assert index_state(old) == before and searched() == results
        assert index_state(new) == index_state(CatalogueIndex.build()) != before


@pytest.mark.django_db(transaction=True)
def test_a_request_waits_for_the_followers_application_instead_of_repeating_it(
    izmir: Any, fresh_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The follower is reading a batch when a request finds the same changes in the
    log: the request waits for the follower's version and reads nothing itself (and
    still sees the write)."""
    PublishedCallFactory(office=izmir)
    with public_scope(None):
        assert catalogue_page(izmir, SearchParams()).fresh.built
    reads: list[str] = []
    request_polled = threading.Event()
    read, poll = catalogue_index._read_calls, catalogue_index.poll

    def slow_read(ids: list[int]) -> Any:
        reads.append(threading.current_thread().name)
        if threading.current_thread().name == "catalogue-follower":
            request_polled.wait(30)
            time.sleep(0.2)  # the request reaches the lock meanwhile
        return read(ids)

    def watched_poll(index: CatalogueIndex) -> Any:
        found = poll(index)
        if threading.current_thread() is threading.main_thread() and found.call_ids:
            request_polled.set()
        return found

    monkeypatch.setattr(catalogue_index, "_read_calls", slow_read)
    monkeypatch.setattr(catalogue_index, "poll", watched_poll)
    with transaction.atomic():
        PublishedCallFactory(office=izmir)
    catalogue_index.follow(0.02)
    try:
        for _ in range(1500):
            if reads:
                break
            time.sleep(0.02)
        assert reads == ["catalogue-follower"]
        with public_scope(None):
            after = catalogue_page(izmir, SearchParams())
        assert request_polled.is_set()
        assert (after.fresh.built, after.fresh.applied, after.fresh.waited) == (False, 0, True)
        assert after.page.paginator.count == 2
        assert reads == ["catalogue-follower"]
    finally:
        catalogue_index.stop_following()


@pytest.mark.django_db
def test_a_private_copy_is_a_version_of_its_own(izmir: Any) -> None:
    """A transaction's own writes, applied to a private copy, reach neither the
    process's version nor its kept full-text results or term names."""
    with unscoped("test"):
        PublishedCallFactory(office=izmir, sectors=["digital"])
        index = CatalogueIndex.build()
        before = index_state(index)
        call = CallFactory(office=izmir, sectors=["youth"])
        names = dict(index.term_name)
        private, count = index.advanced({call.pk}, private=True)
    assert count == 1 and private.count == index.count + 1
    assert index_state(index) == before
    assert index.term_name == names and private.texts is not index.texts
    assert CatalogueChange.objects.exists()
