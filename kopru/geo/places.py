"""Turkish provinces: NUTS-3 codes, province, district and organisation names to plates
(the project importers place participants with them).

Names are matched by :func:`kopru.core.text.search_key` (``IZMIR``, ``İzmir``); of the 973
districts, ``Merkez`` and 24 other names exist in several provinces and never decide one.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from kopru.core.text import search_key
from kopru.geo.reference import read_reference

# The 81 NUTS-3 regions (unchanged since NUTS 2013) are the 81 provinces: each one's
# plate and Eurostat name (a test checks the names against the province list).
NUTS3: dict[str, tuple[str, str]] = {
    "TR100": ("34", "İstanbul"), "TR211": ("59", "Tekirdağ"), "TR212": ("22", "Edirne"),
    "TR213": ("39", "Kırklareli"), "TR221": ("10", "Balıkesir"), "TR222": ("17", "Çanakkale"),
    "TR310": ("35", "İzmir"), "TR321": ("09", "Aydın"), "TR322": ("20", "Denizli"),
    "TR323": ("48", "Muğla"), "TR331": ("45", "Manisa"), "TR332": ("03", "Afyonkarahisar"),
    "TR333": ("43", "Kütahya"), "TR334": ("64", "Uşak"), "TR411": ("16", "Bursa"),
    "TR412": ("26", "Eskişehir"), "TR413": ("11", "Bilecik"), "TR421": ("41", "Kocaeli"),
    "TR422": ("54", "Sakarya"), "TR423": ("81", "Düzce"), "TR424": ("14", "Bolu"),
    "TR425": ("77", "Yalova"), "TR510": ("06", "Ankara"), "TR521": ("42", "Konya"),
    "TR522": ("70", "Karaman"), "TR611": ("07", "Antalya"), "TR612": ("32", "Isparta"),
    "TR613": ("15", "Burdur"), "TR621": ("01", "Adana"), "TR622": ("33", "Mersin"),
    "TR631": ("31", "Hatay"), "TR632": ("46", "Kahramanmaraş"), "TR633": ("80", "Osmaniye"),
    "TR711": ("71", "Kırıkkale"), "TR712": ("68", "Aksaray"), "TR713": ("51", "Niğde"),
    "TR714": ("50", "Nevşehir"), "TR715": ("40", "Kırşehir"), "TR721": ("38", "Kayseri"),
    "TR722": ("58", "Sivas"), "TR723": ("66", "Yozgat"), "TR811": ("67", "Zonguldak"),
    "TR812": ("78", "Karabük"), "TR813": ("74", "Bartın"), "TR821": ("37", "Kastamonu"),
    "TR822": ("18", "Çankırı"), "TR823": ("57", "Sinop"), "TR831": ("55", "Samsun"),
    "TR832": ("60", "Tokat"), "TR833": ("19", "Çorum"), "TR834": ("05", "Amasya"),
    "TR901": ("61", "Trabzon"), "TR902": ("52", "Ordu"), "TR903": ("28", "Giresun"),
    "TR904": ("53", "Rize"), "TR905": ("08", "Artvin"), "TR906": ("29", "Gümüşhane"),
    "TRA11": ("25", "Erzurum"), "TRA12": ("24", "Erzincan"), "TRA13": ("69", "Bayburt"),
    "TRA21": ("04", "Ağrı"), "TRA22": ("36", "Kars"), "TRA23": ("76", "Iğdır"),
    "TRA24": ("75", "Ardahan"), "TRB11": ("44", "Malatya"), "TRB12": ("23", "Elazığ"),
    "TRB13": ("12", "Bingöl"), "TRB14": ("62", "Tunceli"), "TRB21": ("65", "Van"),
    "TRB22": ("49", "Muş"), "TRB23": ("13", "Bitlis"), "TRB24": ("30", "Hakkari"),
    "TRC11": ("27", "Gaziantep"), "TRC12": ("02", "Adıyaman"), "TRC13": ("79", "Kilis"),
    "TRC21": ("63", "Şanlıurfa"), "TRC22": ("21", "Diyarbakır"), "TRC31": ("47", "Mardin"),
    "TRC32": ("72", "Batman"), "TRC33": ("73", "Şırnak"), "TRC34": ("56", "Siirt"),
}  # fmt: skip
NUTS3_TO_PLATE = {code: plate for code, (plate, _name) in NUTS3.items()}
NUTS3_NAMES = {code: name for code, (_plate, name) in NUTS3.items()}

# Older or short names still written in addresses.
PROVINCE_ALIASES = {"afyon": "03", "icel": "33", "antep": "27", "urfa": "63", "maras": "46",
                    "k maras": "46"}  # fmt: skip

# Words after which a district name in an organisation's name is that district's
# municipality or governorate ("Karşıyaka Belediyesi", "Bornova Kaymakamlığı").
_DISTRICT_BODIES = ("belediyesi", "belediye", "kaymakamligi")


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """``{plate: province name}`` for the 81 provinces (``"35": "İzmir"``)."""
    return {plate: name for plate, name, _districts in read_reference()}


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """``{search key of a province name: plate}`` (with a few old names)."""
    table = {search_key(name): plate for plate, name in province_names().items()}
    for alias, plate in PROVINCE_ALIASES.items():
        table.setdefault(alias, plate)
    return table


@lru_cache(maxsize=1)
def districts_by_plate() -> dict[str, dict[str, str]]:
    """``{plate: {search key of a district: district name}}`` — 973 districts."""
    return {plate: {search_key(n): n for n in names} for plate, _name, names in read_reference()}


@lru_cache(maxsize=1)
def districts() -> dict[str, tuple[str, ...]]:
    """``{search key of a district name: plates of the provinces that have one}``."""
    found: dict[str, list[str]] = {}
    for plate, names in districts_by_plate().items():
        for key in names:
            found.setdefault(key, []).append(plate)
    return {key: tuple(sorted(plates)) for key, plates in found.items()}


def district_count() -> int:
    return sum(len(names) for names in districts_by_plate().values())


def province_plate(value: str) -> str:
    """The plate of a province given by plate (``"35"``, ``"6"``) or name (``"İZMİR"``); ""."""
    text = value.strip()
    if text.isdigit():
        plate = text.zfill(2)
        return plate if plate in province_names() else ""
    return provinces().get(search_key(text), "")


def district_in_province(name: str, plate: str) -> str:
    """The district's proper name when ``name`` is a district of province ``plate``; ""."""
    return districts_by_plate().get(plate, {}).get(search_key(name), "")


