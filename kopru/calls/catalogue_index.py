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
indexed query) and re-reads only the changed calls (:meth:`CatalogueIndex.advanced`):
the first search after a write costs that query and a few bitmap operations, never a
rebuild. The kept full-text results are checked against the changed calls only
(migration ``0015`` logs a change of the searchable text too).

**Versions, not locks.** A version of the index that searches read is never changed:
an application reads the changed rows and builds the next version beside it — the
bitmaps are immutable integers, the orders are :class:`Chunks` whose unchanged chunks
the versions share, the per-call columns are arrays copied in one go — and the process
swaps it in. A search takes no lock and sees one version whole, never part of a
batch. Applications are serialised by one lock per process: the follower thread
(:func:`follow`) applies the log between requests; a request that finds changes not
applied yet (committed before it: they may be its visitor's own) applies them itself,
or waits for the follower if it is applying them already, rather than reading them a
second time.

PostgreSQL hands out log ids before commit, so a transaction still running can commit
an id lower than one already applied. The poll reads the log in one statement with
that statement's snapshot bounds: ids skipped below the position are kept as *gaps*
and asked for again until every transaction that may hold them has ended (snapshot
``xmin`` past the ``xmax`` seen with the gap). SQLite serialises writers, so its ids
commit in order.

Inside a transaction the connection may see its own uncommitted writes: the process's
index is then neither built nor advanced from it; the changes are applied to a
private copy (a version of its own) used for that search only.

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
from array import array
from bisect import bisect_left, bisect_right, insort
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, islice, pairwise
from typing import Any

from django.db import DatabaseError, connection
from django.utils import timezone

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
#: Full-text results kept per process (the most recently used): each costs an
#: application two integer operations (see :meth:`KeptTexts.mark`), and its next use a
#: check of the calls changed since.
TEXTS_KEPT = 64
#: A call's value in a timeline's ``values`` when it has none (or is not held).
NONE = -(1 << 63)
#: Values per chunk of a :class:`Chunks` (a chunk is split at twice that).
CHUNK = 1_000
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


def _replace_bits(table: dict[int, int], key: int, mask: int, ids: Iterable[int]) -> None:
    """Give ``table[key]`` the calls of ``ids`` in place of those of ``mask``; the entry
    goes when no call is left."""
    bits = (table.get(key, 0) & ~mask) | bitmap(ids)
    if bits:
        table[key] = bits
    else:
        table.pop(key, None)


def _written(column: Any, changes: list[tuple[int, Any]], owned: bool, fill: Any) -> Any:
    """A column indexed by call id (an ``array`` or a list) with ``changes`` (call id,
    value) written: in place if this version owns it, else in a copy (the previous
    version still reads its own); lengthened with ``fill`` as needed."""
    if not owned:
        column = column[:]
    size = max(pk for pk, _v in changes) + 1
    if len(column) < size:
        column.extend([fill] * (size - len(column)))
    for pk, value in changes:
        column[pk] = value
    return column


class Chunks:
    """A sorted sequence in chunks that the successive versions of an index share.

    :meth:`successor` copies only the list of chunks (about one reference per thousand
    values); the successor copies a chunk the first time it changes it. Changing ``k``
    values costs ``O(k log n)`` and the copies of the chunks touched, and never changes
    the version searches may still be reading (what :class:`~sortedcontainers.SortedList`,
    which changes its lists in place, cannot give without a copy of all of it).
    """

    __slots__ = ("_chunks", "_len", "_maxes", "_owned", "_starts")

    def __init__(self, values: Iterable[Any] = ()) -> None:
        ordered = sorted(values)
        self._chunks = [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]
        self._maxes = [chunk[-1] for chunk in self._chunks]
        self._len = len(ordered)
        #: ids of the chunks this version alone holds (it may change them in place).
        self._owned = {id(chunk) for chunk in self._chunks}
        self._starts: list[int] | None = None  # the position of each chunk's first value

    def successor(self) -> Chunks:
        """A version to change; this one must not be changed any more."""
        other = Chunks.__new__(Chunks)
        other._chunks = list(self._chunks)
        other._maxes = list(self._maxes)
        other._len = self._len
        other._owned = set()
        other._starts = self._starts
        self._owned = set()
        return other

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[Any]:
        for chunk in self._chunks:
            yield from chunk

    def __reversed__(self) -> Iterator[Any]:
        for chunk in reversed(self._chunks):
            yield from reversed(chunk)

    def __contains__(self, value: Any) -> bool:
        i = bisect_left(self._maxes, value)
        if i == len(self._maxes):
            return False
        chunk = self._chunks[i]
        return bool(chunk[bisect_left(chunk, value)] == value)

    def _own(self, i: int) -> list[Any]:
        chunk = self._chunks[i]
        if id(chunk) not in self._owned:
            chunk = self._chunks[i] = list(chunk)
            self._owned.add(id(chunk))
        return chunk

    def _replace(self, i: int, j: int, chunks: list[list[Any]]) -> None:
        """Chunks ``i`` to ``j`` (excluded) replaced by ``chunks`` (new lists)."""
        for old in self._chunks[i:j]:
            self._owned.discard(id(old))
        self._chunks[i:j] = chunks
        self._maxes[i:j] = [chunk[-1] for chunk in chunks]
        self._owned.update(id(chunk) for chunk in chunks)

    def add(self, value: Any) -> None:
        self._starts = None
        self._len += 1
        if not self._chunks:
            self._replace(0, 0, [[value]])
            return
        i = min(bisect_left(self._maxes, value), len(self._chunks) - 1)
        chunk = self._own(i)
        insort(chunk, value)
        if len(chunk) > 2 * CHUNK:
            half = len(chunk) >> 1
            self._replace(i, i + 1, [chunk[:half], chunk[half:]])
        else:
            self._maxes[i] = chunk[-1]

    def remove(self, value: Any) -> None:
        """Take ``value`` out (``ValueError`` if it is not held)."""
        i = bisect_left(self._maxes, value)
        chunk = self._chunks[i] if i < len(self._chunks) else []
        j = bisect_left(chunk, value)
        if j == len(chunk) or chunk[j] != value:
            raise ValueError(f"{value!r} not held")
        self._starts = None
        self._len -= 1
        chunk = self._own(i)
        del chunk[j]
        if not chunk:
            self._replace(i, i + 1, [])
        elif len(chunk) < CHUNK // 4 and len(self._chunks) > 1:
            # A small chunk joins a neighbour (split again if that makes one too long).
            k = i - 1 if i else i
            merged = self._chunks[k] + self._chunks[k + 1]
            half = len(merged) >> 1
            self._replace(
                k, k + 2, [merged[:half], merged[half:]] if len(merged) > 2 * CHUNK else [merged]
            )
        else:
            self._maxes[i] = chunk[-1]

    def _positions(self) -> list[int]:
        starts = self._starts
        if starts is None:
            starts = self._starts = list(accumulate((len(c) for c in self._chunks), initial=0))
        return starts

    def bisect_left(self, value: Any) -> int:
        """The position of the first value ``>= value``."""
        i = bisect_left(self._maxes, value)
        if i == len(self._chunks):
            return self._len
        return self._positions()[i] + bisect_left(self._chunks[i], value)

    def islice(
        self, start: int | None = None, stop: int | None = None, reverse: bool = False
    ) -> Iterator[Any]:
        """The values at positions ``start`` to ``stop`` (excluded), in order or reversed."""
        start = 0 if start is None else max(start, 0)
        stop = self._len if stop is None else min(stop, self._len)
        if start >= stop:
            return iter(())
        starts, chunks = self._positions(), self._chunks
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, stop - 1) - 1
        parts = [
            chunks[k][
                (start - starts[k] if k == first else 0) : (
                    stop - starts[k] if k == last else len(chunks[k])
                )
            ]
            for k in range(first, last + 1)
        ]
        if reverse:
            return (v for part in reversed(parts) for v in reversed(part))
        return (v for part in parts for v in part)


