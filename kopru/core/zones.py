"""Times with their zone: "18 Aralık 2026 17:00 (Brüksel saati)", "4 December 2026, 21:08
(Türkiye time)".

A time a user could misread — a call's deadline in Brussels, a youth opportunity's deadline
in the organiser's zone, a meeting, a training session, a scheduled publication — is shown
with the zone it is given in (``{{ value|zoned:"Europe/Brussels" }}``; without a zone:
Türkiye's, the project's ``TIME_ZONE``). The zone's name is a short word people use ("TSİ",
"Brussels time"), not a tz database key; a zone not listed here reads as its UTC offset and
key ("UTC+01:00, Europe/Lisbon") so that it is never ambiguous.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

NAMES = {
    "Europe/Istanbul": _("TSİ"),
    "Europe/Brussels": _("Brüksel saati"),
    "Europe/Luxembourg": _("Lüksemburg saati"),
    "Europe/Paris": _("Paris saati"),
    "Europe/Berlin": _("Berlin saati"),
    "Europe/Amsterdam": _("Amsterdam saati"),
    "Europe/Rome": _("Roma saati"),
    "Europe/Madrid": _("Madrid saati"),
    "Europe/Vienna": _("Viyana saati"),
    "Europe/Warsaw": _("Varşova saati"),
    "Europe/Athens": _("Atina saati"),
    "Europe/Lisbon": _("Lizbon saati"),
    "Europe/London": _("Londra saati"),
    "Europe/Dublin": _("Dublin saati"),
    "UTC": _("UTC"),
}


def zone_of(key: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(key or settings.TIME_ZONE)
    except (KeyError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def zone_name(key: str | None, at: dt.datetime | None = None) -> str:
    """The zone as a person says it: "TSİ", "Brüksel saati" / "Brussels time"."""
    key = key or settings.TIME_ZONE
    if key in NAMES:
        return str(NAMES[key])
    offset = (at or timezone.now()).astimezone(zone_of(key)).strftime("%z")
    return gettext("UTC%(sign)s%(hh)s:%(mm)s, %(zone)s") % {
        "sign": offset[0],
        "hh": offset[1:3],
        "mm": offset[3:5],
        "zone": key,
    }


def zoned(value: dt.datetime | None, key: str | None = None, fmt: str = "DATETIME_FORMAT") -> str:
    """``value`` in zone ``key`` (default: Türkiye), formatted, with the zone's name."""
    if not isinstance(value, dt.datetime):
        return ""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, zone_of(key))
    local = value.astimezone(zone_of(key))
    text = formats.date_format(local, fmt)
    return f"{text} ({zone_name(key, local)})"


def local_time_help() -> Any:
    """The help text of a date-and-time field typed in Türkiye's time (lazy)."""
    return _("Türkiye saatiyle (TSİ).")
