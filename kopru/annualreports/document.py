"""The report as one document, in one language: what the panel preview, the PDF and
the XLSX all show. Built from the report's narrative and a figures snapshot
(:mod:`.figures`), never from the database, so a frozen report reads the same forever."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopru.core.i18n import localized
from kopru.statistics import charts, indicators, sections
from kopru.statistics.indicators import Row as StatRow
from kopru.statistics.indicators import Value
from kopru.statistics.periods import Period

from .figures import as_of, text
from .models import SECTIONS, AnnualReport

DECIMALS = {"percent": 1, "hours": 1}
CHART_KINDS: dict[str, charts.ChartKind] = {
    "bar": "bar",
    "hbar": "hbar",
    "line": "line",
    "donut": "donut",
}


def number(value: Any, language: str, decimals: int = 0) -> str:
    """A figure as the dashboard writes it in ``language`` (1.690 / 1,690; "—" for none)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | None):
        return str(value)
    with translation.override(language):
        return charts.fmt(value, decimals)


@dataclass
class Row:
    label: str
    value: Any
    shown: str
    previous: Any = None


@dataclass
class Indicator:
    name: str
    label: str
    unit: str
    definition: str
    value: Any
    shown: str
    previous: Any
    previous_shown: str
    change: float | None
    change_shown: str
    rows: list[Row]
    chart: charts.Chart | None = None


@dataclass
class Area:
    key: str
    title: str
    indicators: list[Indicator]
    highlights: list[str] = field(default_factory=list)

    @property
    def headline(self) -> list[Indicator]:
        return [i for i in self.indicators if i.value is not None]

    @property
    def breakdowns(self) -> list[Indicator]:
        return [i for i in self.indicators if i.rows]


@dataclass
class Section:
    key: str
    roman: str
    title: str
    text: str


@dataclass
class Document:
    language: str
    governorship: str
    office_name: str
    title: str
    period_label: str
    previous_label: str
    period_start: dt.date
    period_end: dt.date
    revision: int
    status: str
    is_draft: bool
    as_of: dt.datetime
    sections: list[Section]
    facts: list[tuple[str, str]]
    staff: list[tuple[str, str]]
    areas: list[Area]
    stories: list[tuple[str, str]]


def _chart(
    raw: dict[str, Any], ind: Indicator, periods: tuple[str, str], decimals: int
) -> charts.Chart:
    """The breakdown as a chart of :mod:`kopru.statistics.charts`: the period and the one
    before it side by side (a donut shows the period only)."""
    kinds: dict[str, charts.ChartKind] = {
        "bar": "bar",
        "hbar": "hbar",
        "line": "line",
        "donut": "donut",
    }
    kind = kinds.get(str(raw.get("chart")), "bar")
    if kind == "bar" and len(ind.rows) > 6:
        kind = "hbar"
    current = charts.Series(periods[0], [r.value for r in ind.rows])
    before = charts.Series(periods[1], [r.previous for r in ind.rows])
    return charts.Chart(
        id=f"ar-{ind.name.replace('_', '-')}",
        kind=kind,
        title=ind.label,
        labels=[r.label for r in ind.rows],
        series=[current] if kind == "donut" else [current, before],
        unit=ind.unit,
        label_heading=text(raw.get("breakdown")),
        decimals=decimals,
    )


def _value(total: Any, rows: list[dict[str, Any]], extra: Any, language: str) -> Value:
    return Value(
        total=total,
        rows=[
            StatRow(
                key=str(r.get("key", "")),
                label=text(r.get("label"), language),
                value=r.get("value"),
            )
            for r in rows
        ],
        extra=dict(extra or {}),
    )


