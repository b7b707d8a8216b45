"""Numbers and dates as people type them into import files (shared by the importers)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from kopru.core.text import search_key

TURKISH_MONTHS = {
    name: number
    for number, name in enumerate(
        ("ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul",
         "ekim", "kasim", "aralik"),
        start=1,
    )
}  # fmt: skip
_TURKISH_DATE = re.compile(r"(\d{1,2})\s*\.?\s*([a-z]+)\s*(\d{4})")
_JUNK = re.compile(r"[\s\u00a0\u202f€$£₺']|EUR|TRY|TL|USD", re.IGNORECASE)
_DIGITS = re.compile(r"[\d.,]*\d[\d.,]*")


def turkish_month_date(text: str) -> dt.date | None:
    """``27 Ağustos, 2026`` (any case and punctuation) as a date; None when the text is not
    of that shape. Raises ``ValueError`` for an unknown month or an impossible day."""
    match = _TURKISH_DATE.fullmatch(search_key(text))
    if match is None:
        return None
    month = TURKISH_MONTHS.get(match[2])
    if month is None:
        raise ValueError(f"unknown month: {match[2]}")
    return dt.date(int(match[3]), month, int(match[1]))


def parse_number(text: str) -> Decimal:
    """An amount typed as text (``250.000,50``, ``€ 7 000``, ``%75``); a lone separator
    before exactly three digits separates thousands (``1,500`` is 1500), else it is the
    decimal mark (``0,8``)."""
    raw = text.strip()
    digits = _JUNK.sub("", raw).strip("%")
    negative = digits.startswith("-")
    digits = digits.lstrip("+-")
    if not _DIGITS.fullmatch(digits):
        raise ValueError(raw)
    marks = [m for m in ".," if m in digits]
    if len(marks) == 2:
        mark = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if mark == "." else "."
        if digits.count(mark) > 1:
            raise ValueError(raw)
        _check_groups(digits.split(mark)[0].split(thousands), raw)
        digits = digits.replace(thousands, "").replace(mark, ".")
    elif marks:
        groups = digits.split(marks[0])
        if len(groups) > 2 or len(groups[1]) == 3:
            _check_groups(groups, raw)
            digits = "".join(groups)
        elif not groups[0] or not groups[1]:
            raise ValueError(raw)
        else:
            digits = digits.replace(marks[0], ".")
    number = Decimal(digits)
    return -number if negative else number


def cell_number(value: object) -> Decimal | None:
    """A number cell, or a number typed as text (:func:`parse_number`); None when blank.
    Raises ``ValueError`` for anything else: a yes/no or date cell, NaN, infinity."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return parse_number(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(value)
    number = Decimal(repr(value) if isinstance(value, float) else value)
    if not number.is_finite():
        raise ValueError(value)
    return number


def _check_groups(groups: list[str], raw: str) -> None:
    if not groups[0] or not all(len(g) == 3 for g in groups[1:]):
        raise ValueError(raw)
