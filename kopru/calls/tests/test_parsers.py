"""The call parsers against the real public files (no Django, no database)."""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from kopru.calls.importers import (
    MESSAGES,
    CallRecord,
    FileTooLarge,
    ParseResult,
    UnknownFormat,
    detect_format,
    parse,
)
from kopru.calls.richtext import repair_mojibake
from kopru.core.datafiles import data_file, has_data_file

BRUSSELS = ZoneInfo("Europe/Brussels")

OPEN_GZ = "eu-ft-calls-2026/open.jsonl.gz"
CALLS_JSON = "eu-ft-calls-2026/calls.json"
HE_XLSX = "horizon-europe-topics-2024/HE_calls_2024-07-11.xlsx"
MLAB_XLSX = "izmir-mlab/horizon_rapor_latest.xlsx"
KA_JSON = "tr-kalkinma-ajanslari-duyurular/ka_liste.json"
AB_CSV = "tr-ab-baskanligi-duyurular/ab-gov-tr-duyurular.csv"


def shared(rel: str) -> Path:
    """A file that only lives in ../shared/data (no licence to bundle it)."""
    if not has_data_file(rel):
        pytest.skip(f"{rel} needs ../shared/data/{rel}, absent in this checkout")
    return data_file(rel)


def texts(record: CallRecord) -> list[str]:
    """Every piece of text of a record."""
    out = [
        record.title_en,
        record.title_tr,
        record.summary_en,
        record.summary_tr,
        record.programme,
        record.action_type,
        *record.keywords,
        *record.extra.values(),
    ]
    return [t for t in out if t]


def rule_of(reason: str) -> str:
    """The rule id named in a classification reason."""
    match = re.search(r"rule (\w+)", reason)
    assert match, reason
    return match[1]


def assert_messages_consistent(result: ParseResult) -> None:
    for error in result.errors:
        assert error.code in MESSAGES
        assert error.reason == MESSAGES[error.code].format(**error.params)


# --- EU Funding & Tenders portal ------------------------------------------------


@pytest.fixture(scope="module")
def open_gz_bytes() -> bytes:
    return data_file(OPEN_GZ).read_bytes()


@pytest.fixture(scope="module")
def open_gz(open_gz_bytes: bytes) -> ParseResult:
    return parse(open_gz_bytes, "open.jsonl.gz")


@pytest.fixture(scope="module")
def calls_json() -> ParseResult:
    return parse(data_file(CALLS_JSON).read_bytes(), "calls.json")


def test_open_jsonl_counts(open_gz: ParseResult) -> None:
    assert open_gz.format == "eu-ft-portal"
    assert open_gz.errors == []
    assert open_gz.skipped == []
    assert len(open_gz.records) == 629
    models = Counter(r.deadline_model for r in open_gz.records)
    assert models == {"single_stage": 577, "two_stage": 28, "multiple_cutoff": 3, "": 21}
    statuses = Counter(r.source_status for r in open_gz.records)
    assert statuses == {"open": 363, "forthcoming": 262, "closed": 4}
    assert len({r.source_id for r in open_gz.records}) == 629


def test_open_jsonl_bom_and_first_record(open_gz_bytes: bytes, open_gz: ParseResult) -> None:
    assert gzip.decompress(open_gz_bytes).startswith(b"\xef\xbb\xbf{")
    first = open_gz.records[0]
    assert first.position == "record 1"
    assert first.source_id == "ERC-2026-POC"
    assert first.call_identifier == "ERC-2026-POC"
    assert first.title_en == "ERC PROOF OF CONCEPT GRANTS"
    assert first.funder == "European Commission"
    assert first.level == "eu"
    assert first.programme == "Horizon Europe"
    assert first.programme_code == "43108390"
    assert first.deadline_model == "multiple_cutoff"
    assert first.grant_min == first.grant_max == Decimal(150000)
    assert first.expected_grants == 400
    assert first.keywords == []  # only repeats of the topic id
    assert first.source_url.endswith("/topic-details/erc-2026-poc")
    assert first.summary_en.startswith("<p><strong>Objective:</strong> The ERC Proof of Concept")


