"""The institutions' XLSX template: building it, reading it back, strict validation."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from kopru.projects.importers import (
    STAGES,
    TEMPLATE_COLUMNS,
    ParseResult,
    build_template_xlsx,
    detect_format,
    parse,
)
from kopru.projects.importers.template import EXAMPLE_ID, NOTES_TITLE, SHEET_TITLE


@pytest.fixture(scope="module")
def template() -> bytes:
    return build_template_xlsx()


def _good(**values: Any) -> list[Any]:
    row: dict[str, Any] = {c.key: c.example or None for c in TEMPLATE_COLUMNS}
    row["source_id"] = "IZKA-2025-001"
    row["total_cost"], row["grant_amount"] = 250000, 200000
    row.update(values)
    return [row[c.key] for c in TEMPLATE_COLUMNS]


def _sheet(template: bytes, rows: list[list[Any]]) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _parse(data: bytes) -> ParseResult:
    return parse(data, "sablon.xlsx")


def _found(result: ParseResult) -> set[tuple[str, str]]:
    """``{(position, column's Turkish name)}`` of the errors."""
    return {(e.position, e.reason.split(" / ")[0]) for e in result.errors}


# --- building ------------------------------------------------------------------------------------


def test_columns_are_documented() -> None:
    keys = [c.key for c in TEMPLATE_COLUMNS]
    assert len(keys) == len(set(keys))
    for key in ("source_id", "title_tr", "title_en", "stage", "start_date", "end_date",
                "total_cost", "grant_amount", "currency", "exchange_rate",
                "exchange_rate_date", "province", "districts", "partners"):  # fmt: skip
        assert key in keys
    assert {c.key for c in TEMPLATE_COLUMNS if c.required} == {"source_id", "stage"}
    for column in TEMPLATE_COLUMNS:
        assert column.name_tr and column.name_en
        assert column.description_tr and column.description_en
        assert column.header.startswith(f"{column.name_tr} / {column.name_en}")


def test_workbook_layout(template: bytes) -> None:
    workbook = load_workbook(io.BytesIO(template))
    assert workbook.sheetnames == [SHEET_TITLE, NOTES_TITLE]
    assert NOTES_TITLE == "Açıklamalar - Notes"  # Excel forbids "/" in sheet names
    sheet = workbook[SHEET_TITLE]
    assert [c.value for c in sheet[1]] == [c.header for c in TEMPLATE_COLUMNS]
    assert sheet["A2"].value == EXAMPLE_ID
    assert all(c.value is None for r in sheet.iter_rows(min_row=3) for c in r)
    notes = list(workbook[NOTES_TITLE].iter_rows(values_only=True))
    documented = [row[0] for row in notes]
    for column in TEMPLATE_COLUMNS:
        assert column.header in documented
    for code in (*STAGES, "coordinator", "third_party", "EUR", "TRY"):
        assert code in documented


def test_notes_list_the_shared_vocabulary(template: bytes) -> None:
    workbook = load_workbook(io.BytesIO(template))
    documented = [row[0] for row in workbook[NOTES_TITLE].iter_rows(values_only=True)]
    assert "Sektör kodları / Sector codes" in documented and "students" in documented


def test_fresh_template_imports_nothing(template: bytes) -> None:
    assert detect_format(template, "whatever.bin") == "template"
    result = _parse(template)
    assert result.errors == [] and result.projects == []


def test_example_row_round_trip(template: bytes) -> None:
    result = _parse(_sheet(template, [_good()]))
    assert result.errors == []
    (project,) = result.projects
    assert project.position == "row 2"
    assert (project.source, project.source_id) == ("template", "IZKA-2025-001")
    assert project.title_tr == "Gençler için Dijital Beceriler" and project.acronym == "DIGIYOUTH"
    assert project.stage == "submitted" and project.currency == "EUR"
    assert project.start_date == dt.date(2025, 9, 1) and project.end_date == dt.date(2027, 8, 31)
    assert project.duration_months == 24
    assert project.total_cost == Decimal(250000) and project.grant_amount == Decimal(200000)
    assert project.province_plates == ["35"] and project.districts == ["Bornova", "Buca"]
    assert project.sectors == ["youth", "digital"]
    assert project.target_groups == ["youth", "students"]
    owner, ege, sevilla = project.partners
    assert (owner.name, owner.country, owner.role, owner.province_plate) == (
        "Bornova Belediyesi",
        "TR",
        "coordinator",
        "35",
    )
    assert (ege.name, ege.country, ege.province_plate) == ("Ege Üniversitesi", "TR", "35")
    assert (sevilla.country, sevilla.role) == ("ES", "partner")


# --- accepted variations -------------------------------------------------------------------------


def test_labels_excel_dates_and_typed_numbers(template: bytes) -> None:
    row = _good(
        stage="Başvuruldu",
        start_date=dt.datetime(2025, 9, 1),
        end_date="2027-08-31",
        total_cost="250.000,50",
        grant_amount="200.000",
        currency="try",
        exchange_rate="37,25",
        exchange_rate_date="01/09/2025",
        province="35",
        districts="BORNOVA; buca; Bornova",
        sectors="Gençlik; DIGITAL",
        target_groups="Kadınlar",
        partners="Universidad de Sevilla | Spain | Ortak; Acme | EL | üçüncü taraf",
    )
    result = _parse(_sheet(template, [row]))
    assert result.errors == []
    (project,) = result.projects
    assert project.stage == "submitted" and project.currency == "TRY"
    assert project.start_date == dt.date(2025, 9, 1)
    assert project.total_cost == Decimal("250000.50") and project.grant_amount == Decimal(200000)
    assert project.exchange_rate == Decimal("37.25")
    assert project.exchange_rate_date == dt.date(2025, 9, 1)
    assert project.districts == ["Bornova", "Buca"]
    assert project.sectors == ["youth", "digital"] and project.target_groups == ["women"]
    assert [(p.country, p.role) for p in project.partners] == [
        ("TR", "coordinator"),
        ("ES", "partner"),
        ("GR", "third_party"),
    ]


def test_headers_in_any_order_and_language(template: bytes) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Stage", "record id", "Proje adı (Türkçe)", "", "CURRENCY"])
    sheet.append(["idea", "K-1", "Bir fikir", None, None])
    out = io.BytesIO()
    workbook.save(out)
    result = _parse(out.getvalue())
    assert result.errors == []
    assert (result.projects[0].stage, result.projects[0].source_id) == ("idea", "K-1")


# --- strict validation -----------------------------------------------------------------------------


def test_every_bad_row_is_reported(template: bytes) -> None:
    rows = [
        _good(source_id="OK-1"),  # row 2
        _good(source_id="B-3", stage="maybe"),
        _good(source_id="B-4", currency="USD"),
        _good(source_id="B-5", districts="Bornova; Karesi"),  # Karesi is in Balıkesir
        _good(source_id="B-6", total_cost=-5, grant_amount="çok"),
        _good(source_id="B-7", start_date="01.09.2026", end_date="01.09.2025"),
        _good(source_id="B-8", title_tr=None, title_en=None),
        _good(source_id="B-9", partners="Acme | QQ | partner"),
        _good(source_id="B-10", currency="TRY"),  # no rate, no rate date
        _good(source_id="B-11", province="Atlantis"),
        _good(source_id="B-12", start_date="2025/09/01"),
        _good(source_id="B-13", sectors="youth; moon"),
        _good(source_id="B-14", grant_amount=300000),  # above the total cost
        _good(source_id=None),
        _good(source_id="OK-1"),  # row 16: a duplicate id
        _good(source_id="B-17", partners="Acme | DE | boss"),
        _good(source_id="B-18", province=None, districts="Bornova; Narnia"),
        _good(source_id="B-19", exchange_rate=0, currency="TRY", exchange_rate_date="01.09.2025"),
        _good(source_id="B-20", source_url="www.example.org"),
        _good(
            source_id="OK-21", currency="TRY", exchange_rate=37.5, exchange_rate_date="2025-09-01"
        ),
    ]
    result = _parse(_sheet(template, rows))
    assert _found(result) == {
        ("row 3", "Aşama"),
        ("row 4", "Para birimi"),
        ("row 5", "İlçeler"),
        ("row 6", "Toplam bütçe"),
        ("row 6", "Hibe tutarı"),
        ("row 7", "Bitiş tarihi"),
        ("row 8", "Proje adı (Türkçe)"),
        ("row 9", "Ortaklar"),
        ("row 10", "Kur (TRY/EUR)"),
        ("row 10", "Kur tarihi"),
        ("row 11", "İl"),
        ("row 12", "Başlangıç tarihi"),
        ("row 13", "Sektörler"),
        ("row 14", "Hibe tutarı"),
        ("row 15", "Kayıt kimliği"),
        ("row 16", "Kayıt kimliği"),
        ("row 17", "Ortaklar"),
        ("row 18", "İlçeler"),
        ("row 19", "Kur (TRY/EUR)"),
        ("row 20", "Bağlantı"),
    }
    assert [p.position for p in result.projects] == ["row 2", "row 21"]
    assert "Narnia" in reasons_of(result, "row 18")
    assert result.projects[1].exchange_rate == Decimal("37.5")
    reasons = {e.position: e.reason for e in result.errors}
    assert "maybe" in reasons["row 3"] and "USD" in reasons["row 4"]
    assert "Karesi" in reasons["row 5"] and "İzmir" in reasons["row 5"]
    assert "QQ" in reasons["row 9"] and "2025/09/01" in reasons["row 12"]


def reasons_of(result: ParseResult, position: str) -> str:
    return " ".join(e.reason for e in result.errors if e.position == position)


def test_districts_without_a_province_are_left_to_the_import(template: bytes) -> None:
    """The import checks them against the province of the office (an earlier template
    had no province column)."""
    result = _parse(_sheet(template, [_good(province=None, districts="BORNOVA; Karesi; bornova")]))
    assert result.errors == []
    (project,) = result.projects
    assert project.districts == ["BORNOVA", "Karesi"] and project.province_plates == ["35"]


def test_an_earlier_template_still_reads() -> None:
    """The headers of the template as it was first published (no province column)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Projeler"
    sheet.append(
        [
            "Kayıt kimliği / Record id",
            "Başlık (TR) / Title (TR)",
            "Başlık (EN) / Title (EN)",
            "Özet (TR) / Summary (TR)",
            "Özet (EN) / Summary (EN)",
            "Yürütücü kurum / Owner organisation",
            "Aşama / Stage",
            "İlçeler / Districts",
            "Sektörler / Sectors",
            "Ortaklar / Partners",
        ]
    )
    sheet.append(
        [
            "IZKA-2025-001",
            "Gençler için dijital beceriler",
            "Digital skills",
            "Özet",
            "Summary",
            "Bornova Belediyesi",
            "submitted",
            "Bornova; Buca",
            "youth; digital",
            "Ege Üniversitesi|TR|partner; Universidad de Sevilla|ES|partner",
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    result = _parse(out.getvalue())
    assert result.errors == []
    (project,) = result.projects
    assert (project.title_tr, project.title_en) == (
        "Gençler için dijital beceriler",
        "Digital skills",
    )
    assert (project.summary_tr, project.summary_en) == ("Özet", "Summary")
    assert project.owner_name == "Bornova Belediyesi" and project.districts == ["Bornova", "Buca"]
    assert [(p.name, p.country, p.role) for p in project.partners] == [
        ("Bornova Belediyesi", "TR", "coordinator"),
        ("Ege Üniversitesi", "TR", "partner"),
        ("Universidad de Sevilla", "ES", "partner"),
    ]


def test_english_labels_are_accepted(template: bytes) -> None:
    row = _good(sectors="Digital transformation; Gençlik", target_groups="women; Kadınlar")
    result = _parse(_sheet(template, [row]))
    assert result.errors == []
    assert result.projects[0].sectors == ["digital", "youth"]
    assert result.projects[0].target_groups == ["women"]
    notes = load_workbook(io.BytesIO(template))[NOTES_TITLE]
    assert ("digital", None, "Dijital dönüşüm", "Digital transformation", None) in [
        tuple(r) for r in notes.iter_rows(values_only=True)
    ]


def test_texts_longer_than_the_database_allows(template: bytes) -> None:
    result = _parse(_sheet(template, [_good(acronym="X" * 61, source_id="K" * 121)]))
    assert _found(result) == {("row 2", "Kısaltma"), ("row 2", "Kayıt kimliği")}


def test_header_problems(template: bytes) -> None:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    sheet["B1"] = "Proje adı (Türkçe) / Title (Turkish)"
    sheet["C1"] = "Bütçe notu"  # unknown
    sheet.delete_cols(10)  # Aşama / Stage
    out = io.BytesIO()
    workbook.save(out)
    result = _parse(out.getvalue())
    assert [e.position for e in result.errors] == ["row 1", "row 1"]
    assert "Bütçe notu" in result.errors[0].reason and "Aşama" in result.errors[1].reason


def test_not_a_template() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["a", "b"])
    out = io.BytesIO()
    workbook.save(out)
    result = _parse(out.getvalue())
    assert [e.position for e in result.errors] == ["row 1"]
    result = parse(b"PK\x03\x04 not really", "s.xlsx", "template")
    assert result.format == "template" and [e.position for e in result.errors] == ["file"]


def test_former_codes_and_labels_of_the_shared_vocabulary_are_read(template: bytes) -> None:
    row = _good(
        sectors="economy; Eğitim; Kültür ve turizm; Transport and mobility",
        target_groups="smes; KOBİ'ler; refugees; Gençler",
    )
    result = _parse(_sheet(template, [row]))
    assert result.errors == []
    assert result.projects[0].sectors == ["industry", "education", "culture", "transport"]
    assert result.projects[0].target_groups == ["entrepreneurs", "migrants", "youth"]
    notes = [
        r[0] for r in load_workbook(io.BytesIO(template))[NOTES_TITLE].iter_rows(values_only=True)
    ]
    assert "industry" in notes and "economy" not in notes
