"""The project-file parsers: reference tables, values, format detection.

Plain pytest: no database, no Django settings needed. The format-specific tests are in
``test_parsers_cordis.py``, ``test_parsers_mlab.py`` and ``test_parsers_template.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kopru.projects.importers import (
    FORMATS,
    UnknownFormat,
    build_template_xlsx,
    detect_format,
    parse,
)
from kopru.projects.importers.reference import (
    funding_scheme,
    funding_schemes,
    iso_from_cordis,
    normalise_country,
)
from kopru.projects.importers.template import read_amount
from kopru.projects.importers.values import (
    BadValue,
    months_between,
    parse_amount,
    parse_date,
)

# --- countries and funding schemes ----------------------------------------------------------


def test_cordis_country_codes_map_to_iso() -> None:
    assert iso_from_cordis("EL") == "GR" and iso_from_cordis("UK") == "GB"
    assert iso_from_cordis("TR") == "TR" and iso_from_cordis("tr ") == "TR"
    assert iso_from_cordis("NA") == "NA"  # Namibia
    # isoCode is NULL in the file for these three: the EU code is kept.
    assert [iso_from_cordis(c) for c in ("XK", "MK", "BQ")] == ["XK", "MK", "BQ"]
    assert iso_from_cordis("QQ") is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("TR", "TR"),
        ("tr", "TR"),
        ("EL", "GR"),
        ("GR", "GR"),
        ("UK", "GB"),
        ("Greece", "GR"),
        ("Grèce", "GR"),
        ("Türkiye", "TR"),
        ("QQ", None),
        ("", None),
        ("Atlantis", None),
    ],
)
def test_normalise_country(value: str, iso: str | None) -> None:
    assert normalise_country(value) == iso


def test_funding_schemes() -> None:
    assert funding_scheme("RIA") == funding_scheme("Research and Innovation action") == "RIA"
    assert funding_scheme("Coordination and Support action") == "CSA"
    assert funding_schemes()["MSCA-RISE"].startswith("Marie Skłodowska-Curie")  # repaired
    assert funding_scheme("CS2-IA") == "CS2-IA"
    assert funding_scheme("Some brand new action") == funding_scheme("") == ""


# --- values -------------------------------------------------------------------------------------


def test_dates_in_both_formats() -> None:
    assert parse_date("2014-11-01") == parse_date("01/11/2014") == dt.date(2014, 11, 1)
    assert parse_date("01.11.2014", dotted=True) == dt.date(2014, 11, 1)
    for bad in ("2014/11/01", "1/11/2014", "01.11.2014", "2014-02-30", "NA", "", "14-11-01"):
        with pytest.raises(BadValue):
            parse_date(bad)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_dates_round_trip(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day


def test_months_between() -> None:
    assert months_between(dt.date(2014, 11, 1), dt.date(2016, 4, 30)) == 18
    assert months_between(dt.date(2021, 1, 28), dt.date(2024, 1, 27)) == 36
    assert months_between(dt.date(2014, 7, 1), dt.date(2014, 12, 31)) == 6
    assert months_between(dt.date(2014, 7, 1), None) is None
    assert months_between(dt.date(2015, 1, 1), dt.date(2014, 1, 1)) is None


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(1, 120))
def test_months_between_whole_months(start: dt.date, months: int) -> None:
    if start.day > 28:
        start = start.replace(day=28)
    year, month = divmod(start.month - 1 + months, 12)
    end = start.replace(year=start.year + year, month=month + 1) - dt.timedelta(days=1)
    assert months_between(start, end) == months


def test_cordis_amounts() -> None:
    assert parse_amount("149775") == Decimal("149775")
    assert parse_amount("221606.4") == Decimal("221606.4")
    for bad in ("-5", "1,5", "abc", "1e5", ""):
        with pytest.raises(BadValue):
            parse_amount(bad)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("250000", "250000"),
        ("250.000", "250000"),
        ("250.000,50", "250000.50"),
        ("250,000.50", "250000.50"),
        ("1.500.000", "1500000"),
        ("37,5", "37.5"),
        ("37.25", "37.25"),
        ("€ 7 000", "7000"),
        ("12 500 TL", "12500"),
    ],
)
def test_typed_amounts(text: str, value: str) -> None:
    assert read_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["-5", "çok", "1.2.3,4,5", "1,50,000", ",5", "5,", "1.5.0"])
def test_bad_typed_amounts(text: str) -> None:
    with pytest.raises(BadValue):
        read_amount(text)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_turkish_amounts_round_trip(amount: Decimal) -> None:
    whole, cents = f"{amount:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    assert read_amount(f"{grouped},{cents}") == amount


# --- detection and dispatch ---------------------------------------------------------------------


def test_detect_format_by_content_not_name() -> None:
    cordis = b"project_id,partner_role,legal_name,country_code,start_date,end_date\n"
    dashboard = (
        b"project_id,partner_role,partner_type,legal_name,country_code,"
        b"project_start_date,project_end_date\n"
    )
    mlab = "1 Başlık: Bir proje\n2 Proje Hakkında Metni: …".encode()
    assert detect_format(cordis, "projects.txt") == "cordis"
    assert detect_format(dashboard, "sablon.xlsx") == "cordis"
    assert detect_format(mlab, "data.csv") == "izmir-mlab"
    assert detect_format(b"\xef\xbb\xbf" + mlab, "x") == "izmir-mlab"
    assert detect_format(build_template_xlsx(), "projects.csv") == "template"
    for junk in (b"a,b,c\n1,2,3\n", b"", b"PK\x03\x04not a zip", b"1 Durum: x"):
        with pytest.raises(UnknownFormat):
            detect_format(junk, "x.csv")


def test_unknown_files_and_formats_are_errors_not_exceptions() -> None:
    result = parse(b"a,b,c\n1,2,3\n", "x.csv")
    assert result.projects == [] and [e.position for e in result.errors] == ["file"]
    result = parse(b"x", "x.bin", "pdf")
    assert result.errors[0].position == "file" and "pdf" in result.errors[0].reason
    assert FORMATS == ("cordis", "izmir-mlab", "template")


def test_forcing_a_format_on_the_wrong_file() -> None:
    result = parse(b"a,b,c\n1,2,3\n", "x.csv", "cordis")
    assert [e.position for e in result.errors] == ["line 1"]
    result = parse(b"a,b,c\n", "x.csv", "template")
    assert [e.position for e in result.errors] == ["file"]
    result = parse(b"a,b,c\n", "x.csv", "izmir-mlab")
    assert [e.position for e in result.errors] == ["line 1", "file"]
