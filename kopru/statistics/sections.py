"""Indicators laid out for reading: headline figures, and per area its charts and figures.

The dashboard, the public page and (through the same functions) the annual report
show indicators the same way:

* ``headlines(values, previous)`` → the headline figures (``Figure``: label, value
  text, previous, change in %);
* ``areas(values, previous, period, previous_period, link=None)`` → one ``Area`` per
  indicator area, with a ``Chart`` for every indicator that has rows and a ``Figure``
  for every single number; ``link(name, key)`` makes a bar a drill-down link;
* ``chart_for(indicator, value, ...)`` → the ``Chart`` of one indicator;
* ``open_data(values, office, period)`` → the JSON document of the open data, and
  ``csv_rows(...)`` its CSV rows, with each indicator's definitions in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .charts import Chart, Series, fmt
from .indicators import AREAS, INDICATORS, UNITS, Indicator, Value, change
from .periods import Period

Link = Callable[[str, str], str | None]

# The figures at the top of the dashboard and the public page, in this order.
HEADLINES = (
    "projects_total",
    "funds_grant_eur",
    "application_success_rate",
    "trainings_total",
    "participations_total",
    "trainees_unique",
    "cases_total",
    "calls_published",
    "public_bodies_with_team",
    "partner_searches_answered",
)
MAX_BARS = 15
DECIMALS = {"percent": 1, "hours": 1, "EUR": 0, "TRY": 0}


@dataclass
class Figure:
    name: str
    label: str
    value: str
    unit: str
    previous: str = ""
    change: float | None = None
    note: str = ""
    definition: str = ""
    points: bool = False  # a rate changes by percentage points, not by a %
    link: str | None = None  # the records behind the figure (the dashboard's drill-down)

    @property
    def change_text(self) -> str:
        if self.change is None:
            return ""
        sign = "+" if self.change > 0 else ""
        unit = _("puan") if self.points else "%"
        return f"{sign}{fmt(self.change, 1)} {unit}"

    @property
    def trend(self) -> str:
        if self.change is None or self.change == 0:
            return "flat"
        return "up" if self.change > 0 else "down"


@dataclass
class Area:
    key: str
    title: str
    charts: list[tuple[Indicator, Chart]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def number_text(indicator: Indicator, value: int | float | None) -> str:
    return fmt(value, DECIMALS.get(indicator.unit, 0))


def unit_text(indicator: Indicator) -> str:
    if indicator.unit == "percent":
        return "%"
    if indicator.unit in ("EUR", "TRY"):
        return indicator.unit
    if indicator.unit == "count":
        return ""
    return str(UNITS[indicator.unit])


def _note(indicator: Indicator, value: Value) -> str:
    extra = value.extra
    if indicator.unit == "hours" and extra.get("count"):
        return _("90. yüzdelik: {p90} saat · {n} talep").format(
            p90=fmt(extra.get("p90"), 1), n=fmt(extra["count"])
        )
    if indicator.name == "application_success_rate" and extra.get("decided"):
        return _("{a} kabul / {d} karar").format(a=fmt(extra["approved"]), d=fmt(extra["decided"]))
    if indicator.name == "trainees_since_first_year" and extra.get("first_year"):
        return _("{year} yılından bu yana").format(year=extra["first_year"])
    if indicator.name == "public_bodies_with_team" and extra.get("public_bodies"):
        return _("Rehberdeki {n} kamu kurumundan").format(n=fmt(extra["public_bodies"]))
    if indicator.name == "partner_searches_answered" and extra.get("posts"):
        return _("{n} ilandan").format(n=fmt(extra["posts"]))
    if indicator.unit in ("EUR", "TRY") and extra.get("projects"):
        return _("{n} desteklenen proje").format(n=fmt(extra["projects"]))
    return ""


def figure(indicator: Indicator, value: Value, previous: Value | None) -> Figure:
    points = indicator.unit == "percent"
    if previous is None:
        moved = None
    elif points:
        moved = (
            round(value.total - previous.total, 1)
            if value.total is not None and previous.total is not None
            else None
        )
    else:
        moved = change(value.total, previous.total)
    return Figure(
        name=indicator.name,
        label=str(indicator.label),
        value=number_text(indicator, value.total),
        unit=unit_text(indicator),
        previous=number_text(indicator, previous.total) if previous is not None else "",
        change=moved,
        points=points,
        note=_note(indicator, value),
        definition=str(indicator.definition),
    )


def headlines(values: dict[str, Value], previous: dict[str, Value] | None = None) -> list[Figure]:
    return [
        figure(INDICATORS[n], values[n], previous.get(n) if previous else None)
        for n in HEADLINES
        if n in values
    ]


def chart_for(
    indicator: Indicator,
    value: Value,
    *,
    period: Period,
    previous: Value | None = None,
    previous_period: Period | None = None,
    link: Link | None = None,
    id_prefix: str = "chart",
) -> Chart:
    """The chart of an indicator with rows; the previous period beside it on bars."""
    kind = indicator.chart
    if kind == "line" and len(value.rows) < 3:
        kind = "bar"  # a trend of one or two points reads better as bars
    rows = value.rows[:MAX_BARS]
    keys = [r.key for r in rows]
    labels = [r.label for r in rows]
    compare = (
        indicator.compare
        and previous is not None
        and previous_period is not None
        and kind in ("bar", "hbar")
    )
    if compare and previous is not None and len(keys) < MAX_BARS:
        for r in previous.rows:
            if r.key not in keys and len(keys) < MAX_BARS:
                keys.append(r.key)
                labels.append(r.label)
    now = {r.key: r.value for r in value.rows}
    series = [Series(period.label, [now.get(k, 0) for k in keys])]
    if compare and previous is not None and previous_period is not None:
        before = {r.key: r.value for r in previous.rows}
        series.append(Series(previous_period.label, [before.get(k, 0) for k in keys]))
    description = str(indicator.definition)
    if len(value.rows) > MAX_BARS:
        description += " " + _("Grafikte en büyük {n} kalem; tamamı açık veride.").format(
            n=MAX_BARS
        )
    return Chart(
        id=f"{id_prefix}-{indicator.name}",
        kind=kind,
        title=str(indicator.label),
        description=description,
        labels=labels,
        series=series,
        links=[link(indicator.name, k) for k in keys] if link and indicator.drill else (),
        # the rows count records (a rate's rows are its decisions): no "%" on them
        unit="" if indicator.unit == "percent" else unit_text(indicator),
        label_heading=str(indicator.breakdown or ""),
        decimals=0,
    )


def areas(
    values: dict[str, Value],
    *,
    period: Period,
    previous: dict[str, Value] | None = None,
    previous_period: Period | None = None,
    link: Link | None = None,
    total_link: Callable[[str], str | None] | None = None,
    id_prefix: str = "chart",
) -> list[Area]:
    """``link(name, key)`` makes each bar a link to its records, ``total_link(name)``
    each single figure (indicators that name a ``drill`` model only)."""
    out = []
    for key, title in AREAS.items():
        area = Area(key=key, title=str(title))
        for ind in INDICATORS.values():
            if ind.area != key or ind.name not in values:
                continue
            value = values[ind.name]
            before = previous.get(ind.name) if previous else None
            if ind.breakdown:
                area.charts.append(
                    (
                        ind,
                        chart_for(
                            ind,
                            value,
                            period=period,
                            previous=before,
                            previous_period=previous_period,
                            link=link,
                            id_prefix=id_prefix,
                        ),
                    )
                )
            else:
                shown = figure(ind, value, before)
                if total_link is not None and ind.drill:
                    shown.link = total_link(ind.name)
                area.figures.append(shown)
        if area.charts or area.figures:
            out.append(area)
    return out


# --- open data -------------------------------------------------------------------------


def open_data(values: dict[str, Value], *, office: Any, period: Period) -> dict[str, Any]:
    """The JSON document: the period, every indicator with its definition and figures."""
    return {
        "office": office.slug if office is not None else None,
        "period": {"key": period.key, "start": period.start, "end": period.end},
        "generated_at": timezone.now().replace(microsecond=0),
        "indicators": {
            name: {
                "area": INDICATORS[name].area,
                "unit": INDICATORS[name].unit,
                **INDICATORS[name].texts(),
                **value.as_dict(),
            }
            for name, value in values.items()
        },
    }


CSV_HEADER = (
    "indicator",
    "area",
    "unit",
    "key",
    "label",
    "value",
    "period",
    "label_tr",
    "label_en",
    "definition_tr",
    "definition_en",
)


def csv_rows(values: dict[str, Value], *, period: Period) -> list[list[Any]]:
    """One line for each indicator's total and one for each row of its breakdown."""
    lines: list[list[Any]] = []
    for name, value in values.items():
        ind = INDICATORS[name]
        texts = ind.texts()
        common = [
            texts["label_tr"],
            texts["label_en"],
            texts["definition_tr"],
            texts["definition_en"],
        ]
        lines.append([name, ind.area, ind.unit, "", "", value.total, period.key, *common])
        for row in value.rows:
            lines.append(
                [name, ind.area, ind.unit, row.key, row.label, row.value, period.key, *common]
            )
    return lines
