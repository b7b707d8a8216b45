"""Reads: the catalogue search with facets, closing-soon lists, matching."""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from kopru.core.scoping import office_scope, public_scope
from kopru.core.search import fulltext_filter
from kopru.core.vocabularies import (
    PRIORITY_TARGET_GROUPS,
    Sector,
    TargetGroup,
    sector_code,
    target_group_code,
)
from kopru.organisations.models import OrganisationType

from .importers.agencies import DEVELOPMENT_AGENCIES
from .models import (
    Call,
    CallDeadline,
    CallFacet,
    CallFacetTerm,
    CallFollow,
    CatalogueGeneration,
    DeadlineRange,
    Level,
    SavedSearch,
    State,
    Status,
    status_q,
)
from .models import Instrument as InstrumentChoice

#: The facets: URL parameter → (CallFacet name or None for computed, label).
FACETS: dict[str, str] = {
    "level": "level",
    "instrument": "instrument",
    "programme": "programme",
    "funder": "funder",
    "applicant": "applicant",
    "target": "target",
    "sector": "sector",
}
COMPUTED_FACETS = ("status", "deadline")
FILTER_KEYS = ("q", *FACETS, *COMPUTED_FACETS, "sort")
SORTS = ("deadline", "newest", "title")
#: Facets whose values are codes of the shared vocabulary (former codes still read).
_CODE_OF = {"sector": sector_code, "target": target_group_code}


def facet_labels() -> dict[str, dict[str, str]]:
    return {
        "level": {k: str(v) for k, v in Level.choices},
        "instrument": {k: str(v) for k, v in InstrumentChoice.choices},
        "applicant": {k: str(v) for k, v in OrganisationType.choices},
        "target": {k: str(v) for k, v in TargetGroup.choices},
        "sector": {k: str(v) for k, v in Sector.choices},
        "status": {k: str(v) for k, v in Status.choices},
        "deadline": {k: str(v) for k, v in DeadlineRange.choices},
    }


def facet_titles() -> dict[str, str]:
    return {
        "status": _("Durum"),
        "deadline": _("Son başvuru"),
        "level": _("Düzey"),
        "instrument": _("Destek türü"),
        "programme": _("Program"),
        "funder": _("Destekleyen"),
        "applicant": _("Kimler başvurabilir"),
        "target": _("Hedef grup"),
        "sector": _("Sektör"),
    }


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "deadline"

    @classmethod
    def from_query(cls, data: Any) -> SearchParams:
        """From request.GET / query_params (or a saved dict)."""
        filters: dict[str, list[str]] = {}
        for key in (*FACETS, *COMPUTED_FACETS):
            if hasattr(data, "getlist"):
                values = [v for v in data.getlist(key) if v]
            else:
                raw = data.get(key, [])
                values = [raw] if isinstance(raw, str) and raw else list(raw or [])
            if key in _CODE_OF:
                # Links, feeds and saved searches from before the shared vocabulary.
                values = list(dict.fromkeys(_CODE_OF[key](str(v)) for v in values))
            if values:
                filters[key] = values[:20]
        sort = data.get("sort") or "deadline"
        return cls(
            q=(data.get("q") or "")[:200].strip(),
            filters=filters,
            sort=sort if sort in SORTS else "deadline",
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.filters)
        if self.q:
            out["q"] = self.q
        if self.sort != "deadline":
            out["sort"] = self.sort
        return out

    @property
    def empty(self) -> bool:
        return not self.q and not self.filters


def _deadline_range_q(value: str, now: dt.datetime) -> Q:
    if value == DeadlineRange.LATER:
        return Q(next_deadline__gt=now + dt.timedelta(days=90))
    try:
        days = int(value)
    except ValueError:
        return Q()
    return Q(next_deadline__gte=now, next_deadline__lte=now + dt.timedelta(days=days))


