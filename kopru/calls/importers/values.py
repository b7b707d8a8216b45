"""Dates, deadlines and numbers as the sources write them (deadline time rules:
``docs/calls-imports.md``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kopru.core.imports.problems import Problem
from kopru.core.imports.values import cell_number, turkish_month_date
from kopru.core.spreadsheets import cell_date
from kopru.core.text import search_key

BRUSSELS = ZoneInfo("Europe/Brussels")
ISTANBUL = ZoneInfo("Europe/Istanbul")
EU_DEFAULT_TIME = time(17, 0)
TR_DEFAULT_TIME = time(23, 59)

_ZONE_ALIASES = dict.fromkeys(("tsi", "trt", "turkiye", "turkey", "istanbul", "ankara"), ISTANBUL)
_ZONE_ALIASES |= dict.fromkeys(("bruksel", "brussels", "bruxelles", "cet", "cest"), BRUSSELS)
#: Deadline models in the words of the sources and of the template (folded).
DEADLINE_MODEL_WORDS = {
    "single stage": "single_stage", "tek asamali": "single_stage", "tek asama": "single_stage",
    "two stage": "two_stage", "iki asamali": "two_stage", "iki asama": "two_stage",
    "multiple cut off": "multiple_cutoff", "multiple cutoff": "multiple_cutoff",
    "coklu son tarih": "multiple_cutoff", "coklu": "multiple_cutoff",
    "coklu kesim tarihi": "multiple_cutoff",
}  # fmt: skip

ISO_DATE = "YYYY-MM-DD"
ISO_DATETIME = "YYYY-MM-DD HH:MM"

_DATETIME_RE = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:[ T]+(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?)?$"
)


def zone_from_name(value: str) -> ZoneInfo:
    """An IANA zone (``Europe/Istanbul``) or a common alias (``TSİ``, ``Brüksel``)."""
    text = value.strip()
    found = _ZONE_ALIASES.get(search_key(text)) if text else ISTANBUL
    if found is not None:
        return found
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise Problem("bad_timezone", value=text) from None


def parse_date(value: object, field: str) -> date | None:
    """A date from a cell or string: ``YYYY-MM-DD`` or ``DD.MM.YYYY`` (empty → None)."""
    text = "" if value is None else str(value).strip()
    try:
        return cell_date(value) if text else None
    except ValueError:
        raise Problem("bad_date", value=text, field=field, expected=ISO_DATE) from None


def parse_turkish_date(value: object, field: str) -> date | None:
    """``27 Ağustos, 2026`` (any case, comma optional), or a numeric date (empty → None)."""
    text = str(value or "").strip()
    try:
        return turkish_month_date(text) or parse_date(text, field)
    except (ValueError, Problem):
        raise Problem("bad_date", value=text, field=field, expected="27 Ağustos, 2026") from None


def at_zone(day: date, zone: ZoneInfo) -> datetime:
    """``day`` at the zone's deadline time for a date without a time."""
    at = EU_DEFAULT_TIME if zone.key == BRUSSELS.key else TR_DEFAULT_TIME
    return datetime.combine(day, at, tzinfo=zone)


def deadline_from_cell(value: object, field: str, zone: ZoneInfo) -> datetime | None:
    """A deadline from an Excel cell or text (``YYYY-MM-DD[ HH:MM]``, ``DD.MM.YYYY[ HH:MM]``):
    naive values are in ``zone``; no time, or exactly 00:00, is the zone's default time."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, datetime):
        day, clock = value.date(), value.time()
    elif isinstance(value, date):
        day, clock = value, time(0, 0)
    else:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        match = _DATETIME_RE.match(text)
        parts = match.groupdict("0") if match else {"date": ""}
        try:
            day = cell_date(parts["date"])
            clock = time(int(parts["h"]), int(parts["m"]), int(parts["s"]))
        except ValueError:
            raise Problem("bad_datetime", value=text, field=field, expected=ISO_DATETIME) from None
    return at_zone(day, zone) if clock == time(0, 0) else datetime.combine(day, clock, tzinfo=zone)


def deadline_model(value: object) -> str:
    """``single_stage`` / ``two_stage`` / ``multiple_cutoff`` / ``""`` from a source's words."""
    return DEADLINE_MODEL_WORDS.get(search_key(str(value or "")), "")


# --- numbers --------------------------------------------------------------------


def parse_decimal(value: object, field: str) -> Decimal | None:
    """An amount as :func:`kopru.core.imports.values.cell_number` reads it (``1.500.000,50``,
    ``1,500,000.50``, ``€ 7 000``). Empty or a yes/no value → None; raises :class:`Problem`
    for anything else that is not a number."""
    try:
        return None if isinstance(value, bool) else cell_number(value)
    except ValueError:
        raise Problem("bad_number", value=str(value).strip(), field=field) from None


def parse_int(value: object, field: str) -> int | None:
    number = parse_decimal(value, field)
    if number is not None and number != number.to_integral_value():
        raise Problem("bad_integer", value=value, field=field)
    return None if number is None else int(number)


def parse_amount(value: object, field: str) -> Decimal | None:
    """An amount that is not negative (see :func:`parse_decimal`)."""
    number = parse_decimal(value, field)
    if number is not None and number < 0:
        raise Problem("negative_amount", field=field, value=number)
    return number
