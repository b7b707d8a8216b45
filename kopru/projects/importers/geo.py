"""Turkish provinces: NUTS-3 codes, province names and districts to licence plates."""

from __future__ import annotations

import json
from functools import lru_cache

from kopru.core.datafiles import data_file
from kopru.core.text import search_key

# The 81 Turkish NUTS-3 regions (NUTS 2013/2016) are the 81 provinces.
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

CITY_LIST = "tr-il-ilce/muratgozel-cityList.json"
DISTRICTS = "tr-il-ilce/muratgozel-districtsByCityCode.json"


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """``{search key of the province name: plate}`` for the 81 provinces."""
    cities = json.loads(data_file(CITY_LIST).read_text(encoding="utf-8"))
    return {search_key(c["name"]): str(c["code"]).zfill(2) for c in cities}


@lru_cache(maxsize=1)
def districts() -> dict[str, list[str]]:
    """``{search key of a district name: [plates of the provinces that have one]}``."""
    by_city = json.loads(data_file(DISTRICTS).read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for plate, names in by_city.items():
        for name in names:
            found.setdefault(search_key(name), []).append(str(plate).zfill(2))
    return found


def district_count() -> int:
    return sum(len(v) for v in districts().values())


def plate_in_name(name: str) -> str:
    """The plate of the first province named in ``name`` (word match), or ""."""
    table = provinces()
    for word in search_key(name).split():
        if word in table:
            return table[word]
    return ""


def plate_for_city(city: str) -> str:
    """The plate for a city text: a province name, else a district unique in Turkey."""
    key = search_key(city)
    if not key:
        return ""
    table = provinces()
    if key in table:
        return table[key]
    found = plate_in_name(key)
    if found:
        return found
    dist = districts()
    candidates = [key, *key.split()]
    for candidate in candidates:
        plates = dist.get(candidate, [])
        if len(set(plates)) == 1:
            return plates[0]
    return ""


def plate_for(nuts3: str, city: str) -> str:
    """NUTS-3 code first, then the city name."""
    return NUTS3_TO_PLATE.get((nuts3 or "").strip().upper(), "") or plate_for_city(city)
