"""Dates, deadlines and numbers as the sources write them (deadline time rules:
``docs/calls-imports.md``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kopru.core.imports.problems import Problem
from kopru.core.imports.values import parse_number, turkish_month_date
from kopru.core.text import search_key

BRUSSELS = ZoneInfo("Europe/Brussels")
ISTANBUL = ZoneInfo("Europe/Istanbul")
EU_DEFAULT_TIME = time(17, 0)
TR_DEFAULT_TIME = time(23, 59)

_ZONE_ALIASES = {
    "tsi": ISTANBUL,
    "trt": ISTANBUL,
    "turkiye": ISTANBUL,
    "turkey": ISTANBUL,
    "istanbul": ISTANBUL,
    "ankara": ISTANBUL,
    "bruksel": BRUSSELS,
    "brussels": BRUSSELS,
    "bruxelles": BRUSSELS,
    "cet": BRUSSELS,
    "cest": BRUSSELS,
}

ISO_DATE = "YYYY-MM-DD"
ISO_DATETIME = "YYYY-MM-DD HH:MM"

_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED_DATE_RE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_DATETIME_RE = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:[ T]+(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?)?$"
)


def default_time(zone: ZoneInfo) -> time:
    """The time of a deadline given only as a date, in ``zone``."""
    return EU_DEFAULT_TIME if zone.key == BRUSSELS.key else TR_DEFAULT_TIME


def zone_from_name(value: str, default: ZoneInfo = ISTANBUL) -> ZoneInfo:
    """An IANA zone (``Europe/Istanbul``) or a common alias (``TSİ``, ``Brüksel``)."""
    text = value.strip()
    if not text:
        return default
    alias = _ZONE_ALIASES.get(search_key(text))
    if alias is not None:
        return alias
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise Problem("bad_timezone", value=text) from None


def parse_date(value: object, field: str) -> date | None:
    """A date from a cell or string: ``YYYY-MM-DD`` or ``DD.MM.YYYY`` (empty → None)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DATE_RE.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _DOTTED_DATE_RE.match(text)
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    raise Problem("bad_date", value=text, field=field, expected=ISO_DATE)


def parse_turkish_date(value: object, field: str) -> date | None:
    """``27 Ağustos, 2026`` (any case, comma optional), or a numeric date."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        day = turkish_month_date(text)
        return day if day is not None else parse_date(text, field)
    except (ValueError, Problem):
        raise Problem("bad_date", value=text, field=field, expected="27 Ağustos, 2026") from None


def at_zone(day: date, zone: ZoneInfo, at: time | None = None) -> datetime:
    """``day`` at ``at`` (or the zone's default deadline time) in ``zone``."""
    return datetime.combine(day, at or default_time(zone), tzinfo=zone)


def deadline_from_cell(value: object, field: str, zone: ZoneInfo) -> datetime | None:
    """A deadline from an Excel cell or text (``YYYY-MM-DD[ HH:MM]``, ``DD.MM.YYYY[ HH:MM]``).

    Naive values are in ``zone``; a missing time, or exactly 00:00, becomes the
    zone's default deadline time (see the module docstring).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value
        if value.time() == time(0, 0):
            return at_zone(value.date(), zone)
        return value.replace(tzinfo=zone)
    if isinstance(value, date):
        return at_zone(value, zone)
    text = str(value).strip()
    if not text:
        return None
    match = _DATETIME_RE.match(text)
    if match:
        try:
            day = parse_date(match["date"], field)
            if day is not None:
                if match["h"] is None:
                    return at_zone(day, zone)
                clock = time(int(match["h"]), int(match["m"]), int(match["s"] or 0))
                if clock == time(0, 0):
                    return at_zone(day, zone)
                return datetime.combine(day, clock, tzinfo=zone)
        except (Problem, ValueError):
            pass
    raise Problem("bad_datetime", value=text, field=field, expected=ISO_DATETIME)


# --- numbers --------------------------------------------------------------------


def parse_decimal(value: object, field: str) -> Decimal | None:
    """An amount: numbers as they are, text as :func:`kopru.core.imports.values.parse_number`
    reads it (``1.500.000,50``, ``1,500,000.50``, ``€ 7 000``). Empty → None; raises
    :class:`Problem` for anything else that is not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Problem("bad_number", value=value, field=field)
        return Decimal(repr(value))
    text = str(value).strip()
    try:
        return parse_number(text) if text else None
    except ValueError:
        raise Problem("bad_number", value=text, field=field) from None


def parse_int(value: object, field: str) -> int | None:
    number = parse_decimal(value, field)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise Problem("bad_integer", value=value, field=field)
    return int(number)


def non_negative(value: Decimal | None, field: str) -> Decimal | None:
    if value is not None and value < 0:
        raise Problem("negative_amount", field=field, value=value)
    return value
