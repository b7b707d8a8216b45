"""The catalogue engine against brute force (counts, order, pages), built whole and
kept current from the change log; the log itself."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Case, F, When
from django.http import QueryDict
from django.utils import timezone

from kopru.calls import catalogue_index, selectors
from kopru.calls.models import (
    Call,
    CallDeadline,
    CallFacet,
    CatalogueChange,
    Level,
    State,
    Status,
)
from kopru.calls.selectors import SearchParams, catalogue_page
from kopru.calls.services import call_publish, catalogue_log_prune, sync_facets
from kopru.core import thesaurus
from kopru.core.scoping import office_scope, public_scope, unscoped
from kopru.core.search import fulltext_filter

from .factories import CallFactory, PublishedCallFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
PROGRAMMES = ["Erasmus+", "Horizon Europe", "LIFE", ""]
FUNDERS = ["European Commission", "İzmir Kalkınma Ajansı", ""]
SECTORS = ["environment", "digital", "youth", "education"]
TARGETS = ["youth", "women", "disadvantaged"]
APPLICANTS = ["municipality", "ngo", "university", "sme"]
WORDS = ["gençlik", "İZMİR", "iklim", "dijital", "kadın"]


def make_call(office: Any, deadlines: list[dt.datetime], **fields: Any) -> Call:
    call = CallFactory(office=office, deadline=False, **fields)
    for at in deadlines:
        CallDeadline.objects.create(call=call, at=at, timezone="Europe/Istanbul")
    names = call.refresh_derived()
    Call._base_manager.filter(pk=call.pk).update(**{n: getattr(call, n) for n in names})
    sync_facets(call)
    return call


@pytest.fixture
def varied(izmir: Any, balikesir: Any) -> dict[str, Any]:
    """Sixty calls of both offices: every state, level, status and deadline range."""
    rng = random.Random(2026)
    now = timezone.now()
    for i in range(60):
        deadlines = sorted(
            now + dt.timedelta(minutes=rng.choice([-1, 1]) * rng.randint(10, 200 * 24 * 60))
            for _ in range(rng.choice([0, 1, 1, 1, 2, 3]))
        )
        if i % 9 == 0:  # right around the edges of the 7/30/90-day ranges
            edge = rng.choice([7, 30, 90]) * DAY + rng.choice([-1, 1]) * dt.timedelta(minutes=5)
            deadlines = [now + edge]
        opening = rng.choice([None, None, (now + rng.randint(-60, 60) * DAY).date()])
        make_call(
            rng.choice([izmir, izmir, balikesir]),
            deadlines,
            state=rng.choice([State.PUBLISHED] * 5 + [State.DRAFT, State.ARCHIVED]),
            level=rng.choice(Level.values),
            instrument=rng.choice(["grant", "grant", "credit", "prize"]),
            programme=rng.choice(PROGRAMMES),
            funder=rng.choice(FUNDERS),
            sectors=rng.sample(SECTORS, rng.randint(0, 3)),
            target_groups=rng.sample(TARGETS, rng.randint(0, 2)),
            applicant_types=rng.sample(APPLICANTS, rng.randint(0, 3)),
            opening_date=opening,
            published_at=rng.choice([None, now - rng.randint(0, 300) * DAY]),
            title_tr=f"{rng.choice(WORDS)} çağrısı {i}",
        )
    with unscoped("test: brute force"):
        calls = list(Call.objects.all())
    return {"office": izmir, "calls": calls, "now": timezone.now()}


def brute_force(data: dict[str, Any], params: SearchParams) -> dict[str, Any]:
    """The catalogue worked out in Python from the calls' own fields."""
    office, now = data["office"], data["now"]
    if params.q:
        with unscoped("test: brute force"):
            found = set(fulltext_filter(Call.objects.all(), params.q).values_list("pk", flat=True))

    def in_range(call: Call, value: str) -> bool:
        nd = call.next_deadline
        if nd is None:
            return False
        if value == "later":
            return nd > now + 90 * DAY
        if not value.isdigit():
            return False  # an unknown range matches nothing
        return now <= nd <= now + int(value) * DAY

    def matches(call: Call) -> bool:
        if call.state != State.PUBLISHED:
            return False
        if call.office_id != office.pk and call.level != Level.NATIONAL:
            return False
        if params.q and call.pk not in found:
            return False
        pairs = set(call.facet_values())
        for key, values in params.filters.items():
            if key == "status":
                ok = call.status_at(now) in values
            elif key == "deadline":
                ok = any(in_range(call, v) for v in values)
            elif key in ("level", "instrument", "programme", "funder"):
                ok = getattr(call, key) in values
            else:
                ok = all((key, v) in pairs for v in values)
            if not ok:
                return False
        return True

    hits = [c for c in data["calls"] if matches(c)]
    facets = Counter(p for c in hits for p in c.facet_values())
    status = Counter(c.status_at(now) for c in hits)

    def deadline_key(c: Call) -> tuple[Any, ...]:
        nd = c.next_deadline
        if nd is None or nd >= now:
            return (0, nd is None, nd.timestamp() if nd else 0, c.pk)
        return (1, False, -nd.timestamp(), c.pk)

    def newest_key(c: Call) -> tuple[Any, ...]:
        pub = c.published_at
        return (pub is None, -pub.timestamp() if pub else 0, -c.pk)

    if params.sort == "newest":
        hits.sort(key=newest_key)
    elif params.sort == "deadline":
        hits.sort(key=deadline_key)
    return {
        "ids": [c.pk for c in hits],
        "facets": facets,
        "status": {s: status.get(s, 0) for s in Status.values},
        "deadline": {v: sum(in_range(c, v) for c in hits) for v in ("7", "30", "90", "later")},
    }