def test_eu_deadline_is_17h_brussels(open_gz: ParseResult) -> None:
    first = open_gz.records[0]
    (deadline,) = first.deadlines
    assert deadline.at == datetime(2026, 3, 17, 17, 0, tzinfo=BRUSSELS)
    assert deadline.at.utcoffset() is not None
    assert deadline.stage == 1
    assert all(
        d.at.time() == time(17, 0) and d.at.tzinfo == BRUSSELS
        for r in open_gz.records
        for d in r.deadlines
    )


def test_open_jsonl_mojibake_repaired(open_gz: ParseResult) -> None:
    for record in open_gz.records:
        for text in texts(record):
            assert "â€" not in text, (record.position, text[:80])
            assert "Ã" not in text, (record.position, text[:80])
    everything = " ".join(t for r in open_gz.records for t in texts(r))
    assert "beneficiaries’" in everything
    assert "“Admissibility, Eligibility, and Resubmission Restrictions”" in everything


def test_clean_calls_json_text_unchanged(calls_json: ParseResult) -> None:
    raw = json.loads(data_file(CALLS_JSON).read_text("utf-8"))
    strings = [v for obj in raw for v in obj.values() if isinstance(v, str)]
    assert any("’" in s for s in strings)
    assert all(repair_mojibake(s) == s for s in strings)
    assert len(calls_json.records) == 420
    assert calls_json.errors == []
    for obj, record in zip(raw, calls_json.records, strict=True):
        assert record.title_en == " ".join(obj["title"].split())
        assert record.source_id == obj["topicId"]


def test_calls_json_stage_is_ignored(calls_json: ParseResult) -> None:
    # every record says "two-stage" (scraper bug) and there is no deadlineModel
    assert {r.deadline_model for r in calls_json.records} == {""}
    assert Counter(r.source_status for r in calls_json.records) == {
        "forthcoming": 261,
        "open": 155,
        "closed": 4,
    }


def test_eu_placeholder_programme_and_empty_budgets(open_gz: ParseResult) -> None:
    prospect = [r for r in open_gz.records if r.programme.startswith("EU External Action")]
    assert len(prospect) == 21
    assert {r.programme_code for r in prospect} == {""}
    assert all(r.grant_min is None and r.grant_max is None for r in prospect)
    assert sum(1 for r in open_gz.records if r.grant_max is None) == 163
    assert sum(1 for r in open_gz.records if r.expected_grants is None) == 163


def test_eu_prizes_and_conditions(open_gz: ParseResult) -> None:
    assert Counter(r.instrument for r in open_gz.records) == {"grant": 614, "prize": 15}
    conditions = [r.extra["conditions_en"] for r in open_gz.records if "conditions_en" in r.extra]
    assert len(conditions) == 608
    assert not any(c.startswith(('"', ">")) for c in conditions)


def test_eu_summaries_are_safe_html(open_gz: ParseResult) -> None:
    summaries = [r.summary_en for r in open_gz.records if r.summary_en]
    assert len(summaries) > 600
    assert all(s.startswith("<p>") for s in summaries)
    assert not any("<script" in s for s in summaries)


def test_calls_json_with_bom_and_as_json_lines() -> None:
    raw = data_file(CALLS_JSON).read_bytes()
    with_bom = parse(b"\xef\xbb\xbf" + raw, "calls.json")
    assert len(with_bom.records) == 420 and with_bom.errors == []
    lines = "\n".join(json.dumps(o) for o in json.loads(raw)[:5]).encode()
    as_lines = parse(lines, "calls.jsonl")
    assert [r.position for r in as_lines.records] == [f"record {i}" for i in range(1, 6)]


