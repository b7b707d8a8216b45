"""Small pieces of the call parsers: values, text, classification, agencies, sheets."""

from __future__ import annotations

import io
import json
import os
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kopru.calls.agencies import DEVELOPMENT_AGENCIES, agency_for_plate, get_agency
from kopru.calls.importers import (
    ANNOUNCEMENT_RULES,
    MESSAGES,
    classify_announcement,
    instrument_from_text,
    parse,
)
from kopru.calls.importers.cleaning import clean_text
from kopru.calls.importers.records import Problem
from kopru.calls.importers.values import (
    deadline_from_cell,
    parse_decimal,
    parse_turkish_date,
    zone_from_name,
)
from kopru.calls.richtext import repair_mojibake, to_safe_html
from kopru.core.datafiles import data_file
from kopru.core.imports.files import FileRefused

BRUSSELS = ZoneInfo("Europe/Brussels")
ISTANBUL = ZoneInfo("Europe/Istanbul")


# --- values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 Ağustos, 2026", date(2026, 8, 27)),
        ("02 Ekim, 2025", date(2025, 10, 2)),
        ("1 ocak 2026", date(2026, 1, 1)),
        ("15 ŞUBAT,2026", date(2026, 2, 15)),
        ("3 Mart, 2026", date(2026, 3, 3)),
        ("4 NİSAN, 2026", date(2026, 4, 4)),
        ("11 Mayıs, 2026", date(2026, 5, 11)),
        ("17 Haziran, 2026", date(2026, 6, 17)),
        ("27 Temmuz, 2026", date(2026, 7, 27)),
        ("23 Eylül, 2025", date(2025, 9, 23)),
        ("18 KASIM, 2025", date(2025, 11, 18)),
        ("30 Aralık, 2025", date(2025, 12, 30)),
        ("30 aralik 2025", date(2025, 12, 30)),
        ("30.12.2025", date(2025, 12, 30)),
    ],
)
def test_turkish_dates(text: str, expected: date) -> None:
    assert parse_turkish_date(text, "date_text") == expected


@pytest.mark.parametrize("text", ["31 Kasım, 2025", "12 Brumaire, 2025", "yarın"])
def test_bad_turkish_dates(text: str) -> None:
    with pytest.raises(Problem) as info:
        parse_turkish_date(text, "date_text")
    assert info.value.code == "bad_date"


def test_deadline_rules() -> None:
    assert deadline_from_cell("2026-03-17", "d", BRUSSELS) == datetime(
        2026, 3, 17, 17, 0, tzinfo=BRUSSELS
    )
    assert deadline_from_cell("2026-03-17", "d", ISTANBUL) == datetime(
        2026, 3, 17, 23, 59, tzinfo=ISTANBUL
    )
    assert deadline_from_cell(datetime(2026, 7, 6, 23, 59), "d", BRUSSELS) == datetime(
        2026, 7, 6, 23, 59, tzinfo=BRUSSELS
    )
    assert deadline_from_cell(datetime(2026, 7, 6), "d", BRUSSELS) == datetime(
        2026, 7, 6, 17, 0, tzinfo=BRUSSELS
    )
    assert deadline_from_cell("06.07.2026 14:00", "d", ISTANBUL) == datetime(
        2026, 7, 6, 14, 0, tzinfo=ISTANBUL
    )
    assert deadline_from_cell(None, "d", ISTANBUL) is None
    with pytest.raises(Problem):
        deadline_from_cell("2026-07-06 25:00", "d", ISTANBUL)
    assert zone_from_name("TSİ") == ISTANBUL
    assert zone_from_name("") == ISTANBUL
    with pytest.raises(Problem):
        zone_from_name("Mars/Olympus")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1500000", Decimal(1500000)),
        ("1.500.000", Decimal(1500000)),
        ("1,500,000", Decimal(1500000)),
        ("1.500.000,50", Decimal("1500000.50")),
        ("1,500,000.50", Decimal("1500000.50")),
        ("€ 7 000 000", Decimal(7000000)),
        ("0,8", Decimal("0.8")),
        ("12.5", Decimal("12.5")),
        ("%75", Decimal(75)),
        ("-5", Decimal(-5)),
        ("", None),
        (None, None),
        (735000, Decimal(735000)),
    ],
)
def test_amounts(text: object, expected: Decimal | None) -> None:
    assert parse_decimal(text, "x") == expected