QUERIES = [
    "",
    "status=open",
    "status=closed",
    "status=forthcoming",
    "status=open&status=forthcoming",
    "deadline=7",
    "deadline=30",
    "deadline=90&deadline=later",
    "level=eu",
    "level=national&level=regional",
    "sector=environment",
    "sector=environment&sector=digital",
    "target=youth&applicant=ngo",
    "sector=environment&target=youth&applicant=municipality&applicant=ngo",
    "sector=digital&sector=digital",
    "q=gen%C3%A7lik&sector=environment&applicant=ngo",
    "programme=Erasmus%2B",
    "funder=%C4%B0zmir+Kalk%C4%B1nma+Ajans%C4%B1",
    "instrument=credit&status=open",
    "q=gen%C3%A7lik",
    "q=izmir&status=open",
    "q=IKLIM&sector=environment",
    "q=kad%C4%B1n&sort=newest",
    "sort=newest",
    "sort=title",
    "status=closed&sort=title",
    "status=bogus",
    "deadline=bogus",
    "deadline=bogus&deadline=7",
    "sector=nothing-like-this",
]


@pytest.fixture(params=["walk", "sort", "walk-then-sort"])
def index_strategy(request: Any, monkeypatch: Any) -> str:
    """Every way the index finds a page (walking the order, sorting the matches, a walk
    that gives up), and timeline blocks of two days so that 60 calls use many."""
    monkeypatch.setattr(catalogue_index, "BLOCK_DAYS", 2)
    monkeypatch.setattr(catalogue_index, "WALK_LIMIT", 0 if request.param == "sort" else 10**9)
    if request.param == "walk-then-sort":
        monkeypatch.setattr(catalogue_index, "walk_budget", lambda expected: 1)
    return str(request.param)


