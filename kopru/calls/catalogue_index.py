"""The one catalogue engine: every filter, count and order of the calls, from bitmaps.

The public catalogue page, the API, feeds, calendars and saved-search alerts all ask
this module (through :func:`kopru.calls.selectors.find_calls`); there is no second
implementation of a filter to keep equal.

A faceted full-text search has to count, over every matching call, each facet value,
status and deadline range, and to find the first page in the chosen order. Done in
SQL that means reading every matching call's facet rows again for each search (tens
to hundreds of milliseconds at 100,000 calls). Each process keeps instead one
:class:`CatalogueIndex` of every call (any state):

* one bitmap (a Python integer, bit ``i`` = call ``i``) per facet term, of the
  published calls, of the national calls and of each office's calls;
* per date column (opening date, closing time, next deadline, publication time) a
  :class:`Timeline`: the calls sorted by the value, and bitmaps of 32-day blocks, so
  that "opens after today", "closed before now" or "next deadline within 30 days" is,
  for any ``now``, a few ORs and a handful of bits — the status is derived from the
  dates at the moment of the search, never stored;
* the calls in title order (``title_sort`` is ASCII: Python's order is the
  database's).

A search reads only the full-text index (the ids matching the words; the results of
recent queries are kept by the index as bitmaps and kept current like the rest), then
works with a few integer ANDs and popcounts.

**Keeping it current without a rebuild.** Database triggers (migration ``0012``)
append the id of every call whose indexed columns or facet rows change — whoever
writes them: services, imports, bulk updates, a shell — to the append-only
:class:`~kopru.calls.models.CatalogueChange` log. No row is shared by writers (the
log's sequence does not lock), so two offices' imports never wait for each other.
Before each search the process reads the log after the last position it applied (one
indexed query) and re-reads only the changed calls, updating their bits
(:meth:`CatalogueIndex.apply`): the first search after a write costs that query and
a few bitmap operations, never a rebuild. The kept full-text results are checked
against the changed calls only (migration ``0015`` logs a change of the searchable
text too).

PostgreSQL hands out log ids before commit, so a transaction still running can commit
an id lower than one already applied. The poll reads the log in one statement with
that statement's snapshot bounds: ids skipped below the position are kept as *gaps*
and asked for again until every transaction that may hold them has ended (snapshot
``xmin`` past the ``xmax`` seen with the gap). SQLite serialises writers, so its ids
commit in order.

Inside a transaction the connection may see its own uncommitted writes: the process's
index is then neither built nor advanced from it; the changes are applied to a
private copy used for that search only.

The whole index is built once per process (at the first search, or by
:func:`warm_up` when a gunicorn worker starts) and again only if the log was
truncated under it (a test flush, or a process idle for longer than the log is kept).
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any

from django.db import DatabaseError, connection
from django.utils import timezone
from sortedcontainers import SortedList

from kopru.core.scoping import unscoped_manager
from kopru.core.search import groups_ids, groups_ids_among, query_groups
from kopru.core.thesaurus import Group

from .models import (
    Call,
    CallFacet,
    CallFacetTerm,
    CatalogueChange,
    DeadlineRange,
    Level,
    State,
    Status,
)

logger = logging.getLogger(__name__)
DAY = dt.timedelta(days=1)
#: One day in microseconds (the unit of the datetime timelines).
DAY_US = 86_400_000_000
#: Days per block of a timeline.
BLOCK_DAYS = 32
#: A timeline's entries are ``value << SHIFT | pk``: sorted by value, then id.
SHIFT = 32
MASK = (1 << SHIFT) - 1
#: Facets whose values are alternatives (OR); the others must all apply (AND).
ANY_OF = ("level", "instrument", "programme", "funder")
ALL_OF = ("applicant", "target", "sector")
#: A page is found by walking the sort order while this few positions are expected
#: to be read; beyond, the matching calls are collected and sorted.
WALK_LIMIT = 5_000
#: At most this many gap ranges are asked for; more are merged (asking again for an
#: applied id is harmless).
MAX_GAPS = 50
#: PostgreSQL's stored ``to_tsvector(search_document)`` of each call (migration ``0014``).
SEARCH_VECTOR = "search_vector"
#: Full-text results kept per process (the most recently used): each costs every apply
#: a check of the changed calls (about 3 µs a call on PostgreSQL), under the lock.
TEXTS_KEPT = 64
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_BITS_OF_BYTE = [tuple(b for b in range(8) if byte >> b & 1) for byte in range(256)]


def bitmap(ids: Iterable[int]) -> int:
    """The bitmap of ``ids``."""
    ids = list(ids)
    if not ids:
        return 0
    buf = bytearray((max(ids) >> 3) + 1)
    for i in ids:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def members(bits: int) -> list[int]:
    """The ids of a bitmap, ascending."""
    out: list[int] = []
    for j, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) >> 3, "little")):
        if byte:
            base = j << 3
            out.extend(base + b for b in _BITS_OF_BYTE[byte])
    return out


def micros(value: dt.datetime) -> int:
    """A datetime as microseconds since 1970 (naive ones are UTC, as SQLite gives them)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class Timeline:
    """One date column of every call: sorted entries, block bitmaps, prefix bitmaps.

    The orders are :class:`~sortedcontainers.SortedList` (a list of sorted chunks):
    one call's change is a removal and an insertion of ``O(log n)``, so ``k`` changed
    calls cost ``O(k log n)`` — an import's thousand calls no longer re-sort 100,000
    entries; a call whose value did not change costs nothing.
    """

    __slots__ = ("all", "blocks", "entries", "memo", "nulls", "unit", "values")

    def __init__(self, unit: int, values: dict[int, int | None]) -> None:
        self.unit = unit
        self.values: dict[int, int] = {pk: v for pk, v in values.items() if v is not None}
        self.nulls: SortedList = SortedList(pk for pk, v in values.items() if v is None)
        self.entries: SortedList = SortedList(v << SHIFT | pk for pk, v in self.values.items())
        by_block: dict[int, list[int]] = {}
        for pk, v in self.values.items():
            by_block.setdefault(v // (unit * BLOCK_DAYS), []).append(pk)
        self.blocks = {b: bitmap(pks) for b, pks in by_block.items()}
        self.all = bitmap(self.values)
        #: Bitmap of the calls whose value is before day ``d`` (kept while in use).
        self.memo: dict[int, int] = {}

    def copy(self) -> Timeline:
        other = copy.copy(self)
        other.values = dict(self.values)
        other.nulls = self.nulls.copy()
        other.entries = self.entries.copy()
        other.blocks = dict(self.blocks)
        other.memo = dict(self.memo)
        return other

    def _slice_bits(self, lo: int, hi: int) -> int:
        """The calls whose value is in ``[lo, hi)``."""
        entries = self.entries
        a = entries.bisect_left(lo << SHIFT)
        b = entries.bisect_left(hi << SHIFT)
        return bitmap(e & MASK for e in entries.islice(a, b)) if b > a else 0

    def _before_day(self, day: int) -> int:
        bits = self.memo.get(day)
        if bits is None:
            start = day * self.unit
            block = start // (self.unit * BLOCK_DAYS)
            bits = 0
            for b, block_bits in self.blocks.items():
                if b < block:
                    bits |= block_bits
            bits |= self._slice_bits(block * self.unit * BLOCK_DAYS, start)
            if len(self.memo) > 16:
                self.memo.clear()
            self.memo[day] = bits
        return bits

    def below(self, x: int) -> int:
        """The calls whose value is ``< x``."""
        day = x // self.unit
        return self._before_day(day) | self._slice_bits(day * self.unit, x)

    def first_at_or_after(self, x: int) -> int:
        """The position of the first entry whose value is ``>= x``."""
        return int(self.entries.bisect_left(x << SHIFT))

    def apply(self, new: dict[int, int | None], gone: Iterable[int] = ()) -> None:
        """Give the calls of ``new`` their new values (``None``: none) and forget the
        calls of ``gone`` (deleted); the work is proportional to the calls whose value
        really changed."""
        values, nulls, entries = self.values, self.nulls, self.entries
        unit_block = self.unit * BLOCK_DAYS
        changed: list[int] = []
        came: dict[int, int] = {}  # changed calls that have a value now
        touched: set[int] = set()  # blocks that lose or gain a call
        for pk, v, absent in (
            *((pk, v, False) for pk, v in new.items()),
            *((pk, None, True) for pk in gone),
        ):
            old = values.get(pk)
            if old is not None:
                if old == v:
                    continue
                entries.remove(old << SHIFT | pk)
                touched.add(old // unit_block)
                del values[pk]
            elif pk in nulls:
                if v is None and not absent:
                    continue
                nulls.remove(pk)
            elif absent:
                continue  # not held: nothing to forget
            changed.append(pk)
            if v is not None:
                values[pk] = v
                entries.add(v << SHIFT | pk)
                touched.add(v // unit_block)
                came[pk] = v
            elif not absent:
                nulls.add(pk)
        if not changed:
            return
        mask = bitmap(changed)
        by_block: dict[int, list[int]] = {b: [] for b in touched}
        for pk, v in came.items():
            by_block[v // unit_block].append(pk)
        for b, pks in by_block.items():
            bits = (self.blocks.get(b, 0) & ~mask) | bitmap(pks)
            if bits:
                self.blocks[b] = bits
            else:
                self.blocks.pop(b, None)
        for day in self.memo:
            start = day * self.unit
            self.memo[day] = (self.memo[day] & ~mask) | bitmap(
                pk for pk, v in came.items() if v < start
            )
        self.all = (self.all & ~mask) | bitmap(came)


@dataclass
class Found:
    """One search: the counts, and the ids of any page."""

    total: int
    facets: dict[str, list[tuple[str, int]]]
    status: dict[str, int]
    deadline: dict[int, int]
    _ids: Callable[[int, int], list[int]]

    def ids(self, offset: int = 0, limit: int | None = None) -> list[int]:
        """The ids of positions ``offset`` to ``offset + limit`` of the sorted matches."""
        if limit is None:
            limit = self.total
        if offset >= self.total or limit <= 0:
            return []
        return self._ids(offset, limit)


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
        od = self.index.od
        today = timezone.localdate(self.now).toordinal()
        return self._get("F", lambda: od.all & ~od.below(today + 1))

    def closed(self) -> int:
        """Not forthcoming, and the last deadline has passed."""
        ca = self.index.ca
        return self._get("C", lambda: ca.below(micros(self.now)) & ~self.forthcoming())

    def passed(self) -> int:
        """A next deadline before now."""
        return self._get("P", lambda: self.index.nd.below(micros(self.now)))

    def within(self, days: int) -> int:
        """A next deadline at most ``days`` days from now (passed ones included)."""
        nd = self.index.nd

        def make() -> int:
            try:
                limit = self.now + days * DAY
            except OverflowError:
                return nd.all
            return nd.below(micros(limit) + 1)

        return self._get(("A", days), make)

    def status(self, value: str) -> int:
        if value == Status.FORTHCOMING:
            return self.forthcoming()
        if value == Status.CLOSED:
            return self.closed()
        if value == Status.OPEN:
            return self.index.present & ~self.forthcoming() & ~self.closed()
        return 0

    def deadline_range(self, value: str) -> int:
        if value == DeadlineRange.LATER:
            return self.index.nd.all & ~self.within(90)
        try:
            days = int(value)
        except ValueError:
            return 0
        if days < 0:
            return 0
        return self.within(days) & ~self.passed()


_CALL_COLUMNS = (
    "pk",
    "state",
    "office_id",
    "level",
    "opening_date",
    "closes_at",
    "next_deadline",
    "published_at",
    "title_sort",
)


def _calls() -> Any:
    return unscoped_manager(Call, reason="the catalogue index holds every office's calls")


def _read_calls(ids: list[int]) -> tuple[dict[int, tuple[Any, ...]], dict[int, list[int]]]:
    """The index's columns of the calls of ``ids`` (dates as day ordinals, times as
    microseconds), and their facet terms.

    On PostgreSQL one statement each, the dates converted by the database and the terms
    read as one text per call: an import's thousands of changed calls cost a few
    milliseconds, not the ORM's parameter and datetime handling per value.
    """
    rows: dict[int, tuple[Any, ...]] = {}
    terms: dict[int, list[int]] = {}
    if connection.vendor == "postgresql":
        micro = "(EXTRACT(EPOCH FROM {}) * 1000000)::bigint"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, state, office_id, level,"  # noqa: S608
                " opening_date - DATE '0001-01-01' + 1,"
                f" {micro.format('closes_at')}, {micro.format('next_deadline')},"
                f" {micro.format('published_at')}, title_sort"
                f" FROM {Call._meta.db_table} WHERE id = ANY(%s)",
                [ids],
            )
            for r in cursor.fetchall():
                rows[r[0]] = r
            cursor.execute(
                "SELECT call_id, string_agg(term_id::text, ',')"  # noqa: S608
                f" FROM {CallFacet._meta.db_table} WHERE call_id = ANY(%s) GROUP BY call_id",
                [ids],
            )
            for call_id, text in cursor.fetchall():
                terms[call_id] = [int(t) for t in text.split(",")]
        return rows, terms
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        for r in _calls().filter(pk__in=chunk).values_list(*_CALL_COLUMNS):
            od, ca, nd, pub = r[4:8]
            rows[r[0]] = (
                *r[:4],
                od.toordinal() if od is not None else None,
                micros(ca) if ca is not None else None,
                micros(nd) if nd is not None else None,
                micros(pub) if pub is not None else None,
                r[8],
            )
        for call_id, term_id in CallFacet.objects.filter(call_id__in=chunk).values_list(
            "call_id", "term_id"
        ):
            terms.setdefault(call_id, []).append(term_id)
    return rows, terms


class CatalogueIndex:
    """Every call, as bitmaps and orders (see the module)."""

    def __init__(self) -> None:
        self.position = 0  # the last change log id applied
        self.gaps: list[list[int]] = []  # [lo, hi, xmax]: ids below it not seen yet
        self.present = 0
        self.published = 0
        self.national = 0
        self.by_office: dict[int, int] = {}
        self.office_of: dict[int, int] = {}
        self.terms_of: dict[int, tuple[int, ...]] = {}
        self.term_bits: dict[int, int] = {}
        self.term_of: dict[tuple[str, str], int] = {}
        self.term_name: dict[int, tuple[str, str]] = {}
        self.title_of: dict[int, str] = {}
        self.titles: SortedList = SortedList()  # (title_sort, pk)
        self.od = Timeline(1, {})
        self.ca = Timeline(DAY_US, {})
        self.nd = Timeline(DAY_US, {})
        self.pub = Timeline(DAY_US, {})
        self.count = 0
        #: Full-text results: a query's groups (:func:`~kopru.core.search.query_groups`)
        #: → (bitmap of the matching calls, bitmap of the calls changed since, whose
        #: bits are checked again when the query is next used: see :meth:`fulltext`).
        self.texts: OrderedDict[tuple[Group, ...], tuple[int, int]] = OrderedDict()
        self.applied = 0  # how many times apply() changed this index

    # -- building and keeping current ----------------------------------------------------

    @classmethod
    def build(cls) -> CatalogueIndex:
        """The index of the database as it is now (the log position read first)."""
        index = cls()
        index.position, index.gaps = _log_start()
        rows = list(_calls().order_by("pk").values_list(*_CALL_COLUMNS))
        terms: dict[int, list[int]] = {}
        for call_id, term_id in CallFacet.objects.values_list("call_id", "term_id").iterator(
            chunk_size=20_000
        ):
            terms.setdefault(call_id, []).append(term_id)
        index._load(rows, terms)
        return index

    def _load(self, rows: list[tuple[Any, ...]], terms: dict[int, list[int]]) -> None:
        self.office_of = {r[0]: r[2] for r in rows}
        self.present = bitmap(self.office_of)
        self.count = len(rows)
        self.published = bitmap(r[0] for r in rows if r[1] == State.PUBLISHED)
        self.national = bitmap(r[0] for r in rows if r[3] == Level.NATIONAL)
        per_office: dict[int, list[int]] = {}
        for r in rows:
            per_office.setdefault(r[2], []).append(r[0])
        self.by_office = {o: bitmap(pks) for o, pks in per_office.items()}
        self.od = Timeline(1, {r[0]: r[4].toordinal() if r[4] else None for r in rows})
        self.ca = Timeline(DAY_US, {r[0]: micros(r[5]) if r[5] else None for r in rows})
        self.nd = Timeline(DAY_US, {r[0]: micros(r[6]) if r[6] else None for r in rows})
        self.pub = Timeline(DAY_US, {r[0]: micros(r[7]) if r[7] else None for r in rows})
        self.title_of = {r[0]: r[8] or "" for r in rows}
        self.titles = SortedList((t, pk) for pk, t in self.title_of.items())
        per_term: dict[int, list[int]] = {}
        for r in rows:
            held = tuple(sorted(terms.get(r[0], ())))
            self.terms_of[r[0]] = held
            for t in held:
                per_term.setdefault(t, []).append(r[0])
        self.term_bits = {t: bitmap(pks) for t, pks in per_term.items()}
        self._name_terms(self.term_bits)

    def _name_terms(self, term_ids: Iterable[int]) -> None:
        missing = [t for t in term_ids if t not in self.term_name]
        if not missing:
            return
        for pk, facet, value in CallFacetTerm.objects.filter(pk__in=missing).values_list(
            "pk", "facet", "value"
        ):
            self.term_name[pk] = (facet, value)
            self.term_of[(facet, value)] = pk

    def apply(self, call_ids: Iterable[int]) -> int:
        """Re-read the calls of ``call_ids`` and update their bits; how many."""
        ids = sorted(set(call_ids))
        if not ids:
            return 0
        rows, terms = _read_calls(ids)
        mask = bitmap(ids)
        live = [pk for pk in ids if pk in rows]
        gone = [pk for pk in ids if pk not in rows]
        self.present = (self.present & ~mask) | bitmap(live)
        self.published = (self.published & ~mask) | bitmap(
            pk for pk in live if rows[pk][1] == State.PUBLISHED
        )
        self.national = (self.national & ~mask) | bitmap(
            pk for pk in live if rows[pk][3] == Level.NATIONAL
        )
        offices: dict[int, list[int]] = {}
        for pk in ids:
            old = self.office_of.pop(pk, None)
            if old is not None:
                offices.setdefault(old, [])
        for pk in live:
            self.office_of[pk] = rows[pk][2]
            offices.setdefault(rows[pk][2], []).append(pk)
        for office, pks in offices.items():
            self.by_office[office] = (self.by_office.get(office, 0) & ~mask) | bitmap(pks)
        self.count = len(self.office_of)

        for timeline, column in ((self.od, 4), (self.ca, 5), (self.nd, 6), (self.pub, 7)):
            timeline.apply({pk: rows[pk][column] for pk in live}, gone)
        titles, title_of = self.titles, self.title_of
        for pk in gone:
            if pk in title_of:
                titles.remove((title_of.pop(pk), pk))
        for pk in live:
            title = rows[pk][8] or ""
            old_title = title_of.get(pk)
            if old_title != title:
                if old_title is not None:
                    titles.remove((old_title, pk))
                titles.add((title, pk))
                title_of[pk] = title
        # Facet terms: only the calls whose terms changed, only the terms they left or
        # joined.
        touched: dict[int, list[int]] = {}
        moved: list[int] = []
        for pk in gone:
            held = self.terms_of.pop(pk, ())
            if held:
                moved.append(pk)
                for t in held:
                    touched.setdefault(t, [])
        for pk in live:
            held = tuple(sorted(terms.get(pk, ())))
            old_terms = self.terms_of.get(pk)
            if old_terms == held:
                continue
            self.terms_of[pk] = held
            moved.append(pk)
            for t in old_terms or ():
                touched.setdefault(t, [])
            for t in held:
                touched.setdefault(t, []).append(pk)
        if moved:
            moved_mask = bitmap(moved)
            for t, pks in touched.items():
                bits = (self.term_bits.get(t, 0) & ~moved_mask) | bitmap(pks)
                if bits:
                    self.term_bits[t] = bits
                else:
                    self.term_bits.pop(t, None)
        self._name_terms(touched)
        self._apply_texts(ids)
        return len(ids)

    def _apply_texts(self, ids: list[int]) -> None:
        """Mark the changed calls as to be checked again in every kept full-text result
        (a few integer ORs: the check itself waits for the query's next use, so an
        import's thousands of changes cost no query per kept result here)."""
        self.applied += 1
        if not self.texts:
            return
        mask = bitmap(ids)
        for key, (bits, pending) in self.texts.items():
            self.texts[key] = (bits, pending | mask)

    def fulltext(self, q: str) -> int | None:
        """The calls matching the words ``q`` (``None``: no words), from the kept
        results or read from the full-text index and kept.

        A kept result whose calls changed since is checked again over those calls only
        (one statement restricted to their ids; deleted calls drop out)."""
        key = query_groups(q, expanded=True)
        if key is None:
            return None
        with _lock:
            kept = self.texts.get(key)
            if kept is not None:
                self.texts.move_to_end(key)
                if not kept[1]:
                    return kept[0]
            applied = self.applied
        if kept is not None:
            bits, pending = kept
            (hits,) = groups_ids_among(Call, [key], members(pending), stored_vector=SEARCH_VECTOR)
            bits = (bits & ~pending) | bitmap(hits)
        else:
            bits = bitmap(groups_ids(Call, key, stored_vector=SEARCH_VECTOR))
        with _lock:
            # Changes applied meanwhile may have been committed after the read: keep the
            # result only if none were (the next search reads it again).
            if self.applied == applied:
                self.texts[key] = (bits, 0)
                while len(self.texts) > TEXTS_KEPT:
                    self.texts.popitem(last=False)
        return bits

    def private_copy(self) -> CatalogueIndex:
        """A copy whose updates leave this index alone (bitmaps are immutable integers)."""
        other = copy.copy(self)
        for name in ("by_office", "office_of", "terms_of", "term_bits", "title_of"):
            setattr(other, name, dict(getattr(self, name)))
        other.titles = self.titles.copy()
        other.texts = OrderedDict(self.texts)
        other.gaps = [list(g) for g in self.gaps]
        for name in ("od", "ca", "nd", "pub"):
            setattr(other, name, getattr(self, name).copy())
        return other

    # -- searching -----------------------------------------------------------------------

    def catalogue(self, office_id: int | None) -> int:
        """The published calls an office's public catalogue lists (own and national;
        ``None``: every office's)."""
        if office_id is None:
            return self.published
        return self.published & (self.by_office.get(office_id, 0) | self.national)

    def office_calls(self, office_id: int) -> int:
        return self.by_office.get(office_id, 0)

    def term(self, facet: str, value: str) -> int:
        term_id = self.term_of.get((facet, value))
        return self.term_bits.get(term_id, 0) if term_id is not None else 0

    def search(
        self,
        base: int,
        *,
        q_bits: int | None,
        filters: dict[str, list[str]],
        sort: str,
        now: dt.datetime,
        counts: bool = True,
    ) -> Found:
        """The calls of ``base`` matching the words (``q_bits``: the calls the full-text
        index gave, ``None`` without words) and the filters, with their counts."""
        clock = _Clock(self, now)
        m = base
        if q_bits is not None:
            m &= q_bits
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
        if total and counts:
            for term_id, bits in self.term_bits.items():
                n = (m & bits).bit_count()
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
            dated = (m & self.nd.all).bit_count()
            for bucket, n in zip(
                (7, 30, 90, 91),
                (upto[0] - passed, upto[1] - upto[0], upto[2] - upto[1], dated - upto[2]),
                strict=True,
            ):
                if n:
                    deadline[bucket] = n

        def ids(offset: int, limit: int) -> list[int]:
            with _lock:
                return self._page(m, total, sort, now, offset, limit)

        return Found(total, facets, status, deadline, ids)

    def _order(self, sort: str, now: dt.datetime) -> tuple[Iterator[int], Callable[[int], Any]]:
        """The sort order over every call, and the sort key of one call."""
        if sort == "newest":
            pub = self.pub

            def newest() -> Iterator[int]:
                for e in reversed(pub.entries):
                    yield e & MASK
                yield from reversed(pub.nulls)

            values = pub.values
            return newest(), lambda pk: (0, -values[pk], -pk) if pk in values else (1, 0, -pk)
        if sort == "title":
            title_of = self.title_of
            return (pk for _t, pk in self.titles), lambda pk: (title_of.get(pk, ""), pk)
        nd = self.nd
        at = micros(now)
        first = nd.first_at_or_after(at)

        def deadline() -> Iterator[int]:
            entries = nd.entries
            for e in entries.islice(first):
                yield e & MASK
            yield from nd.nulls
            # Passed: the most recent first, ties by id (ascending).
            tied: list[int] = []
            value = -1
            for e in entries.islice(0, first, reverse=True):
                if e >> SHIFT != value:
                    yield from reversed(tied)
                    tied = []
                    value = e >> SHIFT
                tied.append(e & MASK)
            yield from reversed(tied)

        values = nd.values

        def key(pk: int) -> tuple[int, int, int]:
            v = values.get(pk)
            if v is None:
                return (1, 0, pk)
            if v >= at:
                return (0, v, pk)
            return (2, -v, pk)

        return deadline(), key

    def _page(
        self, m: int, total: int, sort: str, now: dt.datetime, offset: int, limit: int
    ) -> list[int]:
        walk, key = self._order(sort, now)
        flags = m.to_bytes((m.bit_length() + 7) >> 3, "little")
        top = len(flags) << 3
        # Walk the order while that reads few positions: about (offset + limit) × the
        # calls / the matches if the matches are spread evenly; give up at twice that
        # (they may sit at the end of the order) and sort the matches instead.
        expected = (offset + limit) * max(self.count, 1) // max(total, 1)
        if expected <= WALK_LIMIT:
            out: list[int] = []
            skip = offset
            for pk in islice(walk, walk_budget(expected)):
                if pk < top and flags[pk >> 3] >> (pk & 7) & 1:
                    if skip:
                        skip -= 1
                        continue
                    out.append(pk)
                    if len(out) == limit:
                        return out
            if len(out) + offset - skip == total:  # every match seen
                return out
        hits = members(m)
        hits.sort(key=key)
        return hits[offset : offset + limit]


def walk_budget(expected: int) -> int:
    """How many positions of the order a page's walk reads before it sorts instead."""
    return 2 * expected + 1000


# -- the change log ----------------------------------------------------------------------

_TABLE = CatalogueChange._meta.db_table


def _log_start() -> tuple[int, list[list[int]]]:
    """The position to apply the log from, for an index about to be read now, and (on
    PostgreSQL) the ids below it that transactions still running may commit."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"SELECT max(id) FROM {_TABLE}")  # noqa: S608
            return int(cursor.fetchone()[0] or 0), []
        cursor.execute(
            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint,"  # noqa: S608
            f" (SELECT string_agg(id::text, ',' ORDER BY id) FROM {_TABLE})"
        )
        xmax, text = cursor.fetchone()
    seen = [int(i) for i in text.split(",")] if text else []
    if not seen:
        return 0, []
    gaps: list[list[int]] = []
    for a, b in pairwise(seen):
        if b > a + 1:
            gaps.append([a + 1, b - 1, int(xmax)])
    # Below the oldest id kept every transaction has ended long ago (see prune).
    return seen[-1], _merge_gaps(gaps)


def _merge_gaps(gaps: list[list[int]]) -> list[list[int]]:
    gaps.sort()
    while len(gaps) > MAX_GAPS:
        # Merge the two closest neighbours (keeping the later xmax: conservative).
        k = min(range(len(gaps) - 1), key=lambda i: gaps[i + 1][0] - gaps[i][1])
        a, b = gaps[k], gaps[k + 1]
        gaps[k : k + 2] = [[a[0], b[1], max(a[2], b[2])]]
    return gaps


@dataclass
class Poll:
    """What one reading of the log found."""

    call_ids: set[int]
    position: int
    gaps: list[list[int]]
    lost: bool  # the applied position is no longer in the log: rebuild
    wrote: bool  # this connection's transaction has written (PostgreSQL)


def poll(index: CatalogueIndex) -> Poll:
    """The log after ``index``'s position (and in its gaps), in one statement."""
    position = index.position
    where = ["c.id > %s", "c.id = %s"]
    params: list[Any] = [position, position]
    for lo, hi, _xmax in index.gaps:
        where.append("c.id BETWEEN %s AND %s")
        params += [lo, hi]
    condition = " OR ".join(where)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT s.xmin, s.xmax, s.wrote, c.id, c.call_id FROM (SELECT"  # noqa: S608
                " pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin,"
                " pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax,"
                " pg_current_xact_id_if_assigned() IS NOT NULL AS wrote) s"
                f" LEFT JOIN {_TABLE} c ON ({condition})",
                params,
            )
            rows = cursor.fetchall()
            xmin, xmax, wrote = rows[0][0], rows[0][1], rows[0][2]
            found = [(r[3], r[4]) for r in rows if r[3] is not None]
        else:
            cursor.execute(f"SELECT c.id, c.call_id FROM {_TABLE} c WHERE {condition}", params)  # noqa: S608
            found = cursor.fetchall()
            xmin = xmax = 0
            wrote = False
    ids = {i for i, _c in found}
    lost = (position > 0 and position not in ids) or any(c == 0 for i, c in found if i != position)
    call_ids = {c for i, c in found if i != position}
    top = max(ids, default=position)
    gaps: list[list[int]] = []
    for lo, hi, seen_xmax in index.gaps:
        if xmin >= seen_xmax:
            continue  # every transaction that could hold these ids has ended
        gaps.extend(_split(lo, hi, seen_xmax, ids))
    if connection.vendor == "postgresql" and top > position + 1:
        gaps.extend(_split(position + 1, top - 1, xmax, ids))
    return Poll(call_ids, max(top, position), _merge_gaps(gaps), lost, bool(wrote))


def _split(lo: int, hi: int, xmax: int, seen: set[int]) -> list[list[int]]:
    """The ranges of ``[lo, hi]`` not in ``seen``."""
    inside = sorted(i for i in seen if lo <= i <= hi)
    out: list[list[int]] = []
    start = lo
    for i in inside:
        if i > start:
            out.append([start, i - 1, xmax])
        start = i + 1
    if start <= hi:
        out.append([start, hi, xmax])
    return out


# -- the process's index ---------------------------------------------------------------------

_lock = threading.RLock()
_current: dict[str, CatalogueIndex] = {}


@dataclass
class Freshness:
    """How the index used by one search was brought up to date."""

    built: bool = False  # the whole index was read
    applied: int = 0  # calls re-read from the log


def _database() -> str:
    return f"{connection.vendor}:{connection.settings_dict['NAME']}"


def current() -> tuple[CatalogueIndex, Freshness]:
    """The index of the catalogue as this connection sees it now.

    Outside a transaction (and in one that has not written, on PostgreSQL) the
    process's index, advanced from the log; otherwise a private copy with the changes
    this connection sees applied (its own uncommitted writes must not outlive it).
    """
    state = Freshness()
    database = _database()
    in_transaction = connection.in_atomic_block
    if in_transaction and database not in _current:
        state.built = True
        return CatalogueIndex.build(), state
    # The log is read and applied under the lock: the process's follower thread (see
    # follow()) does the same, and neither applies what the other just applied.
    with _lock:
        index = _current.get(database)
        if index is None:
            index = _current[database] = CatalogueIndex.build()
            state.built = True
        found = poll(index)
        if found.lost:
            index = CatalogueIndex.build()
            state.built = True
            if not in_transaction:
                _current[database] = index
            return index, state
        if not found.call_ids and found.gaps == index.gaps:
            return index, state
        if in_transaction and (connection.vendor != "postgresql" or found.wrote):
            index = index.private_copy()
            state.applied = index.apply(found.call_ids)
            return index, state
        state.applied = index.apply(found.call_ids)
        index.position, index.gaps = found.position, found.gaps
    return index, state


def warm_up(follow_seconds: float = 0) -> None:
    """Build this process's index now (a gunicorn worker's start), not in a request,
    and (``follow_seconds`` > 0) keep it current from then on (:func:`follow`).

    A database that cannot answer yet (not migrated, not reachable) is left for the
    first search; the connection is closed again, so no forked process shares it.
    """
    if connection.in_atomic_block:
        return
    try:
        current()
    except (DatabaseError, RuntimeError):  # (RuntimeError: database access refused, as in tests)
        logger.warning("catalogue index not read at start", exc_info=True)
    finally:
        connection.close()
    if follow_seconds > 0:
        follow(follow_seconds)


@dataclass
class _Follower:
    pid: int
    thread: threading.Thread
    stop: threading.Event


_follower: list[_Follower] = []


def follow(seconds: float) -> None:
    """Read the log every ``seconds`` from a thread of this process and apply what it
    finds, so that an import's changes are applied between requests rather than in
    the next visitor's search (which still reads the log itself: a writer's next
    request sees its write). The thread has its own database connection; it does
    nothing until the process has built its index. Once per process."""
    if _follower and _follower[0].pid == os.getpid():
        return
    stop = threading.Event()
    thread = threading.Thread(
        target=_follow, args=(stop, seconds), name="catalogue-follower", daemon=True
    )
    _follower[:] = [_Follower(os.getpid(), thread, stop)]
    thread.start()


def _follow(stop: threading.Event, seconds: float) -> None:
    try:
        while not stop.wait(seconds):
            if _database() not in _current:
                continue
            try:
                current()
            except DatabaseError:
                logger.warning("catalogue follower: the log could not be read", exc_info=True)
                connection.close()
    finally:
        connection.close()


def stop_following() -> None:
    """Stop this process's follower thread (tests)."""
    for follower in _follower:
        follower.stop.set()
        follower.thread.join(timeout=30)
    _follower.clear()


def forget() -> None:
    """Drop this process's index (tests)."""
    stop_following()
    _current.clear()


def search(
    base: Callable[[CatalogueIndex], int],
    *,
    q: str,
    filters: dict[str, list[str]],
    sort: str,
    now: dt.datetime,
    counts: bool = True,
) -> tuple[Found, Freshness]:
    """One search of the calls ``base`` picks from the index (see
    :meth:`CatalogueIndex.search`), and how the index was brought up to date for it."""
    index, state = current()
    q_bits = index.fulltext(q) if q else None
    with _lock:  # the follower thread may be applying changes to the process's index
        found = index.search(
            base(index), q_bits=q_bits, filters=filters, sort=sort, now=now, counts=counts
        )
    return found, state
