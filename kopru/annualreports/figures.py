"""The figures of a report, as data: what is frozen when a report is approved.

Every number comes from a named indicator of :mod:`kopru.statistics.indicators` (one
number, one definition); this module only reads them and writes them down, with their
labels and definitions in both languages, so that a frozen report renders in either
language next year without asking the database again. The snapshot is plain JSON:

    {"schema": 1, "as_of": "2027-01-15T09:00:00+00:00",
     "period": {"start": "2026-01-01", "end": "2026-12-31"},
     "office": {...section I's facts...},
     "areas": [{"key": "projects", "title": {"tr": ..., "en": ...},
                "indicators": [{"name": ..., "label": {...}, "unit": {...},
                                "definition": {...}, "value": 12, "previous": 9,
                                "rows": [{"label": {...}, "value": 5}, ...]}]}],
     "stories": [{"title": {...}, "summary": {...}}]}

Success stories come from whichever app provides ``annualreports.stories`` (a
:class:`kopru.core.registry.Provides` declaration: ``function(office, start, end)`` →
``[{"title": {"tr", "en"}, "summary": {"tr", "en"}}, ...]``); with none, section III
has no stories part.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone, translation

from kopru.accounts.models import Role
from kopru.core.registry import Provides, registry
from kopru.offices.models import ActivityArea, Office
from kopru.offices.selectors import office_staff
from kopru.statistics import indicators
from kopru.statistics.indicators import Indicator, Value

from .models import report_period

SCHEMA = 1
LANGUAGES = ("tr", "en")
STORIES_PROVIDER = "annualreports.stories"


def both(label: Any) -> dict[str, str]:
    """A lazy translation (a choice's label) in Turkish and in English."""
    out = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            out[lang] = str(label)
    return out


def text(value: Any, language: str | None = None) -> str:
    """A ``{"tr": ..., "en": ...}`` pair in ``language`` (the active one), else the other."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    lang = language or translation.get_language() or "tr"
    lang = "en" if lang.startswith("en") else "tr"
    return str(value.get(lang) or value.get("tr" if lang == "en" else "en") or "")


def governorship_name(office: Office) -> dict[str, str]:
    province = office.province.name
    return {"tr": f"T.C. {province} Valiliği", "en": f"Governorship of {province}"}


def office_facts(office: Office) -> dict[str, Any]:
    """Section I's facts: the office, its mandate and its staff, as of now."""
    labels = dict(ActivityArea.choices)
    staff = [
        {
            "name": user.get_full_name() or user.get_username(),
            "role": both(Role(user.role).label),
        }
        for user in office_staff(office)
    ]
    return {
        "name": {"tr": office.name_tr, "en": office.name_en or office.name_tr},
        "governorship": governorship_name(office),
        "province": office.province.name,
        "founding_name": office.founding_name,
        "founded_on": office.founded_on.isoformat() if office.founded_on else None,
        "activity_areas": [both(labels[code]) for code in office.activity_areas if code in labels],
        "is_eurodesk_point": office.is_eurodesk_point,
        "address": office.address,
        "phone": office.phone,
        "email": office.email,
        "website": office.website,
        "staff": staff,
    }


def stories(office: Office, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    for item in registry.of(Provides):
        if item.name == STORIES_PROVIDER:
            return list(item.function(office, start, end))
    return []


def _texts(indicator: Indicator) -> dict[str, dict[str, str]]:
    texts = indicator.texts()
    return {
        part: {lang: texts[f"{part}_{lang}"] for lang in LANGUAGES}
        for part in ("label", "definition", "unit", "breakdown")
    }


def _rows(value: Value, english: Value, previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    labels_en = {row.key: row.label for row in english.rows}
    out = []
    for row in value.rows:
        item: dict[str, Any] = {
            "key": row.key,
            "label": {"tr": row.label, "en": labels_en.get(row.key, row.label)},
            "value": row.value,
        }
        if previous is not None:
            item["previous"] = previous.get(row.key)
        out.append(item)
    return out


def indicator_areas(office: Office, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Section III: every indicator of :mod:`kopru.statistics.indicators`, by area, for
    the period and the one before it (rows keep their labels in both languages)."""
    period = report_period(start, end)
    current: dict[str, dict[str, Value]] = {}
    before: dict[str, dict[str, Value]] = {}
    for lang in LANGUAGES:  # row labels (stage, district, ...) are made in one language
        with translation.override(lang):
            current[lang] = indicators.compute(None, office=office, period=period)
            before[lang] = indicators.compute(None, office=office, period=period.previous())
    areas = []
    for area, title in indicators.AREAS.items():
        items = []
        for ind in indicators.indicators_of(area):
            now, earlier = current["tr"][ind.name], before["tr"][ind.name]
            previous_by_key = {row.key: row.value for row in earlier.rows}
            items.append(
                {
                    "name": ind.name,
                    **_texts(ind),
                    "unit_code": ind.unit,
                    "chart": ind.chart,
                    "snapshot": ind.snapshot,
                    "value": now.total,
                    "previous": earlier.total,
                    "change": indicators.change(now.total, earlier.total),
                    "extra": now.extra,
                    "previous_extra": earlier.extra,
                    "rows": _rows(now, current["en"][ind.name], previous_by_key),
                    "previous_rows": _rows(earlier, before["en"][ind.name], None),
                }
            )
        areas.append({"key": area, "title": both(title), "indicators": items})
    return areas


def collect(office: Office, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Every figure of the report for ``office`` and the period, read now."""
    as_of = timezone.now()
    period = report_period(start, end)
    return {
        "schema": SCHEMA,
        "as_of": as_of.isoformat(),
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "key": period.key,
            "previous": period.previous().key,
        },
        "office": office_facts(office),
        "areas": indicator_areas(office, start, end),
        "stories": stories(office, start, end),
    }


def as_of(snapshot: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(snapshot["as_of"])
