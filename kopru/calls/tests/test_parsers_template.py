"""The bulk-entry template: the downloadable file and reading it back (XLSX and CSV)."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from kopru.calls.importers import (
    MESSAGES,
    TEMPLATE_COLUMNS,
    build_template_xlsx,
    detect_format,
    parse,
)
from kopru.calls.importers.template import EXAMPLE_ID, NOTES_TITLE, SHEET_TITLE

ISTANBUL = ZoneInfo("Europe/Istanbul")
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(scope="module")
def template_bytes() -> bytes:
    return build_template_xlsx()


def test_template_columns_are_documented() -> None:
    names = [c.key for c in TEMPLATE_COLUMNS]
    assert len(names) == len(set(names))
    assert {"call_identifier", "funder", "level"} == {c.key for c in TEMPLATE_COLUMNS if c.required}
    for column in TEMPLATE_COLUMNS:
        assert column.name_tr and column.name_en
        assert column.description_tr and column.description_en


def test_built_template_shape(template_bytes: bytes) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes))
    assert workbook.sheetnames == [SHEET_TITLE, NOTES_TITLE]
    sheet = workbook[SHEET_TITLE]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in TEMPLATE_COLUMNS]
    assert "Çağrı Kodu / Call identifier *" in headers
    assert sheet.cell(row=2, column=1).value == EXAMPLE_ID
    notes = workbook[NOTES_TITLE]
    assert notes.max_row >= len(TEMPLATE_COLUMNS) + 1
    assert notes.cell(row=2, column=1).value == TEMPLATE_COLUMNS[0].header


def test_empty_template_imports_nothing(template_bytes: bytes) -> None:
    assert detect_format(template_bytes, "sablon.xlsx") == "template"
    result = parse(template_bytes, "sablon.xlsx")
    assert result.format == "template"
    assert result.records == [] and result.errors == []
    assert result.skipped == [("row 2 (sheet 'Çağrılar - Calls')", MESSAGES["example_row"])]


def test_filled_xlsx_template(template_bytes: bytes) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes))
    sheet = workbook[SHEET_TITLE]
    col = {c.key: i for i, c in enumerate(TEMPLATE_COLUMNS, start=1)}

    def row(number: int, **values: object) -> None:
        for name, value in values.items():
            sheet.cell(row=number, column=col[name], value=value)

    row(
        3,
        call_identifier="IZKA-2026-MDP",
        title_tr="2026 Yılı Yeşil Dönüşüm Mali Destek Programı",
        funder="İzmir Kalkınma Ajansı",
        level="Bölgesel",
        instrument="hibe",
        deadlines="2026-10-15 18:00",
        opening_date=datetime(2026, 9, 1),
        budget_total="150.000.000",
        grant_min=250000,
        grant_max="2.000.000,00",
        expected_grants=60,
        cofinancing_rate="%75",
        currency="TL",
        keywords="yeşil dönüşüm; KOBİ",
        agency_code="İZKA",
        summary_tr="Satır 1\nSatır 2 <script>x</script>",
    )
    row(
        4,
        call_identifier="HORIZON-CL5-2027-01-D3-01",
        title_en="Two-stage topic",
        funder="European Commission",
        level="AB",
        deadline_model="iki aşamalı",
        deadlines="2027-01-20; 2027-09-01 17:00",
        timezone="Europe/Brussels",
        source_url="https://ec.europa.eu/x",
    )
    row(5, call_identifier="BAD-1", title_tr="Kötü satır", funder="X", level="il düzeyi")
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = parse(buffer.getvalue(), "doldurulmus.xlsx")
    assert result.format == "template"
    regional, eu = result.records
    assert regional.position == "row 3 (sheet 'Çağrılar - Calls')"
    assert regional.source_id == regional.call_identifier == "IZKA-2026-MDP"
    assert regional.level == "regional"
    assert regional.deadlines[0].at == datetime(2026, 10, 15, 18, 0, tzinfo=ISTANBUL)
    assert regional.deadline_model == "single_stage"
    assert regional.opening_date == date(2026, 9, 1)
    assert regional.budget_total == Decimal(150_000_000)
    assert regional.grant_max == Decimal(2_000_000)
    assert regional.cofinancing_rate == Decimal(75)
    assert regional.currency == "TRY"
    assert regional.keywords == ["yeşil dönüşüm", "KOBİ"]
    assert regional.agency_code == "izka"
    assert regional.summary_tr == "<p>Satır 1<br>Satır 2 &lt;script&gt;x&lt;/script&gt;</p>"

    assert eu.deadline_model == "two_stage"
    assert [(d.stage, d.at) for d in eu.deadlines] == [
        (1, datetime(2027, 1, 20, 17, 0, tzinfo=BRUSSELS)),
        (2, datetime(2027, 9, 1, 17, 0, tzinfo=BRUSSELS)),
    ]
    (error,) = result.errors
    assert (error.position, error.code) == ("row 5 (sheet 'Çağrılar - Calls')", "bad_choice")
    assert "il düzeyi" in error.reason


def test_csv_template_semicolon_bom_and_bad_rows() -> None:
    csv_text = (
        "Çağrı Kodu;Çağrı Adı (Türkçe);Destek Veren Kurum;Düzey;Son Başvuru Tarihleri;"
        "Azami Destek Tutarı\n"
        "GMKA-2026-TD;Teknik Destek Programı;Güney Marmara Kalkınma Ajansı;bölgesel;"
        "2026-11-30;500.000\n"
        "GMKA-2026-X;Hatalı tarih;Güney Marmara Kalkınma Ajansı;bölgesel;30.02.2026 10:00;\n"
        ";Kodsuz;Kurum;ulusal;;-5\n"
        'GMKA-2026-MDP;"Mali Destek; ""Yeşil""";Güney Marmara Kalkınma Ajansı;bölgesel;'
        "15.12.2026 17:30;1.000.000\n"
    )
    data = b"\xef\xbb\xbf" + csv_text.encode("utf-8")
    assert detect_format(data, "upload.csv") == "template"
    result = parse(data, "upload.csv")
    assert [r.source_id for r in result.records] == ["GMKA-2026-TD", "GMKA-2026-MDP"]
    first, second = result.records
    assert first.position == "line 2"
    assert first.deadlines[0].at == datetime(2026, 11, 30, 23, 59, tzinfo=ISTANBUL)
    assert first.grant_max == Decimal(500_000)
    assert second.title_tr == 'Mali Destek; "Yeşil"'
    assert second.deadlines[0].at == datetime(2026, 12, 15, 17, 30, tzinfo=ISTANBUL)
    errors = {(e.position, e.code) for e in result.errors}
    assert errors == {
        ("line 3", "bad_datetime"),
        ("line 4", "negative_amount"),
        ("line 4", "missing_identifier"),
    }


def test_csv_template_comma_english_headers_without_bom() -> None:
    data = (
        "call_identifier,Title (English),Funder,Level,Deadlines,Time zone\n"
        "ERASMUS-2027-X,Youth call,European Commission,eu,2027-02-01 12:00,Brüksel\n"
    ).encode()
    result = parse(data, "calls.csv")
    (record,) = result.records
    assert record.level == "eu"
    assert record.deadlines[0].at == datetime(2027, 2, 1, 12, 0, tzinfo=BRUSSELS)
