"""Applying changes to the catalogue index gives exactly the index a fresh build gives:
a timeline under any series of changes (hypothesis), and the whole index after one
large batch of writes of every kind (an import's size, not a handful)."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kopru.calls import catalogue_index
from kopru.calls.catalogue_index import CatalogueIndex, Timeline
from kopru.calls.models import Call, CallFacet, CatalogueChange, Level, State
from kopru.calls.services import sync_facets
from kopru.core.scoping import unscoped

from .factories import CallFactory

DAY = dt.timedelta(days=1)

pks = st.integers(min_value=1, max_value=120)
values = st.one_of(st.none(), st.integers(min_value=0, max_value=400))
#: One batch: new values of some calls, and some calls deleted.
batches = st.tuples(st.dictionaries(pks, values, max_size=60), st.sets(pks, max_size=20))


def timeline_state(t: Timeline) -> dict[str, Any]:
    return {
        "values": t.held(),
        "entries": list(t.entries),
        "nulls": list(t.nulls),
        "blocks": t.blocks,
        "all": t.all,
    }


@settings(max_examples=150)
@given(
    start=st.dictionaries(pks, values, max_size=100),
    days=st.lists(st.integers(min_value=-5, max_value=410), max_size=6),
    steps=st.lists(batches, max_size=5),
)
def test_a_timeline_kept_by_apply_equals_one_built_fresh(
    start: dict[int, int | None], days: list[int], steps: list[Any]
) -> None:
    kept = Timeline(1, start)
    for day in days:  # the "before day d" bitmaps searches asked for, kept on writes
        kept.below(day)
    held = dict(start)
    for new, gone in steps:
        gone = gone - new.keys()
        kept.apply(new, gone)
        held.update(new)
        for pk in gone:
            held.pop(pk, None)
        fresh = Timeline(1, held)
        assert timeline_state(kept) == timeline_state(fresh)
        for day in kept.memo:
            assert kept.memo[day] == fresh.below(day), day
        for x in days:
            assert kept.below(x) == fresh.below(x)
            assert kept.first_at_or_after(x) == fresh.first_at_or_after(x)


def index_state(index: CatalogueIndex) -> dict[str, Any]:
    return {
        "present": index.present,
        "published": index.published,
        "national": index.national,
        "count": index.count,
        "by_office": {o: b for o, b in index.by_office.items() if b},
        "office_of": {pk: o for pk, o in enumerate(index.office_at) if o},
        "terms_of": {pk: t for pk, t in enumerate(index.terms_at) if t is not None},
        "term_bits": {t: b for t, b in index.term_bits.items() if b},
        "title_of": {pk: t for pk, t in enumerate(index.title_at) if t is not None},
        "titles": list(index.titles),
        **{
            f"{name}.{key}": value
            for name in ("od", "ca", "nd", "pub")
            for key, value in timeline_state(getattr(index, name)).items()
        },
    }


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_large_batch_applied_equals_a_fresh_build(izmir: Any, balikesir: Any, seed: int) -> None:
    """An import-sized batch (new calls, changed dates, states, levels, titles and tags,
    deleted calls) applied at once gives the index a build of the database gives."""
    rng = random.Random(seed)
    now = dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC)
    sectors = ["environment", "digital", "youth", "education"]

    def new_call() -> Call:
        call = CallFactory(
            office=rng.choice([izmir, balikesir]),
            state=rng.choice([State.PUBLISHED, State.PUBLISHED, State.DRAFT]),
            level=rng.choice(Level.values),
            sectors=rng.sample(sectors, rng.randint(0, 3)),
            title_tr=f"çağrı {rng.randint(0, 10**6)}",
            deadline=False,
        )
        Call._base_manager.filter(pk=call.pk).update(
            next_deadline=rng.choice([None, now + rng.randint(-300, 300) * DAY]),
            closes_at=rng.choice([None, now + rng.randint(-300, 300) * DAY]),
            opening_date=rng.choice([None, (now + rng.randint(-300, 30) * DAY).date()]),
            published_at=rng.choice([None, now - rng.randint(0, 300) * DAY]),
            title_sort=rng.choice(["", "a", f"t{rng.randint(0, 50)}"]),
        )
        sync_facets(Call._base_manager.get(pk=call.pk))
        return call

    with unscoped("test"):
        calls = [new_call() for _ in range(90)]
        kept = CatalogueIndex.build()
        for day in (-10, 0, 15, 200):  # memo days, kept on writes
            kept.nd.below(catalogue_index.micros(now + day * DAY))
            kept.od.below((now + day * DAY).date().toordinal())
        changed: set[int] = set()
        for call in rng.sample(calls, 40):
            Call._base_manager.filter(pk=call.pk).update(
                next_deadline=rng.choice([None, now + rng.randint(-300, 300) * DAY]),
                opening_date=rng.choice([None, (now + rng.randint(-30, 30) * DAY).date()]),
                state=rng.choice([State.PUBLISHED, State.DRAFT, State.ARCHIVED]),
                level=rng.choice(Level.values),
                office=rng.choice([izmir, balikesir]),
                title_sort=rng.choice(["", "b", f"t{rng.randint(0, 50)}"]),
            )
            if rng.random() < 0.5:
                call.sectors = rng.sample(sectors, rng.randint(0, 3))
            sync_facets(Call._base_manager.get(pk=call.pk))
            changed.add(call.pk)
        gone = rng.sample([c for c in calls if c.pk not in changed], 20)
        Call._base_manager.filter(pk__in=[c.pk for c in gone]).delete()
        changed |= {c.pk for c in gone}
        changed |= {new_call().pk for _ in range(40)}
        changed |= {10**6, 10**6 + 1}  # ids never held (a rolled-back insert's)
        assert kept.apply(changed) == len(changed)
        fresh = CatalogueIndex.build()
    assert index_state(kept) == index_state(fresh)
    assert CallFacet.objects.exists()
    for day in kept.nd.memo:
        assert kept.nd.memo[day] == fresh.nd.below(day * catalogue_index.DAY_US)
    for day in kept.od.memo:
        assert kept.od.memo[day] == fresh.od.below(day)


@pytest.mark.django_db(transaction=True)
def test_the_follower_applies_writes_between_requests(izmir: Any, fresh_process: Any) -> None:
    """A process's follower thread applies a committed write by itself: the next search
    finds nothing left to apply, and sees the write."""
    from kopru.core.scoping import public_scope

    from ..selectors import SearchParams, catalogue_page
    from .factories import PublishedCallFactory

    PublishedCallFactory(office=izmir)
    with public_scope(None):
        assert catalogue_page(izmir, SearchParams()).fresh.built
    catalogue_index.follow(0.02)
    catalogue_index.follow(0.02)  # once per process
    assert len(catalogue_index._follower) == 1
    PublishedCallFactory(office=izmir)  # (a few statements, each committed)
    last = CatalogueChange.objects.order_by("-id").values_list("id", flat=True)[0]

    def index() -> CatalogueIndex:  # the process's version now (the follower swaps it)
        return next(iter(catalogue_index._current.values()))

    for _ in range(1500):
        if index().position >= last and not index().gaps:
            break
        time.sleep(0.02)
    assert index().position >= last
    with public_scope(None):
        after = catalogue_page(izmir, SearchParams())
    assert (after.fresh.built, after.fresh.applied) == (False, 0)
    assert after.page.paginator.count == 2
    catalogue_index.stop_following()
    assert not catalogue_index._follower