class Timeline:
    """One date column of every call: sorted entries, block bitmaps, prefix bitmaps.

    The orders are :class:`Chunks`: one call's change is a removal and an insertion of
    ``O(log n)``, so ``k`` changed calls cost ``O(k log n)``; a call whose value did
    not change costs nothing. ``values`` is the value of each call id (an ``array``,
    :data:`NONE` for none), so that a new version copies it in one ``memcpy``.
    """

    __slots__ = ("all", "blocks", "entries", "memo", "nulls", "owned", "unit", "values")

    def __init__(self, unit: int, values: dict[int, int | None]) -> None:
        self.unit = unit
        held = {pk: v for pk, v in values.items() if v is not None}
        self.values = array("q", [NONE]) * (max(values, default=-1) + 1)
        for pk, v in held.items():
            self.values[pk] = v
        self.owned = True  # ``values`` is this version's own (see successor)
        self.nulls = Chunks(pk for pk, v in values.items() if v is None)
        self.entries = Chunks(v << SHIFT | pk for pk, v in held.items())
        by_block: dict[int, list[int]] = {}
        for pk, v in held.items():
            by_block.setdefault(v // (unit * BLOCK_DAYS), []).append(pk)
        self.blocks = {b: bitmap(pks) for b, pks in by_block.items()}
        self.all = bitmap(held)
        #: Bitmap of the calls whose value is before day ``d`` (kept while in use).
        self.memo: dict[int, int] = {}

    def value(self, pk: int) -> int | None:
        """The value of call ``pk`` (``None``: none, or not held)."""
        v = self.values[pk] if pk < len(self.values) else NONE
        return None if v == NONE else v

    def held(self) -> dict[int, int]:
        """Every call's value (calls without one left out)."""
        return {pk: v for pk, v in enumerate(self.values) if v != NONE}

    def successor(self) -> Timeline:
        """A version to change (see :meth:`Chunks.successor`)."""
        other = Timeline.__new__(Timeline)
        other.unit = self.unit
        other.values = self.values  # copied at the first change
        other.owned = self.owned = False
        other.nulls = self.nulls.successor()
        other.entries = self.entries.successor()
        other.blocks = dict(self.blocks)
        other.memo = dict(self.memo)
        other.all = self.all
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
        return self.entries.bisect_left(x << SHIFT)

    def apply(self, new: dict[int, int | None], gone: Iterable[int] = ()) -> None:
        """Give the calls of ``new`` their new values (``None``: none) and forget the
        calls of ``gone`` (deleted); the work is proportional to the calls whose value
        really changed. (On a version no search reads: see :meth:`successor`.)"""
        values, nulls, entries = self.values, self.nulls, self.entries
        size = len(values)
        writes: list[tuple[int, int]] = []
        unit_block = self.unit * BLOCK_DAYS
        changed: list[int] = []
        came: dict[int, int] = {}  # changed calls that have a value now
        touched: set[int] = set()  # blocks that lose or gain a call
        for pk, v, absent in (
            *((pk, v, False) for pk, v in new.items()),
            *((pk, None, True) for pk in gone),
        ):
            old = values[pk] if pk < size else NONE
            if old != NONE:
                if old == v:
                    continue
                entries.remove(old << SHIFT | pk)
                touched.add(old // unit_block)
                writes.append((pk, NONE if v is None else v))
            elif pk in nulls:
                if v is None and not absent:
                    continue
                nulls.remove(pk)
            elif absent:
                continue  # not held: nothing to forget
            changed.append(pk)
            if v is not None:
                if old == NONE:
                    writes.append((pk, v))
                entries.add(v << SHIFT | pk)
                touched.add(v // unit_block)
                came[pk] = v
            elif not absent:
                nulls.add(pk)
        if not changed:
            return
        if writes:
            self.values = _written(values, writes, self.owned, NONE)
            self.owned = True
        mask = bitmap(changed)
        by_block: dict[int, list[int]] = {b: [] for b in touched}
        for pk, v in came.items():
            by_block[v // unit_block].append(pk)
        for b, pks in by_block.items():
            _replace_bits(self.blocks, b, mask, pks)
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


def _converted(r: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row of :data:`_CALL_COLUMNS` as the index holds it: the opening date as a day
    ordinal, the times as microseconds (:func:`micros`)."""
    od, ca, nd, pub = r[4:8]
    return (
        *r[:4],
        od.toordinal() if od is not None else None,
        micros(ca) if ca is not None else None,
        micros(nd) if nd is not None else None,
        micros(pub) if pub is not None else None,
        r[8],
    )


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
            rows[r[0]] = _converted(r)
        for call_id, term_id in CallFacet.objects.filter(call_id__in=chunk).values_list(
            "call_id", "term_id"
        ):
            terms.setdefault(call_id, []).append(term_id)
    return rows, terms


class KeptTexts(OrderedDict[tuple[Group, ...], tuple[int, int]]):
    """The full-text results an index keeps (see :meth:`CatalogueIndex.fulltext`),
    shared by the successive versions of the process's index; ``applied`` counts the
    batches marked in them."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lock = threading.Lock()
        self.applied = 0

    def mark(self, live: int, gone: int) -> None:
        """Changed calls (``live``: still there, checked again at the query's next use;
        ``gone``: deleted, out of every result at once)."""
        with self.lock:
            self.applied += 1
            for key, (bits, pending) in self.items():
                self[key] = (bits & ~gone, (pending & ~gone) | live)

    def copy(self) -> KeptTexts:  # type: ignore[override]
        with self.lock:
            return KeptTexts(self)


class CatalogueIndex:
    """Every call, as bitmaps and orders (see the module).

    A version searches read is never changed: :meth:`advanced` makes the next one
    (sharing what did not change), and the process swaps it in."""

    def __init__(self) -> None:
        self.position = 0  # the last change log id applied
        self.gaps: list[list[int]] = []  # [lo, hi, xmax]: ids below it not seen yet
        self.present = 0
        self.published = 0
        self.national = 0
        self.by_office: dict[int, int] = {}
        #: Per call id: its office (0: none held), its facet terms, its title key.
        self.office_at = array("q")
        self.terms_at: list[tuple[int, ...] | None] = []
        self.title_at: list[str | None] = []
        #: Which of those columns this version owns (a successor copies one at its
        #: first change: see :func:`_written`).
        self.owned: set[str] = {"office_at", "terms_at", "title_at"}
        self.term_bits: dict[int, int] = {}
        self.term_of: dict[tuple[str, str], int] = {}
        self.term_name: dict[int, tuple[str, str]] = {}
        self.titles = Chunks()  # (title_sort, pk)
        self.od = Timeline(1, {})
        self.ca = Timeline(DAY_US, {})
        self.nd = Timeline(DAY_US, {})
        self.pub = Timeline(DAY_US, {})
        self.count = 0
        #: Full-text results: a query's groups (:func:`~kopru.core.search.query_groups`)
        #: → (bitmap of the matching calls, bitmap of the calls changed since, whose
        #: bits are checked again when the query is next used: see :meth:`fulltext`).
        self.texts = KeptTexts()

    # -- building and keeping current ----------------------------------------------------

    @classmethod
    def build(cls) -> CatalogueIndex:
        """The index of the database as it is now (the log position read first)."""
        index = cls()
        index.position, index.gaps = _log_start()
        rows = [_converted(r) for r in _calls().order_by("pk").values_list(*_CALL_COLUMNS)]
        terms: dict[int, list[int]] = {}
        for call_id, term_id in CallFacet.objects.values_list("call_id", "term_id").iterator(
            chunk_size=20_000
        ):
            terms.setdefault(call_id, []).append(term_id)
        index._load(rows, terms)
        return index

    def _load(self, rows: list[tuple[Any, ...]], terms: dict[int, list[int]]) -> None:
        size = max((r[0] for r in rows), default=-1) + 1
        self.office_at = array("q", [0]) * size
        self.terms_at = [None] * size
        self.title_at = [None] * size
        per_office: dict[int, list[int]] = {}
        per_term: dict[int, list[int]] = {}
        for r in rows:
            pk = r[0]
            self.office_at[pk] = r[2]
            per_office.setdefault(r[2], []).append(pk)
            self.title_at[pk] = r[8] or ""
            held = self.terms_at[pk] = tuple(sorted(terms.get(pk, ())))
            for t in held:
                per_term.setdefault(t, []).append(pk)
        self.present = bitmap(r[0] for r in rows)
        self.count = len(rows)
        self.published = bitmap(r[0] for r in rows if r[1] == State.PUBLISHED)
        self.national = bitmap(r[0] for r in rows if r[3] == Level.NATIONAL)
        self.by_office = {o: bitmap(pks) for o, pks in per_office.items()}
        self.od = Timeline(1, {r[0]: r[4] for r in rows})
        self.ca = Timeline(DAY_US, {r[0]: r[5] for r in rows})
        self.nd = Timeline(DAY_US, {r[0]: r[6] for r in rows})
        self.pub = Timeline(DAY_US, {r[0]: r[7] for r in rows})
        self.titles = Chunks((t, pk) for pk, t in enumerate(self.title_at) if t is not None)
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

    def successor(self) -> CatalogueIndex:
        """A copy to change, sharing with this version what it does not change (the
        bitmaps are immutable integers, the orders :class:`Chunks`, the per-call columns
        are copied in one go each); the kept full-text results are shared."""
        other = copy.copy(self)
        other.by_office = dict(self.by_office)
        other.term_bits = dict(self.term_bits)
        other.owned = set()
        self.owned = set()  # (no longer changed in place: the successor shares them)
        other.titles = self.titles.successor()
        other.gaps = [list(g) for g in self.gaps]
        for name in ("od", "ca", "nd", "pub"):
            setattr(other, name, getattr(self, name).successor())
        return other

    def private_copy(self) -> CatalogueIndex:
        """A successor with its own full-text results and term names: what a
        transaction's uncommitted writes change stays in it."""
        other = self.successor()
        other.texts = self.texts.copy()
        other.term_of = dict(self.term_of)
        other.term_name = dict(self.term_name)
        return other

    def advanced(
        self, call_ids: Iterable[int], *, private: bool = False
    ) -> tuple[CatalogueIndex, int]:
        """The next version: the calls of ``call_ids`` read again (outside any lock
        searches take) and their bits updated in a successor; this version is left as
        it is, for the searches still reading it. ``private``: see :meth:`private_copy`.
        Also how many calls."""
        ids = sorted(set(call_ids))
        if not ids:
            return (self.private_copy() if private else self.successor()), 0
        rows, terms = _read_calls(ids)
        new = self.private_copy() if private else self.successor()
        new._name_terms({t for held in terms.values() for t in held})
        new._update(ids, rows, terms)
        return new, len(ids)

    def apply(self, call_ids: Iterable[int]) -> int:
        """:meth:`advanced`, in place: for an index no search is reading (a test's, a
        private copy); how many calls."""
        new, n = self.advanced(call_ids)
        self.__dict__.update(new.__dict__)
        return n

    def _update(
        self, ids: list[int], rows: dict[int, tuple[Any, ...]], terms: dict[int, list[int]]
    ) -> None:
        """Give the calls of ``ids`` their rows (absent: deleted) and terms, in memory
        (on a successor: see :meth:`advanced`)."""
        mask = bitmap(ids)
        live = [pk for pk in ids if pk in rows]
        gone = [pk for pk in ids if pk not in rows]
        live_mask = bitmap(live)
        self.present = (self.present & ~mask) | live_mask
        self.count = self.present.bit_count()
        self.published = (self.published & ~mask) | bitmap(
            pk for pk in live if rows[pk][1] == State.PUBLISHED
        )
        self.national = (self.national & ~mask) | bitmap(
            pk for pk in live if rows[pk][3] == Level.NATIONAL
        )
        office_at, terms_at, title_at = self.office_at, self.terms_at, self.title_at

        def old(column: Any, pk: int, fill: Any) -> Any:
            return column[pk] if pk < len(column) else fill

        def write(name: str, changes: list[tuple[int, Any]], fill: Any) -> None:
            if changes:
                setattr(
                    self, name, _written(getattr(self, name), changes, name in self.owned, fill)
                )
                self.owned.add(name)

        offices: dict[int, list[int]] = {}
        changes: list[tuple[int, Any]] = []
        for pk in ids:
            before = old(office_at, pk, 0)
            after = rows[pk][2] if pk in rows else 0
            if before:
                offices.setdefault(before, [])
            if after:
                offices.setdefault(after, []).append(pk)
            if before != after:
                changes.append((pk, after))
        write("office_at", changes, 0)
        for office, pks in offices.items():
            _replace_bits(self.by_office, office, mask, pks)

        for timeline, column in ((self.od, 4), (self.ca, 5), (self.nd, 6), (self.pub, 7)):
            timeline.apply({pk: rows[pk][column] for pk in live}, gone)
        titles = self.titles
        changes = []
        for pk in gone:
            old_title = old(title_at, pk, None)
            if old_title is not None:
                titles.remove((old_title, pk))
                changes.append((pk, None))
        for pk in live:
            title = rows[pk][8] or ""
            old_title = old(title_at, pk, None)
            if old_title != title:
                if old_title is not None:
                    titles.remove((old_title, pk))
                titles.add((title, pk))
                changes.append((pk, title))
        write("title_at", changes, None)
        # Facet terms: only the calls whose terms changed, only the terms they left or
        # joined.
        touched: dict[int, list[int]] = {}
        moved: list[int] = []
        changes = []
        for pk in gone:
            held = old(terms_at, pk, None)
            if held is not None:
                changes.append((pk, None))
            if held:
                moved.append(pk)
                for t in held:
                    touched.setdefault(t, [])
        for pk in live:
            held = tuple(sorted(terms.get(pk, ())))
            old_terms = old(terms_at, pk, None)
            if old_terms == held:
                continue
            changes.append((pk, held))
            moved.append(pk)
            for t in old_terms or ():
                touched.setdefault(t, [])
            for t in held:
                touched.setdefault(t, []).append(pk)
        write("terms_at", changes, None)
        if moved:
            moved_mask = bitmap(moved)
            for t, pks in touched.items():
                _replace_bits(self.term_bits, t, moved_mask, pks)
        # The kept full-text results: a deleted call leaves them now; a changed one is
        # checked again at the query's next use (a few integer operations here).
        self.texts.mark(live_mask, mask & ~live_mask)

    def fulltext(self, q: str) -> int | None:
        """The calls matching the words ``q`` (``None``: no words), from the kept
        results or read from the full-text index and kept.

        A kept result whose calls changed since is checked again over those calls only
        (one statement restricted to their ids)."""
        key = query_groups(q, expanded=True)
        if key is None:
            return None
        texts = self.texts
        with texts.lock:
            kept = texts.get(key)
            if kept is not None:
                texts.move_to_end(key)
                if not kept[1]:
                    return kept[0]
            applied = texts.applied
        if kept is not None:
            bits, pending = kept
            (hits,) = groups_ids_among(Call, [key], members(pending), stored_vector=SEARCH_VECTOR)
            bits = (bits & ~pending) | bitmap(hits)
        else:
            bits = bitmap(groups_ids(Call, key, stored_vector=SEARCH_VECTOR))
        with texts.lock:
            # Changes applied meanwhile may have been committed after the read: keep the
            # result only if none were (the next search reads it again).
            if texts.applied == applied:
                texts[key] = (bits, 0)
                while len(texts) > TEXTS_KEPT:
                    texts.popitem(last=False)
        return bits

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
            # (this version: a later one swapped in meanwhile does not change it)
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

            published_at = pub.value

            def newest_key(pk: int) -> tuple[int, int, int]:
                v = published_at(pk)
                return (1, 0, -pk) if v is None else (0, -v, -pk)

            return newest(), newest_key
        if sort == "title":
            title_at, size = self.title_at, len(self.title_at)
            return (pk for _t, pk in self.titles), lambda pk: (
                (title_at[pk] if pk < size else None) or "",
                pk,
            )
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

        deadline_of = nd.value

        def key(pk: int) -> tuple[int, int, int]:
            v = deadline_of(pk)
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

#: One application at a time per process (the follower thread's or a request's); the
#: searches take no lock: they read a version of the index that nothing changes.
_applying = threading.RLock()
_current: dict[str, CatalogueIndex] = {}


@dataclass
class Freshness:
    """How the index used by one search was brought up to date."""

    built: bool = False  # the whole index was read
    applied: int = 0  # calls re-read from the log
    waited: bool = False  # another thread (the follower) was applying what it needed


def _database() -> str:
    return f"{connection.vendor}:{connection.settings_dict['NAME']}"


def _news(index: CatalogueIndex, found: Poll) -> bool:
    return bool(found.call_ids) or found.gaps != index.gaps


def current() -> tuple[CatalogueIndex, Freshness]:
    """The index of the catalogue as this connection sees it now.

    Outside a transaction (and in one that has not written, on PostgreSQL) the
    process's index, advanced from the log; otherwise a private copy with the changes
    this connection sees applied (its own uncommitted writes must not outlive it).

    The log is read without any lock. Changes it shows that the process has not
    applied were committed before this request: they are applied now (a writer's next
    request sees its write) — by this thread, or, if the follower thread is applying
    them already, by waiting for it rather than reading them a second time. The new
    version is built beside the current one and swapped in: a search never waits for
    an application, and sees one version, never half of a batch.
    """
    state = Freshness()
    database = _database()
    in_transaction = connection.in_atomic_block
    index = _current.get(database)
    if index is None:
        if in_transaction:
            state.built = True
            return CatalogueIndex.build(), state
        with _applying:
            index = _current.get(database)
            if index is None:
                index = _current[database] = CatalogueIndex.build()
                state.built = True
    found = poll(index)
    if not found.lost and not _news(index, found):
        return index, state
    if in_transaction and (connection.vendor != "postgresql" or found.wrote):
        if found.lost:
            state.built = True
            return CatalogueIndex.build(), state
        private, state.applied = index.advanced(found.call_ids, private=True)
        return private, state
    with _applying:
        latest = _current.get(database)
        if latest is not index and latest is not None:
            # Another thread applied (or read again) meanwhile: what is left after it?
            state.waited = True
            index = latest
            found = poll(index)
            if not found.lost and not _news(index, found):
                return index, state
        if found.lost:  # the log was truncated under the index: read it all again
            index = CatalogueIndex.build()
            state.built = True
            if in_transaction:
                return index, state
        else:
            index, state.applied = index.advanced(found.call_ids)
            index.position, index.gaps = found.position, found.gaps
        _current[database] = index
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
    found = index.search(
        base(index), q_bits=q_bits, filters=filters, sort=sort, now=now, counts=counts
    )
    return found, state
