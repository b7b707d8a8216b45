"""The project file parsers (pure Python, no database)."""

from __future__ import annotations

import datetime as dt
import io
import time
from decimal import Decimal

import pytest

from kopru.core.datafiles import data_file, has_data_file
from kopru.projects.importers import (
    NUTS3_TO_PLATE,
    TEMPLATE_COLUMNS,
    UnknownFormat,
    build_template_xlsx,
    detect_format,
    parse,
)
from kopru.projects.importers.cordis import eu_countries
from kopru.projects.importers.geo import plate_for_city, provinces
from kopru.projects.importers.mlab import parse_duration

CORDIS_2014 = "cordis-h2020-participations/cordis-plus-2014.csv"
CORDIS_2021 = "cordis-h2020-participations/dashboard-export-2021.csv"
MLAB = "izmir-mlab/projects.txt"


def _bytes(name: str) -> bytes:
    return data_file(name).read_bytes()


def _mlab() -> bytes:
    if not has_data_file(MLAB):
        pytest.skip("needs ../shared/data/izmir-mlab/projects.txt, absent in this checkout")
    return _bytes(MLAB)


# --- reference tables -------------------------------------------------------------


def test_nuts3_table_covers_the_81_provinces() -> None:
    assert len(NUTS3_TO_PLATE) == 81
    assert sorted(set(NUTS3_TO_PLATE.values())) == [f"{i:02d}" for i in range(1, 82)]
    assert set(NUTS3_TO_PLATE.values()) == set(provinces().values())
    assert NUTS3_TO_PLATE["TR310"] == "35" and NUTS3_TO_PLATE["TR221"] == "10"


def test_city_names_give_plates() -> None:
    assert plate_for_city("IZMIR") == plate_for_city("İzmir") == "35"
    assert plate_for_city("CANKAYA ANKARA") == "06"
    assert plate_for_city("BORNOVA") == "35"  # a district unique in Turkey
    assert plate_for_city("MERKEZ") == ""  # a district name in many provinces
    assert plate_for_city("") == ""


def test_cordis_country_table_maps_eu_codes() -> None:
    table = eu_countries()
    assert table["EL"] == "GR" and table["UK"] == "GB" and table["TR"] == "TR"
    assert table["NA"] == "NA" and table["XK"] == "XK"


# --- CORDIS 2014 ----------------------------------------------------------------------


def test_cordis_2014_real_file() -> None:
    data = _bytes(CORDIS_2014)
    assert detect_format(data, "cordis-plus-2014.csv") == "cordis"
    started = time.perf_counter()
    result = parse(data, "cordis-plus-2014.csv")
    assert time.perf_counter() - started < 2.5
    assert result.format == "cordis" and result.errors == []
    stats = result.stats
    assert stats["rows"] == 12_584 and stats["projects_in_file"] == 3_321
    assert stats["tr_rows"] == 100 and stats["tr_organisations"] == 57
    assert len(result.projects) == 81
    # No city/NUTS columns: only names holding a province name get a plate.
    assert 0 < stats["tr_without_province"] < 100
    for project in result.projects:
        assert any(p.country == "TR" for p in project.partners)
        assert project.source == "cordis" and project.programme in ("H2020", "FP7")
        assert project.stage in ("completed", "in_implementation")
        assert project.title_en  # the acronym: the file has no title
        assert project.province_plates == sorted(
            {p.province_plate for p in project.partners if p.country == "TR" and p.province_plate}
        )
    roles = {p.role for r in result.projects for p in r.partners}
    assert roles <= {"coordinator", "partner", "third_party"}
    itu = [
        p for r in result.projects for p in r.partners if p.name == "ISTANBUL TEKNIK UNIVERSITESI"
    ]
    assert itu and all(p.province_plate == "34" for p in itu)


def test_cordis_2014_all_projects_and_countries() -> None:
    result = parse(_bytes(CORDIS_2014), "x.csv", turkish_only=False)
    assert len(result.projects) == 3_321 and result.errors == []
    countries = {p.country for r in result.projects for p in r.partners}
    assert "GR" in countries and "GB" in countries
    assert not {"EL", "UK"} & countries


# --- CORDIS 2021 dashboard --------------------------------------------------------------


def test_cordis_2021_real_file() -> None:
    data = _bytes(CORDIS_2021)
    assert detect_format(data, "dashboard-export-2021.csv") == "cordis"
    result = parse(data, "dashboard-export-2021.csv")
    assert result.errors == []
    assert result.stats["rows"] == 2_570 and result.stats["tr_rows"] == 12
    assert result.stats["tr_without_province"] == 0
    turkish = {p.name: p for r in result.projects for p in r.partners if p.country == "TR"}
    assert turkish["YASAR UNIVERSITESI"].province_plate == "35"
    assert turkish["IZMIR KATIP CELEBI UNIVERSITESI"].province_plate == "35"
    assert turkish["HACETTEPE UNIVERSITESI"].province_plate == "06"
    assert turkish["YASAR UNIVERSITESI"].vat == "TR9390428238"
    assert turkish["HACETTEPE UNIVERSITESI"].vat == ""  # "-" is none
    project = next(r for r in result.projects if r.source_id == "101036089")
    assert project.province_plates == ["35"]
    assert project.partners[0].role == "coordinator"
    assert project.source_url == "http://cordis.europa.eu/project/id/101036089"
    assert project.start_date is not None and project.start_date.year >= 2021
    assert project.stage == "completed"  # funded and ended


