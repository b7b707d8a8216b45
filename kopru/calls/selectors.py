"""Reads: the catalogue search with facets, closing-soon lists, matching."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kopru.core import sitesearch
from kopru.core.mywork import LIMIT, WorkItem
from kopru.core.scoping import office_scope, public_scope, unscoped_manager
from kopru.core.search import fulltext_filter
from kopru.core.text import search_key
from kopru.core.vocabularies import (
    Sector,
    TargetGroup,
    sector_code,
    target_group_code,
)
from kopru.offices.models import Office
from kopru.organisations.models import Organisation, OrganisationType

from . import catalogue_index, matching
from .agencies import DEVELOPMENT_AGENCIES
from .models import (
    Call,
    CallDeadline,
    CallDocument,
    CallFacetTerm,
    CallFollow,
    CallLink,
    CallSettings,
    DeadlineRange,
    Level,
    SavedSearch,
    State,
    Status,
    WhoAppliesRule,
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


def _annotate_upcoming(qs: QuerySet[Call], now: dt.datetime) -> QuerySet[Call]:
    """``is_upcoming``: a next deadline still to come, or none (the panel's order)."""
    return qs.annotate(
        is_upcoming=Case(
            When(next_deadline__gte=now, then=Value(True)),
            When(next_deadline__isnull=True, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def catalogue_base(office: Any) -> QuerySet[Call]:
    """The published calls an office's public catalogue shows (own + national).

    Must run in a scope that includes published calls of every office (the public
    pages' and the API's scopes do): national calls are shared by all offices.
    """
    return Call.objects.filter(Call.catalogue_q(office))


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


# -- the catalogue engine ------------------------------------------------------------------
#
# Every search of the calls — the public page, the API, feeds, calendars, saved-search
# alerts, the experts' queue — runs on the one engine of ``kopru.calls.catalogue_index``
# (bitmaps of facet terms and of date ranges, kept per process and advanced from the
# database's change log): the full-text index gives the ids matching the words, the
# engine the filters, counts and order, one query the rows wanted.

_LATER = 91  # the deadline-range code of "more than 90 days ahead"


@dataclass
class CatalogueCounts:
    """Raw counts of a filtered catalogue: facet terms, statuses, deadline ranges."""

    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    deadline: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.status.values())


def _deadline_figures(buckets: dict[int, int]) -> list[tuple[str, int]]:
    """The nested deadline ranges of the facet (within 7 days is also within 30)."""
    d7 = buckets.get(7, 0)
    d30 = d7 + buckets.get(30, 0)
    d90 = d30 + buckets.get(90, 0)
    return [("7", d7), ("30", d30), ("90", d90), ("later", buckets.get(_LATER, 0))]


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


def find_calls(
    params: SearchParams,
    *,
    office: Any = None,
    now: dt.datetime | None = None,
    within: list[int] | None = None,
    also: list[int] | None = None,
    counts: bool = False,
) -> catalogue_index.Found:
    """The calls matching ``params``, counted and in order (``.ids(offset, limit)``).

    Of ``office``'s public catalogue (its own and the national published calls), or of
    every office's published calls without one; ``also``: more calls (drafts the
    caller may see) held to the same filters; ``within``: only these calls.
    """
    found, _fresh = _search(params, office=office, now=now, within=within, also=also, counts=counts)
    return found


def _search(
    params: SearchParams,
    *,
    office: Any,
    now: dt.datetime | None,
    within: list[int] | None = None,
    also: list[int] | None = None,
    counts: bool = True,
) -> tuple[catalogue_index.Found, catalogue_index.Freshness]:
    office_id = office.pk if office is not None else None

    def base(index: catalogue_index.CatalogueIndex) -> int:
        bits = index.catalogue(office_id)
        if also:
            bits |= catalogue_index.bitmap(also) & index.present
        if within is not None:
            bits &= catalogue_index.bitmap(within)
        return bits

    return catalogue_index.search(
        base,
        q=params.q,
        filters=params.filters,
        sort=params.sort,
        now=now or timezone.now(),
        counts=counts,
    )


def calls_in_order(ids: list[int], *, relations: bool = False) -> list[Call]:
    """The calls of ``ids`` in that order (``relations``: with office and deadlines)."""
    if not ids:
        return []
    qs = unscoped_manager(Call, reason="ids the catalogue engine found for the caller").filter(
        pk__in=ids
    )
    if relations:
        qs = with_list_relations(qs)
    rows = qs.in_bulk()
    return [rows[pk] for pk in ids if pk in rows]


def catalogue_calls(
    office: Any, params: SearchParams, *, limit: int, relations: bool = False
) -> list[Call]:
    """The first ``limit`` calls of ``office``'s catalogue matching ``params`` (feeds,
    calendars)."""
    return calls_in_order(find_calls(params, office=office).ids(0, limit), relations=relations)


@dataclass
class CataloguePage:
    facets: dict[str, list[FacetValue]]
    page: Page[Call]
    #: How the engine was brought up to date for this search: the whole index read
    #: (a new process, or the log truncated under it), or changed calls applied.
    fresh: catalogue_index.Freshness = field(default_factory=catalogue_index.Freshness)


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
        ids = self._fetch_ids(start, stop - start)
        if not ids:
            return []
        rows = Call.objects.filter(pk__in=ids).only(*CARD_FIELDS).in_bulk()
        return [rows[pk] for pk in ids if pk in rows]


def catalogue_page(
    office: Any,
    params: SearchParams,
    *,
    page: Any = 1,
    per_page: int = 20,
    now: dt.datetime | None = None,
) -> CataloguePage:
    """The public catalogue of ``office``: facet counts and one page of results.

    Queries: the change log, the full-text ids (with words), the page's rows — and,
    after writes, the changed calls (see :mod:`kopru.calls.catalogue_index`).
    """
    found, fresh = _search(params, office=office, now=now)
    counts = CatalogueCounts(facets=found.facets, status=found.status, deadline=found.deadline)
    paginator: Paginator[Call] = Paginator(
        _CatalogueRows(found.ids, found.total, per_page),  # type: ignore[arg-type]
        per_page,
    )
    return CataloguePage(
        facets=_facet_result(counts, params),
        page=paginator.get_page(page),
        fresh=fresh,
    )


def public_call(office: Any, pk: int) -> Call | None:
    return (
        catalogue_base(office)
        .select_related("office")
        .prefetch_related("deadlines", "links", "documents")
        .filter(pk=pk)
        .first()
    )


def calls_for_panel_page() -> QuerySet[Call]:
    """Calls of the scope with what a call's panel page lists."""
    return Call.objects.prefetch_related("deadlines", "links", "documents")


def links_of(call: Call) -> QuerySet[CallLink]:
    return CallLink.objects.filter(call=call)


def documents_of(call: Call) -> QuerySet[CallDocument]:
    return CallDocument.objects.filter(call=call)


def public_document(office: Any, pk: Any) -> CallDocument | None:
    """A call's document while the call is in ``office``'s public catalogue."""
    document = CallDocument.objects.filter(pk=pk).only("id", "call_id", "file", "title").first()
    if document is None:
        return None
    with public_scope(None):
        if public_call(office, document.call_id) is None:
            return None
    return document


def settings_for(office: Any) -> CallSettings:
    """The office's catalogue settings (the defaults while it has saved none)."""
    found = (
        unscoped_manager(CallSettings, reason="the settings of the office named by the caller")
        .filter(office=office)
        .first()
    )
    return found or CallSettings(office=office)


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


PANEL_SORTS = {
    "deadline": ("next_deadline", "title_sort"),
    "title": ("title_sort",),
    "level": ("level", "next_deadline"),
    "state": ("state", "next_deadline"),
}


def panel_list(*, office: Any, q: str = "", state: str = "", mine_only: bool = True) -> Any:
    qs = Call.objects.all()
    if mine_only:
        qs = qs.filter(office=office)
    if state:
        qs = qs.filter(state=state)
    qs = fulltext_filter(qs, q, expanded=True)
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
    search: SavedSearch, *, since: dt.datetime | None = None, limit: int = 50
) -> list[Call]:
    """Published calls of the search's office matching it (new or changed ``since``),
    the first ``limit`` in the search's order."""
    params = SearchParams.from_query(search.params)
    within = None
    if since is not None:
        with public_scope(None):
            within = list(
                catalogue_base(search.office)
                .filter(Q(published_at__gt=since) | Q(content_changed_at__gt=since))
                .values_list("pk", flat=True)
            )
    found = find_calls(params, office=search.office, within=within)
    return calls_in_order(found.ids(0, limit))


# -- matching ----------------------------------------------------------------------------


def _precedence(row: WhoAppliesRule) -> tuple[bool, int, str, int]:
    """An office's own lines, most specific first: with action types before the whole
    programme, a longer programme name before a shorter one (the first line that matches
    a call decides, so a general line must not hide a specific one)."""
    programme = search_key(row.programme)
    return (not matching.action_words(row.action_types), -len(programme), programme, row.pk)


def office_rule_rows(office: Any) -> list[WhoAppliesRule]:
    """The office's lines of the who-applies table, in the order matching tries them."""
    rows = unscoped_manager(
        WhoAppliesRule, reason="the who-applies lines of the office named by the caller"
    ).filter(office=office)
    return sorted(rows, key=_precedence)


def office_rules(office: Any) -> list[matching.Rule]:
    """The office's lines of the who-applies table, as rules (before the built-in ones)."""
    return [matching.office_rule(row) for row in office_rule_rows(office)]


def who_applies_table(office: Any) -> list[tuple[matching.Rule, str]]:
    """The table an office's matching uses: its own lines, then the built-in ones."""
    return [
        (rule, matching.rule_text(rule))
        for rule in (*office_rules(office), *matching.DEFAULT_RULES)
    ]


@dataclass
class WhoAppliesLine:
    """One line of the table as the panel shows it."""

    rule: matching.Rule
    row: WhoAppliesRule | None  # the office's own line, else a built-in one
    title: str
    actions: str
    topics: str
    leads: list[str]  # the types that lead most often first
    main: list[str]  # those of them, when the line names them
    partners: list[str]
    note: str
    calls: int  # open and forthcoming calls of the catalogue this line decides


def who_applies_overview(office: Any) -> dict[str, Any]:
    """The office's lines and the national defaults, each with the number of open and
    forthcoming calls of the office's catalogue it decides (the first line that matches
    a call decides it: a default that the office's lines cover entirely decides none)."""
    rows = office_rule_rows(office)
    own = [matching.office_rule(row) for row in rows]
    rules = [*own, *matching.DEFAULT_RULES]
    now = timezone.now()
    with public_scope(None):
        kinds = (
            catalogue_base(office)
            .filter(status_q(Status.OPEN, now) | status_q(Status.FORTHCOMING, now))
            .values_list(*matching.CallKind.FIELDS)
            .order_by()
        )
        decided: dict[str, int] = {}
        undecided = 0
        for values in kinds.iterator(chunk_size=2000):
            rule = matching.rule_for(matching.CallKind(*(v or "" for v in values)), own)
            if rule is None:
                undecided += 1
            else:
                decided[rule.key] = decided.get(rule.key, 0) + 1
    by_key = {f"office-{row.pk}": row for row in rows}
    labels = dict(OrganisationType.choices)
    lines = [
        WhoAppliesLine(
            rule=rule,
            row=by_key.get(rule.key),
            title=by_key[rule.key].programme if rule.key in by_key else matching.rule_title(rule),
            actions=(
                by_key[rule.key].action_types if rule.key in by_key else matching.rule_actions(rule)
            ),
            topics=matching.rule_topics(rule),
            leads=[
                str(labels.get(t, t)) for t in sorted(rule.leads, key=lambda t: t not in rule.main)
            ],
            main=[str(labels.get(t, t)) for t in rule.main if t in rule.leads],
            partners=[str(labels.get(t, t)) for t in rule.partners],
            note=matching.note_for_display(rule),
            calls=decided.get(rule.key, 0),
        )
        for rule in rules
    ]
    return {
        "own": [line for line in lines if line.row is not None],
        "defaults": [line for line in lines if line.row is None],
        "undecided": undecided,
    }


def who_applies_rule_initial(key: str) -> dict[str, Any] | None:
    """A new office line's starting values copied from the built-in line ``key``
    (to change who applies to that programme for the office), ``None`` if unknown."""
    rule = matching.default_rule(key)
    if rule is None:
        return None
    return {
        "programme": rule.programme,
        "action_types": matching.rule_actions(rule),
        "leads": list(rule.leads),
        "partners": list(rule.partners),
        "note": matching.note_for_display(rule, placeholder="{tür}"),
    }


Match = matching.Ranked


def match_calls(
    qs: QuerySet[Call],
    *,
    org_type: str,
    sectors: list[str],
    target_groups: list[str],
    plate: str = "",
    office: Any = None,
    limit: int = 50,
) -> list[Match]:
    """Open and forthcoming calls the profile can apply to, best first, with reasons
    (see :mod:`kopru.calls.matching`)."""
    now = timezone.now()
    qs = qs.filter(status_q(Status.OPEN, now) | status_q(Status.FORTHCOMING, now))
    rules = office_rules(office) if office is not None else []
    matches: list[Match] = []
    for call in qs.prefetch_related("deadlines")[:5000]:
        ranked = matching.rank(
            call,
            org_type=org_type,
            sectors=sectors,
            target_groups=target_groups,
            plate=plate,
            office_rules=rules,
            now=now,
        )
        if ranked is not None:
            matches.append(ranked)
    far = now + dt.timedelta(days=36500)
    matches.sort(key=lambda m: (-m.score, m.call.next_deadline or far, m.call.pk))
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

    identifier = (identifier or "").strip()
    if not identifier:
        return None
    with public_scope(office):
        return (
            Call.objects.filter(Call.catalogue_q(office), call_identifier__iexact=identifier)
            .order_by("-published_at", "-id")
            .first()
        )


# -- the API's value checks ----------------------------------------------------------------


def known_facet_values(facet: str, values: list[str]) -> set[str]:
    """Which of ``values`` name a term of ``facet`` the catalogue has ever held."""
    return set(
        CallFacetTerm.objects.filter(facet=facet, value__in=values[:50]).values_list(
            "value", flat=True
        )
    )


def office_slug_exists(slug: str) -> bool:
    return Office.objects.filter(slug=slug[:100]).exists()


def office_by_slug(slug: str) -> Office | None:
    return Office.objects.filter(slug=slug[:100]).first() if slug else None


# -- the experts' queue of Turkish summaries -------------------------------------------------


@dataclass
class QueueRow:
    call: Call
    followers: int
    alerts: int
    organisations: int

    @property
    def reach(self) -> int:
        return self.followers + self.alerts + self.organisations


def summary_queue(office: Any, *, limit: int = 50) -> list[QueueRow]:
    """Open and forthcoming calls of the office's catalogue without a Turkish summary,
    the ones reaching most people first: followers, confirmed alerts whose search finds
    the call, and organisations of the office's directory that can apply (explicit
    eligibility, else the who-applies table)."""
    now = timezone.now()
    with public_scope(None):
        candidates = catalogue_base(office).filter(
            status_q(Status.OPEN, now) | status_q(Status.FORTHCOMING, now), summary_tr=""
        )
        calls = list(candidates.order_by("next_deadline", "pk")[:2000])
    ids = [c.pk for c in calls]
    followers: dict[int, int] = dict(
        unscoped_manager(CallFollow, reason="followers of the office's catalogue calls")
        .filter(call_id__in=ids, confirmed_at__isnull=False, unsubscribed_at__isnull=True)
        .values("call_id")
        .annotate(n=Count("pk"))
        .values_list("call_id", "n")
    )
    alerts: dict[int, int] = {}
    searches = unscoped_manager(SavedSearch, reason="the office's alerts").filter(
        office=office, alert_confirmed_at__isnull=False
    )
    for search in searches:
        if not search.alert_active:
            continue
        params = SearchParams.from_query(search.params)
        for pk in find_calls(params, office=office, now=now, within=ids).ids():
            alerts[pk] = alerts.get(pk, 0) + 1
    types: dict[str, int] = dict(
        unscoped_manager(Organisation, reason="how many of the office's organisations")
        .filter(office=office)
        .values("type")
        .annotate(n=Count("pk"))
        .values_list("type", "n")
    )
    rules = office_rules(office)
    rows = []
    for call in calls:
        if call.applicant_types:
            can = set(call.applicant_types)
        else:
            rule = matching.rule_for(call, rules)
            can = set(rule.leads) | set(rule.partners) if rule is not None else set(types)
        rows.append(
            QueueRow(
                call,
                followers.get(call.pk, 0),
                alerts.get(call.pk, 0),
                sum(n for t, n in types.items() if t in can),
            )
        )
    rows.sort(key=lambda r: (-r.reach, r.call.next_deadline or now, r.call.pk))
    return rows[:limit]


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's calls (:mod:`kopru.core.sitesearch`): the catalogue's own
    search for ``query`` (the thesaurus included), so the count is the list's; among its
    first page, calls whose title matches come first. Public scope."""
    result = catalogue_page(office, SearchParams(q=query), per_page=max(limit, 50))
    calls = list(result.page.object_list)

    def hit(call: Call) -> sitesearch.Hit:
        url = reverse("public:calls:detail", kwargs={"office_slug": office.slug, "pk": call.pk})
        note = " · ".join(x for x in (call.get_status_display(), call.programme) if x)
        return sitesearch.hit_of(call, url, summary="", when=call.next_deadline, note=note)

    return sitesearch.ranked_hits(
        calls,
        query,
        count=result.page.paginator.count,
        title=lambda c: f"{c.title_tr} {c.title_en}",
        hit=hit,
        limit=limit,
    )


def work_items(user: Any, office: Any, today: dt.date) -> tuple[list[WorkItem], int]:
    """The panel home's "my work" (:mod:`kopru.core.mywork`): the office's draft calls to
    finish and publish, and the open calls of its catalogue still without a Turkish
    summary (one item: the summary queue)."""
    drafts = Call.objects.filter(office=office, state=State.DRAFT)
    rows = list(
        drafts.only("id", "title_tr", "title_en", "closes_at").order_by("closes_at", "id")[:LIMIT]
    )
    total = len(rows) if len(rows) < LIMIT else drafts.count()
    now = timezone.now()
    with public_scope(None):
        missing = (
            catalogue_base(office)
            .filter(status_q(Status.OPEN, now) | status_q(Status.FORTHCOMING, now), summary_tr="")
            .count()
        )
    items = [
        WorkItem(
            title=c.title_tr or c.title_en,
            url=reverse("panel:calls:detail", kwargs={"office_slug": office.slug, "pk": c.pk}),
            due=timezone.localdate(c.closes_at) if c.closes_at else None,
            note=str(_("taslak çağrı")),
        )
        for c in rows
    ]
    if missing:  # the queue first: it is the office's standing work on calls
        items.insert(
            0,
            WorkItem(
                title=str(
                    ngettext(
                        "%(n)d açık çağrının Türkçe özeti yok",
                        "%(n)d açık çağrının Türkçe özeti yok",
                        missing,
                    )
                    % {"n": missing}
                ),
                url=reverse("panel:calls:summary_queue", kwargs={"office_slug": office.slug}),
                note=str(_("Türkçe özet kuyruğu")),
            ),
        )
        total += 1
    return items, total