def test_truncated_gzip_keeps_the_records_before_the_cut(
    open_gz_bytes: bytes, open_gz: ParseResult
) -> None:
    cut = open_gz_bytes[: len(open_gz_bytes) // 2]
    assert detect_format(cut, "upload.bin") == "eu-ft-portal"
    result = parse(cut, "open.jsonl.gz")
    assert 0 < len(result.records) < 629
    assert [r.source_id for r in result.records] == [
        r.source_id for r in open_gz.records[: len(result.records)]
    ]
    (error,) = result.errors
    assert error.code == "gzip_truncated"
    assert error.position == f"record {len(result.records) + 1}"
    assert "cut off" in error.reason
    assert_messages_consistent(result)


def test_truncated_json_array() -> None:
    raw = data_file(CALLS_JSON).read_bytes()
    result = parse(raw[:150_000], "calls.json")
    assert 0 < len(result.records) < 420
    (error,) = result.errors
    assert error.code == "json_truncated"
    assert error.position == f"record {len(result.records) + 1}"


def test_invalid_utf8_only_fails_its_record() -> None:
    raw = json.loads(data_file(CALLS_JSON).read_bytes())
    chunks = [json.dumps(o, ensure_ascii=False).encode() for o in raw]
    chunks[2] = chunks[2].replace(b'"title": "', b'"title": "\xff\xfe bad ', 1)
    result = parse(b"[" + b",".join(chunks) + b"]", "calls.json")
    assert len(result.records) == 419
    (error,) = result.errors
    assert (error.position, error.code) == ("record 3", "row_not_utf8")


def test_every_bad_record_is_reported() -> None:
    objs = [
        {"topicId": "A-1", "title": "Fine", "deadline": "2026-01-31", "budgetMin": 10},
        {"topicId": "", "reference": "", "title": "", "deadline": "2026-13-01"},
        {"topicId": "A-3", "title": "Negative", "budgetMin": -5, "budgetMax": 10},
        {"topicId": "A-4", "title": "Min above max", "budgetMin": 20, "budgetMax": 10},
        {"topicId": "A-1", "title": "Repeated id"},
        [1, 2],
    ]
    result = parse(json.dumps(objs).encode(), "calls.json", fmt="eu-ft-portal")
    assert [r.source_id for r in result.records] == ["A-1"]
    by_position: dict[str, set[str]] = {}
    for error in result.errors:
        by_position.setdefault(error.position, set()).add(error.code)
    assert by_position == {
        "record 2": {"missing_identifier", "missing_title", "bad_date"},
        "record 3": {"negative_amount"},
        "record 4": {"min_above_max"},
        "record 5": {"duplicate_id"},
        "record 6": {"json_not_object"},
    }
    assert_messages_consistent(result)


def test_gzip_bomb_is_refused(open_gz_bytes: bytes) -> None:
    with pytest.raises(FileTooLarge):
        parse(open_gz_bytes, "open.jsonl.gz", max_bytes=2 * 1024 * 1024)


# --- Horizon Europe topics sheet --------------------------------------------------


@pytest.fixture(scope="module")
def he_sheet() -> ParseResult:
    return parse(data_file(HE_XLSX).read_bytes(), "HE_calls_2024-07-11.xlsx")


def test_he_sheet_counts(he_sheet: ParseResult) -> None:
    assert he_sheet.format == "horizon-europe-xlsx"
    assert he_sheet.errors == []
    assert len(he_sheet.records) == 1907
    second = [d for r in he_sheet.records for d in r.deadlines if d.stage == 2]
    assert len(second) == 103
    assert Counter(r.deadline_model for r in he_sheet.records) == {
        "single_stage": 1804,
        "two_stage": 103,
    }
    assert Counter(r.source_status for r in he_sheet.records) == {
        "Closed": 1759,
        "Open": 124,
        "Forthcoming": 24,
    }


def test_he_hyperlink_formula_gives_id_and_url(he_sheet: ParseResult) -> None:
    first = he_sheet.records[0]
    assert first.position == "row 2 (sheet 'Sheet1')"
    assert first.source_id == "HORIZON-CL2-2021-DEMOCRACY-01-01"
    assert first.source_url == (
        "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/"
        "opportunities/topic-details/horizon-cl2-2021-democracy-01-01"
    )
    assert first.call_identifier == "HORIZON-CL2-2021-DEMOCRACY-01"
    assert first.title_en == "The future of liberal democracy in Europe"
    assert first.opening_date == date(2021, 6, 22)
    assert first.deadlines[0].at == datetime(2021, 10, 7, 17, 0, tzinfo=BRUSSELS)
    assert not any(r.source_id.startswith("=") for r in he_sheet.records)
    two_stage = next(r for r in he_sheet.records if r.deadline_model == "two_stage")
    assert [d.stage for d in two_stage.deadlines] == [1, 2]
    assert two_stage.deadlines[0].at < two_stage.deadlines[1].at


def test_he_corrupt_date_reports_its_row(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(data_file(HE_XLSX))
    sheet = workbook["Sheet1"]
    header = [c.value for c in sheet[1]]
    close_col = header.index("closeDate") + 1
    topic_col = header.index("topicId") + 1
    sheet.cell(row=10, column=close_col, value="2023-02-30")
    sheet.cell(row=500, column=close_col, value="next spring")
    sheet.cell(row=20, column=topic_col, value="HORIZON-PLAIN-VALUE-01")
    broken = tmp_path / "HE_broken.xlsx"
    workbook.save(broken)

    result = parse(broken.read_bytes(), broken.name)
    assert result.format == "horizon-europe-xlsx"
    assert len(result.records) == 1905
    assert [(e.position, e.code) for e in result.errors] == [
        ("row 10 (sheet 'Sheet1')", "bad_datetime"),
        ("row 500 (sheet 'Sheet1')", "bad_datetime"),
    ]
    assert "2023-02-30" in result.errors[0].reason
    plain = next(r for r in result.records if r.position == "row 20 (sheet 'Sheet1')")
    assert plain.source_id == "HORIZON-PLAIN-VALUE-01"
    assert plain.source_url.endswith("/topic-details/horizon-plain-value-01")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    data = buffer.getvalue()
    result = parse(data, "HE_calls.xlsx", fmt="horizon-europe-xlsx")
    assert result.records == []
    (error,) = result.errors
    assert (error.position, error.code) == ("file", "not_xlsx")
    # detected by name when the content cannot tell; unknown otherwise
    assert parse(data, "HE_calls_2025.xlsx").errors[0].code == "not_xlsx"
    with pytest.raises(UnknownFormat):
        parse(data, "archive.zip")


# --- İzmir M-LAB office sheet -----------------------------------------------------


@pytest.fixture(scope="module")
def mlab() -> ParseResult:
    path = shared(MLAB_XLSX)
    return parse(path.read_bytes(), path.name)


def test_mlab_sheets_merged(mlab: ParseResult) -> None:
    assert mlab.format == "office-sheet"
    assert mlab.errors == []
    # 608 rows on three sheets; 532 distinct (code, title) calls
    assert len(mlab.records) == 532
    sheets = Counter(r.extra["sheets"] for r in mlab.records)
    assert sheets == {
        "Tüm Açık Çağrılar": 461,
        "Tüm Misyon Çağrıları, Tüm Açık Çağrılar": 63,
        "Yeni Açılan Çağrılar, Tüm Açık Çağrılar": 7,
        "Yeni Açılan Çağrılar, Tüm Misyon Çağrıları, Tüm Açık Çağrılar": 1,
    }
    assert len({r.source_id for r in mlab.records}) == 532


def test_mlab_shared_codes_stay_separate_calls(mlab: ParseResult) -> None:
    ocean = [r for r in mlab.records if r.call_identifier == "HORIZON-MISS-2024-OCEAN-02-01"]
    assert len(ocean) == 6
    assert all(r.source_id.startswith("HORIZON-MISS-2024-OCEAN-02-01#") for r in ocean)
    single = next(r for r in mlab.records if r.call_identifier == "HORIZON-CL5-2027-07-D3-27")
    assert single.source_id == "HORIZON-CL5-2027-07-D3-27"


def test_mlab_deadline_times(mlab: ParseResult) -> None:
    farmers = next(r for r in mlab.records if r.call_identifier == "HORIZON-MISS-2024-SOIL-01-01")
    assert farmers.deadlines[0].at == datetime(2026, 7, 6, 23, 59, tzinfo=BRUSSELS)
    assert farmers.opening_date == date(2026, 5, 6)
    assert farmers.grant_min == Decimal(735000)
    widening = next(
        r for r in mlab.records if r.call_identifier == "HORIZON-WIDERA-2027-01-WIDENING-01"
    )
    # 00:00 in the file = a date only → the portal's 17:00
    assert widening.deadlines[0].at == datetime(2027, 11, 18, 17, 0, tzinfo=BRUSSELS)
    assert sum(1 for r in mlab.records if r.grant_min is None) == 33
    assert {r.title_tr for r in mlab.records} == {""}  # English titles


# --- development agencies ---------------------------------------------------------


@pytest.fixture(scope="module")
def ka() -> ParseResult:
    path = shared(KA_JSON)
    return parse(path.read_bytes(), path.name)


def test_ka_classification(ka: ParseResult) -> None:
    assert ka.format == "kalkinma-ajanslari"
    assert ka.errors == []
    calls = {r.source_id: r for r in ka.records}
    assert set(calls) == {"1507", "1500", "1484", "1472"}
    assert len(ka.skipped) == 16
    assert calls["1500"].title_tr.endswith("Teknik Destek Programı İlan Edildi")
    assert calls["1500"].instrument == "technical_support"
    assert calls["1472"].instrument == "technical_support"
    assert calls["1484"].instrument == "interest_free_credit"
    assert "Faizsiz Kredi Destek Programı (TURGEP)" in calls["1484"].title_tr
    assert calls["1507"].instrument == "grant"  # "... MDP İlan Edildi"
    assert calls["1507"].programme == "Mali Destek Programı"
    assert calls["1484"].funder == "Karacadağ Kalkınma Ajansı"
    assert calls["1500"].funder == "Ahiler Kalkınma Ajansı"
    assert calls["1472"].funder == "Doğu Anadolu Kalkınma Ajansı"
    for record in ka.records:
        assert record.level == "regional"
        assert record.deadlines == []  # publish_end_date is not a deadline
        assert "publish_end_date" in record.extra
        assert "rule" in record.classification_reason
        assert "kural" in record.classification_reason
    assert ka.notes == [
        "This file is page 1 of 6 (20 of 108 announcements); the other pages are not in it."
    ]


def test_ka_non_calls_are_skipped_with_reasons(ka: ParseResult) -> None:
    reasons = dict(ka.skipped)
    rules = Counter(rule_of(why) for why in reasons.values())
    assert rules == {
        "results": 8,
        "event_or_training": 5,
        "extension": 1,
        "call_support_material": 2,
    }
    assert any("Sonuçları" in why and "results" in why for why in reasons.values())
    assert any("Mentörlüğü" in why for why in reasons.values())
    assert any("Süresi Uzatıldı" in why and "extension" in why for why in reasons.values())


# --- AB Başkanlığı ----------------------------------------------------------------


@pytest.fixture(scope="module")
def ab() -> ParseResult:
    path = shared(AB_CSV)
    return parse(path.read_bytes(), path.name)


def test_ab_classification(ab: ParseResult) -> None:
    assert ab.format == "ab-baskanligi"
    assert ab.errors == []
    assert len(ab.skipped) == 45
    calls = {r.source_id: r for r in ab.records}
    assert set(calls) == {"54262", "54138", "53910", "53906"}
    titles = {r.title_tr for r in ab.records}
    assert any(t.endswith("HİBE TEKLİF ÇAĞRILARI YAYIMLANDI") for t in titles)
    assert "PACE Projesi Hibe Duyurusu Yayımlandı" in titles
    assert (
        "Interreg NEXT Akdeniz Havzası Programı’nın İkinci Çağrısının Başvuru Süreci Başladı"
        in titles
    )
    assert "AB Katılım Öncesi Mali Yardımlar ve Birlik Programları Hibe Duyuruları" in titles
    pace = calls["54138"]
    assert pace.position == "line 18"
    assert pace.opening_date == date(2025, 11, 18)
    assert pace.funder == "T.C. Dışişleri Bakanlığı Avrupa Birliği Başkanlığı"
    assert pace.level == "national"
    assert pace.deadlines == []
    assert calls["53910"].programme == "Interreg"


def test_ab_scholarships_exams_recruitment_are_not_calls(ab: ParseResult) -> None:
    rules = Counter(rule_of(why) for _, why in ab.skipped)
    assert rules == {
        "results": 13,
        "scholarship": 7,
        "exam": 5,
        "recruitment": 6,
        "event_or_training": 5,
        "call_support_material": 1,
        "no_call_keyword": 8,
    }
    reasons = dict(ab.skipped)
    assert "scholarship" in reasons["line 2"]  # Jean Monnet Burs ... Başvuruları Başladı!
    assert "recruitment" in reasons["line 21"]  # UZMAN YARDIMCISI ALIM İLANI
    assert "exam" in reasons["line 3"]  # KPSS
    assert "call_support_material" in reasons["line 15"]  # PACE FAQ, not the call


def test_ab_bad_date_row(ab: ParseResult) -> None:
    text = shared(AB_CSV).read_text("utf-8")
    broken = text.replace('"18 Kasım, 2025",PACE', '"31 Kasım, 2025",PACE')
    broken = broken.replace('"14 Ocak, 2025",Interreg', '"14 Ocakk, 2025",Interreg')
    result = parse(broken.encode("utf-8"), "ab-gov-tr-duyurular.csv")
    assert [(e.position, e.code) for e in result.errors] == [
        ("line 18", "bad_date"),
        ("line 46", "bad_date"),
    ]
    assert "31 Kasım, 2025" in result.errors[0].reason
    assert {r.source_id for r in result.records} == {"54262", "53906"}
    assert len(result.skipped) == 45


# --- detection --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "fmt"),
    [
        (OPEN_GZ, "eu-ft-portal"),
        (CALLS_JSON, "eu-ft-portal"),
        (HE_XLSX, "horizon-europe-xlsx"),
        (MLAB_XLSX, "office-sheet"),
        (KA_JSON, "kalkinma-ajanslari"),
        (AB_CSV, "ab-baskanligi"),
    ],
)
def test_detect_by_content(rel: str, fmt: str) -> None:
    path = shared(rel)
    assert detect_format(path.read_bytes(), "upload.bin") == fmt
    assert detect_format(path.read_bytes(), path.name) == fmt


def test_unknown_and_oversize_files() -> None:
    with pytest.raises(UnknownFormat, match="empty"):
        parse(b"", "x.csv")
    with pytest.raises(UnknownFormat, match=r"notes\.txt"):
        parse(b"just some notes\nnothing else", "notes.txt")
    with pytest.raises(UnknownFormat):
        parse(b'{"hello": "world"}', "data.json")
    with pytest.raises(UnknownFormat):
        parse(data_file(CALLS_JSON).read_bytes(), "calls.json", fmt="no-such-format")
    with pytest.raises(FileTooLarge):
        parse(b"x" * 101, "big.csv", max_bytes=100)
    with pytest.raises(FileTooLarge):
        parse(io.BytesIO(b"x" * 101), "big.csv", max_bytes=100)
