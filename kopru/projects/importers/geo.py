"""Turkish provinces: NUTS-3 codes, province and district names to licence plates.

The 81 Turkish NUTS-3 regions (NUTS 2013/2016/2021, unchanged) are exactly the 81
provinces; the table below gives each one's plate. Names are matched with
:func:`kopru.core.text.search_key`, so ``IZMIR``, ``İzmir`` and ``izmir`` meet, against
``muratgozel-cityList.json`` (81 provinces) and ``muratgozel-districtsByCityCode.json``
(973 districts, of which 898 distinct names; ``Merkez`` and 24 others exist in several
provinces and therefore never decide a province on their own).
"""

from __future__ import annotations

import itertools
import json
from functools import lru_cache

from kopru.core.datafiles import data_file
from kopru.core.text import search_key

NUTS3_TO_PLATE: dict[str, str] = {
    "TR100": "34", "TR211": "59", "TR212": "22", "TR213": "39", "TR221": "10",
    "TR222": "17", "TR310": "35", "TR321": "09", "TR322": "20", "TR323": "48",
    "TR331": "45", "TR332": "03", "TR333": "43", "TR334": "64", "TR411": "16",
    "TR412": "26", "TR413": "11", "TR421": "41", "TR422": "54", "TR423": "81",
    "TR424": "14", "TR425": "77", "TR510": "06", "TR521": "42", "TR522": "70",
    "TR611": "07", "TR612": "32", "TR613": "15", "TR621": "01", "TR622": "33",
    "TR631": "31", "TR632": "46", "TR633": "80", "TR711": "71", "TR712": "68",
    "TR713": "51", "TR714": "50", "TR715": "40", "TR721": "38", "TR722": "58",
    "TR723": "66", "TR811": "67", "TR812": "78", "TR813": "74", "TR821": "37",
    "TR822": "18", "TR823": "57", "TR831": "55", "TR832": "60", "TR833": "19",
    "TR834": "05", "TR901": "61", "TR902": "52", "TR903": "28", "TR904": "53",
    "TR905": "08", "TR906": "29", "TRA11": "25", "TRA12": "24", "TRA13": "69",
    "TRA21": "04", "TRA22": "36", "TRA23": "76", "TRA24": "75", "TRB11": "44",
    "TRB12": "23", "TRB13": "12", "TRB14": "62", "TRB21": "65", "TRB22": "49",
    "TRB23": "13", "TRB24": "30", "TRC11": "27", "TRC12": "02", "TRC13": "79",
    "TRC21": "63", "TRC22": "21", "TRC31": "47", "TRC32": "72", "TRC33": "73",
    "TRC34": "56",
}  # fmt: skip

# The Eurostat names of the same regions (a test checks them against the plates).
NUTS3_NAMES: dict[str, str] = {
    "TR100": "İstanbul", "TR211": "Tekirdağ", "TR212": "Edirne", "TR213": "Kırklareli",
    "TR221": "Balıkesir", "TR222": "Çanakkale", "TR310": "İzmir", "TR321": "Aydın",
    "TR322": "Denizli", "TR323": "Muğla", "TR331": "Manisa", "TR332": "Afyonkarahisar",
    "TR333": "Kütahya", "TR334": "Uşak", "TR411": "Bursa", "TR412": "Eskişehir",
    "TR413": "Bilecik", "TR421": "Kocaeli", "TR422": "Sakarya", "TR423": "Düzce",
    "TR424": "Bolu", "TR425": "Yalova", "TR510": "Ankara", "TR521": "Konya",
    "TR522": "Karaman", "TR611": "Antalya", "TR612": "Isparta", "TR613": "Burdur",
    "TR621": "Adana", "TR622": "Mersin", "TR631": "Hatay", "TR632": "Kahramanmaraş",
    "TR633": "Osmaniye", "TR711": "Kırıkkale", "TR712": "Aksaray", "TR713": "Niğde",
    "TR714": "Nevşehir", "TR715": "Kırşehir", "TR721": "Kayseri", "TR722": "Sivas",
    "TR723": "Yozgat", "TR811": "Zonguldak", "TR812": "Karabük", "TR813": "Bartın",
    "TR821": "Kastamonu", "TR822": "Çankırı", "TR823": "Sinop", "TR831": "Samsun",
    "TR832": "Tokat", "TR833": "Çorum", "TR834": "Amasya", "TR901": "Trabzon",
    "TR902": "Ordu", "TR903": "Giresun", "TR904": "Rize", "TR905": "Artvin",
    "TR906": "Gümüşhane", "TRA11": "Erzurum", "TRA12": "Erzincan", "TRA13": "Bayburt",
    "TRA21": "Ağrı", "TRA22": "Kars", "TRA23": "Iğdır", "TRA24": "Ardahan",
    "TRB11": "Malatya", "TRB12": "Elazığ", "TRB13": "Bingöl", "TRB14": "Tunceli",
    "TRB21": "Van", "TRB22": "Muş", "TRB23": "Bitlis", "TRB24": "Hakkari",
    "TRC11": "Gaziantep", "TRC12": "Adıyaman", "TRC13": "Kilis", "TRC21": "Şanlıurfa",
    "TRC22": "Diyarbakır", "TRC31": "Mardin", "TRC32": "Batman", "TRC33": "Şırnak",
    "TRC34": "Siirt",
}  # fmt: skip

# Older or short names still written in addresses.
PROVINCE_ALIASES: dict[str, str] = {
    "afyon": "03",
    "icel": "33",
    "antep": "27",
    "urfa": "63",
    "maras": "46",
    "k maras": "46",
}

CITY_LIST = "tr-il-ilce/muratgozel-cityList.json"
DISTRICTS = "tr-il-ilce/muratgozel-districtsByCityCode.json"

# Words after which a district name in an organisation's name is that district's
# municipality or governorate ("Karşıyaka Belediyesi", "Bornova Kaymakamlığı").
_DISTRICT_BODIES = ("belediyesi", "belediye", "kaymakamligi")


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """``{plate: province name}`` for the 81 provinces (``"35": "İzmir"``)."""
    cities = json.loads(data_file(CITY_LIST).read_text(encoding="utf-8"))
    return {str(c["code"]).zfill(2): str(c["name"]) for c in cities}


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
    by_city = json.loads(data_file(DISTRICTS).read_text(encoding="utf-8"))
    return {
        str(plate).zfill(2): {search_key(name): str(name) for name in names}
        for plate, names in by_city.items()
    }


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
