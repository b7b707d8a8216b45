"""Reads of the national view: one row per province, ranked, with each office's
freshness (the caller is the national area, which is unscoped)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from kopru.core.models import AuditEntry
from kopru.geo.models import Province
from kopru.offices.models import Office

from .mapdata import population
from .sources import NationalIndicator, Number

Measure = Literal["raw", "per100k"]
STALE_AFTER = dt.timedelta(days=90)
PER = 100_000


@dataclass(frozen=True)
class ProvinceRow:
    province: Province
    office: Office | None  # None: no office in this province (no value, never zero)
    population: int | None
    raw: Number | None  # None: no office, or undefined (a rate with nothing to divide)
    per100k: Decimal | None
    value: Number | Decimal | None  # raw or per100k, as asked
    rank: int | None
    last_change: dt.datetime | None
    stale: bool


def per_100k(value: Number | None, inhabitants: int | None) -> Decimal | None:
    if value is None or not inhabitants:
        return None
    return (Decimal(str(value)) * PER / inhabitants).quantize(Decimal("0.01"), ROUND_HALF_UP)


def office_changes_q() -> Q:
    """Audit entries that count as the office's data changing: what a person did, and
    imports (automatic reminders and expiries do not make data fresh)."""
    return Q(actor__isnull=False) | Q(action__endswith=".imported")


def last_changes() -> dict[int, dt.datetime | None]:
    """Per active office, the time of its latest data change (None: never)."""
    latest = (
        AuditEntry.objects.filter(office=OuterRef("pk"))
        .filter(office_changes_q())
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return dict(
        Office.objects.filter(is_active=True)
        .annotate(last_change=Subquery(latest))
        .values_list("pk", "last_change")
    )


def is_stale(last_change: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return last_change is None or now - last_change > STALE_AFTER


def province_rows(
    indicator: NationalIndicator, *, year: int, measure: Measure
) -> list[ProvinceRow]:
    """Every one of the 81 provinces, ranked by the measure (highest first); provinces
    without an (active) office come last, unranked, with no value."""
    offices = {
        o.province_id: o for o in Office.objects.filter(is_active=True).select_related("province")
    }
    values = indicator.per_office(year, office_ids=[o.pk for o in offices.values()])
    changes = last_changes()
    people = population().by_plate
    now = timezone.now()
    rows: list[ProvinceRow] = []
    for province in Province.objects.order_by("name_sort"):
        office = offices.get(province.pk)
        inhabitants = people.get(province.plate)
        raw: Number | None = None
        rate: Decimal | None = None
        last: dt.datetime | None = None
        if office is not None:
            raw = values.get(office.pk)
            rate = per_100k(raw, inhabitants)
            last = changes.get(office.pk)
        value: Number | Decimal | None = rate if measure == "per100k" else raw
        rows.append(
            ProvinceRow(
                province=province,
                office=office,
                population=inhabitants,
                raw=raw,
                per100k=rate,
                value=value,
                rank=None,
                last_change=last,
                stale=office is not None and is_stale(last, now),
            )
        )
    return _ranked(rows)


def _ranked(rows: list[ProvinceRow]) -> list[ProvinceRow]:
    """Standard competition ranking (1, 2, 2, 4) of the rows with a value."""
    with_value = sorted(
        (r for r in rows if r.value is not None), key=lambda r: r.value or 0, reverse=True
    )
    ranked: list[ProvinceRow] = []
    previous: Number | Decimal | None = None
    rank = 0
    for position, row in enumerate(with_value, start=1):
        if row.value != previous:
            rank, previous = position, row.value
        ranked.append(_with_rank(row, rank))
    undefined = [r for r in rows if r.value is None and r.office is not None]
    return ranked + undefined + [r for r in rows if r.office is None]


def _with_rank(row: ProvinceRow, rank: int) -> ProvinceRow:
    return ProvinceRow(**{**row.__dict__, "rank": rank})