@pytest.mark.parametrize("query", QUERIES)
def test_counts_order_and_pages_equal_brute_force(
    varied: dict[str, Any], query: str, index_strategy: str
) -> None:
    params = SearchParams.from_query(QueryDict(query))
    want = brute_force(varied, params)
    with public_scope(None):
        for _ in range(2):  # the index built, then kept
            pages = []
            for number in range(1, 30):
                result = catalogue_page(
                    varied["office"], params, page=number, per_page=4, now=varied["now"]
                )
                pages += [c.pk for c in result.page.object_list]
                if not result.page.has_next():
                    break
            if params.sort == "title":  # the database's collation decides; see below
                assert sorted(pages) == sorted(want["ids"])
            else:
                assert pages == want["ids"]
            assert result.page.paginator.count == len(want["ids"])
            facets = result.facets
            assert {fv.value: fv.count for fv in facets["status"]} == want["status"]
            assert {fv.value: fv.count for fv in facets["deadline"]} == {
                k: n
                for k, n in want["deadline"].items()
                if n or k in params.filters.get("deadline", [])
            }
            shown = {(k, fv.value): fv.count for k in selectors.FACETS for fv in facets[k]}
            assert shown == dict(want["facets"])


@pytest.mark.parametrize("sort", ["deadline", "newest", "title"])
def test_page_order_equals_the_databases_order(
    varied: dict[str, Any], sort: str, index_strategy: str
) -> None:
    """Every sort, ties and empty dates included, as the database orders it (its
    collation for titles)."""
    params = SearchParams(sort=sort)
    with public_scope(None):
        base = selectors.catalogue_base(varied["office"])
        orm = list(_orm_order(base, sort, varied["now"]).values_list("pk", flat=True))
        result = catalogue_page(varied["office"], params, per_page=100, now=varied["now"])
    assert [c.pk for c in result.page.object_list] == orm


def _orm_order(qs: Any, sort: str, now: dt.datetime) -> Any:
    """The reference order in SQL."""
    if sort == "newest":
        return qs.order_by(F("published_at").desc(nulls_last=True), F("id").desc())
    if sort == "title":
        return qs.order_by("title_sort", "id")
    qs = selectors._annotate_upcoming(qs, now)
    qs = qs.annotate(
        upcoming_key=Case(When(is_upcoming=True, then=F("next_deadline"))),
        closed_key=Case(When(is_upcoming=False, then=F("next_deadline"))),
    )
    return qs.order_by(
        F("is_upcoming").desc(),
        F("upcoming_key").asc(nulls_last=True),
        F("closed_key").desc(nulls_last=True),
        F("id").asc(),
    )


def test_out_of_range_pages_behave_like_get_page(varied: dict[str, Any]) -> None:
    params = SearchParams()
    with public_scope(None):
        last = catalogue_page(varied["office"], params, page=10_000, per_page=7)
        for page in ("0", "-2", 10_000):
            result = catalogue_page(varied["office"], params, page=page, per_page=7)
            assert result.page.number == last.page.number == last.page.paginator.num_pages
            assert [c.pk for c in result.page.object_list] == [c.pk for c in last.page.object_list]
        for page in (None, "", "abc", "2.0", 1.5):
            assert catalogue_page(varied["office"], params, page=page).page.number == 1


# -- keeping the index current -------------------------------------------------------------


def _counts(office: Any, query: str = "", now: dt.datetime | None = None) -> Any:
    with public_scope(None):
        return catalogue_page(office, SearchParams.from_query(QueryDict(query)), now=now)


def _status(result: Any) -> dict[str, int]:
    return {fv.value: fv.count for fv in result.facets["status"]}


@pytest.mark.django_db(transaction=True)
def test_a_write_applies_the_changed_calls_only(izmir: Any, fresh_process: Any) -> None:
    PublishedCallFactory(office=izmir)
    first = _counts(izmir)
    assert first.fresh.built
    for query in ("", "status=open", "q=test", "level=eu&sector=youth", "sort=title"):
        again = _counts(izmir, query)
        assert not again.fresh.built and again.fresh.applied == 0
    PublishedCallFactory(office=izmir)
    after = _counts(izmir, "q=anything")
    assert not after.fresh.built
    assert after.fresh.applied == 1
    assert _counts(izmir).page.paginator.count == 2
    Call._base_manager.update(state=State.ARCHIVED)
    bulk = _counts(izmir)
    assert (bulk.fresh.built, bulk.fresh.applied) == (False, 2)
    assert bulk.page.paginator.count == 0


