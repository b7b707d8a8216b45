"""Dates, amounts and durations as the project files write them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from kopru.core.imports.problems import Problem

_DATES = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), (1, 2, 3)),
    (re.compile(r"(\d{2})/(\d{2})/(\d{4})"), (3, 2, 1)),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), (3, 2, 1)),  # only when ``dotted``
)
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")


class BadValue(Problem, ValueError):
    """A value that cannot be read: a message code of :data:`.records.MESSAGES`."""


def parse_date(value: str, *, dotted: bool = False) -> dt.date:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (and ``DD.MM.YYYY`` when ``dotted``); anything else,
    and impossible dates (``2014-02-30``), raise :class:`BadValue`."""
    text = value.strip()
    for pattern, (year, month, day) in _DATES[: 3 if dotted else 2]:
        if match := pattern.fullmatch(text):
            try:
                return dt.date(int(match[year]), int(match[month]), int(match[day]))
            except ValueError:
                raise BadValue("impossible_date", value=value) from None
    raise BadValue("bad_date_dotted" if dotted else "bad_date", value=value)


def parse_amount(value: str) -> Decimal:
    """A non-negative plain decimal (``149775``, ``221606.4``) as the CORDIS files write it."""
    text = value.strip()
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        raise BadValue("negative_amount", value=value)
    if not _AMOUNT.fullmatch(text):
        raise BadValue("not_a_number", value=value)
    return Decimal(text)


def months_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months from ``start`` to ``end`` inclusive (2014-11-01 → 2016-04-30 is 18);
    a remainder of 15 days or more counts as a month."""
    if start is None or end is None or end < start:
        return None
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    days = after.day - start.day
    if days < 0:
        months -= 1
        days += 30
    return months + (days >= 15)