def _indicator(
    raw: dict[str, Any], language: str, periods: tuple[Period, Period], with_charts: bool
) -> Indicator:
    """One frozen indicator, laid out as the dashboard lays it out (the same functions of
    :mod:`kopru.statistics.sections`) while the indicator still exists; an indicator
    since retired keeps its stored texts and a plain chart."""
    decimals = DECIMALS.get(raw.get("unit_code", ""), 0)
    value = _value(raw.get("value"), raw.get("rows", []), raw.get("extra"), language)
    previous_rows = raw.get("previous_rows")
    if previous_rows is None:  # a snapshot from before previous rows were kept
        previous_rows = [
            {"key": r.get("key"), "label": r.get("label"), "value": r.get("previous")}
            for r in raw.get("rows", [])
            if r.get("previous") is not None
        ]
    previous = _value(raw.get("previous"), previous_rows, raw.get("previous_extra"), language)
    known = indicators.INDICATORS.get(raw.get("name", ""))
    rows = [Row(r.label, r.value, number(r.value, language, decimals), None) for r in value.rows]
    change = raw.get("change")
    if known is not None:
        fig = sections.figure(known, value, previous)
        shown, previous_shown, change_shown = fig.value, fig.previous, fig.change_text
        unit = fig.unit or text(raw.get("unit"), language)
    else:
        shown = number(value.total, language, decimals)
        previous_shown = number(previous.total, language, decimals)
        change_shown = "" if change is None else _signed(change, language)
        unit = text(raw.get("unit"), language)
    ind = Indicator(
        name=raw.get("name", ""),
        label=text(raw.get("label"), language),
        unit=unit,
        definition=text(raw.get("definition"), language),
        value=value.total,
        shown=shown,
        previous=previous.total,
        previous_shown=previous_shown,
        change=change,
        change_shown=change_shown,
        rows=rows,
    )
    previous_by_key = {r.key: r.value for r in previous.rows}
    for row, raw_row in zip(ind.rows, value.rows, strict=True):
        row.previous = previous_by_key.get(raw_row.key)
    if with_charts and rows:
        if known is not None:
            ind.chart = sections.chart_for(
                known,
                value,
                period=periods[0],
                previous=previous,
                previous_period=periods[1],
                id_prefix="ar",
            )
        else:
            ind.chart = _chart(raw, ind, (str(periods[0].label), str(periods[1].label)), decimals)
    return ind


def _signed(change: float, language: str) -> str:
    shown = number(abs(change), language, 1)
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return f"{sign}%{shown}" if language == "tr" else f"{sign}{shown}%"


def _highlights(indicators: list[Indicator], previous_label: str) -> list[str]:
    """The area's largest changes against the period before (at most three)."""
    moved = sorted(
        (i for i in indicators if i.change not in (None, 0)),
        key=lambda i: -abs(i.change or 0),
    )[:3]
    return [
        _("{label}: {value} ({previous_period}: {previous}; {change})").format(
            label=i.label,
            value=i.shown,
            previous_period=previous_label,
            previous=i.previous_shown,
            change=i.change_shown,
        )
        for i in moved
    ]


def _facts(office: dict[str, Any], language: str) -> list[tuple[str, str]]:
    facts = [(_("Ofis"), text(office.get("name"), language))]
    if office.get("founding_name"):
        facts.append((_("Kuruluştaki adı"), office["founding_name"]))
    if office.get("founded_on"):
        founded = dt.date.fromisoformat(office["founded_on"])
        facts.append((_("Kuruluş tarihi"), date_format(founded, "SHORT_DATE_FORMAT")))
    areas = [text(a, language) for a in office.get("activity_areas", [])]
    if areas:
        facts.append((_("Faaliyet alanları"), ", ".join(areas)))
    if office.get("is_eurodesk_point"):
        facts.append((_("Eurodesk temas noktası"), _("Evet")))
    for label, key in ((_("Adres"), "address"), (_("Telefon"), "phone"), (_("E-posta"), "email")):
        if office.get(key):
            facts.append((label, office[key]))
    if office.get("website"):
        facts.append((_("Web sitesi"), office["website"]))
    facts.append((_("Personel sayısı"), number(len(office.get("staff", [])), language)))
    return facts


def build(
    report: AnnualReport, snapshot: dict[str, Any], language: str, *, with_charts: bool = True
) -> Document:
    with translation.override(language):
        office = snapshot.get("office", {})
        period = report.period
        label = str(period.label)
        title = (
            _("{period} Yılı Faaliyet Raporu").format(period=label)
            if period.kind == "year"
            else _("{period} Dönemi Faaliyet Raporu").format(period=label)
        )
        sections = [
            Section(key, key.upper(), str(label), localized(report, fieldname, language))
            for key, fieldname, label in SECTIONS
        ]
        previous_key = snapshot.get("period", {}).get("previous")
        previous_period = Period.parse(previous_key) if previous_key else period.previous()
        periods = (period, previous_period)
        areas = []
        for a in snapshot.get("areas", []):
            items = [_indicator(i, language, periods, with_charts) for i in a.get("indicators", [])]
            areas.append(
                Area(
                    key=a.get("key", ""),
                    title=text(a.get("title"), language),
                    indicators=items,
                    highlights=_highlights(items, str(previous_period.label)),
                )
            )
        return Document(
            language=language,
            governorship=text(office.get("governorship"), language),
            office_name=text(office.get("name"), language),
            title=title,
            period_label=label,
            previous_label=str(previous_period.label),
            period_start=report.period_start,
            period_end=report.period_end,
            revision=report.revision,
            status=str(report.get_status_display()),
            is_draft=report.is_draft,
            as_of=timezone.localtime(as_of(snapshot)),
            sections=sections,
            facts=_facts(office, language),
            staff=[(p["name"], text(p.get("role"), language)) for p in office.get("staff", [])],
            areas=areas,
            stories=[
                (text(s.get("title"), language), text(s.get("summary"), language))
                for s in snapshot.get("stories", [])
            ],
        )
