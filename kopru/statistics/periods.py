"""Reporting periods: a year, a quarter or a custom range of days, and the one before it.

A period is written as text in URLs, the API and open-data files:

=====================  ==========================================
``2025``               the calendar year 2025
``2025-Q2``            April–June 2025
``2025-03-01_2025-08-31``  a custom range of days, both ends included
=====================  ==========================================

``Period.parse(text)`` reads that form and ``Period.from_params(params)`` the period
picker's fields (``kind``, ``year``, ``quarter``, ``start``, ``end``); both raise
:class:`PeriodError` with a message to show (a page) or to answer with 400 (the API)
for a period that ends before it starts, a custom range over ten years, a year outside
1990–2100 or a malformed value. ``period.previous()`` is the period of the same length
right before it (the previous year, quarter, or as many days).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

YEAR_MIN, YEAR_MAX = 1990, 2100
MAX_YEARS = 10

PeriodKind = Literal["year", "quarter", "custom"]

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$")


class PeriodError(ValueError):
    """A period that cannot be used; ``str(error)`` is a message for the reader."""


def _year(value: Any) -> int:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise PeriodError(
            _("Yıl {low} ile {high} arasında bir sayı olmalı.").format(low=YEAR_MIN, high=YEAR_MAX)
        )
    return int(text)


def _date(value: Any) -> dt.date:
    try:
        day = dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise PeriodError(_("Tarih YYYY-AA-GG biçiminde olmalı.")) from None
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise PeriodError(
            _("Yıl {low} ile {high} arasında bir sayı olmalı.").format(low=YEAR_MIN, high=YEAR_MAX)
        )
    return day


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date
    kind: PeriodKind = "custom"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(_("Dönemin bitişi başlangıcından önce olamaz."))
        if self.end >= _add_years(self.start, MAX_YEARS):
            raise PeriodError(_("Özel dönem en çok {n} yıl olabilir.").format(n=MAX_YEARS))

    # -- building ----------------------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = dt.date(year, 3 * (quarter - 1) + 1, 1)
        return cls(first, _add_months(first, 3) - dt.timedelta(days=1), "quarter")

    @classmethod
    def parse(cls, text: Any) -> Period:
        value = str(text or "").strip()
        if m := _YEAR.match(value):
            return cls.year(_year(m.group(1)))
        if m := _QUARTER.match(value):
            return cls.quarter(_year(m.group(1)), int(m.group(2)))
        if m := _RANGE.match(value):
            return cls(_date(m.group(1)), _date(m.group(2)), "custom")
        raise PeriodError(_("Dönem YYYY, YYYY-Q1…Q4 ya da YYYY-AA-GG_YYYY-AA-GG biçiminde olmalı."))

    @classmethod
    def from_params(cls, params: Any, *, default: Period | None = None) -> Period:
        """The period picker: ``kind`` = year | quarter | custom (or ``period=<text>``)."""
        if params.get("period"):
            return cls.parse(params.get("period"))
        kind = str(params.get("kind", "") or "")
        if not kind:
            return default or cls.current_year()
        if kind == "year":
            return cls.year(_year(params.get("year")))
        if kind == "quarter":
            quarter = str(params.get("quarter", "") or "")
            if quarter not in ("1", "2", "3", "4"):
                raise PeriodError(_("Çeyrek 1, 2, 3 ya da 4 olmalı."))
            return cls.quarter(_year(params.get("year")), int(quarter))
        if kind == "custom":
            return cls(_date(params.get("start")), _date(params.get("end")), "custom")
        raise PeriodError(_("Dönem türü yıl, çeyrek ya da özel olmalı."))

    @classmethod
    def current_year(cls) -> Period:
        return cls.year(timezone.localdate().year)

    # -- reading -----------------------------------------------------------------------

    @property
    def key(self) -> str:
        """The text form (``2025``, ``2025-Q2``, ``2025-03-01_2025-08-31``)."""
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def quarter_number(self) -> int:
        return (self.start.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return _("{year} {q}. çeyrek").format(year=self.start.year, q=self.quarter_number)
        first = date_format(self.start, "SHORT_DATE_FORMAT")
        return f"{first}–{date_format(self.end, 'SHORT_DATE_FORMAT')}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_at(self) -> dt.datetime:
        """The first moment of the period (Türkiye time)."""
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def end_before(self) -> dt.datetime:
        """The first moment after the period."""
        return timezone.make_aware(
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min)
        )

    def previous(self) -> Period:
        if self.kind == "year":
            return Period.year(self.start.year - 1)
        if self.kind == "quarter":
            first = _add_months(self.start, -3)
            return Period.quarter(first.year, (first.month - 1) // 3 + 1)
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, "custom")

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
