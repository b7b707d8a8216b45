"""The public catalogue's in-memory index: facet counts and pages from bitmaps.

A faceted full-text search of the catalogue has to count, over every matching call,
each facet value, status and deadline range, and to find the first page in the
chosen order. Done in SQL that means reading every matching call's row and facet
rows again for each search (tens of milliseconds at 100,000 calls). This module keeps
instead, per process, one :class:`CatalogueIndex` of the published calls:

* one bitmap (a Python integer, bit ``i`` = call ``i``) per facet term, per office
  catalogue (its own and the national calls, read through the scoped
  ``catalogue_base`` query) and of the calls with an opening date / a closing time /
  a next deadline;
* the calls ordered by opening date, closing time and next deadline, with the bitmaps
  of their prefixes at every :data:`STEP` positions, so that "opens after today",
  "closed before now" or "next deadline within 30 days" is, for any ``now``, one
  stored bitmap plus fewer than :data:`STEP` bits — the status is derived from the
  dates at the moment of the search, never stored;
* the orders of the three sorts (the title order as the database's collation gives it).

A search reads only the full-text index (the ids matching the words), then works with
a few integer ANDs and popcounts. Every filter has the meaning of
:func:`kopru.calls.selectors.apply_filters`; the tests compare the two, and both with
brute force.

The index belongs to one value of the catalogue generation token
(:class:`~kopru.calls.models.CatalogueGeneration`), which database triggers renew on
every write to a column or facet row the index holds, whoever writes it. Each search
reads the token first and rebuilds the index when it has changed, so no process
serves a catalogue from before a committed write. Building reads every published call
(about a second per 100,000 calls); the benchmark ``bench/calls_search.py`` prints
the figure.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils import timezone

from kopru.core.scoping import public_scope
from kopru.core.search import fulltext_ids, ids_text

from .models import (
    Call,
    CallFacet,
    CallFacetTerm,
    CatalogueGeneration,
    DeadlineRange,
    State,
    Status,
)

#: Every how many positions of an ordered list the bitmap of its prefix is kept.
STEP = 512
DAY = dt.timedelta(days=1)
#: Facets whose values are alternatives (OR); the others must all apply (AND).
ANY_OF = ("level", "instrument", "programme", "funder")
ALL_OF = ("applicant", "target", "sector")
#: A page is found by walking the sort order while this few positions are expected
#: to be read; beyond, the matching calls are collected and sorted.
WALK_LIMIT = 5_000

_BITS_OF_BYTE = [tuple(b for b in range(8) if byte >> b & 1) for byte in range(256)]


def bitmap(ids: Iterable[int], size: int) -> int:
    """The bitmap (``size`` bytes) of ``ids``."""
    buf = bytearray(size)
    for i in ids:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def members(bits: int, size: int) -> list[int]:
    """The ids of a bitmap, ascending."""
    out: list[int] = []
    for j, byte in enumerate(bits.to_bytes(size, "little")):
        if byte:
            base = j << 3
            out.extend(base + b for b in _BITS_OF_BYTE[byte])
    return out


class Prefixes:
    """An ordered list of ids and the bitmap of its first ``n`` ids, for any ``n``."""

    __slots__ = ("_at", "_size", "ids")

    def __init__(self, ids: list[int], size: int) -> None:
        self.ids = ids
        self._size = size
        at = [0]
        buf = bytearray(size)
        for k, i in enumerate(ids, 1):
            buf[i >> 3] |= 1 << (i & 7)
            if k % STEP == 0:
                at.append(int.from_bytes(buf, "little"))
        self._at = at

    def first(self, n: int) -> int:
        k = n // STEP
        rest = self.ids[k * STEP : n]
        return self._at[k] | bitmap(rest, self._size) if rest else self._at[k]

    def all(self) -> int:
        return self.first(len(self.ids))


@dataclass
class Found:
    """One search: the counts, and the ids of any page."""

    total: int
    facets: dict[str, list[tuple[str, int]]]
    status: dict[str, int]
    deadline: dict[int, int]
    _ids: Callable[[int, int], list[int]]

    def ids(self, offset: int, limit: int) -> list[int]:
        """The ids of positions ``offset`` to ``offset + limit`` of the sorted matches."""
        if offset >= self.total or limit <= 0:
            return []
        return self._ids(offset, limit)


@dataclass
class _Office:
    bits: int
    terms: list[int]


@dataclass
class _Clock:
    """The date-derived bitmaps at one instant (worked out as a search needs them)."""

    index: CatalogueIndex
    now: dt.datetime
    _memo: dict[Any, int] = field(default_factory=dict)

    def _get(self, key: Any, make: Callable[[], int]) -> int:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def forthcoming(self) -> int:
        """Opening after today (the local date)."""
        ix = self.index
        today = timezone.localdate(self.now)
        return self._get(
            "F", lambda: ix.od_all ^ ix.od.first(bisect.bisect_right(ix.od_values, today))
        )

    def closed(self) -> int:
        """Not forthcoming, and the last deadline has passed."""
        ix = self.index
        return self._get(
            "C",
            lambda: (
                ix.ca.first(bisect.bisect_left(ix.ca_values, ix.adapt_datetime(self.now)))
                & ~self.forthcoming()
            ),
        )

    def open(self) -> int:
        return self._get("O", lambda: self.index.all_bits & ~self.forthcoming() & ~self.closed())

    def passed(self) -> int:
        """A next deadline before now."""
        ix = self.index
        return self._get(
            "P",
            lambda: ix.nd.first(bisect.bisect_left(ix.nd_values, ix.adapt_datetime(self.now))),
        )

    def within(self, days: int) -> int:
        """A next deadline at most ``days`` days from now (passed ones included)."""
        ix = self.index

        def make() -> int:
            try:
                limit = self.now + days * DAY
            except OverflowError:
                return ix.nd_all
            return ix.nd.first(bisect.bisect_right(ix.nd_values, ix.adapt_datetime(limit)))

        return self._get(("A", days), make)

    def status(self, value: str) -> int:
        if value == Status.FORTHCOMING:
            return self.forthcoming()
        if value == Status.CLOSED:
            return self.closed()
        if value == Status.OPEN:
            return self.open()
        return 0

    def deadline_range(self, value: str) -> int:
        """The calls of a deadline range (see ``selectors._deadline_range_q``)."""
        if value == DeadlineRange.LATER:
            return self.index.nd_all & ~self.within(90)
        try:
            days = int(value)
        except ValueError:
            return 0
        if days < 0:
            return 0
        return self.within(days) & ~self.passed()


class CatalogueIndex:
    """The published calls of every office, as bitmaps and orders (see the module)."""

    def __init__(self, token: int | None) -> None:
        self.token = token
        # Times are compared as the database gives them: SQLite's driver gives naive
        # datetimes in UTC (the order of the ISO text it compares), PostgreSQL aware ones.
        naive = connection.vendor == "sqlite" and settings.USE_TZ
        self.adapt_datetime: Callable[[dt.datetime], Any] = (
            (lambda value: timezone.make_naive(value, dt.UTC)) if naive else (lambda value: value)
        )
        calls = Call.objects.filter(state=State.PUBLISHED)
        columns = ("pk", "opening_date", "closes_at", "next_deadline", "published_at")
        try:
            sql, params = calls.order_by("pk").values_list(*columns).query.sql_with_params()
        except EmptyResultSet:
            rows: list[tuple[Any, ...]] = []
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        pks: list[int] = [r[0] for r in rows]  # ascending: stable sorts break ties by id
        od, ca, nd, published = ([r[c] for r in rows] for c in range(1, 5))
        del rows
        top = pks[-1] if pks else 0
        self.top = top
        self.size = size = (top >> 3) + 1
        self.count = len(pks)
        self.all_bits = bitmap(pks, size)

        def ordered(values: list[Any]) -> tuple[list[Any], list[int]]:
            order = [k for k, v in enumerate(values) if v is not None]
            order.sort(key=values.__getitem__)
            return [values[k] for k in order], [pks[k] for k in order]

        self.od_values, od_ids = ordered(od)
        self.od = Prefixes(od_ids, size)
        self.od_all = self.od.all()
        self.ca_values, ca_ids = ordered(ca)
        self.ca = Prefixes(ca_ids, size)
        self.nd_values, nd_ids = ordered(nd)
        self.nd = Prefixes(nd_ids, size)
        self.nd_all = self.nd.all()
        # The "deadline" sort: next deadlines to come (nearest first), none, then passed
        # (most recent first); ties by id. See selectors._sort_order.
        self.nd_null_ids = [pks[k] for k, v in enumerate(nd) if v is None]
        desc = [k for k, v in enumerate(nd) if v is not None]
        desc.sort(key=nd.__getitem__, reverse=True)  # stable: ties stay by id ascending
        self.nd_desc_ids = [pks[k] for k in desc]
        self.pos_asc = self._positions(nd_ids)
        self.pos_desc = self._positions(self.nd_desc_ids)
        # "newest": published_at descending (none last), then id descending.
        backwards = range(len(pks) - 1, -1, -1)
        dated = [k for k in backwards if published[k] is not None]
        dated.sort(key=published.__getitem__, reverse=True)
        self.newest_ids = [pks[k] for k in dated]
        self.newest_ids += [pks[k] for k in backwards if published[k] is None]
        self.pos_newest = self._positions(self.newest_ids)
        # "title": in the database's own collation of the sort key, then id.
        self.title_ids = list(calls.order_by("title_sort", "pk").values_list("pk", flat=True))
        self.pos_title = self._positions(self.title_ids)
        # One bitmap per facet term (published calls only), from one text of call ids
        # per term.
        names = {
            pk: (facet, value)
            for pk, facet, value in CallFacetTerm.objects.values_list("pk", "facet", "value")
        }
        self.term_bits: dict[int, int] = {}
        self.term_of: dict[tuple[str, str], int] = {}
        self.term_name: dict[int, tuple[str, str]] = {}
        table = CallFacet._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT term_id, {ids_text('call_id')} FROM {table} GROUP BY term_id")  # noqa: S608
            per_term = cursor.fetchall()
        for term_id, text in per_term:
            if term_id not in names or not text:
                continue
            bits = self.bits_of(map(int, text.split(","))) & self.all_bits
            if bits:
                self.term_bits[term_id] = bits
                self.term_of[names[term_id]] = term_id
                self.term_name[term_id] = names[term_id]
        self._offices: dict[int, _Office] = {}

    def bits_of(self, ids: Iterable[int]) -> int:
        """The bitmap of ``ids``, leaving out ids newer than the index."""
        top = self.top
        return bitmap((i for i in ids if i <= top), self.size)

    def _positions(self, ids: list[int]) -> list[int]:
        pos = [-1] * (self.top + 1)
        for n, pk in enumerate(ids):
            pos[pk] = n
        return pos

    def office(self, key: int, catalogue_ids: Callable[[], Iterable[int]]) -> _Office:
        """The catalogue of one office (``catalogue_ids``: the scoped query of its ids)."""
        entry = self._offices.get(key)
        if entry is None:
            bits = self.bits_of(catalogue_ids()) & self.all_bits
            terms = [t for t, b in self.term_bits.items() if b & bits]
            entry = self._offices[key] = _Office(bits, terms)
        return entry

    def term(self, facet: str, value: str) -> int:
        term_id = self.term_of.get((facet, value))
        return self.term_bits[term_id] if term_id is not None else 0

    def search(
        self,
        office: _Office,
        *,
        q_ids: list[int] | None,
        filters: dict[str, list[str]],
        sort: str,
        now: dt.datetime,
    ) -> Found:
        """The calls of ``office``'s catalogue matching the words (``q_ids``: the ids the
        full-text index gave, ``None`` without words) and the filters."""
        clock = _Clock(self, now)
        m = office.bits
        matched: list[int] | None = None
        if q_ids is not None:
            matched = [i for i in q_ids if i <= self.top]
            m &= bitmap(matched, self.size)
        for key, values in filters.items():
            if key in ALL_OF:
                for value in values:
                    m &= self.term(key, value)
                continue
            cond = 0
            for value in values:
                if key == "status":
                    cond |= clock.status(value)
                elif key == "deadline":
                    cond |= clock.deadline_range(value)
                elif key in ANY_OF:
                    cond |= self.term(key, value)
            m &= cond
        total = m.bit_count()
        facets: dict[str, list[tuple[str, int]]] = {}
        status = {"forthcoming": 0, "open": 0, "closed": 0}
        deadline: dict[int, int] = {}
        if total:
            for term_id in office.terms:
                n = (m & self.term_bits[term_id]).bit_count()
                if n:
                    facet, value = self.term_name[term_id]
                    facets.setdefault(facet, []).append((value, n))
            for pairs in facets.values():
                pairs.sort()
            status["forthcoming"] = (m & clock.forthcoming()).bit_count()
            status["closed"] = (m & clock.closed()).bit_count()
            status["open"] = total - status["forthcoming"] - status["closed"]
            passed = (m & clock.passed()).bit_count()
            upto = [(m & clock.within(d)).bit_count() for d in (7, 30, 90)]
            dated = (m & self.nd_all).bit_count()
            for bucket, n in zip(
                (7, 30, 90, 91),
                (upto[0] - passed, upto[1] - upto[0], upto[2] - upto[1], dated - upto[2]),
                strict=True,
            ):
                if n:
                    deadline[bucket] = n

        def ids(offset: int, limit: int) -> list[int]:
            return self._page(m, total, matched, sort, now, offset, limit)

        return Found(total, facets, status, deadline, ids)

    def _order(self, sort: str, now: dt.datetime) -> tuple[Iterator[int], Callable[[int], Any]]:
        """The sort order over every published call, and its sort key of one call."""
        if sort == "newest":
            return iter(self.newest_ids), self.pos_newest.__getitem__
        if sort == "title":
            return iter(self.title_ids), self.pos_title.__getitem__
        first = bisect.bisect_left(self.nd_values, self.adapt_datetime(now))
        upcoming = len(self.nd_values) - first
        pos_asc, pos_desc = self.pos_asc, self.pos_desc

        def key(pk: int) -> tuple[int, int]:
            a = pos_asc[pk]
            if a >= first:
                return (0, a)
            if a < 0:
                return (1, pk)
            return (2, pos_desc[pk])

        walk = chain(self.nd.ids[first:], self.nd_null_ids, self.nd_desc_ids[upcoming:])
        return walk, key

    def _page(
        self,
        m: int,
        total: int,
        matched: list[int] | None,
        sort: str,
        now: dt.datetime,
        offset: int,
        limit: int,
    ) -> list[int]:
        walk, key = self._order(sort, now)
        flags = m.to_bytes(self.size, "little")
        # Walk the order while that reads few positions: about (offset + limit) × the
        # catalogue / the matches if the matches are spread evenly; give up at twice
        # that (they may sit at the end of the order) and sort the matches instead.
        expected = (offset + limit) * self.count // total
        if expected <= WALK_LIMIT:
            out: list[int] = []
            skip = offset
            for pk in islice(walk, walk_budget(expected)):
                if flags[pk >> 3] >> (pk & 7) & 1:
                    if skip:
                        skip -= 1
                        continue
                    out.append(pk)
                    if len(out) == limit:
                        return out
            if len(out) + offset - skip == total:  # every match seen
                return out
        if matched is not None:
            hits = [pk for pk in dict.fromkeys(matched) if flags[pk >> 3] >> (pk & 7) & 1]
        else:
            hits = members(m, self.size)
        hits.sort(key=key)
        return hits[offset : offset + limit]


def walk_budget(expected: int) -> int:
    """How many positions of the order a page's walk reads before it sorts instead."""
    return 2 * expected + 1000


