"""The report as one document, in one language: what the panel preview, the PDF and
the XLSX all show. Built from the report's narrative and a figures snapshot
(:mod:`.figures`), never from the database, so a frozen report reads the same forever."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopru.core.i18n import localized

from .figures import as_of, text
from .models import SECTIONS, AnnualReport


def number(value: Any, language: str) -> str:
    """A figure as the reader of ``language`` writes it (1.690 / 1,690; 12,5 / 12.5)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal) or (isinstance(value, float) and value.is_integer()):
        body = f"{int(value):,}"
    elif isinstance(value, float):
        body = f"{value:,.1f}"
    else:
        return str(value)
    if language == "tr":
        body = body.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return body


@dataclass
class Row:
    label: str
    value: Any
    shown: str


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
    rows: list[Row]
    chart: str = ""  # SVG


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


def chart_svg(indicator: Indicator, language: str) -> str:
    """The chart of a breakdown (server-made SVG, the same in the page and the PDF)."""
    return ""


def _indicator(raw: dict[str, Any], language: str, with_charts: bool) -> Indicator:
    rows = [
        Row(text(r.get("label"), language), r.get("value"), number(r.get("value"), language))
        for r in raw.get("rows", [])
    ]
    ind = Indicator(
        name=raw.get("name", ""),
        label=text(raw.get("label"), language),
        unit=text(raw.get("unit"), language),
        definition=text(raw.get("definition"), language),
        value=raw.get("value"),
        shown=number(raw.get("value"), language),
        previous=raw.get("previous"),
        previous_shown=number(raw.get("previous"), language),
        rows=rows,
    )
    if with_charts and rows:
        ind.chart = chart_svg(ind, language)
    return ind


def _facts(office: dict[str, Any], language: str) -> list[tuple[str, str]]:
    facts = [(_("Ofis"), text(office.get("name"), language))]
    if office.get("founding_name"):
        facts.append((_("Kuruluştaki adı"), office["founding_name"]))
    if office.get("founded_on"):
        founded = dt.date.fromisoformat(office["founded_on"])
        facts.append((_("Kuruluş tarihi"), founded.strftime("%d.%m.%Y")))
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
        period = report.period_label
        title = (
            _("{period} Yılı Faaliyet Raporu").format(period=period)
            if report.is_calendar_year
            else _("{period} Dönemi Faaliyet Raporu").format(period=period)
        )
        sections = [
            Section(key, key.upper(), str(label), localized(report, fieldname, language))
            for key, fieldname, label in SECTIONS
        ]
        areas = [
            Area(
                key=a.get("key", ""),
                title=text(a.get("title"), language),
                indicators=[_indicator(i, language, with_charts) for i in a.get("indicators", [])],
                highlights=[text(h, language) for h in a.get("highlights", [])],
            )
            for a in snapshot.get("areas", [])
        ]
        return Document(
            language=language,
            governorship=text(office.get("governorship"), language),
            office_name=text(office.get("name"), language),
            title=title,
            period_label=period,
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
