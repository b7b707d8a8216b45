"""One date format per language, on every page a coordinator or a visitor can open.

English pages never show a month before the day ("Dec. 18, 2026", "12/04/2026", which most of
the world reads as 12 April) nor a 12-hour clock; Turkish pages never pad the day ("08 Ocak").
The pages are the isolation test's walk of every route, with one record of every model.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import formats, translation
from django.utils.timezone import datetime, make_aware

from kopru.core.tests.test_office_isolation import Records, _kwargs_sets, _url, protected_routes

pytestmark = pytest.mark.django_db

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
MONTH_FIRST = re.compile(rf"\b(?:{MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?")
NUMERIC = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
TWELVE_HOUR = re.compile(r"\b\d{1,2}(?::\d{2})? ?[ap]\.m\.", re.IGNORECASE)
PADDED_TR = re.compile(
    r"\b0\d (?:Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık)\b"
)
TEXT = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.DOTALL)


def _misread(html: str, language: str) -> list[str]:
    text = TEXT.sub(" ", html)
    patterns = (MONTH_FIRST, NUMERIC, TWELVE_HOUR) if language == "en" else (PADDED_TR, NUMERIC)
    return [m.group(0) for p in patterns for m in p.finditer(text)]


def test_the_formats_are_the_ones_the_office_writes() -> None:
    moment = make_aware(datetime(2026, 12, 4, 21, 8))
    with translation.override("tr"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "4 Aralık 2026 21:08"
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "04.12.2026"
        assert formats.number_format(1690.5, 1, use_l10n=True, force_grouping=True) == "1.690,5"
    with translation.override("en"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "4 December 2026, 21:08"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "4 Dec 2026, 21:08"
        assert formats.date_format(moment.date(), "DATE_FORMAT") == "4 December 2026"


def test_the_detector_catches_what_the_issue_saw() -> None:
    seen = "13 December 2026 · Dec. 18, 2026 · Sept. 1, 2026 · 12/04/2026 9:08 p.m."
    assert _misread(seen, "en") == ["Dec. 18, 2026", "Sept. 1, 2026", "12/04/2026", "9:08 p.m."]
    assert _misread("08 Ocak 2027 · 8 Ocak 2027", "tr") == ["08 Ocak"]


@pytest.mark.parametrize("language", ["en", "tr"])
def test_no_page_shows_a_date_that_can_be_misread(
    client: Any, izmir_coordinator: Any, balikesir: Any, izmir: Any, language: str
) -> None:
    """One walk of every page (per language), two checks: dates no reader can misread,
    and, on the pages of :data:`ZONED_APPS`, every clock time with its zone."""
    records = Records(balikesir, izmir)
    client.force_login(izmir_coordinator)
    found: list[str] = []
    unzoned: list[str] = []
    with translation.override(language):
        for route in protected_routes():
            if route.area in ("kurum", "api"):
                continue
            for kwargs in _kwargs_sets(route, "izmir", records):
                url = _url(route, "izmir", kwargs)
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                html = response.content.decode()
                bad = _misread(html, language)
                if bad:
                    found.append(f"{url}: {sorted(set(bad))}")
                if _needs_zones(route.name):
                    bad = _unzoned(html)
                    if bad:
                        unzoned.append(f"{url}: {sorted(set(bad))}")
    assert found == [], "dates that can be misread:\n" + "\n".join(found)
    assert unzoned == [], "times without their zone:\n" + "\n".join(unzoned)


# --- Times with their zone ----------------------------------------------------------------

CLOCK = re.compile(r"(?<![\d:.,/])\d{1,2}:\d{2}(?![\d:])")
ZONE = re.compile(
    r"\([^()]{0,40}(?:TSİ|Türkiye time|UTC|saati\w*|time)[^()]{0,20}\)"
    r"|\b(?:Europe|Asia|Africa|America|Atlantic|Pacific|Australia)/[A-Za-z_]+"  # a tz key typed
)
#: Apps whose pages show times people act on (deadlines, meetings, sessions, publication).
ZONED_APPS = ("calls", "youth", "boards", "trainings", "news")


def _needs_zones(route_name: str) -> bool:
    """Pages of :data:`ZONED_APPS`, except the import pages (their column notes show
    example values, not times)."""
    if "import" in route_name:
        return False
    return any(f":{app}:" in f":{route_name}:" for app in ZONED_APPS)


def _unzoned(html: str) -> list[str]:
    text = re.sub(r"\s+", " ", TEXT.sub(" ", html))
    return [
        text[max(0, m.start() - 30) : m.end() + 20].strip()
        for m in CLOCK.finditer(text)
        if not ZONE.search(text[m.end() : m.end() + 60])
    ]


def test_the_zone_filter_names_the_zone_people_use() -> None:
    from kopru.core.zones import zoned

    moment = make_aware(datetime(2026, 12, 18, 19, 0))  # 19:00 in Türkiye = 17:00 in Brussels
    with translation.override("tr"):
        assert zoned(moment, "Europe/Brussels") == "18 Aralık 2026 17:00 (Brüksel saati)"
        assert zoned(moment) == "18 Aralık 2026 19:00 (TSİ)"
        assert zoned(moment, "America/Bogota") == "18 Aralık 2026 11:00 (UTC-05:00, America/Bogota)"
    with translation.override("en"):
        assert zoned(moment, "Europe/Brussels") == "18 December 2026, 17:00 (Brussels time)"
        assert zoned(moment) == "18 December 2026, 19:00 (Türkiye time)"
    assert _unzoned("<p>18 Aralık 2026 17:00 (Brüksel saati)</p>") == []
    assert _unzoned("<p>4 Aralık 2026 10:00–12:00 (TSİ)</p>") == []
    assert _unzoned("<td>18.12.2026 17:00</td>") == ["18.12.2026 17:00"]
