"""The office's indicators, defined once.

Every figure the dashboard, the annual report, the public statistics, the national
view and the API show comes from this module, so one number is the same everywhere
(``tests/test_reconciliation.py`` holds it).

Reading
=======

``INDICATORS`` maps a name to an :class:`Indicator`: its area, label, unit and
definition (Turkish msgids, English in the catalogue; ``indicator.texts()`` gives both
languages at once for the open-data files). Compute with::

    from kopru.statistics.indicators import compute, compute_by_office
    from kopru.statistics.periods import Period

    values = compute(["projects_by_stage", "funds_grant_eur"], office=office,
                     period=Period.year(2025))
    values["projects_by_stage"].total          # 42
    values["projects_by_stage"].rows           # [Row(key="approved", value=12, ...), ...]

    per_office = compute_by_office(["funds_grant_eur"], period=Period.year(2025))
    per_office[office.pk]["funds_grant_eur"].total   # one query for all offices

* ``compute(names=None, *, office=None, period)`` → ``{name: Value}``; ``names=None``
  computes every indicator; ``office=None`` is the whole country (every office together:
  a distinct count such as unique trainees counts a person trained in two provinces once).
* ``compute_by_office(names, *, period, office_ids=None)`` → ``{office_id: {name:
  Value}}``: the same figures, grouped by office **in the same queries** (the national
  view asks one indicator for 81 offices in one or two queries, not 81 times). Every
  office asked for (all offices when ``office_ids`` is None) has an entry, zero where
  it has no data; provinces without an office are the caller's to show.
* ``records(name, key, *, office, period)`` → the queryset of the records behind one
  bar (``key`` is a ``Row.key``; ``""`` for the indicator's total), or ``None`` where an
  indicator has no drill-down (``Indicator.drill`` names the model).
* ``data_quality(office)`` → the office's incomplete records (``QualityIssue`` with the
  records' ids), for the dashboard's data-quality panel.

A :class:`Value` holds ``total`` (int or float, ``None`` when undefined, e.g. a success
rate with no decision), ``rows`` (the breakdown, each a :class:`Row` with ``key``,
``label``, ``value`` and ``extra``) and ``extra`` (e.g. ``{"p90": 30.5, "count": 12}``
for a median, ``{"first_year": 2007}``). ``value.as_dict()`` is its JSON form.

How indicators are computed
===========================

Indicators come from *sources*: a function that answers several indicators from the
same few queries. ``compute`` runs each source needed once, with the indicators asked,
and a source groups its rows only by the dimensions those indicators need (the national
view's single total needs no breakdown; the dashboard's one office needs them all). All
queries go through ``unscoped_manager`` with an explicit ``office`` filter: indicators
are aggregates, the same for the office's staff, the public page and the API, whatever
the request's scope; who may see which office's aggregates is the views' business.

What "in the period" means is each indicator's definition (shown to readers): a project
belongs to the period of its start date (its record date if it has none); a training
to the period of its first day; a case to the period it was opened; a decision, a call,
a certificate to the day they happened. Snapshot indicators (alert subscribers, public
bodies with a project team, trainees since the first year) are counted as of the
period's end where the data records dates, else as of today (the definition says so).

Adding indicators (governance, news, youth, ...)
================================================

Write a source function ``def _my_source(ctx: Context, wanted: set[str]) -> Result``
returning ``{office_id or None: {name: Value}}`` (use ``ctx.group(qs)`` to apply the
office filter and grouping, ``ctx.okey(row)`` to read a row's office key), and register
its indicators with ``register(source=_my_source, indicators=[Indicator(...), ...])``
at the bottom of this module, or in a module of this package imported at its end
(``from . import indicators_youth  # noqa: F401``). Give each a new ``area`` (``AREAS``
lists the areas in their order on the dashboard, report and public page) or an existing
one. Nothing else changes: the dashboard, report, public page, API and national view
read ``INDICATORS``. Add the new names to the unit tests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models import Value as Value_
from django.db.models.functions import Cast, Coalesce, NullIf, Substr
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopru.calls.models import Call, CallFollow, Level, SavedSearch
from kopru.calls.models import State as CallState
from kopru.consultations.models import AuthorKind, Contribution, PriorityGroup
from kopru.core.scoping import unscoped_manager
from kopru.core.vocabularies import Sector
from kopru.decisions.models import Decision, state_q
from kopru.decisions.models import State as DecisionState
from kopru.geo.models import District
from kopru.guidance.models import Case as GuidanceCase
from kopru.guidance.models import Channel, Outcome, Topic
from kopru.organisations.models import PUBLIC_TYPES, Organisation, OrganisationType, TeamStatus
from kopru.partners.models import Answer, PartnerSearch, PostKind
from kopru.projects.models import Currency, Project, Stage, StageChange
from kopru.trainings.models import (
    Certificate,
    Event,
    EventStatus,
    EventType,
    Registration,
    RegistrationStatus,
)

from .charts import ChartKind
from .periods import Period

OFFICE_MODEL = "offices.Office"
WHY = "indicators are aggregates computed with an explicit office filter"

# Stages of a project that won its funding (funds mobilised count these).
FUNDED_STAGES = (Stage.APPROVED, Stage.IN_IMPLEMENTATION, Stage.COMPLETED, Stage.CLOSED)

AREAS: dict[str, Promise] = {
    "projects": _("Projeler"),
    "funds": _("Kazanılan fonlar"),
    "trainings": _("Eğitimler"),
    "guidance": _("Danışmanlık masası"),
    "calls": _("Çağrılar ve uyarılar"),
    "organisations": _("Kurumlar ve proje ekipleri"),
    "partners": _("Ortak arama"),
    "governance": _("Yönetişim: kararlar ve istişareler"),
}

UNITS: dict[str, Promise] = {
    "count": _("adet"),
    "people": _("kişi"),
    "EUR": _("avro"),
    "TRY": _("Türk lirası"),
    "percent": _("yüzde"),
    "hours": _("saat"),
}


# --- the objects ----------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """One named figure: what it counts (``definition``), in which ``unit``.

    ``breakdown`` labels the rows' dimension ("Aşama", "İlçe") when the indicator has
    rows; ``drill`` is the model label of the records behind a row (``records()``),
    ``snapshot`` marks a figure counted at the period's end rather than over it.
    """

    name: str
    area: str
    label: Promise | str
    unit: str
    definition: Promise | str
    breakdown: Promise | str | None = None
    drill: str | None = None
    snapshot: bool = False
    chart: ChartKind = "bar"  # how the dashboard draws the rows
    compare: bool = True  # the previous period's rows beside the current ones

    def texts(self) -> dict[str, str]:
        """Label, definition, unit and breakdown in both languages (for open data)."""
        out: dict[str, str] = {}
        for lang in ("tr", "en"):
            with translation.override(lang):
                out[f"label_{lang}"] = str(self.label)
                out[f"definition_{lang}"] = str(self.definition)
                out[f"unit_{lang}"] = str(UNITS[self.unit])
                out[f"breakdown_{lang}"] = str(self.breakdown) if self.breakdown else ""
        return out


@dataclass
class Row:
    key: str
    label: str
    value: int | float | None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "value": self.value, **self.extra}


@dataclass
class Value:
    total: int | float | None = 0
    rows: list[Row] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "rows": [r.as_dict() for r in self.rows],
            **({"extra": self.extra} if self.extra else {}),
        }

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)


OfficeKey = int | None
Result = dict[OfficeKey, dict[str, Value]]


@dataclass(frozen=True)
class Context:
    """What a source computes for: offices (``None``: all), the period, grouping."""

    period: Period
    office_ids: tuple[int, ...] | None
    by_office: bool

    def group(self, qs: QuerySet[Any], office_field: str = "office_id") -> QuerySet[Any]:
        """``qs`` limited to the offices asked for (its ``values()`` not yet taken)."""
        if self.office_ids is not None:
            qs = qs.filter(**{f"{office_field}__in": self.office_ids})
        return qs.order_by()

    def dims(self, *names: str, office_field: str = "office_id") -> list[str]:
        return ([office_field] if self.by_office else []) + [n for n in names if n]

    def okey(self, row: dict[str, Any], office_field: str = "office_id") -> OfficeKey:
        return row[office_field] if self.by_office else None


Source = Callable[[Context, set[str]], Result]

INDICATORS: dict[str, Indicator] = {}
SOURCES: dict[str, Source] = {}  # indicator name → its source
DRILLS: dict[str, Callable[..., QuerySet[Any] | None]] = {}


def register(
    *,
    source: Source,
    indicators: Sequence[Indicator],
    drill: Callable[..., QuerySet[Any] | None] | None = None,
) -> None:
    """Add ``indicators``, all computed by ``source`` (the extension point)."""
    for ind in indicators:
        if ind.name in INDICATORS:
            raise ValueError(f"indicator {ind.name!r} is registered twice")
        if ind.area not in AREAS or ind.unit not in UNITS:
            raise ValueError(f"indicator {ind.name!r}: unknown area or unit")
        INDICATORS[ind.name] = ind
        SOURCES[ind.name] = source
        if drill is not None:
            DRILLS[ind.name] = drill


def indicators_of(area: str) -> list[Indicator]:
    return [i for i in INDICATORS.values() if i.area == area]


class UnknownIndicator(KeyError):
    def __str__(self) -> str:
        return f"unknown indicator: {self.args[0]}"


# --- computing --------------------------------------------------------------------------


def _office_id(office: Any) -> int | None:
    if office is None:
        return None
    return office if isinstance(office, int) else int(office.pk)


def _run(names: Iterable[str] | None, ctx: Context) -> Result:
    wanted = list(INDICATORS) if names is None else list(names)
    for name in wanted:
        if name not in INDICATORS:
            raise UnknownIndicator(name)
    by_source: dict[Source, set[str]] = defaultdict(set)
    for name in wanted:
        by_source[SOURCES[name]].add(name)
    result: Result = defaultdict(dict)
    for source, asked in by_source.items():
        for okey, values in source(ctx, asked).items():
            result[okey].update({k: v for k, v in values.items() if k in asked})
    return result


def compute(
    names: Iterable[str] | None = None, *, office: Any = None, period: Period
) -> dict[str, Value]:
    """Indicators for one office (an ``Office`` or its id) or the whole country."""
    oid = _office_id(office)
    ctx = Context(period=period, office_ids=None if oid is None else (oid,), by_office=False)
    wanted = list(INDICATORS) if names is None else list(names)
    found = _run(wanted, ctx).get(None, {})
    return {n: found.get(n) or _empty(n) for n in wanted}


def compute_by_office(
    names: Iterable[str], *, period: Period, office_ids: Iterable[int] | None = None
) -> dict[int, dict[str, Value]]:
    """The same indicators for every office (or ``office_ids``), grouped in one go."""
    wanted = list(names)
    ids = (
        tuple(office_ids)
        if office_ids is not None
        else tuple(
            unscoped_manager(apps.get_model(OFFICE_MODEL), reason=WHY).values_list("pk", flat=True)
        )
    )
    ctx = Context(period=period, office_ids=ids, by_office=True)
    found = _run(wanted, ctx)
    return {oid: {n: found.get(oid, {}).get(n) or _empty(n) for n in wanted} for oid in ids}


def _empty(name: str) -> Value:
    unit = INDICATORS[name].unit
    return Value(total=None if unit in ("percent", "hours") else 0)


# The key of a row whose own key is empty ("(kayıtlı değil)": no programme, no sector)
# when asking for its records: ``""`` asks for the indicator's total.
EMPTY_KEY = "-"


def records(name: str, key: str, *, office: Any, period: Period) -> QuerySet[Any] | None:
    """The records behind one row (``key``; ``EMPTY_KEY`` for a row keyed ``""``) of an
    indicator, or its total (``""``)."""
    if name not in INDICATORS:
        raise UnknownIndicator(name)
    drill = DRILLS.get(name)
    if drill is None:
        return None
    return drill(name, key, office_id=_office_id(office), period=period)


def change(current: float | None, previous: float | None) -> float | None:
    """The change from ``previous`` to ``current`` in % (None if not defined)."""
    if current is None or previous in (None, 0):
        return None
    assert previous is not None
    return round(100 * (current - previous) / previous, 1)


# --- helpers ------------------------------------------------------------------------------


def _rows(
    counts: Mapping[Any, int | float],
    labels: Mapping[Any, Any],
    *,
    order: Sequence[Any] | None = None,
) -> list[Row]:
    """Rows in ``order`` (choices order) or largest first; keys kept as text."""
    if order is not None:
        keys = [k for k in order if counts.get(k)] + [k for k in counts if k not in order]
    else:
        keys = sorted(counts, key=lambda k: (-counts[k], str(labels.get(k, k))))
    return [
        Row(key="" if k is None else str(k), label=str(labels.get(k, k) or "—"), value=counts[k])
        for k in keys
        if counts[k]
    ]


def _nested() -> defaultdict[OfficeKey, defaultdict[Any, int]]:
    return defaultdict(lambda: defaultdict(int))


def _grouped(qs: QuerySet[Any], dims: list[str], **aggregates: Any) -> list[dict[str, Any]]:
    """``aggregates`` per combination of ``dims``; one row for the whole ``qs`` without."""
    if dims:
        return list(qs.values(*dims).annotate(**aggregates))
    row = qs.aggregate(**aggregates)
    return [row] if any(row.values()) else []


def _money(value: Any) -> float:
    return round(float(value or 0), 2)


NOT_RECORDED = _("(kayıtlı değil)")


# --- projects -------------------------------------------------------------------------------


def _projects_in(period: Period, office_id: int | None = None) -> QuerySet[Project]:
    """Projects that start in the period (or, with no start date, were recorded in it).

    Written as two plain ranges rather than ``COALESCE(start_date, DATE(created_at))``,
    which SQLite would compute per row in Python.
    """
    qs = unscoped_manager(Project, reason=WHY).filter(
        Q(start_date__gte=period.start, start_date__lte=period.end)
        | Q(
            start_date__isnull=True,
            created_at__gte=period.start_at,
            created_at__lt=period.end_before,
        )
    )
    if office_id is not None:
        qs = qs.filter(office_id=office_id)
    return qs


_PROJECT_DIMS = {
    "projects_by_stage": "stage",
    "projects_by_funder": "programme",
    "projects_by_start_year": "ref_year",
}
_FUNDS = ("funds_grant_eur", "funds_grant_try", "funds_total_eur", "funds_total_try")


def _converted(amount: str, to: str) -> Sum:
    """Sum of ``amount`` converted to ``to`` with each project's stored rate.

    Computed in floating point (SQLite divides whole-number decimals as integers);
    the totals are rounded to cents.
    """
    real: FloatField[float, float] = FloatField()
    other = Currency.TRY if to == Currency.EUR else Currency.EUR
    value = Cast(amount, real)
    rate = Cast("exchange_rate", real)
    converted = value / rate if to == Currency.EUR else value * rate
    return Sum(
        Case(
            When(Q(currency=to), then=value),
            When(Q(currency=other, exchange_rate__gt=0), then=converted),
            default=None,
            output_field=real,
        ),
        filter=Q(stage__in=FUNDED_STAGES),
    )


def _projects_source(ctx: Context, wanted: set[str]) -> Result:
    dims = sorted({_PROJECT_DIMS[n] for n in wanted if n in _PROJECT_DIMS})
    qs = ctx.group(_projects_in(ctx.period))
    if "ref_year" in dims:
        # The year as text ("2025"), no per-row function call; NULL without a start date.
        qs = qs.annotate(ref_year=Substr(Cast("start_date", CharField()), 1, 4))
    aggregates: dict[str, Any] = {"n": Count("id")}
    if "projects_priority_groups" in wanted:
        aggregates["priority"] = Count("id", filter=Q(has_priority_group=True))
    if wanted & set(_FUNDS):
        aggregates["funded"] = Count("id", filter=Q(stage__in=FUNDED_STAGES))
        aggregates["grant_eur"] = _converted("grant_amount", Currency.EUR)
        aggregates["grant_try"] = _converted("grant_amount", Currency.TRY)
        aggregates["total_eur"] = _converted("total_cost", Currency.EUR)
        aggregates["total_try"] = _converted("total_cost", Currency.TRY)
        aggregates["no_rate"] = Count(
            "id",
            filter=Q(stage__in=FUNDED_STAGES)
            & (Q(exchange_rate__isnull=True) | Q(exchange_rate=0))
            & (Q(grant_amount__isnull=False) | Q(total_cost__isnull=False)),
        )
        aggregates["no_grant"] = Count(
            "id", filter=Q(stage__in=FUNDED_STAGES, grant_amount__isnull=True)
        )
    rows = _grouped(qs, ctx.dims(*dims), **aggregates)
    totals: defaultdict[OfficeKey, defaultdict[str, Any]] = defaultdict(lambda: defaultdict(int))
    by: dict[str, defaultdict[OfficeKey, defaultdict[Any, int]]] = {d: _nested() for d in dims}
    for row in rows:
        okey = ctx.okey(row)
        for k, v in aggregates.items():
            del v
            totals[okey][k] += row[k] or 0
        for d in dims:
            by[d][okey][row[d]] += row["n"]
    stage_labels = dict(Stage.choices)
    out: Result = {}
    for okey, t in totals.items():
        values: dict[str, Value] = {"projects_total": Value(total=t["n"])}
        if "stage" in by:
            values["projects_by_stage"] = Value(
                total=t["n"], rows=_rows(by["stage"][okey], stage_labels, order=Stage.values)
            )
        if "programme" in by:
            values["projects_by_funder"] = Value(
                total=t["n"], rows=_rows(by["programme"][okey], {"": NOT_RECORDED})
            )
        if "ref_year" in by:
            years = by["ref_year"][okey]
            if None in years:
                years = _recorded_years(years, ctx, okey)
            values["projects_by_start_year"] = Value(
                total=t["n"], rows=_rows(years, {}, order=sorted(years))
            )
        if "projects_priority_groups" in wanted:
            values["projects_priority_groups"] = Value(
                total=t["priority"],
                extra={"share": round(100 * t["priority"] / t["n"], 1) if t["n"] else None},
            )
        if wanted & set(_FUNDS):
            extra = {
                "projects": t["funded"],
                "without_rate": t["no_rate"],
                "without_grant": t["no_grant"],
            }
            for name, col in zip(
                _FUNDS, ("grant_eur", "grant_try", "total_eur", "total_try"), strict=True
            ):
                values[name] = Value(total=_money(t[col]), extra=extra)
        out[okey] = values
    return out


def _recorded_years(
    years: defaultdict[Any, int], ctx: Context, okey: OfficeKey
) -> defaultdict[Any, int]:
    """Projects without a start date count in the year (Türkiye time) they were recorded."""
    del years[None]
    qs = _projects_in(ctx.period, okey).filter(start_date__isnull=True)
    if okey is None and ctx.office_ids is not None:
        qs = qs.filter(office_id__in=ctx.office_ids)
    for created in qs.values_list("created_at", flat=True):
        years[str(timezone.localtime(created).year)] += 1
    return years


def _sectors_districts_source(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    if "projects_by_sector" in wanted:
        counts = _nested()
        totals: defaultdict[OfficeKey, int] = defaultdict(int)
        rows = ctx.group(_projects_in(ctx.period)).values(*ctx.dims("tags")).annotate(n=Count("id"))
        for row in rows:
            okey = ctx.okey(row)
            totals[okey] += row["n"]
            sectors = [t[2:] for t in (row["tags"] or "").split() if t.startswith("s:")]
            for s in sectors or [""]:
                counts[okey][s] += row["n"]
        labels = {**dict(Sector.choices), "": NOT_RECORDED}
        for okey, c in counts.items():
            out[okey]["projects_by_sector"] = Value(total=totals[okey], rows=_rows(c, labels))
    if "projects_by_district" in wanted:
        through = Project.districts.through
        projects = _projects_in(ctx.period)
        if ctx.office_ids is not None:
            projects = projects.filter(office_id__in=ctx.office_ids)
        link = unscoped_manager(through, reason=WHY).filter(project__in=projects.values("pk"))
        dims = (["project__office_id"] if ctx.by_office else []) + ["district_id", "district__name"]
        counts = _nested()
        names: dict[Any, str] = {}
        for row in link.order_by().values(*dims).annotate(n=Count("project_id", distinct=True)):
            okey = row["project__office_id"] if ctx.by_office else None
            counts[okey][row["district_id"]] += row["n"]
            names[row["district_id"]] = row["district__name"]
        totals_q = _grouped(ctx.group(_projects_in(ctx.period)), ctx.dims(), n=Count("id"))
        totals = defaultdict(int, {ctx.okey(r): r["n"] for r in totals_q})
        for okey in set(counts) | set(totals):
            out[okey]["projects_by_district"] = Value(
                total=totals[okey], rows=_rows(counts[okey], names)
            )
    return out


def _success_source(ctx: Context, wanted: set[str]) -> Result:
    """Decisions recorded in the period, the latest decision per project counting."""
    changes = ctx.group(
        unscoped_manager(StageChange, reason=WHY).filter(
            to_stage__in=(Stage.APPROVED, Stage.REJECTED),
            changed_at__gte=ctx.period.start_at,
            changed_at__lt=ctx.period.end_before,
        )
    ).order_by("changed_at", "id")
    latest: dict[tuple[OfficeKey, int], str] = {}
    for row in changes.values("office_id", "project_id", "to_stage"):
        latest[(ctx.okey(row), row["project_id"])] = row["to_stage"]
    tally: defaultdict[OfficeKey, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (okey, _pid), stage in latest.items():
        tally[okey][stage] += 1
    out: Result = {}
    labels = dict(Stage.choices)
    for okey, t in tally.items():
        decided = t[Stage.APPROVED] + t[Stage.REJECTED]
        out[okey] = {
            "application_success_rate": Value(
                total=round(100 * t[Stage.APPROVED] / decided, 1) if decided else None,
                rows=_rows(dict(t), labels, order=[Stage.APPROVED, Stage.REJECTED]),
                extra={"approved": t[Stage.APPROVED], "decided": decided},
            )
        }
    return out


def _project_drill(name: str, key: str, *, office_id: int | None, period: Period) -> QuerySet[Any]:
    qs = _projects_in(period, office_id)
    if name.startswith("funds_"):
        qs = qs.filter(stage__in=FUNDED_STAGES)
    elif name == "projects_priority_groups":
        qs = qs.filter(has_priority_group=True)
    if not key:
        return qs
    if name == "projects_by_stage":
        qs = qs.filter(stage=key)
    elif name == "projects_by_funder":
        qs = qs.filter(programme="" if key == EMPTY_KEY else key)
    elif name == "projects_by_start_year":
        qs = (
            qs.filter(
                Q(start_date__year=int(key)) | Q(start_date__isnull=True, created_at__year=int(key))
            )
            if key.isdigit()
            else qs.none()
        )
    elif name == "projects_by_sector" and key == EMPTY_KEY:
        qs = qs.exclude(tags__contains=" s:")
    elif name == "projects_by_sector":
        qs = qs.filter(tags__contains=f" s:{key} ")
    elif name == "projects_by_district":
        qs = qs.filter(districts__id=int(key)) if key.isdigit() else qs.none()
    elif name == "application_success_rate":
        return _decided_projects(key, office_id=office_id, period=period)
    return qs


def _decided_projects(key: str, *, office_id: int | None, period: Period) -> QuerySet[Any]:
    """Projects decided in the period whose latest decision there is ``key`` (as the
    success rate counts them: rejected in January, approved in May is approved)."""
    decided = unscoped_manager(StageChange, reason=WHY).filter(
        to_stage__in=(Stage.APPROVED, Stage.REJECTED),
        changed_at__gte=period.start_at,
        changed_at__lt=period.end_before,
    )
    latest = decided.filter(project_id=OuterRef("pk")).order_by("-changed_at", "-id")
    qs = unscoped_manager(Project, reason=WHY).filter(pk__in=decided.values("project_id"))
    if office_id:
        qs = qs.filter(office_id=office_id)
    if key:
        qs = qs.annotate(decision=Subquery(latest.values("to_stage")[:1])).filter(decision=key)
    return qs


register(
    source=_projects_source,
    drill=_project_drill,
    indicators=[
        Indicator(
            "projects_total",
            "projects",
            _("Proje sayısı"),
            "count",
            _(
                "Dönemde başlayan projeler (başlangıç tarihi olmayanlar kaydedildikleri "
                "tarihe göre), her aşamada."
            ),
            drill="projects.Project",
        ),
        Indicator(
            "projects_by_stage",
            "projects",
            _("Aşamaya göre projeler"),
            "count",
            _("Dönemde başlayan projelerin bugünkü aşamaları."),
            breakdown=_("Aşama"),
            drill="projects.Project",
        ),
        Indicator(
            "projects_by_funder",
            "projects",
            _("Fon programına göre projeler"),
            "count",
            _("Dönemde başlayan projeler, kayıtlı fon programına göre."),
            breakdown=_("Fon programı"),
            drill="projects.Project",
            chart="hbar",
        ),
        Indicator(
            "projects_by_start_year",
            "projects",
            _("Başlangıç yılına göre projeler"),
            "count",
            _("Dönemde başlayan projeler, başlangıç yılına göre."),
            breakdown=_("Yıl"),
            drill="projects.Project",
            chart="line",
            compare=False,
        ),
        Indicator(
            "projects_priority_groups",
            "projects",
            _("Öncelikli gruplara yönelik projeler"),
            "count",
            _(
                "Dönemde başlayan ve hedef grupları arasında ofisin öncelikli gruplarından "
                "(dezavantajlı gruplar, gençler, genç girişimciler, gençlik çalışanları) biri "
                "bulunan projeler."
            ),
            drill="projects.Project",
        ),
        Indicator(
            "funds_grant_eur",
            "funds",
            _("Kazanılan hibe (EUR)"),
            "EUR",
            _(
                "Dönemde başlayan ve desteklenen (kabul edilmiş, uygulanan, tamamlanmış ya da "
                "kapanmış) projelerin hibe tutarlarının toplamı; TRY tutarlar projede kayıtlı "
                "kurla çevrilir, kuru olmayanlar eklenmez."
            ),
            drill="projects.Project",
        ),
        Indicator(
            "funds_grant_try",
            "funds",
            _("Kazanılan hibe (TRY)"),
            "TRY",
            _(
                "Desteklenen projelerin hibe tutarlarının toplamı Türk lirası olarak; EUR "
                "tutarlar projede kayıtlı kurla çevrilir, kuru olmayanlar eklenmez."
            ),
            drill="projects.Project",
        ),
        Indicator(
            "funds_total_eur",
            "funds",
            _("Harekete geçirilen toplam bütçe (EUR)"),
            "EUR",
            _(
                "Desteklenen projelerin toplam bütçelerinin (hibe ve eş finansman) toplamı; "
                "TRY tutarlar projede kayıtlı kurla çevrilir."
            ),
            drill="projects.Project",
        ),
        Indicator(
            "funds_total_try",
            "funds",
            _("Harekete geçirilen toplam bütçe (TRY)"),
            "TRY",
            _(
                "Desteklenen projelerin toplam bütçelerinin toplamı Türk lirası olarak; EUR "
                "tutarlar projede kayıtlı kurla çevrilir."
            ),
            drill="projects.Project",
        ),
    ],
)
register(
    source=_sectors_districts_source,
    drill=_project_drill,
    indicators=[
        Indicator(
            "projects_by_sector",
            "projects",
            _("Sektöre göre projeler"),
            "count",
            _(
                "Dönemde başlayan projeler, sektörlerine göre (bir proje birden çok sektörde "
                "sayılabilir)."
            ),
            breakdown=_("Sektör"),
            drill="projects.Project",
            chart="hbar",
        ),
        Indicator(
            "projects_by_district",
            "projects",
            _("İlçeye göre projeler"),
            "count",
            _(
                "Dönemde başlayan projeler, uygulandıkları ilçelere göre (bir proje birden çok "
                "ilçede sayılabilir)."
            ),
            breakdown=_("İlçe"),
            drill="projects.Project",
            chart="hbar",
        ),
    ],
)
register(
    source=_success_source,
    drill=_project_drill,
    indicators=[
        Indicator(
            "application_success_rate",
            "funds",
            _("Başvuru başarı oranı"),
            "percent",
            _(
                "Dönemde karara bağlanan başvurulardan kabul edilenlerin oranı: kabul ÷ (kabul "
                "+ ret); bir projenin dönemdeki son kararı sayılır."
            ),
            breakdown=_("Karar"),
            drill="projects.Project",
            chart="donut",
        )
    ],
)


# --- trainings ---------------------------------------------------------------------------


def _participations(period: Period | None) -> QuerySet[Registration]:
    """Attended, not cancelled registrations of events that start in the period."""
    qs = (
        unscoped_manager(Registration, reason=WHY)
        .filter(attended=True)
        .exclude(status=RegistrationStatus.CANCELLED)
    )
    if period is not None:
        qs = qs.filter(event__starts_on__gte=period.start, event__starts_on__lte=period.end)
    return qs


_PARTICIPATION_DIMS: dict[str, tuple[str, Mapping[Any, Any] | None]] = {
    "participations_by_event_type": ("event__type", dict(EventType.choices)),
    "participations_by_organisation_type": ("organisation_type", dict(OrganisationType.choices)),
    "participations_by_district": ("district_id", None),
    "participations_by_priority_group": (
        "priority_group",
        {True: _("Öncelikli gruptan"), False: _("Öncelikli grup dışında")},
    ),
}


def _participation_labels(dim: str, dim_labels: Mapping[Any, Any] | None) -> dict[Any, Any]:
    names: dict[Any, Any] = {**(dim_labels or {})}
    names[""] = NOT_RECORDED
    names[None] = NOT_RECORDED
    return names


def _participation_value(
    counts: Mapping[Any, int], people: Mapping[Any, int], names: Mapping[Any, Any]
) -> Value:
    rows = _rows(counts, names)
    by_text = {("" if k is None else str(k)): people[k] for k in counts}
    for r in rows:
        r.extra["people"] = by_text.get(r.key, 0)
    return Value(total=sum(counts.values()), rows=rows)


def _participations_fetched(ctx: Context, wanted: set[str]) -> Result:
    """Every breakdown and distinct count from one fetch of the period's participations
    (grouped by office when ``ctx.by_office``): one query instead of six, each with a
    COUNT(DISTINCT) over the registrations."""
    fields = ["person_key", "event__type", "organisation_type", "district_id", "priority_group"]
    columns = [*fields, "office_id"]
    rows = list(ctx.group(_participations(ctx.period)).values_list(*columns))
    out: Result = defaultdict(dict)
    if not rows:
        return out
    district_ids = {r[3] for r in rows if r[3] is not None}
    district_names = (
        dict(District.objects.filter(pk__in=district_ids).values_list("pk", "name"))
        if "participations_by_district" in wanted and district_ids
        else {}
    )
    per_office: defaultdict[OfficeKey, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        per_office[r[5] if ctx.by_office else None].append(r)
    for okey, mine in per_office.items():
        values = out[okey]
        values["participations_total"] = Value(total=len(mine))
        values["trainees_unique"] = Value(total=len({r[0] for r in mine}))
        for name, (dim, dim_labels) in _PARTICIPATION_DIMS.items():
            if name not in wanted:
                continue
            column = fields.index(dim)
            counts: defaultdict[Any, int] = defaultdict(int)
            persons: defaultdict[Any, set[str]] = defaultdict(set)
            for r in mine:
                counts[r[column]] += 1
                persons[r[column]].add(r[0])
            names = _participation_labels(dim, dim_labels)
            names.update(district_names)
            values[name] = _participation_value(
                counts, {k: len(v) for k, v in persons.items()}, names
            )
    return out


def _participations_grouped(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    if wanted & {"participations_total", "trainees_unique"}:
        rows = _grouped(
            ctx.group(_participations(ctx.period)),
            ctx.dims(),
            n=Count("id"),
            people=Count("person_key", distinct=True),
        )
        for row in rows:
            okey = ctx.okey(row)
            out[okey]["participations_total"] = Value(total=row["n"])
            out[okey]["trainees_unique"] = Value(total=row["people"])
    for name, (dim, dim_labels) in _PARTICIPATION_DIMS.items():
        if name not in wanted:
            continue
        dims = ctx.dims(dim, "district__name" if dim == "district_id" else "")
        counts = _nested()
        people = _nested()
        names = _participation_labels(dim, dim_labels)
        for row in (
            ctx.group(_participations(ctx.period))
            .values(*dims)
            .annotate(n=Count("id"), people=Count("person_key", distinct=True))
        ):
            okey = ctx.okey(row)
            counts[okey][row[dim]] += row["n"]
            people[okey][row[dim]] += row["people"]
            if dim == "district_id" and row[dim] is not None:
                names[row[dim]] = row["district__name"]
        for okey, c in counts.items():
            out[okey][name] = _participation_value(c, people[okey], names)
    return out


def _trainings_source(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    if "trainings_total" in wanted:
        events = ctx.group(
            unscoped_manager(Event, reason=WHY)
            .filter(starts_on__gte=ctx.period.start, starts_on__lte=ctx.period.end)
            .filter(Q(status=EventStatus.PUBLISHED) | Q(is_historical=True))
        )
        counts = _nested()
        for row in events.values(*ctx.dims("type")).annotate(n=Count("id")):
            counts[ctx.okey(row)][row["type"]] += row["n"]
        labels = dict(EventType.choices)
        for okey, c in counts.items():
            out[okey]["trainings_total"] = Value(
                total=sum(c.values()), rows=_rows(c, labels, order=EventType.values)
            )
    participation_names = wanted & (
        {"participations_total", "trainees_unique"} | set(_PARTICIPATION_DIMS)
    )
    if participation_names and (not ctx.by_office or len(participation_names) > 2):
        # One fetch of the period's participations; every breakdown and distinct count
        # is made from it (one query instead of six). The national view asking one or
        # two of them for every office groups them in the database instead.
        for okey, values in _participations_fetched(ctx, participation_names).items():
            out[okey].update(values)
    elif participation_names:
        out_grouped = _participations_grouped(ctx, participation_names)
        for okey, values in out_grouped.items():
            out[okey].update(values)
    if "certificates_issued" in wanted:
        certs = ctx.group(
            unscoped_manager(Certificate, reason=WHY).filter(
                issued_at__gte=ctx.period.start_at,
                issued_at__lt=ctx.period.end_before,
                revoked_at__isnull=True,
            )
        )
        counts = _nested()
        for row in certs.values(*ctx.dims("registration__event__type")).annotate(n=Count("id")):
            counts[ctx.okey(row)][row["registration__event__type"]] += row["n"]
        for okey, c in counts.items():
            out[okey]["certificates_issued"] = Value(
                total=sum(c.values()),
                rows=_rows(c, dict(EventType.choices), order=EventType.values),
            )
    if "trainees_since_first_year" in wanted:
        # Everyone ever trained up to the period's end, and the first year on record.
        qs = ctx.group(_participations(None).filter(event__starts_on__lte=ctx.period.end))
        rows = _grouped(
            qs,
            ctx.dims(),
            people=Count("person_key", distinct=True),
            participations=Count("id"),
            first=Min("event__starts_on"),
        )
        firsts = {ctx.okey(r): r["first"].year for r in rows if r["first"]}
        for row in rows:
            okey = ctx.okey(row)
            out[okey]["trainees_since_first_year"] = Value(
                total=row["people"],
                extra={"first_year": firsts.get(okey), "participations": row["participations"]},
            )
    return out


def _training_drill(name: str, key: str, *, office_id: int | None, period: Period) -> QuerySet[Any]:
    if name == "certificates_issued":
        certificates = unscoped_manager(Certificate, reason=WHY).filter(
            issued_at__gte=period.start_at,
            issued_at__lt=period.end_before,
            revoked_at__isnull=True,
        )
        if office_id:
            certificates = certificates.filter(office_id=office_id)
        if key:
            certificates = certificates.filter(registration__event__type=key)
        return unscoped_manager(Event, reason=WHY).filter(
            pk__in=certificates.values("registration__event_id")
        )
    if name == "trainees_since_first_year":
        ever = _participations(None).filter(event__starts_on__lte=period.end)
        if office_id:
            ever = ever.filter(office_id=office_id)
        return unscoped_manager(Event, reason=WHY).filter(pk__in=ever.values("event_id"))
    if name == "trainings_total":
        qs = unscoped_manager(Event, reason=WHY).filter(
            Q(status=EventStatus.PUBLISHED) | Q(is_historical=True),
            starts_on__gte=period.start,
            starts_on__lte=period.end,
        )
        if key:
            qs = qs.filter(type=key)
        return qs.filter(office_id=office_id) if office_id else qs
    participations = _participations(period)
    if office_id:
        participations = participations.filter(office_id=office_id)
    if name in _PARTICIPATION_DIMS and key:
        dim = _PARTICIPATION_DIMS[name][0]
        if key == EMPTY_KEY:
            empty = Q(**{f"{dim}__isnull": True})
            if dim in ("organisation_type", "event__type"):  # text columns
                empty |= Q(**{dim: ""})
            participations = participations.filter(empty)
        elif dim == "priority_group":
            participations = participations.filter(priority_group=key == "True")
        elif dim == "district_id":
            participations = (
                participations.filter(district_id=int(key))
                if key.isdigit()
                else participations.none()
            )
        else:
            participations = participations.filter(**{dim: key})
    events = unscoped_manager(Event, reason=WHY).filter(pk__in=participations.values("event_id"))
    return events


register(
    source=_trainings_source,
    drill=_training_drill,
    indicators=[
        Indicator(
            "trainings_total",
            "trainings",
            _("Eğitim ve etkinlik sayısı"),
            "count",
            _(
                "İlk günü dönemde olan yayımlanmış (ya da geçmişten içe aktarılmış) eğitim ve "
                "etkinlikler, türlerine göre; iptal edilenler sayılmaz."
            ),
            breakdown=_("Etkinlik türü"),
            drill="trainings.Event",
            chart="donut",
        ),
        Indicator(
            "participations_total",
            "trainings",
            _("Katılım"),
            "count",
            _("İlk günü dönemde olan etkinliklere katılan (yoklamada bulunan) kayıtların sayısı."),
            drill="trainings.Event",
        ),
        Indicator(
            "trainees_unique",
            "trainings",
            _("Eğitim alan farklı kişi"),
            "people",
            _(
                "Dönemdeki etkinliklere katılan farklı kişiler (e-posta adresine, yoksa adına "
                "göre bir kez sayılır)."
            ),
            drill="trainings.Event",
        ),
        Indicator(
            "participations_by_event_type",
            "trainings",
            _("Etkinlik türüne göre katılım"),
            "count",
            _("Dönemdeki katılımlar, etkinlik türüne göre (her satırda farklı kişi sayısıyla)."),
            breakdown=_("Etkinlik türü"),
            drill="trainings.Event",
        ),
        Indicator(
            "participations_by_organisation_type",
            "trainings",
            _("Kurum türüne göre katılım"),
            "count",
            _("Dönemdeki katılımlar, katılımcının beyan ettiği kurum türüne göre."),
            breakdown=_("Kurum türü"),
            drill="trainings.Event",
            chart="hbar",
        ),
        Indicator(
            "participations_by_district",
            "trainings",
            _("İlçeye göre katılım"),
            "count",
            _("Dönemdeki katılımlar, katılımcının ilçesine göre."),
            breakdown=_("İlçe"),
            drill="trainings.Event",
            chart="hbar",
        ),
        Indicator(
            "participations_by_priority_group",
            "trainings",
            _("Öncelikli gruplardan katılım"),
            "count",
            _(
                "Dönemdeki katılımlar, katılımcının öncelikli gruplardan (dezavantajlı, genç, "
                "genç girişimci, gençlik çalışanı) olup olmadığına göre."
            ),
            breakdown=_("Öncelikli grup"),
            drill="trainings.Event",
            chart="donut",
        ),
        Indicator(
            "certificates_issued",
            "trainings",
            _("Verilen sertifika"),
            "count",
            _("Dönemde düzenlenen ve iptal edilmemiş katılım sertifikaları, etkinlik türüne göre."),
            breakdown=_("Etkinlik türü"),
            drill="trainings.Event",
        ),
        Indicator(
            "trainees_since_first_year",
            "trainings",
            _("İlk kayıtlı yıldan bu yana eğitim alan kişi"),
            "people",
            _(
                "İlk kayıtlı etkinlikten dönemin sonuna kadar eğitimlere katılan farklı kişiler "
                "(ilk yıl ayrıca verilir)."
            ),
            drill="trainings.Event",
            snapshot=True,
        ),
    ],
)


# --- guidance ------------------------------------------------------------------------------


def _nearest_rank(values: list[int]) -> tuple[float | None, float | None]:
    """Median and 90th percentile (nearest rank) of seconds, in hours."""
    if not values:
        return None, None
    ordered = sorted(values)
    n = len(ordered)
    return (
        round(ordered[(n + 1) // 2 - 1] / 3600, 1),
        round(ordered[(9 * n + 9) // 10 - 1] / 3600, 1),
    )


def _cases_in(period: Period) -> QuerySet[GuidanceCase]:
    return unscoped_manager(GuidanceCase, reason=WHY).filter(
        opened_at__gte=period.start_at, opened_at__lt=period.end_before
    )


def _guidance_source(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    qs = ctx.group(_cases_in(ctx.period))
    if wanted & {"cases_total", "cases_by_channel", "cases_by_topic", "cases_funnel"}:
        channels, topics = _nested(), _nested()
        funnel: defaultdict[OfficeKey, defaultdict[str, int]] = defaultdict(
            lambda: defaultdict(int)
        )
        rows = qs.values(*ctx.dims("channel", "topic", "outcome")).annotate(n=Count("id"))
        for row in rows:
            okey = ctx.okey(row)
            channels[okey][row["channel"]] += row["n"]
            topics[okey][row["topic"]] += row["n"]
            funnel[okey]["consulted"] += row["n"]
            if row["outcome"] in (Outcome.SUBMITTED, Outcome.FUNDED):
                funnel[okey]["submitted"] += row["n"]
            if row["outcome"] == Outcome.FUNDED:
                funnel[okey]["funded"] += row["n"]
        funnel_labels = {
            "consulted": _("Danışılan"),
            "submitted": _("Başvuru yapılan"),
            "funded": _("Destek alan"),
        }
        for okey in channels:
            total = sum(channels[okey].values())
            out[okey]["cases_total"] = Value(total=total)
            out[okey]["cases_by_channel"] = Value(
                total=total, rows=_rows(channels[okey], dict(Channel.choices), order=Channel.values)
            )
            out[okey]["cases_by_topic"] = Value(
                total=total, rows=_rows(topics[okey], dict(Topic.choices), order=Topic.values)
            )
            f = funnel[okey]
            out[okey]["cases_funnel"] = Value(
                total=f["consulted"],
                rows=[
                    Row(key=k, label=str(funnel_labels[k]), value=f[k])
                    for k in ("consulted", "submitted", "funded")
                ],
            )
    for name, column in (
        ("case_first_answer_hours", "first_response_seconds"),
        ("case_close_hours", "resolution_seconds"),
    ):
        if name not in wanted:
            continue
        seconds: defaultdict[OfficeKey, list[int]] = defaultdict(list)
        for row in qs.exclude(**{f"{column}__isnull": True}).values(*ctx.dims(column)):
            seconds[ctx.okey(row)].append(row[column])
        for okey, values in seconds.items():
            median, p90 = _nearest_rank(values)
            out[okey][name] = Value(total=median, extra={"p90": p90, "count": len(values)})
    return out


def _guidance_drill(name: str, key: str, *, office_id: int | None, period: Period) -> QuerySet[Any]:
    qs = _cases_in(period)
    if office_id:
        qs = qs.filter(office_id=office_id)
    if name == "cases_by_channel" and key:
        qs = qs.filter(channel=key)
    elif name == "cases_by_topic" and key:
        qs = qs.filter(topic=key)
    elif name == "cases_funnel" and key == "submitted":
        qs = qs.filter(outcome__in=(Outcome.SUBMITTED, Outcome.FUNDED))
    elif name == "cases_funnel" and key == "funded":
        qs = qs.filter(outcome=Outcome.FUNDED)
    elif name == "case_first_answer_hours":
        qs = qs.filter(first_response_seconds__isnull=False)
    elif name == "case_close_hours":
        qs = qs.filter(resolution_seconds__isnull=False)
    return qs


register(
    source=_guidance_source,
    drill=_guidance_drill,
    indicators=[
        Indicator(
            "cases_total",
            "guidance",
            _("Danışma talebi"),
            "count",
            _("Dönemde açılan danışma talepleri (her kanaldan)."),
            drill="guidance.Case",
        ),
        Indicator(
            "cases_by_channel",
            "guidance",
            _("Kanala göre danışma talepleri"),
            "count",
            _("Dönemde açılan danışma talepleri, geldikleri kanala göre."),
            breakdown=_("Kanal"),
            drill="guidance.Case",
            chart="donut",
        ),
        Indicator(
            "cases_by_topic",
            "guidance",
            _("Konuya göre danışma talepleri"),
            "count",
            _("Dönemde açılan danışma talepleri, konularına göre."),
            breakdown=_("Konu"),
            drill="guidance.Case",
            chart="hbar",
        ),
        Indicator(
            "case_first_answer_hours",
            "guidance",
            _("İlk yanıt süresi (ortanca)"),
            "hours",
            _(
                "Dönemde açılan ve yanıtlanan taleplerde açılıştan ilk yanıta geçen sürenin "
                "ortancası, saat; 90. yüzdelik ayrıca verilir."
            ),
            drill="guidance.Case",
        ),
        Indicator(
            "case_close_hours",
            "guidance",
            _("Kapanış süresi (ortanca)"),
            "hours",
            _(
                "Dönemde açılan ve kapatılan taleplerde açılıştan kapanışa geçen sürenin "
                "ortancası, saat; 90. yüzdelik ayrıca verilir."
            ),
            drill="guidance.Case",
        ),
        Indicator(
            "cases_funnel",
            "guidance",
            _("Danışmadan desteğe"),
            "count",
            _(
                "Dönemde açılan talepler (danışılan), bunlardan sonucu başvuru yapıldı ya da "
                "destek alındı olanlar (başvuru yapılan) ve destek alındı olanlar."
            ),
            breakdown=_("Adım"),
            drill="guidance.Case",
        ),
    ],
)


# --- calls, organisations, partners -------------------------------------------------------


def _calls_source(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    if "calls_published" in wanted:
        calls = ctx.group(_calls_in(ctx.period))
        counts = _nested()
        for row in calls.values(*ctx.dims("level")).annotate(n=Count("id")):
            counts[ctx.okey(row)][row["level"]] += row["n"]
        for okey, c in counts.items():
            out[okey]["calls_published"] = Value(
                total=sum(c.values()), rows=_rows(c, dict(Level.choices), order=Level.values)
            )
    if "alert_subscribers" in wanted:
        end = ctx.period.end_before
        searches = ctx.group(
            unscoped_manager(SavedSearch, reason=WHY)
            .exclude(frequency="")
            .exclude(email="")
            .filter(alert_confirmed_at__lt=end)
            .filter(
                Q(unsubscribed_at__isnull=True)
                | Q(unsubscribed_at__gte=end)
                | Q(unsubscribed_at__lt=F("alert_confirmed_at"))
            )
        )
        follows = ctx.group(
            unscoped_manager(CallFollow, reason=WHY)
            .filter(confirmed_at__lt=end)
            .filter(Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=end))
        )
        counts = _nested()
        for kind, qs in (("saved_search", searches), ("call_follow", follows)):
            for row in _grouped(qs, ctx.dims(), n=Count("id")):
                counts[ctx.okey(row)][kind] += row["n"]
        labels = {
            "saved_search": _("Kayıtlı arama uyarısı"),
            "call_follow": _("Çağrı takibi"),
        }
        for okey, c in counts.items():
            out[okey]["alert_subscribers"] = Value(total=sum(c.values()), rows=_rows(c, labels))
    return out


def _organisations_source(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    qs = ctx.group(unscoped_manager(Organisation, reason=WHY).filter(type__in=PUBLIC_TYPES))
    teams, bodies = _nested(), defaultdict[OfficeKey, int](int)
    formed = _with_team(ctx.period)
    for row in qs.values(*ctx.dims("type")).annotate(
        n=Count("id"), teams=Count("id", filter=formed)
    ):
        okey = ctx.okey(row)
        teams[okey][row["type"]] += row["teams"]
        bodies[okey] += row["n"]
    for okey, c in teams.items():
        total = sum(c.values())
        out[okey]["public_bodies_with_team"] = Value(
            total=total,
            rows=_rows(c, dict(OrganisationType.choices), order=list(PUBLIC_TYPES)),
            extra={
                "public_bodies": bodies[okey],
                "share": round(100 * total / bodies[okey], 1) if bodies[okey] else None,
            },
        )
    return out


def _partners_source(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    answered = Exists(unscoped_manager(Answer, reason=WHY).filter(post=OuterRef("pk")))
    qs = ctx.group(
        unscoped_manager(PartnerSearch, reason=WHY).filter(
            created_at__gte=ctx.period.start_at, created_at__lt=ctx.period.end_before
        )
    ).annotate(answered=answered)
    counts, posts = _nested(), defaultdict[OfficeKey, int](int)
    for row in qs.values(*ctx.dims("kind", "answered")).annotate(n=Count("id")):
        okey = ctx.okey(row)
        posts[okey] += row["n"]
        if row["answered"]:
            counts[okey][row["kind"]] += row["n"]
    for okey, total_posts in posts.items():
        c = counts[okey]
        total = sum(c.values())
        out[okey]["partner_searches_answered"] = Value(
            total=total,
            rows=_rows(c, dict(PostKind.choices), order=PostKind.values),
            extra={
                "posts": total_posts,
                "share": round(100 * total / total_posts, 1) if total_posts else None,
            },
        )
    return out


def _calls_in(period: Period) -> QuerySet[Call]:
    return unscoped_manager(Call, reason=WHY).filter(
        state__in=(CallState.PUBLISHED, CallState.ARCHIVED),
        published_at__gte=period.start_at,
        published_at__lt=period.end_before,
    )


def _calls_drill(
    name: str, key: str, *, office_id: int | None, period: Period
) -> QuerySet[Any] | None:
    """The calls behind ``calls_published``; alert subscribers are people's addresses,
    which no staff page lists, so that indicator has no drill-down."""
    if name != "calls_published":
        return None
    qs = _calls_in(period)
    if office_id:
        qs = qs.filter(office_id=office_id)
    return qs.filter(level=key) if key else qs


def _with_team(period: Period) -> Q:
    return Q(team_status=TeamStatus.FORMED) & (
        Q(team_formed_on__isnull=True) | Q(team_formed_on__lte=period.end)
    )


def _organisations_drill(
    name: str, key: str, *, office_id: int | None, period: Period
) -> QuerySet[Any]:
    qs = unscoped_manager(Organisation, reason=WHY).filter(
        _with_team(period), type__in=PUBLIC_TYPES
    )
    if office_id:
        qs = qs.filter(office_id=office_id)
    return qs.filter(type=key) if key else qs


def _partners_drill(name: str, key: str, *, office_id: int | None, period: Period) -> QuerySet[Any]:
    qs = unscoped_manager(PartnerSearch, reason=WHY).filter(
        Exists(unscoped_manager(Answer, reason=WHY).filter(post=OuterRef("pk"))),
        created_at__gte=period.start_at,
        created_at__lt=period.end_before,
    )
    if office_id:
        qs = qs.filter(office_id=office_id)
    return qs.filter(kind=key) if key else qs


register(
    source=_calls_source,
    drill=_calls_drill,
    indicators=[
        Indicator(
            "calls_published",
            "calls",
            _("Yayımlanan çağrılar"),
            "count",
            _(
                "Ofisin dönemde yayımladığı çağrılar (sonradan arşive kaldırılanlar dahil), "
                "düzeyine göre."
            ),
            breakdown=_("Düzey"),
            drill="calls.Call",
        ),
        Indicator(
            "alert_subscribers",
            "calls",
            _("Çağrı uyarısı aboneleri"),
            "count",
            _(
                "Dönemin sonunda onaylanmış ve iptal edilmemiş e-posta uyarıları: kayıtlı "
                "arama uyarıları ve tek bir çağrının takipleri."
            ),
            breakdown=_("Uyarı türü"),
            snapshot=True,
        ),
    ],
)
register(
    source=_organisations_source,
    drill=_organisations_drill,
    indicators=[
        Indicator(
            "public_bodies_with_team",
            "organisations",
            _("Proje ekibi kurmuş kamu kurumları"),
            "count",
            _(
                "Rehberdeki kamu kurumları, belediyeler, muhtarlıklar, üniversiteler ve "
                "okullardan proje ekibi kurulmuş olanlar (kuruluş tarihi dönemin sonundan "
                "sonra olanlar hariç; ekip durumu bugünkü kayda göre)."
            ),
            breakdown=_("Kurum türü"),
            drill="organisations.Organisation",
            snapshot=True,
        ),
    ],
)
register(
    source=_partners_source,
    drill=_partners_drill,
    indicators=[
        Indicator(
            "partner_searches_answered",
            "partners",
            _("Yanıt alan ortak arama ilanları"),
            "count",
            _(
                "Dönemde verilen ortak arama ilanlarından en az bir yanıt alanlar, ilan "
                "türüne göre."
            ),
            breakdown=_("İlan türü"),
            drill="partners.PartnerSearch",
        ),
    ],
)


# --- governance: decisions register, public consultations --------------------------------


def _decisions_in(period: Period) -> QuerySet[Decision]:
    return unscoped_manager(Decision, reason=WHY).filter(
        decided_on__gte=period.start, decided_on__lte=period.end
    )


def _governance_source(ctx: Context, wanted: set[str]) -> Result:
    out: Result = defaultdict(dict)
    if wanted & {"decisions_by_state", "decisions_by_owner"}:
        today = timezone.localdate()
        states, owners = _nested(), _nested()
        owner_names: dict[int, str] = {}
        qs = ctx.group(_decisions_in(ctx.period))
        for row in qs.values(*ctx.dims("status", "owner_id", "owner__name")).annotate(
            n=Count("id"), late=Count("id", filter=state_q(DecisionState.LATE, today))
        ):
            okey = ctx.okey(row)
            on_time = row["n"] - row["late"]
            if row["late"]:
                states[okey][DecisionState.LATE.value] += row["late"]
            if on_time:
                states[okey][row["status"]] += on_time
            owners[okey][row["owner_id"]] += row["n"]
            owner_names[row["owner_id"]] = row["owner__name"]
        for okey in states:
            total = sum(states[okey].values())
            out[okey]["decisions_by_state"] = Value(
                total=total,
                rows=_rows(states[okey], dict(DecisionState.choices), order=DecisionState.values),
            )
            out[okey]["decisions_by_owner"] = Value(
                total=total, rows=_rows(owners[okey], owner_names)[:15]
            )
    if wanted & {"consultation_contributions_by_group", "consultation_contributions_by_kind"}:
        groups, kinds = _nested(), _nested()
        contributions = _contributions_in(ctx.period)
        for row in (
            ctx.group(contributions)
            .values(*ctx.dims("priority_group", "author_kind"))
            .annotate(n=Count("id"))
        ):
            okey = ctx.okey(row)
            groups[okey][row["priority_group"] or ""] += row["n"]
            kinds[okey][row["author_kind"]] += row["n"]
        group_labels: dict[Any, Any] = {**dict(PriorityGroup.choices), "": _("Belirtilmedi")}
        for okey in kinds:
            total = sum(kinds[okey].values())
            out[okey]["consultation_contributions_by_group"] = Value(
                total=total,
                rows=_rows(groups[okey], group_labels, order=[*PriorityGroup.values, ""]),
            )
            out[okey]["consultation_contributions_by_kind"] = Value(
                total=total, rows=_rows(kinds[okey], dict(AuthorKind.choices))
            )
    return out


def _contributions_in(period: Period) -> QuerySet[Contribution]:
    return unscoped_manager(Contribution, reason=WHY).filter(
        created_at__gte=period.start_at, created_at__lt=period.end_before
    )


def _governance_drill(
    name: str, key: str, *, office_id: int | None, period: Period
) -> QuerySet[Any]:
    if name.startswith("consultation_contributions"):
        contributions = _contributions_in(period)
        if office_id:
            contributions = contributions.filter(office_id=office_id)
        if name == "consultation_contributions_by_group" and key == EMPTY_KEY:
            contributions = contributions.filter(priority_group="")
        elif name == "consultation_contributions_by_group" and key:
            contributions = contributions.filter(priority_group=key)
        elif key:
            contributions = contributions.filter(author_kind=key)
        return contributions
    decisions = _decisions_in(period)
    if office_id:
        decisions = decisions.filter(office_id=office_id)
    if not key:
        return decisions
    if name == "decisions_by_state":
        if key not in DecisionState.values:
            return decisions.none()
        late = state_q(DecisionState.LATE, timezone.localdate())
        # As the indicator counts: an open decision past its due date is late, not
        # planned or in progress.
        return (
            decisions.filter(late)
            if key == DecisionState.LATE
            else decisions.filter(Q(status=key) & ~late)
        )
    return decisions.filter(owner_id=int(key)) if key.isdigit() else decisions.none()


register(
    source=_governance_source,
    drill=_governance_drill,
    indicators=[
        Indicator(
            "decisions_by_state",
            "governance",
            _("Durumlarına göre kararlar"),
            "count",
            _(
                "Dönemde alınan (ya da ile verilen) kararlar ve eylemler, bugünkü durumlarına "
                "göre; bitiş tarihi geçmiş açık kararlar gecikmede sayılır."
            ),
            breakdown=_("Durum"),
            drill="decisions.Decision",
            chart="hbar",
            compare=False,
        ),
        Indicator(
            "decisions_by_owner",
            "governance",
            _("Sorumlu kuruma göre kararlar"),
            "count",
            _("Dönemde alınan kararlar ve eylemler, sorumlu kuruma göre (en çok 15 kurum)."),
            breakdown=_("Sorumlu kurum"),
            drill="decisions.Decision",
            chart="hbar",
            compare=False,
        ),
        Indicator(
            "consultation_contributions_by_group",
            "governance",
            _("Öncelikli gruplara göre istişare katkıları"),
            "count",
            _(
                "Dönemde kamu istişarelerine gelen katkılar, katılımcının onayla belirttiği "
                "öncelikli gruba göre (belirtmeyenler ayrı)."
            ),
            breakdown=_("Grup"),
            drill="consultations.Contribution",
            chart="hbar",
        ),
        Indicator(
            "consultation_contributions_by_kind",
            "governance",
            _("Katılımcı türüne göre istişare katkıları"),
            "count",
            _("Dönemde kamu istişarelerine gelen katkılar: vatandaşlar ve kurum hesapları."),
            breakdown=_("Katılımcı türü"),
            drill="consultations.Contribution",
            chart="donut",
        ),
    ],
)


# --- data quality --------------------------------------------------------------------------


@dataclass
class QualityIssue:
    """Records that make the figures incomplete: ``records`` is ``[(id, title), ...]``."""

    code: str
    message: str
    model: str
    records: list[tuple[int, str]]

    @property
    def ids(self) -> list[int]:
        return [pk for pk, _title in self.records]

    @property
    def count(self) -> int:
        return len(self.records)


QUALITY_LIMIT = 200


def data_quality(office: Any) -> list[QualityIssue]:
    """The office's records that make its figures incomplete (at most 200 each)."""
    oid = _office_id(office)
    assert oid is not None, "data quality is an office's"
    projects = unscoped_manager(Project, reason=WHY).filter(office_id=oid).order_by("id")
    project_title = Coalesce(
        NullIf("acronym", Value_("")), NullIf("title_tr", Value_("")), "title_en"
    )
    checks: list[tuple[str, Any, str, QuerySet[Any], Any]] = [
        (
            "funded_without_grant",
            _("{n} desteklenen projenin hibe tutarı yok"),
            "projects.Project",
            projects.filter(stage__in=FUNDED_STAGES, grant_amount__isnull=True),
            project_title,
        ),
        (
            "funded_without_start",
            _("{n} desteklenen projenin başlangıç tarihi yok"),
            "projects.Project",
            projects.filter(stage__in=FUNDED_STAGES, start_date__isnull=True),
            project_title,
        ),
        (
            "amount_without_rate",
            _(
                "{n} desteklenen projenin tutarı var ama kuru yok (öteki para birimine "
                "çevrilemiyor)"
            ),
            "projects.Project",
            projects.filter(stage__in=FUNDED_STAGES)
            .filter(Q(exchange_rate__isnull=True) | Q(exchange_rate=0))
            .filter(Q(grant_amount__isnull=False) | Q(total_cost__isnull=False)),
            project_title,
        ),
        (
            "without_programme",
            _("{n} projenin fon programı yok"),
            "projects.Project",
            projects.exclude(stage=Stage.IDEA).filter(programme=""),
            project_title,
        ),
        (
            "without_district",
            _("{n} desteklenen projenin ilçesi yok"),
            "projects.Project",
            # NOT EXISTS per project (the office's few thousand) rather than a join
            # with the whole link table filtered on NULL.
            projects.filter(stage__in=FUNDED_STAGES).exclude(
                Exists(
                    unscoped_manager(Project.districts.through, reason=WHY).filter(
                        project_id=OuterRef("pk")
                    )
                )
            ),
            project_title,
        ),
        (
            "event_without_date",
            _("{n} etkinliğin tarihi (oturumu) yok"),
            "trainings.Event",
            unscoped_manager(Event, reason=WHY)
            .filter(office_id=oid, starts_on__isnull=True)
            .exclude(status=EventStatus.CANCELLED)
            .order_by("id"),
            F("title_tr"),
        ),
    ]
    issues = []
    for code, message, model, qs, title in checks:
        found = list(
            qs.annotate(record_title=title)
            .values_list("id", "record_title")
            .distinct()[:QUALITY_LIMIT]
        )
        if found:
            issues.append(
                QualityIssue(
                    code,
                    str(message).format(n=len(found)),
                    model,
                    [(i, t or f"#{i}") for i, t in found],
                )
            )
    return issues


__all__ = [
    "AREAS",
    "EMPTY_KEY",
    "INDICATORS",
    "UNITS",
    "Context",
    "Indicator",
    "QualityIssue",
    "Row",
    "UnknownIndicator",
    "Value",
    "change",
    "compute",
    "compute_by_office",
    "data_quality",
    "indicators_of",
    "records",
    "register",
]
