"""Türkiye's 26 regional development agencies (Kalkınma Ajansları).

One agency per NUTS-2 region (Law 5449). ``code`` is the lower-case short code the
agencies' common announcement API (``api.ka.gov.tr``) uses in ``agency_code``;
``plates`` are the provinces' licence-plate codes (``"01"``-``"81"``), which together
cover all 81 provinces exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kopru.core.text import search_key


@dataclass(frozen=True)
class DevelopmentAgency:
    code: str  # api.ka.gov.tr agency_code, e.g. "izka"
    abbreviation: str  # as the agency writes it, e.g. "İZKA"
    name: str  # full Turkish name, e.g. "İzmir Kalkınma Ajansı"
    nuts2: str  # NUTS-2 (İBBS Düzey 2) region, e.g. "TR31"
    plates: tuple[str, ...]  # provinces' plate codes


def _agency(code: str, abbr: str, name: str, nuts2: str, *plates: str) -> DevelopmentAgency:
    return DevelopmentAgency(code, abbr, name, nuts2, tuple(plates))


_ALL = (
    _agency("istka", "İSTKA", "İstanbul Kalkınma Ajansı", "TR10", "34"),
    _agency("trakyaka", "TRAKYAKA", "Trakya Kalkınma Ajansı", "TR21", "22", "39", "59"),
    _agency("gmka", "GMKA", "Güney Marmara Kalkınma Ajansı", "TR22", "10", "17"),
    _agency("izka", "İZKA", "İzmir Kalkınma Ajansı", "TR31", "35"),
    _agency("geka", "GEKA", "Güney Ege Kalkınma Ajansı", "TR32", "09", "20", "48"),
    _agency("zafer", "ZAFER", "Zafer Kalkınma Ajansı", "TR33", "03", "43", "45", "64"),
    _agency("bebka", "BEBKA", "Bursa Eskişehir Bilecik Kalkınma Ajansı", "TR41", "16", "26", "11"),
    _agency("marka", "MARKA", "Doğu Marmara Kalkınma Ajansı", "TR42", "41", "54", "81", "14", "77"),
    _agency("ankaraka", "ANKARAKA", "Ankara Kalkınma Ajansı", "TR51", "06"),
    _agency("mevka", "MEVKA", "Mevlana Kalkınma Ajansı", "TR52", "42", "70"),
    _agency("baka", "BAKA", "Batı Akdeniz Kalkınma Ajansı", "TR61", "07", "32", "15"),
    _agency("cka", "ÇKA", "Çukurova Kalkınma Ajansı", "TR62", "01", "33"),
    _agency("dogaka", "DOĞAKA", "Doğu Akdeniz Kalkınma Ajansı", "TR63", "31", "46", "80"),
    _agency("ahika", "AHİKA", "Ahiler Kalkınma Ajansı", "TR71", "71", "68", "51", "50", "40"),
    _agency("oran", "ORAN", "Orta Anadolu Kalkınma Ajansı", "TR72", "38", "58", "66"),
    _agency("bakka", "BAKKA", "Batı Karadeniz Kalkınma Ajansı", "TR81", "67", "78", "74"),
    _agency("kuzka", "KUZKA", "Kuzey Anadolu Kalkınma Ajansı", "TR82", "37", "18", "57"),
    _agency("oka", "OKA", "Orta Karadeniz Kalkınma Ajansı", "TR83", "55", "60", "19", "05"),
    _agency(
        "doka", "DOKA", "Doğu Karadeniz Kalkınma Ajansı", "TR90", "61", "52", "28", "53", "08", "29"
    ),
    _agency("kudaka", "KUDAKA", "Kuzeydoğu Anadolu Kalkınma Ajansı", "TRA1", "25", "24", "69"),
    _agency("serka", "SERKA", "Serhat Kalkınma Ajansı", "TRA2", "36", "04", "76", "75"),
    _agency("fka", "FKA", "Fırat Kalkınma Ajansı", "TRB1", "44", "23", "12", "62"),
    _agency("daka", "DAKA", "Doğu Anadolu Kalkınma Ajansı", "TRB2", "65", "49", "13", "30"),
    _agency("ika", "İKA", "İpekyolu Kalkınma Ajansı", "TRC1", "27", "02", "79"),
    _agency("karacadag", "KARACADAĞ", "Karacadağ Kalkınma Ajansı", "TRC2", "63", "21"),
    _agency("dika", "DİKA", "Dicle Kalkınma Ajansı", "TRC3", "47", "72", "73", "56"),
)

#: code → agency, for all 26 development agencies.
DEVELOPMENT_AGENCIES: Final[dict[str, DevelopmentAgency]] = {a.code: a for a in _ALL}

_BY_KEY = {search_key(a.code): a for a in _ALL} | {search_key(a.abbreviation): a for a in _ALL}
_BY_PLATE = {plate: a for a in _ALL for plate in a.plates}


def get_agency(code: str) -> DevelopmentAgency | None:
    """The agency of ``code`` (``izka``, ``İZKA``, ``ÇKA``, ``Karacadağ`` ...), or None."""
    return _BY_KEY.get(search_key(code).replace(" ", ""))


def agency_for_plate(plate: str | int) -> DevelopmentAgency | None:
    """The agency whose region contains the province with plate code ``plate``."""
    return _BY_PLATE.get(f"{int(plate):02d}" if str(plate).strip().isdigit() else str(plate))
