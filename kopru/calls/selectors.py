"""Reads: the catalogue search with facets, closing-soon lists, matching."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.scoping import office_scope, public_scope
from kopru.core.search import fulltext_filter
from kopru.organisations.models import OrganisationType

from .importers.agencies import DEVELOPMENT_AGENCIES
from .models import (
    PRIORITY_TARGET_GROUPS,
    Call,
    CallDeadline,
    CallFacet,
    CallFollow,
    DeadlineRange,
    Level,
    SavedSearch,
    Sector,
    State,
    Status,
    TargetGroup,
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
            for v in values:
                qs = qs.filter(
                    pk__in=CallFacet.objects.filter(facet=key, value=v).values("call_id")
                )
    return qs


def order(qs: QuerySet[Call], sort: str, now: dt.datetime | None = None) -> QuerySet[Call]:
    now = now or timezone.now()
    if sort == "newest":
        return qs.order_by(F("published_at").desc(nulls_last=True), "-id")
    if sort == "title":
        return qs.order_by("title_sort", "id")
    # Nearest deadline first: calls still to close by their next deadline, then the
    # ones without a date, then the closed ones (most recently closed first).
    # Closed calls last, the most recently closed first.
    qs = _annotate_upcoming(qs, now).annotate(
        upcoming_key=Case(When(is_upcoming=True, then=F("next_deadline"))),
        closed_key=Case(When(is_upcoming=False, then=F("next_deadline"))),
    )
    return qs.order_by(
        "-is_upcoming",
        F("upcoming_key").asc(nulls_last=True),
        F("closed_key").desc(nulls_last=True),
        "id",
    )


def _annotate_upcoming(qs: QuerySet[Call], now: dt.datetime) -> QuerySet[Call]:
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
    """Counts of every facet value over the filtered set ``qs`` (two queries)."""
    now = now or timezone.now()
    labels = facet_labels()
    ids = qs.order_by().values("pk")
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    rows = (
        CallFacet.objects.filter(call_id__in=ids)
        .values_list("facet", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    for facet, value, n in rows:
        grouped[facet].append((value, n))
    today = timezone.localdate(now)
    figures = qs.order_by().aggregate(
        forthcoming=Count("pk", filter=Q(opening_date__gt=today)),
        closed=Count("pk", filter=status_q(Status.CLOSED, now)),
        open=Count("pk", filter=status_q(Status.OPEN, now)),
        d7=Count("pk", filter=_deadline_range_q("7", now)),
        d30=Count("pk", filter=_deadline_range_q("30", now)),
        d90=Count("pk", filter=_deadline_range_q("90", now)),
        later=Count("pk", filter=_deadline_range_q("later", now)),
    )
    grouped["status"] = [(s, figures[s]) for s in ("open", "forthcoming", "closed")]
    grouped["deadline"] = [
        ("7", figures["d7"]),
        ("30", figures["d30"]),
        ("90", figures["d90"]),
        ("later", figures["later"]),
    ]
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