@pytest.mark.django_db(transaction=True)
def test_a_search_needs_few_queries(
    client: Any,
    izmir: Any,
    fresh_process: Any,
    django_assert_max_num_queries: Any,
    monkeypatch: Any,
) -> None:
    # The staff's thesaurus words are read again every thesaurus.TTL seconds: not
    # inside the counted requests on a slow machine.
    monkeypatch.setattr(thesaurus, "TTL", 3600.0)
    thesaurus.forget()
    thesaurus.entry_words("sector", "youth")  # read once, before the counted requests
    for i in range(25):
        PublishedCallFactory(office=izmir, title_tr=f"Gençlik çağrısı {i}")
    # office, the index (log position, calls, facet rows, terms), the log, the page's rows
    with django_assert_max_num_queries(8):
        first = client.get("/izmir/cagrilar/")
    with django_assert_max_num_queries(3):  # office, the log, the page's rows
        second = client.get("/izmir/cagrilar/?sort=title&page=2")
    with django_assert_max_num_queries(4):  # office, the log, full-text ids, rows
        third = client.get("/izmir/cagrilar/?q=gen%C3%A7lik&sector=youth")
    assert first.context["page"].paginator.count == 25
    assert second.context["page"].number == 2
    assert third.context["page"].paginator.count == 0  # the factory's calls lack "youth"


@pytest.mark.django_db(transaction=True)
def test_after_random_writes_the_kept_index_equals_brute_force(
    izmir: Any, balikesir: Any, fresh_process: Any, monkeypatch: Any
) -> None:
    """Writes of every kind applied to the process's index leave it equal to brute
    force, without a rebuild."""
    monkeypatch.setattr(catalogue_index, "BLOCK_DAYS", 2)
    rng = random.Random(17)
    now = timezone.now()
    for i in range(30):
        make_call(
            rng.choice([izmir, balikesir]),
            [now + rng.randint(-90, 90) * DAY],
            state=State.PUBLISHED,
            level=rng.choice(Level.values),
            sectors=rng.sample(SECTORS, rng.randint(0, 2)),
            title_tr=f"{rng.choice(WORDS)} {i}",
            published_at=now - rng.randint(0, 50) * DAY,
        )
    assert _counts(izmir).fresh.built
    with unscoped("test"):
        calls = list(Call.objects.all())
    for call in rng.sample(calls, 10):  # new dates, states, levels, titles
        Call._base_manager.filter(pk=call.pk).update(
            next_deadline=rng.choice([None, now + rng.randint(-90, 90) * DAY]),
            closes_at=now + rng.randint(-90, 90) * DAY,
            opening_date=rng.choice([None, (now + rng.randint(-9, 9) * DAY).date()]),
            state=rng.choice([State.PUBLISHED, State.DRAFT]),
            level=rng.choice(Level.values),
            title_sort=rng.choice(["a", "m", "z", ""]),
            published_at=rng.choice([None, now - rng.randint(0, 50) * DAY]),
        )
        sync_facets(Call._base_manager.get(pk=call.pk))  # the level's facet row
    for call in rng.sample(calls, 5):  # new tags
        call.sectors = rng.sample(SECTORS, rng.randint(0, 3))
        sync_facets(call)
    gone = rng.sample(calls, 3)
    Call._base_manager.filter(pk__in=[c.pk for c in gone]).delete()
    for i in range(5):  # new calls
        make_call(
            izmir, [now + rng.randint(-9, 90) * DAY], state=State.PUBLISHED, title_tr=f"yeni {i}"
        )
    with unscoped("test: brute force"):
        data = {"office": izmir, "calls": list(Call.objects.all()), "now": now}
    for query in QUERIES:
        params = SearchParams.from_query(QueryDict(query))
        want = brute_force(data, params)
        with public_scope(None):
            result = catalogue_page(izmir, params, per_page=200, now=now)
        assert not result.fresh.built
        pages = [c.pk for c in result.page.object_list]
        if params.sort == "title":
            assert pages == sorted(
                want["ids"], key=lambda pk: (Call._base_manager.get(pk=pk).title_sort, pk)
            )
        else:
            assert pages == want["ids"], query
        assert {fv.value: fv.count for fv in result.facets["status"]} == want["status"]
        shown = {(k, fv.value): fv.count for k in selectors.FACETS for fv in result.facets[k]}
        assert shown == dict(want["facets"]), query