def apply_filters(
    qs: QuerySet[Call], params: SearchParams, *, now: dt.datetime | None = None
) -> QuerySet[Call]:
    now = now or timezone.now()
    qs = fulltext_filter(qs, params.q)
    terms: list[tuple[str, str]] = []
    for key, values in params.filters.items():
        if key == "status":
            cond = Q(pk__in=[])
            for v in values:
                cond |= status_q(v, now)
            qs = qs.filter(cond)
        elif key == "deadline":
            cond = Q(pk__in=[])
            for v in values:
                cond |= _deadline_range_q(v, now)
            qs = qs.filter(cond)
        elif key in ("level", "instrument") or key in ("programme", "funder"):
            qs = qs.filter(**{f"{key}__in": values})
        elif key in FACETS:
            # Multi-valued facets: every chosen value must apply (AND).
            terms += [(key, v) for v in values]
    if terms:
        qs = qs.filter(pk__in=_calls_with_every_term(list(dict.fromkeys(terms))))
    return qs


def _calls_with_every_term(terms: list[tuple[str, str]]) -> RawSQL:
    """The ids of the calls having every (facet, value) of ``terms``.

    One walk of the first term's rows in the facet index, each checked for the
    other terms by a join on (call, term): an intersection, where one ``IN`` list
    per term would build a list of every call of every term first.
    """
    facet = CallFacet._meta.db_table
    term = CallFacetTerm._meta.db_table
    term_id = f"(SELECT id FROM {term} WHERE facet = %s AND value = %s)"  # noqa: S608
    joins = "".join(
        f" INNER JOIN {facet} f{i} ON f{i}.call_id = f0.call_id AND f{i}.term_id = {term_id}"
        for i in range(1, len(terms))
    )
    params: list[str] = [p for pair in terms[1:] for p in pair] + list(terms[0])
    sql = f"SELECT f0.call_id FROM {facet} f0{joins} WHERE f0.term_id = {term_id}"  # noqa: S608
    return RawSQL(sql, params)  # noqa: S611 (names from model metadata, values as parameters)


def _sort_annotations(sort: str, now: dt.datetime) -> dict[str, Any]:
    if sort != "deadline":
        return {}
    # Nearest deadline first: calls still to close by their next deadline, then the
    # ones without a date, then the closed ones (most recently closed first).
    return {
        "is_upcoming": _upcoming_expression(now),
        "upcoming_key": Case(When(is_upcoming=True, then=F("next_deadline"))),
        "closed_key": Case(When(is_upcoming=False, then=F("next_deadline"))),
    }


def _sort_order(sort: str) -> list[Any]:
    if sort == "newest":
        return [F("published_at").desc(nulls_last=True), F("id").desc()]
    if sort == "title":
        return [F("title_sort").asc(), F("id").asc()]
    return [
        F("is_upcoming").desc(),
        F("upcoming_key").asc(nulls_last=True),
        F("closed_key").desc(nulls_last=True),
        F("id").asc(),
    ]


def order(qs: QuerySet[Call], sort: str, now: dt.datetime | None = None) -> QuerySet[Call]:
    now = now or timezone.now()
    annotations = _sort_annotations(sort, now)
    for name, expression in annotations.items():  # one by one: each refers to the last
        qs = qs.annotate(**{name: expression})
    return qs.order_by(*_sort_order(sort))