_lock = threading.Lock()
_current: dict[str, CatalogueIndex] = {}


def catalogue_token() -> int | None:
    """The current catalogue generation token (``None``: no row, no index kept)."""
    return CatalogueGeneration.objects.filter(pk=1).values_list("token", flat=True).first()


def current() -> tuple[CatalogueIndex, bool]:
    """The index of the catalogue as it is now, and whether this call built it.

    Built in the public scope whatever the caller's. Without a generation token (its
    row deleted) nothing is kept.
    """
    token = catalogue_token()  # first: an index built after it is at least as new
    database = f"{connection.vendor}:{connection.settings_dict['NAME']}"
    index = _current.get(database)
    if token is not None and index is not None and index.token == token:
        return index, False
    with _lock:
        index = _current.get(database)
        if token is not None and index is not None and index.token == token:
            return index, False
        with public_scope(None):  # the public catalogue, whatever the caller's scope
            index = CatalogueIndex(token)
        if token is not None:
            _current[database] = index
        else:
            _current.pop(database, None)
    return index, True


def search(
    office_key: int,
    catalogue_ids: Callable[[], Iterable[int]],
    *,
    q: str,
    filters: dict[str, list[str]],
    sort: str,
    now: dt.datetime,
) -> tuple[Found, bool]:
    """One catalogue search (see :meth:`CatalogueIndex.search`), and whether the index
    was built for it."""
    index, built = current()
    office = index.office(office_key, catalogue_ids)
    q_ids = fulltext_ids(Call, q, expanded=True) if q else None
    return index.search(office, q_ids=q_ids, filters=filters, sort=sort, now=now), built