def test_writes_that_bypass_the_services_count_too(izmir: Any) -> None:
    """The log is written by triggers: a bulk update, a raw SQL statement (another
    process, a shell) all count."""
    call = PublishedCallFactory(office=izmir, title_tr="Alfa")
    other = PublishedCallFactory(office=izmir, title_tr="Beta")
    assert _counts(izmir).page.paginator.count == 2
    Call._base_manager.filter(pk=call.pk).update(state=State.ARCHIVED)
    assert _counts(izmir).page.paginator.count == 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE calls_call SET state = %s WHERE id = %s", ["published", call.pk])
    assert _counts(izmir).page.paginator.count == 2
    CallFacet.objects.filter(call=call, term__facet="sector").delete()
    CallFacet.objects.filter(call=other, term__facet="sector").delete()
    assert _counts(izmir).facets["sector"] == []
    # the sort keys too: a new title, a new publication time
    assert [c.pk for c in _counts(izmir, "sort=title").page.object_list] == [call.pk, other.pk]
    Call._base_manager.filter(pk=call.pk).update(title_sort="zzz")
    assert [c.pk for c in _counts(izmir, "sort=title").page.object_list] == [other.pk, call.pk]
    Call._base_manager.filter(pk=call.pk).update(published_at=timezone.now() + DAY)
    assert next(c.pk for c in _counts(izmir, "sort=newest").page.object_list) == call.pk


def test_every_write_the_index_holds_is_logged(izmir: Any) -> None:
    seen = [CatalogueChange.objects.count()]

    def logged() -> bool:
        seen.append(CatalogueChange.objects.count())
        return seen[-1] > seen[-2]

    call = PublishedCallFactory(office=izmir)
    assert logged()
    Call._base_manager.filter(pk=call.pk).update(next_deadline=timezone.now())
    assert logged()
    Call._base_manager.filter(pk=call.pk).update(opening_date=timezone.localdate())
    assert logged()
    Call._base_manager.filter(pk=call.pk).update(published_at=timezone.now())
    assert logged()
    Call._base_manager.filter(pk=call.pk).update(title_sort="yeni")
    assert logged()
    Call._base_manager.filter(pk=call.pk).update(title_sort="yeni")
    assert not logged()  # the same value
    Call._base_manager.filter(pk=call.pk).update(content_changed_at=timezone.now())
    assert not logged()  # not a column the index holds
    CallFacet.objects.filter(call=call).delete()
    assert logged()
    sync_facets(call)
    assert logged()
    Call._base_manager.filter(pk=call.pk).delete()
    assert logged()
    assert set(CatalogueChange.objects.values_list("call_id", flat=True)) == {call.pk}