def _upcoming_expression(now: dt.datetime) -> Case:
    return Case(
        When(next_deadline__gte=now, then=Value(True)),
        When(next_deadline__isnull=True, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _annotate_upcoming(qs: QuerySet[Call], now: dt.datetime) -> QuerySet[Call]:
    return qs.annotate(is_upcoming=_upcoming_expression(now))


def catalogue_base(office: Any) -> QuerySet[Call]:
    """The published calls an office's public catalogue shows (own + national).

    Must run in a scope that includes published calls of every office (the public
    pages' and the API's scopes do): national calls are shared by all offices.
    """
    return Call.objects.filter(Call.catalogue_q(office))


def search_calls(
    qs: QuerySet[Call], params: SearchParams, *, now: dt.datetime | None = None
) -> QuerySet[Call]:
    now = now or timezone.now()
    qs = apply_filters(qs, params, now=now)
    return order(qs, params.sort, now)


def with_list_relations(qs: QuerySet[Call]) -> QuerySet[Call]:
    return qs.select_related("office").prefetch_related(
        Prefetch("deadlines", queryset=CallDeadline.objects.order_by("at"))
    )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(
    qs: QuerySet[Call], params: SearchParams, *, now: dt.datetime | None = None
) -> dict[str, list[FacetValue]]:
    """Counts of every facet value over the filtered set ``qs`` (one query)."""
    now = now or timezone.now()
    counts, _positions = _run_catalogue_statement(qs, params.sort, now)
    return _facet_result(counts, params)


# -- the public catalogue -----------------------------------------------------------------
#
# One statement evaluates the full-text match and the filters once, into a
# materialised common table expression ``m`` of narrow rows (read from the covering
# index ``calls_call_narrow``), and returns from it, as rows of one UNION ALL:
#
#   kind 0: the count of every facet term (CallFacet grouped by its integer term);
#   kind 1: the count of every derived status (computed from ``now``, never stored);
#   kind 2: the count of every deadline range;
#   kind 3: the ids of the requested page with their positions;
#   kind 4: the catalogue generation token (cacheable views only);
#   kind 5: the first closing and next deadlines in the set (cacheable views only).
#
# The counts of the filter-free and status-only views (the landing page and its
# status tabs, whose matching sets are the largest), and the ids of their first
# pages, are kept in Django's cache under that token, valid until the first instant
# at which the clock could change a count or the order (kind 5).

_STATUS_CODES = {0: Status.FORTHCOMING.value, 1: Status.OPEN.value, 2: Status.CLOSED.value}
_LATER = 91  # the deadline-range code of "more than 90 days ahead"
COUNTS_CACHE_PREFIX = "kopru:calls:catalogue-counts:v1"


@dataclass
class CatalogueCounts:
    """Raw counts of a filtered catalogue: facet terms, statuses, deadline ranges."""

    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    deadline: dict[int, int] = field(default_factory=dict)
    token: int | None = None
    changes_at: dt.datetime | None = None

    @property
    def total(self) -> int:
        return sum(self.status.values())


def _deadline_figures(buckets: dict[int, int]) -> list[tuple[str, int]]:
    """The nested deadline ranges of the facet (within 7 days is also within 30)."""
    d7 = buckets.get(7, 0)
    d30 = d7 + buckets.get(30, 0)
    d90 = d30 + buckets.get(90, 0)
    return [("7", d7), ("30", d30), ("90", d90), ("later", buckets.get(_LATER, 0))]


# Over the narrow rows of ``m`` (id, od = opening_date, ca = closes_at, nd =
# next_deadline, sk = the sort column): the derived status as 0/1/2 — the same
# rule as models.status_expression and status_q —, the disjoint deadline bucket
# (7, 30, 90, 91 = later, NULL = passed or none) — the same ranges as
# _deadline_range_q —, and whether the call is still to close (the "deadline" sort).
_STATUS_ARM = (
    "SELECT 1, CASE WHEN m.od > %s THEN 0 WHEN m.ca < %s THEN 2 ELSE 1 END,"
    " COUNT(*), NULL, NULL, NULL FROM m GROUP BY 2"
)
_DEADLINE_ARM = (
    "SELECT 2, CASE WHEN m.nd IS NULL OR m.nd < %s THEN NULL WHEN m.nd <= %s THEN 7"
    " WHEN m.nd <= %s THEN 30 WHEN m.nd <= %s THEN 90 ELSE 91 END,"
    " COUNT(*), NULL, NULL, NULL FROM m GROUP BY 2"
)
# The clock of the matching set (see counts_valid_until): the first closing, and the
# first next deadline at or after now, now + 7, + 30 and + 90 days.
_CLOCK_ARMS = [
    "SELECT 5, 0, NULL, NULL, NULL, MIN(m.ca) FROM m WHERE m.ca >= %s",
    "SELECT 5, 1, NULL, NULL, NULL, MIN(m.nd) FROM m WHERE m.nd >= %s",
    "SELECT 5, 7, NULL, NULL, NULL, MIN(m.nd) FROM m WHERE m.nd >= %s",
    "SELECT 5, 30, NULL, NULL, NULL, MIN(m.nd) FROM m WHERE m.nd >= %s",
    "SELECT 5, 90, NULL, NULL, NULL, MIN(m.nd) FROM m WHERE m.nd >= %s",
]
_CLOCK_DAYS = {0: 0, 1: 0, 7: 7, 30: 30, 90: 90}
_UPCOMING_SQL = "CASE WHEN m.nd IS NULL OR m.nd >= %s THEN 1 ELSE 0 END"
_ORDER_SQL = {
    # The orders of order(): -is_upcoming, upcoming_key, -closed_key, id / ...
    "deadline": "{t}.up DESC, CASE WHEN {t}.up = 1 THEN {t}.nd END ASC NULLS LAST,"
    " CASE WHEN {t}.up = 0 THEN {t}.nd END DESC NULLS LAST, {t}.id ASC",
    "newest": "{t}.sk DESC NULLS LAST, {t}.id DESC",
    "title": "{t}.sk ASC, {t}.id ASC",
}
_SORT_COLUMN = {"deadline": "next_deadline", "newest": "published_at", "title": "title_sort"}


def _run_catalogue_statement(
    qs: QuerySet[Call],
    sort: str,
    now: dt.datetime,
    *,
    page: tuple[int, int] | None = None,
    with_counts: bool = True,
    with_token: bool = False,
    with_clock: bool = False,
) -> tuple[CatalogueCounts, list[int]]:
    """Counts over the filtered set ``qs`` and the ids of ``page`` (offset, limit).

    ``with_token`` reads the generation token in the same statement (one snapshot);
    ``with_clock`` works out ``counts.changes_at``, the first instant at which the
    clock alone could change a count or the order of the matching set.
    """
    counts = CatalogueCounts(status=dict.fromkeys(_STATUS_CODES.values(), 0))
    sort = sort if sort in _ORDER_SQL else "deadline"
    columns = ["pk", "opening_date", "closes_at", "next_deadline", _SORT_COLUMN[sort]]
    try:
        inner_sql, inner_params = (
            qs.order_by().values_list(*columns).query.get_compiler(using=qs.db).as_sql()
        )
    except EmptyResultSet:
        if with_token:
            counts.token = catalogue_token()
        counts.changes_at = _next_midnight(now)
        return counts, []
    ops = connections[qs.db].ops
    day = dt.timedelta(days=1)
    at = ops.adapt_datetimefield_value
    today = ops.adapt_datefield_value(timezone.localdate(now))
    # Table names come from model metadata, SQL fragments from the constants above;
    # every value is a parameter.
    call_facet = CallFacet._meta.db_table
    term = CallFacetTerm._meta.db_table
    generation = CatalogueGeneration._meta.db_table
    arms: list[str] = []
    params: list[Any] = list(inner_params)
    # PostgreSQL types a UNION's columns from its first arms: say what ``t`` is.
    vendor = connections[qs.db].vendor
    null_time = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)" if vendor == "postgresql" else "NULL"
    if with_counts:
        facet_counts_sql = (
            "SELECT 0 AS kind, g.term_id AS k, g.n AS n, t.facet AS facet, t.value AS value,"  # noqa: S608
            f" {null_time} AS t FROM (SELECT f.term_id AS term_id, COUNT(*) AS n FROM m"
            f" INNER JOIN {call_facet} f ON f.call_id = m.id GROUP BY f.term_id) g"
            f" INNER JOIN {term} t ON t.id = g.term_id"
        )
        arms += [
            facet_counts_sql,
            _STATUS_ARM,
            _DEADLINE_ARM,
        ]
        params += [today, at(now)]
        params += [at(now), at(now + 7 * day), at(now + 30 * day), at(now + 90 * day)]
    if page is not None:
        # The page's ids in order; ROW_NUMBER() over those few rows keeps the order
        # through the UNION ALL (and the database's own collation for titles).
        up = f"{_UPCOMING_SQL} AS up" if sort == "deadline" else "0 AS up"
        page_sql = (
            f"SELECT 3, p.id, ROW_NUMBER() OVER (ORDER BY {_ORDER_SQL[sort].format(t='p')}),"  # noqa: S608
            f" NULL, NULL, NULL FROM (SELECT q.id, q.up, q.nd, q.sk FROM"
            f" (SELECT m.id, m.nd, m.sk, {up} FROM m) q"
            f" ORDER BY {_ORDER_SQL[sort].format(t='q')} LIMIT %s OFFSET %s) p"
        )
        arms.append(page_sql)
        params += [at(now)] if sort == "deadline" else []
        params += [page[1], page[0]]
    if with_token:
        arms.append(f"SELECT 4, g.token, 0, NULL, NULL, NULL FROM {generation} g WHERE g.id = 1")  # noqa: S608
    if with_clock:
        arms += _CLOCK_ARMS
        params += [at(now + days * day) for days in _CLOCK_DAYS.values()]
    # Several arms read ``m``: evaluate it once. The page alone reads it once.
    several = len(arms) > 1 and _supports_materialized(vendor)
    materialized = "MATERIALIZED " if several else ""
    sql = f"WITH m (id, od, ca, nd, sk) AS {materialized}({inner_sql}) " + " UNION ALL ".join(arms)
    positions: list[tuple[int, int]] = []
    facets: dict[str, list[tuple[str, int]]] = defaultdict(list)
    clock = [_next_midnight(now)]
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        for kind, key, n, facet, value, t in cursor.fetchall():
            if kind == 5:
                if t is not None:
                    clock.append(_aware(t) - _CLOCK_DAYS[key] * day)
            elif kind == 0:
                facets[facet].append((value, n))
            elif kind == 1:
                counts.status[_STATUS_CODES[key]] = n
            elif kind == 2:
                if key is not None:
                    counts.deadline[key] = n
            elif kind == 3:
                positions.append((n, key))
            else:
                counts.token = key
    for values in facets.values():
        values.sort()
    counts.facets = dict(facets)
    counts.changes_at = min(clock)
    return counts, [pk for _n, pk in sorted(positions)]


def _next_midnight(now: dt.datetime) -> dt.datetime:
    """When "today" (the local date, which decides what is forthcoming) changes."""
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def _aware(value: Any) -> dt.datetime:
    """A datetime column read through raw SQL (SQLite gives text, in UTC)."""
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(value)
        value = parsed
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value  # type: ignore[no-any-return]


def _supports_materialized(vendor: str) -> bool:
    """``WITH ... AS MATERIALIZED``: PostgreSQL 12+, SQLite 3.35+ (which otherwise
    may evaluate a CTE used several times more than once)."""
    if vendor == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35, 0)
    return vendor == "postgresql"


