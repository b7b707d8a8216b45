"""CORDIS participation files: the two real files and broken copies of them.

The counts were verified against the files with the csv module (see the module
docstring of ``kopru.projects.importers.cordis``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from kopru.core.datafiles import data_file
from kopru.geo.places import plate_in_name
from kopru.projects.importers import ParseResult, detect_format, parse
from kopru.projects.importers.cordis import parse_cordis

CORDIS_2014 = "cordis-h2020-participations/cordis-plus-2014.csv"
CORDIS_2021 = "cordis-h2020-participations/dashboard-export-2021.csv"


@pytest.fixture(scope="module")
def data_2014() -> bytes:
    return data_file(CORDIS_2014).read_bytes()


@pytest.fixture(scope="module")
def data_2021() -> bytes:
    return data_file(CORDIS_2021).read_bytes()


@pytest.fixture(scope="module")
def result_2014(data_2014: bytes) -> ParseResult:
    return parse(data_2014, "cordis-plus-2014.csv")


@pytest.fixture(scope="module")
def all_2014(data_2014: bytes) -> ParseResult:
    return parse_cordis(data_2014, turkish_only=False)


@pytest.fixture(scope="module")
def result_2021(data_2021: bytes) -> ParseResult:
    return parse_cordis(data_2021, turkish_only=False)


def _edit(data: bytes, line: int, column: str, value: str) -> bytes:
    """``data`` with one field of one CSV line (1 = header) replaced."""
    lines = data.decode("utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[line - 1]]))
    row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    lines[line - 1] = out.getvalue()
    return "\n".join(lines).encode("utf-8")


def _field(data: bytes, line: int, column: str) -> str:
    lines = data.decode("utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    return next(csv.reader([lines[line - 1]]))[header.index(column)]


# --- the 2014 file ------------------------------------------------------------------------------


def test_2014_counts(data_2014: bytes, result_2014: ParseResult) -> None:
    assert detect_format(data_2014, "anything.txt") == "cordis"
    assert result_2014.format == "cordis" and result_2014.errors == []
    turkish = [p for r in result_2014.projects for p in r.partners if p.country == "TR"]
    assert len(result_2014.projects) == 81 and len(turkish) == 100
    assert len({p.name for p in turkish}) == 57
    assert {p.name for r in result_2014.projects for p in r.partners if p.country == "TR"} == set(
        _turkish_names_2014(data_2014)
    )


def _turkish_names_2014(data: bytes) -> list[str]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
    return [r["legal_name"] for r in rows if r["country_code"] == "TR"]


def test_2014_has_no_city_so_only_names_give_provinces(result_2014: ParseResult) -> None:
    turkish = [p for r in result_2014.projects for p in r.partners if p.country == "TR"]
    assert len(turkish) == 100 and all(p.city == "" for p in turkish)
    assert all(p.province_plate == plate_in_name(p.name) for p in turkish)


def test_2014_province_from_name_for_the_import(data_2014: bytes, result_2014: ParseResult) -> None:
    """``parse`` (what the import calls) takes the province from the name, as ``parse_cordis``."""
    assert result_2014 == parse_cordis(data_2014)
    turkish = {p.name: p for r in result_2014.projects for p in r.partners if p.country == "TR"}
    found = [p for r in result_2014.projects for p in r.partners if p.country == "TR"]
    assert sum(bool(p.province_plate) for p in found) == 14  # the 2014 file has no city
    assert turkish["ISTANBUL TEKNIK UNIVERSITESI"].province_plate == "34"
    assert turkish["IZMIR INSTITUTE OF TECHNOLOGY"].province_plate == "35"
    assert turkish["SOMA BELEDIYESI"].province_plate == "45"  # Soma's municipality: Manisa
    assert turkish["MIDDLE EAST TECHNICAL UNIVERSITY"].province_plate == ""


def test_2014_projects(result_2014: ParseResult) -> None:
    for project in result_2014.projects:
        assert project.source == "cordis" and project.source_id.isdigit()
        assert project.programme in ("H2020", "FP7")
        assert project.title_en == project.acronym != ""  # no title column: the acronym
        assert project.partners[0].role == "coordinator" or not any(
            p.role == "coordinator" for p in project.partners
        )
        assert project.total_cost is None  # the file has no costs
        assert project.position.startswith("line ")
    kosgeb = next(r for r in result_2014.projects if r.source_id == "643357")
    assert kosgeb.position == "line 427"
    assert kosgeb.acronym == "BSNinnoSME" and kosgeb.topic == "INNOSUP"
    assert kosgeb.funding_scheme == "CSA"  # "Coordination and support action"
    assert kosgeb.start_date == dt.date(2014, 7, 1) and kosgeb.end_date == dt.date(2014, 12, 31)
    assert kosgeb.duration_months == 6 and kosgeb.stage == "completed"
    assert kosgeb.grant_amount == Decimal("36198")
    assert kosgeb.source_url == "https://cordis.europa.eu/project/id/643357"
    coordinator = kosgeb.partners[0]
    assert coordinator.name.startswith("KOSGEB-KUCUK VE ORTA OLCEKLI")
    assert (coordinator.role, coordinator.organisation_type) == ("coordinator", "public_body")
    assert coordinator.eu_contribution == Decimal("4920")


def test_2014_countries_roles_and_types(all_2014: ParseResult) -> None:
    assert len(all_2014.projects) == 3_321 and all_2014.errors == []
    partners = [p for r in all_2014.projects for p in r.partners]
    assert len(partners) == 12_584
    countries = Counter(p.country for p in partners)
    assert countries["GR"] > 0 and countries["GB"] == 1_841
    assert not {"EL", "UK"} & set(countries)
    assert Counter(p.role for p in partners) == {
        "partner": 9_035,
        "coordinator": 3_324,
        "third_party": 203,
        "associated": 22,  # "Partner": MSCA partner organisations
    }
    assert Counter(p.organisation_type for p in partners) == {
        "university": 4_739,
        "company": 3_559,
        "research": 2_719,
        "public_body": 607,
        "other": 580,
        "": 380,
    }


def test_2014_na_country_is_missing_not_namibia(all_2014: ParseResult) -> None:
    partners = [p for r in all_2014.projects for p in r.partners]
    unknown = [p for p in partners if p.country == ""]
    assert len(unknown) == 342
    assert not any(p.country == "NA" for p in partners)
    assert sum(p.name == "" for p in unknown) == 341
    assert [p.name for p in unknown if p.name] == ["I-GENIUS LIMITED"]


def test_2014_dates_may_also_be_written_day_first(data_2014: bytes) -> None:
    changed = _edit(data_2014, 2, "start_date", "01/11/2014")
    result = parse_cordis(changed, turkish_only=False)
    assert result.errors == []
    project = next(r for r in result.projects if r.source_id == "639304")
    assert project.start_date == dt.date(2014, 11, 1)


def test_stage_follows_the_end_date(data_2014: bytes) -> None:
    early = parse_cordis(data_2014, today=dt.date(2014, 1, 1))
    assert {r.stage for r in early.projects} == {"in_implementation"}
    late = parse_cordis(data_2014, today=dt.date(2030, 1, 1))
    assert {r.stage for r in late.projects} == {"completed"}


# --- the 2021 dashboard export -------------------------------------------------------------------


def test_2021_counts(data_2021: bytes, result_2021: ParseResult) -> None:
    assert detect_format(data_2021, "export.csv") == "cordis"
    assert result_2021.errors == []
    assert sum(len(r.partners) for r in result_2021.projects) == 2_570
    turkish = [p for r in result_2021.projects for p in r.partners if p.country == "TR"]
    assert len(turkish) == 12 and len({p.name for p in turkish}) == 11
    assert all(p.province_plate for p in turkish)
    assert len(result_2021.projects) == 131
    assert len(parse(data_2021, "x.csv").projects) == 7


def test_2021_namibia_is_a_country(result_2021: ParseResult) -> None:
    partners = [p for r in result_2021.projects for p in r.partners]
    namibians = [p for p in partners if p.country == "NA"]
    assert len(namibians) == 6
    assert {p.city for p in namibians} == {"WINDHOEK", "OTJIWARONGO"}
    assert not any(p.country == "" for p in partners)


def test_2021_greece_and_britain(result_2021: ParseResult) -> None:
    countries = Counter(p.country for r in result_2021.projects for p in r.partners)
    assert countries["GR"] > 0 and countries["GB"] > 0
    assert not {"EL", "UK"} & set(countries)


def test_2021_izmir_participants(result_2021: ParseResult) -> None:
    project = next(r for r in result_2021.projects if r.source_id == "101036089")
    assert project.acronym == "GREEN NIGHT" and project.province_plates == ["35"]
    assert project.partners[0].name == "YASAR UNIVERSITESI"
    assert project.partners[0].role == "coordinator"
    turkish = {p.name: p for p in project.partners if p.country == "TR"}
    for name in ("YASAR UNIVERSITESI", "IZMIR KATIP CELEBI UNIVERSITESI"):
        assert turkish[name].province_plate == "35"
        assert turkish[name].city == "IZMIR"  # and NUTS-3 TR310
    assert project.source_url == "http://cordis.europa.eu/project/id/101036089"
    assert project.funding_scheme == "CSA"
    assert project.call_identifier == "H2020-MSCA-NIGHT-2020bis"
    assert project.start_date == dt.date(2021, 5, 1) and project.end_date == dt.date(2022, 4, 30)
    assert project.duration_months == 12
    assert project.total_cost == project.grant_amount == Decimal("137375")


def test_2021_ankara_and_istanbul(result_2021: ParseResult) -> None:
    turkish = {p.name: p for r in result_2021.projects for p in r.partners if p.country == "TR"}
    assert turkish["HACETTEPE UNIVERSITESI"].province_plate == "06"
    assert turkish["HACETTEPE UNIVERSITESI"].city == "CANKAYA ANKARA"
    assert turkish["ARCELIK A.S."].province_plate == "34"
    arsinoe = next(r for r in result_2021.projects if r.source_id == "101037424")
    assert arsinoe.province_plates == ["06", "34"]


def test_2021_roles_and_placeholders(result_2021: ParseResult) -> None:
    partners = [p for r in result_2021.projects for p in r.partners]
    assert Counter(p.role for p in partners) == {
        "partner": 2_226,
        "third_party": 211,
        "coordinator": 132,
        "associated": 1,  # INTERNATIONAL_PARTNER
    }
    assert sum(p.eu_contribution is None for p in partners) == 144  # "-"
    assert not any(p.city == "-" for p in partners)


# --- broken copies ---------------------------------------------------------------------------------


def test_bad_date_is_reported_with_its_line(data_2014: bytes, tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(_edit(data_2014, 5, "start_date", "2014/12/01"))
    result = parse(path.read_bytes(), path.name)
    assert [e.position for e in result.errors] == ["line 5"]
    assert "start_date" in result.errors[0].reason and "2014/12/01" in result.errors[0].reason
    # Line 5 is not Turkish: it is validated all the same, the Turkish projects stay.
    assert len(result.projects) == 81


def test_bad_date_in_a_turkish_row(data_2014: bytes) -> None:
    assert _field(data_2014, 427, "country_code") == "TR"
    result = parse(_edit(data_2014, 427, "end_date", "31.12.2014"), "x.csv")
    assert [e.position for e in result.errors] == ["line 427"]
    assert "end_date" in result.errors[0].reason and "31.12.2014" in result.errors[0].reason


def test_every_bad_row_is_reported(data_2014: bytes) -> None:
    broken = _edit(data_2014, 3, "signature_date", "yesterday")
    broken = _edit(broken, 10_000, "ec_contribution", "lots")
    broken = _edit(broken, 12_585, "partner_role", "Boss")
    result = parse(broken, "x.csv")
    assert [e.position for e in result.errors] == ["line 3", "line 10000", "line 12585"]
    assert "yesterday" in result.errors[0].reason
    assert "ec_contribution" in result.errors[1].reason and "lots" in result.errors[1].reason
    assert "Boss" in result.errors[2].reason


def test_end_before_start_is_an_error(data_2021: bytes) -> None:
    result = parse(_edit(data_2021, 2, "project_end_date", "31/12/2020"), "x.csv")
    assert [e.position for e in result.errors] == ["line 2"]
    assert "31/12/2020" in result.errors[0].reason


def test_unknown_country_code(data_2021: bytes) -> None:
    assert _field(data_2021, 2, "country_code") == "FR"
    result = parse(_edit(data_2021, 2, "country_code", "QQ"), "x.csv")
    assert [e.position for e in result.errors] == ["line 2"]
    assert "QQ" in result.errors[0].reason and "country_code" in result.errors[0].reason


def test_empty_country_code_in_the_dashboard_is_missing(data_2021: bytes) -> None:
    result = parse_cordis(_edit(data_2021, 2, "country_code", ""), turkish_only=False)
    partners = [p for r in result.projects for p in r.partners]
    assert result.errors == [] and sum(p.country == "" for p in partners) == 1


def test_unknown_turkish_nuts3(data_2021: bytes) -> None:
    assert _field(data_2021, 23, "country_code") == "TR"
    result = parse(_edit(data_2021, 23, "nuts_3_code", "TR999"), "x.csv")
    assert [e.position for e in result.errors] == ["line 23"]
    assert "TR999" in result.errors[0].reason


def test_turkish_row_without_nuts3_uses_the_city(data_2021: bytes) -> None:
    changed = _edit(_edit(data_2021, 23, "nuts_3_code", "-"), 23, "city", "CANKAYA ANKARA")
    result = parse(changed, "x.csv")
    assert result.errors == []
    hacettepe = next(
        p for r in result.projects for p in r.partners if p.name == "HACETTEPE UNIVERSITESI"
    )
    assert hacettepe.province_plate == "06"  # from the city


def test_truncated_file_mid_row(data_2014: bytes) -> None:
    lines = data_2014.split(b"\n")
    cut = b"\n".join(lines[:6000]) + b"\n" + lines[6000][:40]  # line 6001 cut after 40 bytes
    result = parse(cut, "x.csv")
    assert [e.position for e in result.errors] == ["line 6001"]
    assert "kesilmiş" in result.errors[0].reason


def test_truncated_file_inside_quotes(data_2021: bytes) -> None:
    lines = data_2021.split(b"\n")
    index = next(i for i in range(100, len(lines)) if b'"' in lines[i])
    line = lines[index]
    cut = b"\n".join(lines[:index]) + b"\n" + line[: line.index(b'"') + 5]
    result = parse(cut, "x.csv")
    assert [e.position for e in result.errors] == [f"line {index + 1}"]
    assert "kesilmiş" in result.errors[0].reason


def test_not_utf8(data_2021: bytes) -> None:
    broken = data_2021.replace(b"ZEYTINCE", "ZEYTİNCE".encode("iso-8859-9"), 1)
    result = parse(broken, "x.csv")
    line = data_2021[: data_2021.index(b"ZEYTINCE")].count(b"\n") + 1
    assert [e.position for e in result.errors] == [f"line {line}"]


def test_header_only() -> None:
    header = data_file(CORDIS_2021).read_bytes().split(b"\n")[0] + b"\n"
    result = parse(header, "x.csv")
    assert result.errors == [] and result.projects == []