@pytest.mark.parametrize("text", ["abc", "1.50.0", "1,2,3.4.5", "12,5,3"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(Problem):
        parse_decimal(text, "x")


# --- text -------------------------------------------------------------------------


def test_mojibake_repair_only_where_present() -> None:
    assert repair_mojibake("beneficiariesâ€™ needs") == "beneficiaries’ needs"
    assert repair_mojibake("â€¢ item â€“ dash â€œqâ€\x9d") == "• item – dash “q”"
    mixed = "Europe’s café and beneficiariesâ€™"
    assert repair_mojibake(mixed) == "Europe’s café and beneficiaries’"
    for clean in ("Çağrı Adı", "İZMİR’de Öğrenci", "Europe’s café Á", "ÖZEL ÇÖZÜM ü»"):
        assert repair_mojibake(clean) == clean
    assert repair_mojibake("Ã‡aÄŸrÄ±") == "Çağrı"


def test_clean_text_and_html() -> None:
    assert (
        clean_text("Key\xa0Technologies\u202f  for\nLoads\u200b ") == "Key Technologies for Loads"
    )
    html = to_safe_html(
        '<p onclick="x">Hi <a href="javascript:alert(1)">x</a><script>1</script></p>'
    )
    assert "onclick" not in html and "javascript" not in html and "<script" not in html
    assert to_safe_html("a & b\n\nc") == "<p>a &amp; b</p><p>c</p>"
    assert to_safe_html('<a href="https://x.eu">l</a>') == (
        '<a href="https://x.eu" rel="noopener noreferrer">l</a>'
    )


# --- classification ---------------------------------------------------------------


def test_rules_are_explained() -> None:
    ids = [r.id for r in ANNOUNCEMENT_RULES]
    assert len(ids) == len(set(ids))
    for rule in ANNOUNCEMENT_RULES:
        assert rule.explanation_tr and rule.explanation_en and rule.patterns


@pytest.mark.parametrize(
    ("title", "is_call", "instrument"),
    [
        ("BEBKA 2026 Yılı Bursa Mali Destek Programı İlan Edildi", True, "grant"),
        ("İklim Değişikliği Uyum Mali Destek Programı İlan Edildi", True, "grant"),
        ("Sonuç Odaklı Programlar Teklif Çağrısı", True, "grant"),
        ("2026 Yılı Fizibilite Desteği Programı İlan Edildi", True, "grant"),
        ("KOBİ Kredi Destek Programı Başvuruları Başladı", True, "credit"),
        ("GMKA 2026 Yılı Mali Destek Programı Sonuçları Açıklandı", False, "grant"),
        ("İZKA Mali Destek Programı Başvuru Süresi Uzatıldı", False, "grant"),
        ("Hibe Programı Bilgilendirme Toplantısı", False, "grant"),
        ("Proje Döngüsü Yönetimi Eğitimi", False, "grant"),
        ("Call for proposals: Youth grants 2026", True, "grant"),
        ("Uzman Personel Alımı İlanı", False, "grant"),
        ("Avrupa Günü mesajı", False, "grant"),
    ],
)
def test_classification_cases(title: str, is_call: bool, instrument: str) -> None:
    decision = classify_announcement(title)
    assert decision.is_funding_call is is_call, decision.reason
    assert decision.instrument == instrument
    assert decision.rule.id in decision.reason


def test_instrument_keywords() -> None:
    assert instrument_from_text("FAİZSİZ KREDİ DESTEK PROGRAMI") == "interest_free_credit"
    assert instrument_from_text("Turizm Kredi Programı") == "credit"
    assert instrument_from_text("Teknik Destek Programı") == "technical_support"
    assert instrument_from_text("Mali Destek Programı") == "grant"


# --- development agencies ---------------------------------------------------------


def test_all_26_agencies_cover_81_provinces_once() -> None:
    assert len(DEVELOPMENT_AGENCIES) == 26
    plates = [p for a in DEVELOPMENT_AGENCIES.values() for p in a.plates]
    assert len(plates) == len(set(plates)) == 81
    cities = json.loads(data_file("tr-il-ilce/muratgozel-cityList.json").read_text("utf-8"))
    assert {c["code"] for c in cities} == set(plates)
    assert DEVELOPMENT_AGENCIES["gmka"].name == "Güney Marmara Kalkınma Ajansı"
    assert DEVELOPMENT_AGENCIES["gmka"].plates == ("10", "17")
    assert DEVELOPMENT_AGENCIES["izka"].plates == ("35",)
    assert get_agency("İZKA") is DEVELOPMENT_AGENCIES["izka"]
    assert get_agency("ÇKA") is DEVELOPMENT_AGENCIES["cka"]
    assert get_agency("KARACADAĞ") is DEVELOPMENT_AGENCIES["karacadag"]
    assert get_agency("nope") is None
    assert agency_for_plate(10) is DEVELOPMENT_AGENCIES["gmka"]
    assert agency_for_plate("06") is DEVELOPMENT_AGENCIES["ankaraka"]


def test_ka_feed_unknown_agency_and_cut_off() -> None:
    items = [
        {"id": 1, "agency_code": "izka", "name": "İZKA 2026 Mali Destek Programı İlan Edildi",
         "date_to_show": "2026-09-01", "publish_end_date": "2026-12-31"},
        {"id": 2, "agency_code": "xyz", "name": "XYZ Teknik Destek Programı İlan Edildi",
         "date_to_show": "2026-09-02"},
        {"id": 3, "agency_code": "gmka", "name": "GMKA Eğitimi Düzenlenecektir",
         "date_to_show": "2026-09-03"},
        {"id": 4, "agency_code": "gmka", "name": "GMKA Teknik Destek Programı İlan Edildi",
         "date_to_show": "2026-09-04"},
    ]  # fmt: skip
    text = json.dumps({"state": True, "data": items}, ensure_ascii=False)
    result = parse(text.encode(), "ka_liste.json")
    assert [r.source_id for r in result.records] == ["1", "4"]
    assert result.records[0].funder == "İzmir Kalkınma Ajansı"
    assert result.records[0].deadlines == []
    assert result.records[0].opening_date == date(2026, 9, 1)
    assert [(e.position, e.code) for e in result.errors] == [("record 2", "unknown_agency")]
    assert [p for p, _ in result.skipped] == ["record 3"]

    cut = text.encode()[: text.encode().index(b'"id": 4') - 5]
    truncated = parse(cut, "ka_liste.json")
    assert [r.source_id for r in truncated.records] == ["1"]
    assert [(e.position, e.code) for e in truncated.errors] == [
        ("record 2", "unknown_agency"),
        ("record 3", "json_truncated"),
    ]
    failed = parse(b'{"state": false, "data": []}', "ka_liste.json")
    assert [e.code for e in failed.errors] == ["source_reported_error"]


# --- office sheet variations --------------------------------------------------------


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_office_sheet_header_variants_and_errors() -> None:
    data = _workbook(
        {
            "Açık": [
                ["Haftalık rapor"],
                ["ÇAĞRI ADI", "cagri kodu", "Açılış tarihi", "KAPANIŞ TARİHİ", "BÜTÇE"],
                ["Topic A", "HORIZON-A-01", datetime(2026, 1, 5), datetime(2026, 4, 1, 17), 1000],
                ["Topic B", "HORIZON-B-01", datetime(2026, 1, 5), "not a date", -1],
                ["Topic C", "HORIZON-C-01", datetime(2026, 1, 5), datetime(2026, 4, 2), 5],
            ],
            "Misyon": [
                ["Çağrı Adı", "Çağrı Kodu", "Açılış Tarihi", "Kapanış Tarihi", "Bütçe"],
                ["Topic A", "HORIZON-A-01", datetime(2026, 1, 5), datetime(2026, 4, 1, 17), 1000],
                ["Topic C", "HORIZON-C-01", datetime(2026, 1, 5), datetime(2026, 5, 2), 5],
            ],
            "Notlar": [["Bu sayfada not var"]],
        }
    )
    result = parse(data, "rapor.xlsx")
    assert result.format == "office-sheet"
    assert [r.call_identifier for r in result.records] == ["HORIZON-A-01", "HORIZON-C-01"]
    topic_a = result.records[0]
    assert topic_a.position == "row 3 (sheet 'Açık')"
    assert topic_a.extra["sheets"] == "Açık, Misyon"
    assert topic_a.deadlines[0].at == datetime(2026, 4, 1, 17, 0, tzinfo=BRUSSELS)
    assert topic_a.grant_min == Decimal(1000)
    errors = [(e.position, e.code) for e in result.errors]
    assert errors == [
        ("row 4 (sheet 'Açık')", "bad_datetime"),
        ("row 4 (sheet 'Açık')", "negative_amount"),
        ("row 3 (sheet 'Misyon')", "duplicate_conflict"),
        ("sheet 'Notlar'", "sheet_missing_headers"),
    ]
    assert "Notlar" in result.errors[-1].reason
    assert "Kapanış Tarihi" in result.errors[-1].reason
    for error in result.errors:
        assert error.code != "internal_error", error.reason
        assert error.reason == MESSAGES[error.code].format(**error.params)


# --- robustness ---------------------------------------------------------------------

_PREFIXES = (
    b"",
    b"\x1f\x8b",
    b"PK\x03\x04",
    b'[{"topicId": "X", "title": "',
    b'{"state": true, "data": [{"id": 1, "agency_code": "izka", "name": "Hibe ',
    b"page_position,date_text,title,url,summary\n1,",
    "Çağrı Kodu;Destek Veren Kurum;Düzey\n".encode(),
)


@settings(max_examples=int(os.environ.get("KOPRU_FUZZ_EXAMPLES", "60")))
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=300))
def test_parse_never_raises_anything_else(prefix: bytes, body: bytes) -> None:
    try:
        result = parse(prefix + body, "upload.bin")
    except FileRefused:
        return
    for error in result.errors:
        assert error.code != "internal_error", error.reason
        assert error.reason == MESSAGES[error.code].format(**error.params)