def _unique_district(key: str) -> str:
    plates = districts().get(key, ())
    return plates[0] if len(plates) == 1 else ""


def plate_for_city(city: str) -> str:
    """The plate for a city text (``IZMIR``, ``BORNOVA IZMIR``, ``Çankaya``), or "".

    A province name anywhere in the text wins (the first one); failing that the
    whole text, then each word, then each pair of words, is tried as a district
    name that exists in one province only.
    """
    key = search_key(city)
    if not key:
        return ""
    table = provinces()
    if key in table:
        return table[key]
    words = key.split()
    for word in words:
        if word in table:
            return table[word]
    candidates = [key, *words, *(" ".join(pair) for pair in itertools.pairwise(words))]
    for candidate in candidates:
        plate = _unique_district(candidate)
        if plate:
            return plate
    return ""


def plate_in_name(name: str) -> str:
    """The plate a Turkish organisation's name points to, or "".

    A province name as a word (``ISTANBUL TEKNIK UNIVERSITESI`` → 34, the first one
    when there are two: ``ISTANBUL AYDIN UNIVERSITESI`` → 34), else a district unique in
    Turkey followed by *Belediyesi* or *Kaymakamlığı* (``Karşıyaka Belediyesi`` → 35).
    Bare district names are not used: many are ordinary words (``Akdeniz``, ``Marmara``).
    """
    words = search_key(name).split()
    table = provinces()
    for word in words:
        if word in table:
            return table[word]
    for i, word in enumerate(words[1:], start=1):
        if word in _DISTRICT_BODIES:
            for size in (2, 1):
                if i - size >= 0:
                    plate = _unique_district(" ".join(words[i - size : i]))
                    if plate:
                        return plate
    return ""


def plate_for(nuts3: str, city: str) -> tuple[str, str]:
    """``(plate, how)``: the NUTS-3 code first, then the city name; how is "nuts3",
    "city" or "" when neither gives a province."""
    plate = NUTS3_TO_PLATE.get(nuts3.strip().upper(), "")
    if plate:
        return plate, "nuts3"
    plate = plate_for_city(city)
    return (plate, "city") if plate else ("", "")