def test_cordis_2021_namibia_greece_and_britain() -> None:
    result = parse(_bytes(CORDIS_2021), "d.csv", turkish_only=False)
    assert result.errors == [] and len(result.projects) == 131
    partners = [p for r in result.projects for p in r.partners]
    assert sum(p.country == "NA" for p in partners) == 6  # Namibia, not missing
    assert any(p.country == "GR" for p in partners) and any(p.country == "GB" for p in partners)
    assert not any(p.country in ("EL", "UK", "") for p in partners)


def test_cordis_stage_follows_the_end_date() -> None:
    from kopru.projects.importers.cordis import parse_cordis

    data = _bytes(CORDIS_2021)
    result = parse_cordis(data, today=dt.date(2020, 1, 1))
    assert {r.stage for r in result.projects} == {"in_implementation"}


# --- broken CORDIS copies -----------------------------------------------------------------


def _replace_in_line(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def test_bad_date_is_reported_with_its_line(tmp_path) -> None:
    text = _bytes(CORDIS_2014).decode()
    broken = _replace_in_line(text, 5, "2014-", "2014/")
    path = tmp_path / "broken.csv"
    path.write_text(broken, encoding="utf-8")
    result = parse(path.read_bytes(), path.name)
    assert result.errors and {e.position for e in result.errors} == {5}
    assert "2014/" in result.errors[0].reason


def test_both_date_styles_are_accepted_anywhere() -> None:
    text = _bytes(CORDIS_2014).decode()
    lines = text.split("\n")
    lines[1] = lines[1].replace("2014-11-01", "01/11/2014")
    result = parse("\n".join(lines).encode(), "x.csv", turkish_only=False)
    assert result.errors == []
    first = next(r for r in result.projects if r.source_id == "639304")
    assert first.start_date == dt.date(2014, 11, 1)


def test_unknown_country_is_an_error() -> None:
    text = _bytes(CORDIS_2021).decode()
    broken = _replace_in_line(text, 2, ",FR,France,", ",QQ,France,")
    result = parse(broken.encode(), "d.csv")
    assert [(e.position, e.reason) for e in result.errors] == [(2, "Bilinmeyen ülke kodu: QQ")]


def test_truncated_file_reports_the_last_line() -> None:
    data = _bytes(CORDIS_2021)
    cut = data[: len(data) // 2]
    cut = cut[: cut.rfind(b",")]  # stop in the middle of a row
    lines = cut.decode().count("\n") + 1
    result = parse(cut, "d.csv")
    assert result.errors and result.errors[-1].position == lines


def test_unknown_header_is_not_cordis() -> None:
    with pytest.raises(UnknownFormat):
        detect_format(b"a,b,c\n1,2,3\n", "x.csv")
    result = parse(b"a,b,c\n1,2,3\n", "x.csv")
    assert result.errors and result.projects == []


# --- İzmir M-LAB -----------------------------------------------------------------------


def test_durations() -> None:
    assert parse_duration("24 Ay") == 24
    assert parse_duration("36 ay") == 36
    assert parse_duration("3 yıl") == 36
    assert parse_duration("54 Ay (4,5 Yıl)") == 54
    assert parse_duration("4,5 Yıl") == 54
    assert parse_duration("Belirtilmemiş") is None
    with pytest.raises(ValueError):
        parse_duration("uzun sürecek")


def test_mlab_real_file() -> None:
    data = _mlab()
    assert detect_format(data, "projects.txt") == "izmir-mlab"
    result = parse(data, "projects.txt")
    assert result.errors == [] and result.stats["rows"] == 19
    projects = result.projects
    assert len(projects) == 19
    assert [p.stage for p in projects].count("in_implementation") == 18
    assert [p.stage for p in projects].count("completed") == 1
    assert len({p.source_id for p in projects}) == 19
    for p in projects:
        assert p.source == "izmir-mlab" and p.source_id.startswith("izmir-mlab:")
        assert len(p.source_id) <= 120
        assert p.title_tr and p.summary_tr and not p.title_en
        assert p.province_plates == ["35"] and p.challenge.startswith("Büyük Zorluk")
        assert p.partners[0].country == "TR" and p.partners[0].province_plate == "35"
    assert 54 in [p.duration_months for p in projects]
    assert (
        projects[0].source_id == "izmir-mlab:izmir-de-su-tutma-peyzajlarinin-gelistirilmesi-projesi"
    )
    assert projects[0].duration_months == 24 and projects[0].position == 1
    completed = next(p for p in projects if p.stage == "completed")
    assert completed.start_date == dt.date(2017, 6, 1)  # "3 Başlangıç Tarihi: 1 Haziran 2017"
    partners = {p.name: p for r in projects for p in r.partners}
    assert partners["Ege Üniversitesi"].country == "TR"
    assert partners["METREX"].country == "" and not partners["METREX"].country_unknown


def test_mlab_unknown_status_reports_its_line() -> None:
    text = _mlab().decode()
    broken = text.replace("Devam Ediyor", "Belki Biter", 1)
    result = parse(broken.encode(), "projects.txt")
    assert [(e.position, e.reason) for e in result.errors] == [(4, "Bilinmeyen durum: Belki Biter")]
    assert len(result.projects) == 18


def test_mlab_bad_duration_and_truncation() -> None:
    text = _mlab().decode()
    result = parse(text.replace("24 Ay", "yirmi dört", 1).encode(), "projects.txt")
    assert [e.position for e in result.errors] == [3]
    cut = "\n".join(text.split("\n")[:100])
    result = parse(cut.encode(), "projects.txt")
    assert result.errors and result.errors[-1].position == 100


# --- XLSX template --------------------------------------------------------------------------


def _sheet(rows: list[list[object]]) -> bytes:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(build_template_xlsx()))
    ws = wb.worksheets[0]
    ws.delete_rows(2, ws.max_row)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(**values: object) -> list[object]:
    good = {c.key: c.example for c in TEMPLATE_COLUMNS}
    good.update(values)
    return [good[c.key] for c in TEMPLATE_COLUMNS]


def test_template_round_trip() -> None:
    from openpyxl import load_workbook

    data = build_template_xlsx()
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Projeler", "Açıklamalar - Notes"]
    assert all("/" not in name for name in wb.sheetnames)
    assert detect_format(data, "sablon.xlsx") == "template"
    result = parse(data, "sablon.xlsx")
    assert result.errors == [] and result.stats["rows"] == 1
    (project,) = result.projects
    assert project.source == "template" and project.source_id == "IZKA-2025-001"
    assert project.stage == "submitted" and project.currency == "EUR"
    assert project.start_date == dt.date(2025, 9, 1) and project.end_date == dt.date(2027, 8, 31)
    assert project.total_cost == Decimal("250000") and project.grant_amount == Decimal("200000")
    assert project.districts == ["Bornova", "Buca"]
    assert project.sectors == ["youth", "digital"] and project.target_groups == [
        "youth",
        "students",
    ]
    owner = project.partners[0]
    assert (owner.name, owner.country, owner.role) == ("Bornova Belediyesi", "TR", "coordinator")
    assert [p.country for p in project.partners[1:]] == ["TR", "ES"]
    assert project.owner_name == "Bornova Belediyesi"


def test_template_columns_are_documented() -> None:
    keys = [c.key for c in TEMPLATE_COLUMNS]
    assert len(keys) == len(set(keys))
    for key in ("source_id", "title_tr", "stage", "currency", "exchange_rate", "partners"):
        assert key in keys
    for c in TEMPLATE_COLUMNS:
        assert c.name_tr and c.name_en and c.description_tr and c.description_en


def test_template_reports_every_bad_row() -> None:
    data = _sheet(
        [
            _row(),
            _row(stage="maybe"),
            _row(currency="USD"),
            _row(districts="Bornova; Atlantis"),
            _row(total_cost=-5, grant_amount="çok"),
            _row(start_date="01.09.2026", end_date="01.09.2025"),
            _row(title_tr="", title_en=""),
            _row(partners="Acme|QQ|partner"),
            _row(currency="TRY", exchange_rate=None),
            _row(source_id="IZKA-2", currency="try", exchange_rate="37,5"),
        ]
    )
    result = parse(data, "sablon.xlsx")
    found = {(e.position, e.reason.split(":")[0]) for e in result.errors}
    assert found == {
        (3, "stage"),
        (4, "currency"),
        (5, "districts"),
        (6, "total_cost"),
        (6, "grant_amount"),
        (7, "end_date"),
        (8, "title_tr"),
        (9, "partners"),
        (10, "exchange_rate"),
    }
    assert [p.position for p in result.projects] == [2, 11]
    assert result.projects[1].currency == "TRY"
    assert result.projects[1].exchange_rate == Decimal("37.5")
    assert result.stats["rows"] == 10


def test_template_without_source_id_leaves_it_empty() -> None:
    result = parse(_sheet([_row(source_id="")]), "s.xlsx")
    assert result.errors == [] and result.projects[0].source_id == ""


def test_garbage_xlsx_is_an_error() -> None:
    result = parse(b"PK\x03\x04not really", "s.xlsx")
    assert result.format == "template" and result.errors and result.errors[0].position == 1


def test_unknown_format_name_is_an_error() -> None:
    result = parse(b"x", "x.bin", "pdf")
    assert result.errors[0].reason == "Bilinmeyen biçim: pdf"