@functools.lru_cache(maxsize=16)
def _facet_labels_in(language: str | None) -> dict[str, dict[str, str]]:
    """:func:`facet_labels` of one language, worked out once per process."""
    return facet_labels()


def _facet_result(counts: CatalogueCounts, params: SearchParams) -> dict[str, list[FacetValue]]:
    labels = _facet_labels_in(translation.get_language())
    grouped: dict[str, list[tuple[str, int]]] = dict(counts.facets)
    grouped["status"] = [(s, counts.status.get(s, 0)) for s in ("open", "forthcoming", "closed")]
    grouped["deadline"] = _deadline_figures(counts.deadline)
    result: dict[str, list[FacetValue]] = {}
    for facet in (*COMPUTED_FACETS, *FACETS):
        selected = set(params.filters.get(facet, []))
        names = labels.get(facet, {})
        values = [
            FacetValue(v, names.get(v, v), n, v in selected)
            for v, n in grouped.get(facet, [])
            if n or v in selected or facet == "status"
        ]
        if facet not in COMPUTED_FACETS:
            values.sort(key=lambda fv: (-fv.count, fv.label))
            values = values[:12] + [fv for fv in values[12:] if fv.selected]
        result[facet] = values
    return result


def catalogue_token() -> int | None:
    """The current catalogue generation token (``None``: no row, cache unused)."""
    return CatalogueGeneration.objects.filter(pk=1).values_list("token", flat=True).first()