def test_an_import_that_changes_no_tag_logs_no_facet_change(izmir: Any) -> None:
    from kopru.calls.services.imports import _replace_children

    calls = [PublishedCallFactory(office=izmir) for _ in range(3)]
    sync_facets(calls[0])
    written = [(c, [], None) for c in calls]
    _replace_children(written)  # type: ignore[arg-type]
    before = set(CallFacet.objects.filter(call__in=calls).values_list("call_id", "term_id"))
    CatalogueChange.objects.all().delete()
    _replace_children(written)  # type: ignore[arg-type]
    assert not CatalogueChange.objects.exists()  # the same tags: no facet row written
    assert set(CallFacet.objects.filter(call__in=calls).values_list("call_id", "term_id")) == before
    CallFacet.objects.filter(call=calls[1]).delete()
    CatalogueChange.objects.all().delete()
    _replace_children(written)  # type: ignore[arg-type]
    assert set(CatalogueChange.objects.values_list("call_id", flat=True)) == {calls[1].pk}
    assert set(CallFacet.objects.filter(call__in=calls).values_list("call_id", "term_id")) == before


@pytest.mark.django_db(transaction=True)
def test_a_transactions_own_writes_stay_out_of_the_process_index(
    izmir: Any, fresh_process: Any
) -> None:
    PublishedCallFactory(office=izmir)
    assert _counts(izmir).page.paginator.count == 1

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        PublishedCallFactory(office=izmir)
        inside = _counts(izmir)
        assert inside.page.paginator.count == 2  # the transaction sees its own write
        assert not inside.fresh.built
        raise Undo
    after = _counts(izmir)
    assert after.page.paginator.count == 1
    assert not after.fresh.built


@pytest.mark.django_db(transaction=True)
def test_a_truncated_log_makes_the_index_read_again(izmir: Any, fresh_process: Any) -> None:
    PublishedCallFactory(office=izmir)
    _counts(izmir)
    PublishedCallFactory(office=izmir)
    assert not _counts(izmir).fresh.built
    CatalogueChange.objects.all().delete()
    again = _counts(izmir)
    assert again.fresh.built
    assert again.page.paginator.count == 2


@pytest.mark.django_db(transaction=True)
def test_prune_keeps_the_newest_row(izmir: Any, fresh_process: Any) -> None:
    PublishedCallFactory(office=izmir)
    PublishedCallFactory(office=izmir)
    _counts(izmir)
    newest = CatalogueChange.objects.order_by("-id").first()
    assert catalogue_log_prune(keep=-DAY) > 0
    assert list(CatalogueChange.objects.all()) == [newest]
    assert not _counts(izmir).fresh.built


def test_counts_follow_the_clock(izmir: Any) -> None:
    """Statuses and deadline ranges are worked out at the time of each search."""
    now = timezone.now()
    call = PublishedCallFactory(office=izmir, deadline=now + dt.timedelta(hours=2))
    assert _status(_counts(izmir, now=now)) == {"open": 1, "forthcoming": 0, "closed": 0}
    assert _status(_counts(izmir, now=now + dt.timedelta(hours=1)))["open"] == 1
    later = _counts(izmir, now=now + dt.timedelta(hours=3))
    assert _status(later) == {"open": 0, "forthcoming": 0, "closed": 1}
    assert _counts(izmir, "status=closed", now=now + dt.timedelta(hours=3)).page.object_list
    assert not _counts(izmir, "status=closed", now=now).page.object_list
    # The deadline ranges move with the clock too (30 days → 7 days).
    Call._base_manager.filter(pk=call.pk).update(
        next_deadline=now + 20 * DAY, closes_at=now + 20 * DAY
    )
    ranges = {fv.value: fv.count for fv in _counts(izmir, now=now).facets["deadline"]}
    assert ranges == {"30": 1, "90": 1}
    ranges = {fv.value: fv.count for fv in _counts(izmir, now=now + 14 * DAY).facets["deadline"]}
    assert ranges == {"7": 1, "30": 1, "90": 1}
    # ... and a call opening tomorrow is forthcoming today, open tomorrow.
    Call._base_manager.filter(pk=call.pk).update(opening_date=timezone.localdate(now) + DAY)
    assert _status(_counts(izmir, now=now))["forthcoming"] == 1
    assert _status(_counts(izmir, now=now + DAY))["open"] == 1


