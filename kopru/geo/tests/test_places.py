"""Plates from NUTS-3 codes, province, city, district and organisation names."""

from __future__ import annotations

import pytest

from kopru.core.text import search_key
from kopru.geo.places import (
    NUTS3_NAMES,
    NUTS3_TO_PLATE,
    district_count,
    district_in_province,
    districts,
    plate_for,
    plate_for_city,
    plate_in_name,
    province_names,
    province_plate,
)


def test_nuts3_table_has_the_81_provinces_once_each() -> None:
    assert len(NUTS3_TO_PLATE) == 81
    assert sorted(NUTS3_TO_PLATE.values()) == [f"{i:02d}" for i in range(1, 82)]
    assert set(NUTS3_TO_PLATE) == set(NUTS3_NAMES)
    assert all(code.startswith("TR") and len(code) == 5 for code in NUTS3_TO_PLATE)


def test_nuts3_names_agree_with_the_province_list() -> None:
    names = province_names()
    assert len(names) == 81
    for code, plate in NUTS3_TO_PLATE.items():
        assert search_key(names[plate]) == search_key(NUTS3_NAMES[code]), code


@pytest.mark.parametrize(
    ("code", "plate"),
    [
        ("TR100", "34"),
        ("TR211", "59"),
        ("TR212", "22"),
        ("TR213", "39"),
        ("TR221", "10"),
        ("TR222", "17"),
        ("TR310", "35"),
        ("TR321", "09"),
        ("TR510", "06"),
        ("TRC33", "73"),  # Şırnak
        ("TRC34", "56"),  # Siirt
    ],
)
def test_nuts3_codes(code: str, plate: str) -> None:
    assert NUTS3_TO_PLATE[code] == plate


def test_district_list_has_973_districts() -> None:
    assert district_count() == 973
    assert districts()["bornova"] == ("35",)
    assert len(districts()["merkez"]) == 51


@pytest.mark.parametrize(
    ("city", "plate"),
    [
        ("IZMIR", "35"),
        ("Izmir", "35"),
        ("İzmir", "35"),
        ("BORNOVA IZMIR", "35"),
        ("ANKARA", "06"),
        ("CANKAYA ANKARA", "06"),
        ("Bornova", "35"),  # a district unique in Turkey
        ("KARSIYAKA", "35"),
        ("19 MAYIS", "55"),  # a two-word district (Samsun)
        ("AFYON", "03"),  # the short name
        ("MERKEZ", ""),  # a district name in 51 provinces
        ("EDREMIT", ""),  # Balıkesir and Van both have one
        ("PARIS", ""),
        ("", ""),
    ],
)
def test_city_names_give_plates(city: str, plate: str) -> None:
    assert plate_for_city(city) == plate


def test_nuts3_wins_over_the_city() -> None:
    assert plate_for("TR310", "ANKARA") == ("35", "nuts3")
    assert plate_for("-", "IZMIR") == ("35", "city")
    assert plate_for("", "") == ("", "")


@pytest.mark.parametrize(
    ("name", "plate"),
    [
        ("ISTANBUL TEKNIK UNIVERSITESI", "34"),
        ("ISTANBUL AYDIN UNIVERSITESI VAKFI", "34"),  # the first province named
        ("Karşıyaka Belediyesi", "35"),  # a district's municipality
        ("IUCN Akdeniz İşbirliği Merkezi", ""),  # Akdeniz is a district, but not here
        ("MIDDLE EAST TECHNICAL UNIVERSITY", ""),
    ],
)
def test_plates_in_organisation_names(name: str, plate: str) -> None:
    assert plate_in_name(name) == plate


def test_province_and_district_lookup() -> None:
    assert province_plate("35") == province_plate("İZMİR") == province_plate("izmir") == "35"
    assert province_plate("6") == "06"
    assert province_plate("82") == province_plate("Atlantis") == ""
    assert district_in_province("BORNOVA", "35") == "Bornova"
    assert district_in_province("Karesi", "35") == ""
    assert district_in_province("karesi", "10") == "Karesi"