def counts_cache_key(office: Any, params: SearchParams) -> str | None:
    """The cache key of the counts of ``params`` if they are kept: no text, status only."""
    if params.q or set(params.filters) - {"status"}:
        return None
    statuses = sorted(set(params.filters.get("status", [])))
    if not set(statuses) <= set(Status.values):
        return None
    zone = timezone.get_current_timezone_name()  # "today" is the local date
    return f"{COUNTS_CACHE_PREFIX}:{office.pk}:{','.join(statuses)}:{zone}"


def counts_valid_until(base: QuerySet[Call], now: dt.datetime) -> dt.datetime:
    """The first instant after ``now`` at which a count over ``base`` could change.

    Statuses change when a call closes (``closes_at``) or opens (at midnight, local
    time); deadline ranges when a next deadline passes or comes within 7, 30 or 90
    days. Writes change the generation token instead.
    """
    day = dt.timedelta(days=1)
    midnight = _next_midnight(now)
    figures = base.order_by().aggregate(
        closes=Min("closes_at", filter=Q(closes_at__gte=now)),
        n0=Min("next_deadline", filter=Q(next_deadline__gte=now)),
        n7=Min("next_deadline", filter=Q(next_deadline__gte=now + 7 * day)),
        n30=Min("next_deadline", filter=Q(next_deadline__gte=now + 30 * day)),
        n90=Min("next_deadline", filter=Q(next_deadline__gte=now + 90 * day)),
    )
    candidates = [midnight, figures["closes"], figures["n0"]]
    for key, days in (("n7", 7), ("n30", 30), ("n90", 90)):
        if figures[key] is not None:
            candidates.append(figures[key] - days * day)
    return min(c for c in candidates if c is not None)