def test_pages_follow_writes_and_the_clock(izmir: Any, izmir_expert: Any) -> None:
    now = timezone.now()
    soon = PublishedCallFactory(office=izmir, deadline=now + dt.timedelta(hours=1))
    later = PublishedCallFactory(office=izmir, deadline=now + 10 * DAY)

    def ids(at: dt.datetime) -> list[int]:
        return [c.pk for c in _counts(izmir, now=at).page.object_list]

    assert ids(now) == [soon.pk, later.pk]
    assert ids(now + dt.timedelta(minutes=30)) == [soon.pk, later.pk]
    # Once "soon" has closed it goes after the calls still open.
    assert ids(now + dt.timedelta(hours=2)) == [later.pk, soon.pk]
    # A new call with the nearest deadline comes first at once.
    draft = CallFactory(office=izmir, deadline=now + dt.timedelta(minutes=40))
    assert ids(now) == [soon.pk, later.pk]
    call_publish(call=draft, actor=izmir_expert)
    assert ids(now) == [draft.pk, soon.pk, later.pk]


def test_publishing_a_call_shows_it(izmir: Any, izmir_expert: Any) -> None:
    PublishedCallFactory(office=izmir, sectors=["digital"])
    draft = CallFactory(office=izmir, sectors=["youth"])
    assert _counts(izmir).page.paginator.count == 1
    call_publish(call=draft, actor=izmir_expert)
    after = _counts(izmir)
    assert after.page.paginator.count == 2
    assert {fv.value: fv.count for fv in after.facets["sector"]} == {"digital": 1, "youth": 1}


def test_the_index_holds_every_call_and_each_office_sees_its_catalogue(
    izmir: Any, balikesir: Any
) -> None:
    """Read from inside an office's staff scope it still holds every office's calls;
    each office's catalogue has only its own and the national published calls."""
    own = PublishedCallFactory(office=izmir)
    CallFactory(office=izmir)  # a draft
    theirs = PublishedCallFactory(office=balikesir)
    national = PublishedCallFactory(office=balikesir, level=Level.NATIONAL)
    with office_scope(izmir):
        index, _fresh = catalogue_index.current()
    assert index.count == 4 and index.published.bit_count() == 3
    assert {c.pk for c in _counts(izmir).page.object_list} == {own.pk, national.pk}
    assert {c.pk for c in _counts(balikesir).page.object_list} == {theirs.pk, national.pk}


def _second_connection() -> Any:
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"] or None,
        dbname=s["NAME"],
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("outcome", ["commit", "rollback"])
def test_a_log_id_committed_after_a_higher_one_is_applied(
    izmir: Any, fresh_process: Any, outcome: str
) -> None:
    """PostgreSQL hands out log ids before commit: a transaction holding a lower id
    may commit after the process applied a higher one. The skipped id is asked for
    again until that transaction has ended (applied if committed, dropped if not)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: its log ids commit in order")
    slow = PublishedCallFactory(office=izmir)
    assert _counts(izmir).page.paginator.count == 1
    other = _second_connection()
    try:
        other.execute("UPDATE calls_call SET state = 'archived' WHERE id = %s", [slow.pk])
        PublishedCallFactory(office=izmir)  # a higher log id, committed first
        seen = _counts(izmir)
        assert seen.page.paginator.count == 2  # the archiving is not committed yet
        index, _fresh = catalogue_index.current()
        assert index.gaps  # the lower id is awaited
        if outcome == "commit":
            other.commit()
        else:
            other.rollback()
    finally:
        other.close()
    after = _counts(izmir)
    assert not after.fresh.built
    assert after.page.paginator.count == (1 if outcome == "commit" else 2)
    if outcome == "commit":  # (a rolled-back id waits for the cluster's oldest transaction)
        index, _fresh = catalogue_index.current()
        assert index.gaps == []
