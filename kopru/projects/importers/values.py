"""Dates, amounts and durations as the project files write them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

DATE_FORMATS = "YYYY-AA-GG veya GG/AA/YYYY"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_EU_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")


class BadValue(ValueError):
    """A value that cannot be read; the message says why (in Turkish)."""


def parse_date(value: str, *, dotted: bool = False) -> dt.date:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (and ``DD.MM.YYYY`` when ``dotted``).

    Anything else, and impossible dates (``2014-02-30``), raise :class:`BadValue`.
    """
    text = value.strip()
    try:
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = match.groups()
            return dt.date(int(year), int(month), int(day))
        if match := _EU_DATE.fullmatch(text):
            day, month, year = match.groups()
            return dt.date(int(year), int(month), int(day))
        if dotted and (match := _DOTTED_DATE.fullmatch(text)):
            day, month, year = match.groups()
            return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise BadValue(f"olmayan bir tarih: '{value}'") from None
    expected = DATE_FORMATS + (" veya GG.AA.YYYY" if dotted else "")
    raise BadValue(f"'{value}' okunamadı ({expected} bekleniyordu)")


def parse_amount(value: str) -> Decimal:
    """A non-negative plain decimal (``149775``, ``221606.4``) as the CORDIS files write it."""
    text = value.strip()
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        raise BadValue(f"negatif tutar: '{value}'")
    if not _AMOUNT.fullmatch(text):
        raise BadValue(f"sayı değil: '{value}'")
    return Decimal(text)


def months_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months from ``start`` to ``end`` inclusive (2014-11-01 → 2016-04-30 is 18).

    A remainder of 15 days or more counts as a month.
    """
    if start is None or end is None or end < start:
        return None
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    days = after.day - start.day
    if days < 0:
        months -= 1
        days += 30
    if days >= 15:
        months += 1
    return months


_NUMBER_TEXT = re.compile(r"[\d.,]*\d[\d.,]*")


def parse_number_text(value: str) -> Decimal:
    """An amount typed as text: ``250000``, ``250.000``, ``250.000,50``, ``250,000.50``,
    ``37,5``, ``€ 7 000``.

    As in the calls template, a lone separator followed by exactly three digits is a
    thousands separator (``1.500`` and ``1,500`` are 1500); otherwise it is the
    decimal mark. Negative numbers and anything else raise :class:`BadValue`.
    """
    raw = value.strip()
    text = re.sub(r"[\s\u00a0€₺]|EUR|TRY|TL", "", raw, flags=re.IGNORECASE)
    if text.startswith("-"):
        raise BadValue(f"negatif tutar: '{value}'")
    if not _NUMBER_TEXT.fullmatch(text):
        raise BadValue(f"sayı değil: '{value}'")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        mark = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if mark == "." else "."
        if text.count(mark) > 1:
            raise BadValue(f"sayı değil: '{value}'")
        groups = text.split(mark)[0].split(thousands)
        if not groups[0] or not all(len(g) == 3 for g in groups[1:]):
            raise BadValue(f"sayı değil: '{value}'")
        text = text.replace(thousands, "").replace(mark, ".")
    elif dots or commas:
        sep = "." if dots else ","
        groups = text.split(sep)
        if len(groups) > 2 or len(groups[1]) == 3:
            if not groups[0] or not all(len(g) == 3 for g in groups[1:]):
                raise BadValue(f"sayı değil: '{value}'")
            text = "".join(groups)
        else:
            if not groups[0] or not groups[1]:
                raise BadValue(f"sayı değil: '{value}'")
            text = text.replace(sep, ".")
    return Decimal(text)