@dataclass
class CataloguePage:
    facets: dict[str, list[FacetValue]]
    page: Page[Call]
    cached_counts: bool = False


#: What a result card (``calls/_call_card.html``) shows; the wide text columns
#: (summaries, search document) stay unread. A field the card uses but this list
#: lacks costs a query per card, which the bounded-queries test catches.
CARD_FIELDS = (
    "id",
    "office",
    "state",
    "level",
    "instrument",
    "programme",
    "title_tr",
    "title_en",
    "opening_date",
    "closes_at",
    "next_deadline",
    "published_at",
    "target_groups",
)


class _CatalogueRows:
    """What the paginator slices: the ordered catalogue, fetched one page at a time."""

    def __init__(self, fetch_ids: Any, total: int, per_page: int) -> None:
        self._fetch_ids = fetch_ids
        self._total = total
        self._per_page = per_page

    def count(self) -> int:
        return self._total

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, index: slice) -> list[Call]:
        start, stop = index.start or 0, index.stop
        # The paginator slices whole pages, the last one cut at the count.
        ids = self._fetch_ids(start, max(self._per_page, stop - start))[: stop - start]
        if not ids:
            return []
        rows = Call.objects.filter(pk__in=ids).only(*CARD_FIELDS).in_bulk()
        return [rows[pk] for pk in ids if pk in rows]


#: The pages of a cached view whose ids are kept with its counts.
CACHED_PAGES = 5


