"""CORDIS reference tables (``data/cordis-h2020-participations/``): countries and funding
schemes. ``euCode`` is what the participation files write (``EL``, ``UK``); an ``isoCode``
of ``NULL`` (Bonaire, North Macedonia, Kosovo) keeps the EU code, which is the ISO code or
the common usage. One scheme title has a lost character (``Marie Sk?odowska-Curie``).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache

from kopru.core.datafiles import data_file
from kopru.core.text import search_key

COUNTRIES_FILE = "cordis-h2020-participations/cordisref-countries.csv"
FUNDING_SCHEMES_FILE = "cordis-h2020-participations/cordisref-projectFundingSchemeCategory.csv"


def _table(path: str) -> list[dict[str, str]]:
    """The rows of a ``;``-separated reference file, every value stripped."""
    text = data_file(path).read_text(encoding="utf-8-sig")
    rows = csv.DictReader(io.StringIO(text), delimiter=";")
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in rows]


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """Every euCode → its ISO code; the search key of a name in any language → ISO code."""
    eu_to_iso: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for entry in _table(COUNTRIES_FILE):
        eu, iso = entry.get("euCode", "").upper(), entry.get("isoCode", "").upper()
        if not eu:
            continue
        if not iso or iso == "NULL":
            iso = eu
        eu_to_iso[eu] = iso
        if name := entry.get("name", ""):
            by_name.setdefault(search_key(name), iso)
    for alias, iso in (("turkiye", "TR"), ("turkey", "TR"), ("uk", "GB"), ("great britain", "GB")):
        by_name.setdefault(alias, iso)
    return eu_to_iso, by_name


def iso_from_cordis(code: str) -> str | None:
    """The ISO code of a CORDIS country code, or None when the table does not know it."""
    return _countries()[0].get(code.strip().upper())


def normalise_country(value: str) -> str | None:
    """An ISO code from an ISO code, a CORDIS code or a country name in one of the
    reference languages (``"Greece"``, ``"Grèce"``, ``"EL"``, ``"gr"``, ``"Türkiye"``)."""
    text = value.strip()
    if not text:
        return None
    eu_to_iso, by_name = _countries()
    if len(text) == 2 and text.isascii() and text.isalpha():
        upper = text.upper()
        return upper if upper in eu_to_iso.values() else eu_to_iso.get(upper)
    return by_name.get(search_key(text))


def country_name_keys(*, exclude: str = "") -> frozenset[str]:
    """The search keys of every country name of the table, in all its languages
    (``"greece"``, ``"grece"``, ``"griechenland"``…), without those of ``exclude``."""
    return frozenset(key for key, iso in _countries()[1].items() if iso != exclude)


# --- funding schemes ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def funding_schemes() -> dict[str, str]:
    """``{code: English title}`` of the CORDIS funding schemes."""
    table: dict[str, str] = {}
    for entry in _table(FUNDING_SCHEMES_FILE):
        if (entry.get("language") or "en") != "en":
            continue
        code, title = entry.get("code", ""), entry.get("title", "")
        title = title.replace("Sk?odowska", "Skłodowska")  # the lost character
        if code:
            table[code] = title
    return table


def _title_key(title: str) -> str:
    return search_key(title.replace("&", " and "))


@lru_cache(maxsize=1)
def _codes_by_title() -> dict[str, str]:
    """``{search key of a title: code}`` for the titles that name exactly one code."""
    found: dict[str, set[str]] = {}
    for code, title in funding_schemes().items():
        found.setdefault(_title_key(title), set()).add(code)
    return {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}


@lru_cache(maxsize=512)
def funding_scheme(value: str) -> str:
    """The code of a funding-scheme code or title as a CORDIS file writes it: ``"RIA"``;
    ``"Coordination and support action"`` → ``"CSA"``; a code the table does not know is
    kept (``"CS2-IA"``); a title it does not know gives none (``"Some new action"`` → "")."""
    text = value.strip()
    if text in funding_schemes():
        return text
    return _codes_by_title().get(_title_key(text)) or ("" if " " in text else text)