def catalogue_page(
    office: Any,
    params: SearchParams,
    *,
    page: Any = 1,
    per_page: int = 20,
    now: dt.datetime | None = None,
) -> CataloguePage:
    """The public catalogue of ``office``: facet counts and one page of results.

    Must run in the public scope (see :func:`catalogue_base`). The results, counts,
    order and pagination are those of :func:`search_calls` and :func:`facet_counts`
    over the same filters, in two to five queries. The filter-free and status-only
    views keep their counts (and the ids of their first pages) in Django's cache;
    see :func:`counts_cache_key` and :class:`~kopru.calls.models.CatalogueGeneration`.
    """
    now = now or timezone.now()
    base = catalogue_base(office)
    filtered = apply_filters(base, params, now=now)
    guess = _page_guess(page)
    wanted = ((guess - 1) * per_page, per_page) if guess else None
    key = counts_cache_key(office, params)
    entry: dict[str, Any] | None = None
    counts: CatalogueCounts | None = None
    known: dict[tuple[int, int], list[int]] = {}
    if key is not None:
        token = catalogue_token()
        entry = cache.get(key) if token is not None else None
        if entry and entry["token"] == token and entry["from"] <= now < entry["until"]:
            counts = entry["counts"]
            known = entry["pages"].get(params.sort, {})
        else:
            entry = None
    cached = counts is not None
    if counts is None:
        counts, ids = _run_catalogue_statement(
            filtered,
            params.sort,
            now,
            page=wanted,
            with_token=key is not None,
            with_clock=key is not None,
        )
        if wanted:
            known = {wanted: ids}
        if key is not None and counts.token is not None:
            assert counts.changes_at is not None
            until = counts.changes_at
            statuses = set(params.filters.get("status", []))
            if Status.CLOSED in statuses and Status.OPEN not in statuses:
                # Open calls outside the set join it when they close.
                until = min(until, counts_valid_until(base, now))
            entry = {"token": counts.token, "from": now, "until": until, "counts": counts}
            entry["pages"] = {params.sort: dict(known)}
            _keep(key, entry, now)

    def fetch_ids(offset: int, limit: int) -> list[int]:
        if (offset, limit) in known:
            return known[(offset, limit)]
        ids = _run_catalogue_statement(
            filtered, params.sort, now, page=(offset, limit), with_counts=False
        )[1]
        if entry is not None and offset < CACHED_PAGES * limit:
            entry["pages"].setdefault(params.sort, {})[(offset, limit)] = ids
            _keep(key, entry, now)
        return ids

    paginator: Paginator[Call] = Paginator(
        _CatalogueRows(fetch_ids, counts.total, per_page),  # type: ignore[arg-type]
        per_page,
    )
    return CataloguePage(
        facets=_facet_result(counts, params),
        page=paginator.get_page(page),
        cached_counts=cached,
    )


def _keep(key: str | None, entry: dict[str, Any], now: dt.datetime) -> None:
    if key is not None:
        seconds = int((entry["until"] - now).total_seconds()) + 1
        cache.set(key, entry, max(1, min(24 * 3600, seconds)))


def _page_guess(page: Any) -> int | None:
    """The page :meth:`Paginator.get_page` will show, as far as it is known before the
    count: 1 for anything not an integer, ``None`` (the last page) below 1."""
    try:
        if isinstance(page, float) and not page.is_integer():
            raise ValueError
        number = int(page)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else None


def public_call(office: Any, pk: int) -> Call | None:
    return (
        catalogue_base(office)
        .select_related("office")
        .prefetch_related("deadlines", "links", "documents")
        .filter(pk=pk)
        .first()
    )


def closing_soon(days: int = 30, limit: int = 10, office: Any = None) -> QuerySet[Call]:
    """Published calls of the scope whose next deadline falls within ``days``."""
    now = timezone.now()
    qs = Call.objects.filter(office=office) if office is not None else Call.objects.all()
    return (
        qs.filter(
            state=State.PUBLISHED,
            next_deadline__gte=now,
            next_deadline__lte=now + dt.timedelta(days=days),
        )
        .order_by("next_deadline")
        .select_related("office")[:limit]
    )


def panel_list(*, office: Any, q: str = "", state: str = "", mine_only: bool = True) -> Any:
    qs = Call.objects.all()
    if mine_only:
        qs = qs.filter(office=office)
    if state:
        qs = qs.filter(state=state)
    qs = fulltext_filter(qs, q)
    now = timezone.now()
    qs = _annotate_upcoming(qs, now)
    return qs.order_by("-is_upcoming", "next_deadline", "id").prefetch_related("deadlines")


def saved_search_by_token(office: Any, token: str) -> SavedSearch | None:
    with office_scope(office):
        return SavedSearch.objects.filter(token=token).first()


def follow_by_token(office: Any, token: str) -> CallFollow | None:
    with office_scope(office):
        return CallFollow.objects.select_related("call").filter(token=token).first()


def calls_for_saved_search(
    search: SavedSearch, *, since: dt.datetime | None = None
) -> QuerySet[Call]:
    """Published calls of the search's office matching it (new or changed ``since``)."""
    params = SearchParams.from_query(search.params)
    with public_scope(None):
        qs = catalogue_base(search.office)
        if since is not None:
            qs = qs.filter(Q(published_at__gt=since) | Q(content_changed_at__gt=since))
        qs = search_calls(qs, params)
        return qs


# -- matching ----------------------------------------------------------------------------


@dataclass
class Match:
    call: Call
    score: int
    reasons: list[str]


def match_calls(
    qs: QuerySet[Call],
    *,
    org_type: str,
    sectors: list[str],
    target_groups: list[str],
    plate: str = "",
    limit: int = 50,
) -> list[Match]:
    """Open and forthcoming calls the profile is eligible for, best first, with reasons."""
    now = timezone.now()
    qs = qs.filter(status_q(Status.OPEN, now) | status_q(Status.FORTHCOMING, now))
    type_labels = dict(OrganisationType.choices)
    sector_labels = dict(Sector.choices)
    target_labels = dict(TargetGroup.choices)
    matches: list[Match] = []
    for call in qs.prefetch_related("deadlines")[:2000]:
        reasons: list[str] = []
        score = 0
        if call.applicant_types:
            if org_type not in call.applicant_types:
                continue
            reasons.append(
                _("%(type)s başvurabilir") % {"type": type_labels.get(org_type, org_type)}
            )
            score += 3
        if call.eligible_plates:
            if not plate or plate not in call.eligible_plates:
                continue
            reasons.append(_("ilinizdeki kuruluşlara açık"))
            score += 2
        common_targets = [t for t in call.target_groups if t in target_groups]
        for t in common_targets:
            reasons.append(_("hedef grup: %(g)s") % {"g": target_labels.get(t, t)})
            score += 3 if t in PRIORITY_TARGET_GROUPS else 2
        common_sectors = [s for s in call.sectors if s in sectors]
        for s in common_sectors:
            reasons.append(_("sektör: %(s)s") % {"s": sector_labels.get(s, s)})
            score += 2
        no_overlap = (sectors or target_groups) and not (common_sectors or common_targets)
        if no_overlap and (call.sectors or call.target_groups):
            continue
        if not reasons:
            reasons.append(_("başvuru koşulları kuruluş türünü sınırlamıyor"))
        matches.append(Match(call, score, reasons))
    far = now + dt.timedelta(days=36500)
    matches.sort(key=lambda m: (-m.score, m.call.next_deadline or far))
    return matches[:limit]


def agency_choices() -> list[tuple[str, str]]:
    return [(a.code, f"{a.abbreviation} — {a.name}") for a in DEVELOPMENT_AGENCIES.values()]


def panel_counts(office: Any) -> dict[str, int]:
    qs = Call.objects.filter(office=office)
    now = timezone.now()
    return qs.aggregate(
        drafts=Count("pk", filter=Q(state=State.DRAFT)),
        published=Count("pk", filter=Q(state=State.PUBLISHED)),
        closing=Count(
            "pk",
            filter=Q(
                state=State.PUBLISHED,
                next_deadline__gte=now,
                next_deadline__lte=now + dt.timedelta(days=14),
            ),
        ),
    )


def catalogue_call_for_identifier(office: Any, identifier: str) -> Call | None:
    """The published call an office's catalogue lists under ``identifier``, if any.

    Other capabilities (the project inventory) link to the catalogue through the
    call identifier they store; drafts never match.
    """
    from kopru.core.scoping import public_scope

    identifier = (identifier or "").strip()
    if not identifier:
        return None
    with public_scope(office):
        return (
            Call.objects.filter(Call.catalogue_q(office), call_identifier__iexact=identifier)
            .order_by("-published_at", "-id")
            .first()
        )
