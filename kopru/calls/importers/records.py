"""The normalised record every call parser produces, its validation, the messages, and
the row loops the parsers share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from django.utils.translation import gettext_lazy as _

from kopru.core.imports.files import decode_text, has_bad_bytes, read_csv, read_sheets, row_values
from kopru.core.imports.problems import Messages, Problem, RecordError
from kopru.core.imports.workbook import HEADER_SEARCH_ROWS, cell, find_header, is_empty

from .jsonstream import JsonBreak

#: Every reason a record or a file can be refused: code → Turkish text (``str.format``
#: placeholders), and the same in English, the parsers' own language.
_TEXTS = {
    "unknown_format": _("“{filename}” dosyası Köprü'nün içe aktarabildiği bir biçimde değil "
        "({detail}). Kabul edilenler: AB Fonlama ve İhale Portalı dışa aktarımı (.json / "
        ".jsonl.gz), Horizon Europe konu listesi, ofisin çağrı raporu çalışma kitabı, kalkınma "
        "ajanslarının duyuru listesi (.json), AB Başkanlığı duyuru listesi (.csv) ve Köprü çağrı "
        "şablonu (.xlsx / .csv)."),
    "gzip_truncated": _("Sıkıştırılmış dosya yarım kalmış: verisi bitmeden sona eriyor. Bu "
        "noktadan önceki {count} kayıt okunabildi."),
    "gzip_corrupt": _("Sıkıştırılmış dosya bozuk ({detail})."),
    "json_truncated": _("Dosya bu kaydın ortasında bitiyor (dosya yarım kalmış görünüyor); "
        "önceki kayıtlar okundu."),
    "json_invalid": _("Bu kayıt geçerli JSON değil ({detail}); bu noktadan sonrası okunamıyor."),
    "json_not_object": _("Bu kayıt için bir JSON nesnesi bekleniyordu, {found} bulundu."),
    "json_shape": _("Dosya JSON ama beklenen yapıda değil: {detail}."),
    "source_reported_error": _("Dosyaya göre kaynak bir hata döndürmüş (state = {state})."),
    "partial_download": _("Bu dosya {pages} sayfanın {page}. sayfası ({total} duyurunun {count} "
        "tanesi); diğer sayfalar dosyada yok."),
    "no_matching_sheet": _("Çalışma kitabının hiçbir sayfasında {columns} sütunları yok."),
    "sheet_missing_headers": _("“{sheet}” sayfasında zorunlu sütunlar yok: {missing}."),
    "csv_missing_headers": _("İlk satırda zorunlu sütunlar yok: {missing}."),
    "csv_invalid": _("CSV metni burada okunamıyor ({detail})."),
    "internal_error": _("Dosya beklenmeyen bir sorun yüzünden okunamadı ({detail})."),
    "row_not_utf8": _("Bu kayıtta geçerli UTF-8 olmayan baytlar var."),
    "missing_identifier": _("Kaydın kimliği yok ({fields})."),
    "missing_title": _("Kaydın başlığı yok ({fields})."),
    "missing_value": _("Zorunlu “{field}” sütunu boş."),
    "bad_date": _("“{field}” alanındaki “{value}” geçerli bir tarih değil (beklenen: {expected})."),
    "bad_datetime": _("“{field}” alanındaki “{value}” geçerli bir tarih ve saat değil (beklenen: "
        "{expected})."),
    "bad_number": _("“{field}” alanındaki “{value}” bir sayı değil."),
    "bad_integer": _("“{field}” alanındaki “{value}” bir tam sayı değil."),
    "negative_amount": _("“{field}” eksi bir değer ({value})."),
    "min_above_max": _("En az destek ({minimum}) en çok destekten ({maximum}) büyük."),
    "bad_rate": _("Destek oranı {value}, 0 ile 100 (yüzde) arasında değil."),
    "bad_choice": _("“{value}”, “{field}” için geçerli değil; şunlardan birini kullanın: "
        "{choices}."),
    "bad_timezone": _("“{value}” bilinen bir saat dilimi değil; örneğin Europe/Istanbul ya da "
        "Europe/Brussels kullanın."),
    "bad_url": _("“{field}” alanındaki “{value}” bir web adresi değil (http:// ya da https:// "
        "ile başlamalı)."),
    "stage_order": _("İkinci aşama son tarihi ({second}) birinci aşamanınkinden ({first}) sonra "
        "değil."),
    "deadline_count": _("{model} bir çağrının {count} son tarihi olamaz."),
    "unknown_agency": _("“{code}” bir Türkiye kalkınma ajansının kodu değil."),
    "duplicate_id": _("“{source_id}” kimliği {first} konumunda zaten kullanıldı."),
    "duplicate_conflict": _("“{code}” çağrısı {first} konumunda farklı bir {field} ile geçmişti: "
        "orada “{old}”, burada “{new}”."),
    "example_row": _("Şablonun örnek satırı (içe aktarılmaz)."),
}  # fmt: skip
MESSAGES_TR = Messages(_TEXTS)
MESSAGES = Messages(_TEXTS, "en")
T = TypeVar("T")
P = ParamSpec("P")
Aliases = Mapping[str, frozenset[str] | set[str]]


@dataclass
class CallDeadline:
    """One dated deadline (always time-zone aware)."""

    at: datetime
    stage: int = 1
    label: str = ""


@dataclass
class CallRecord:
    """A funding call as read from one source, before it becomes a model row.

    ``summary_en`` / ``summary_tr`` are HTML fragments already sanitised (tags p, ul,
    ol, li, strong, em, a[href], br). ``cofinancing_rate`` is a percentage (0-100).
    ``extra`` holds source-specific facts that have no field of their own (the EU
    portal's cluster, conditions, Q&A link...); keys are documented per parser.
    """

    position: str
    source: str
    source_id: str
    source_url: str = ""
    call_identifier: str = ""
    title_en: str = ""
    title_tr: str = ""
    summary_en: str = ""
    summary_tr: str = ""
    funder: str = ""
    programme: str = ""
    programme_code: str = ""
    level: str = "eu"
    instrument: str = "grant"
    action_type: str = ""
    deadline_model: str = ""
    deadlines: list[CallDeadline] = field(default_factory=list)
    opening_date: date | None = None
    budget_total: Decimal | None = None
    grant_min: Decimal | None = None
    grant_max: Decimal | None = None
    expected_grants: int | None = None
    cofinancing_rate: Decimal | None = None
    currency: str = "EUR"
    keywords: list[str] = field(default_factory=list)
    agency_code: str = ""
    source_status: str = ""
    classification_reason: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The title to show when the language does not matter."""
        return self.title_tr or self.title_en


@dataclass
class ParseResult:
    format: str
    records: list[CallRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    #: (position, why) for announcements that are not funding calls.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: Facts about the whole file worth showing (e.g. "page 1 of 6"); not errors.
    notes: list[str] = field(default_factory=list)


def _amount(value: Decimal | int) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def validate_record(record: CallRecord) -> list[Problem]:
    """Every problem of a finished record (an empty list when it is fine)."""
    found: list[Problem] = []
    if not record.source_id.strip():
        found.append(Problem("missing_identifier", fields="source_id / call identifier"))
    if not (record.title_en.strip() or record.title_tr.strip()):
        found.append(Problem("missing_title", fields="title_en / title_tr"))
    # (negative amounts are refused by values.parse_amount as they are read)
    if (grants := record.expected_grants) is not None and grants < 0:
        found.append(Problem("negative_amount", field="expected_grants", value=_amount(grants)))
    low, high, rate = record.grant_min, record.grant_max, record.cofinancing_rate
    if low is not None and high is not None and low >= 0 and high < low:
        found.append(Problem("min_above_max", minimum=_amount(low), maximum=_amount(high)))
    if rate is not None and not 0 <= rate <= 100:
        found.append(Problem("bad_rate", value=rate))
    firsts = [d.at for d in record.deadlines if d.stage == 1]
    seconds = [d.at for d in record.deadlines if d.stage == 2]
    if firsts and seconds and max(firsts) >= min(seconds):
        first, second = (x.isoformat(" ", "minutes") for x in (max(firsts), min(seconds)))
        found.append(Problem("stage_order", first=first, second=second))
    return found


def message(code: str, /, **params: object) -> str:
    """The English text of message ``code``."""
    return MESSAGES.text(code, {k: str(v) for k, v in params.items()})


class Problems(list[Problem]):
    """The problems of one record, noted as its values are read (so all are reported)."""

    def read(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T | None:
        """``fn(...)``, or None after noting its :class:`Problem`."""
        try:
            return fn(*args, **kwargs)
        except Problem as problem:
            self.append(problem)
            return None


class Collector:
    """Builds a :class:`ParseResult`, validating every record and catching duplicates."""

    def __init__(self, fmt: str) -> None:
        self.result = ParseResult(format=fmt)
        self._seen: dict[str, str] = {}

    def error(self, position: str, code: str, /, **params: object) -> None:
        self.result.errors.append(MESSAGES.error(position, code, **params))

    def add(self, record: CallRecord, problems: list[Problem] | None = None) -> None:
        """Validate ``record``; keep it when it has no problem."""
        found = list(problems or []) + validate_record(record)
        key = record.source_id.strip()
        if key and key in self._seen:
            found.append(Problem("duplicate_id", source_id=key, first=self._seen[key]))
        if found:
            self.result.errors.extend(MESSAGES.at(record.position, p) for p in found)
        else:
            self._seen[key] = record.position
            self.result.records.append(record)

    def sheet_rows(
        self,
        data: bytes,
        aliases: Aliases,
        required: Mapping[str, str],
        *,
        first: bool = False,
        every: bool = False,
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(sheet, position, values by field) of each row below the header of every sheet
        with the ``required`` columns (``first``: of the first such sheet); reported when
        no sheet has them (``every``: each sheet without them is reported)."""
        try:
            sheets, found = read_sheets(data, formulas=True), False
        except Problem as problem:  # an unreadable workbook
            sheets, found = [], False
            self.result.errors.append(MESSAGES.at("file", problem))
        for title, rows in sheets:
            header = find_header(rows, aliases, required)
            if header.missing and every:
                missing = ", ".join(header.missing)
                self.error(
                    f"sheet '{title}'", "sheet_missing_headers", sheet=title, missing=missing
                )
            if header.missing or (first and found):
                continue
            found = True
            for number, row in enumerate(rows[header.row :], start=header.row + 1):
                if not is_empty(row):
                    values = {k: cell(row, header.columns, k) for k in header.columns}
                    yield title, f"row {number} (sheet '{title}')", values
        if sheets and not found and not every:
            self.error("file", "no_matching_sheet", columns=", ".join(required.values()))

    def csv_rows(
        self, data: bytes, aliases: Aliases, required: Mapping[str, str]
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """(position, values by field) of each row below a CSV file's header; a broken CSV,
        missing columns and rows cut short or with undecodable bytes are reported."""
        text, bad_offset = decode_text(data)
        lines, broken = read_csv(text)
        if broken is not None:
            self.error(f"line {broken[0]}", "csv_invalid", detail=broken[1])
        header = find_header([tuple(r) for _, r in lines[:HEADER_SEARCH_ROWS]], aliases, required)
        if header.missing:
            self.error("line 1", "csv_missing_headers", missing=", ".join(header.missing))
            return
        for line, cells in lines[header.row :]:
            position = f"line {line}"
            if not any(c.strip() for c in cells):
                continue
            if bad_offset is not None and has_bad_bytes(cells):
                self.error(position, "row_not_utf8")
                continue
            try:
                yield position, row_values(cells, header.columns, lines[header.row - 1][1])
            except Problem as cut:
                self.result.errors.append(MESSAGES.at(position, cut))

    def objects(
        self, values: Iterable[object], bad_offset: int | None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """(position, value) of each JSON object whose text decoded; the others reported."""
        for number, value in enumerate(values, start=1):
            position = f"record {number}"
            if not isinstance(value, dict):
                self.error(position, "json_not_object", found=type(value).__name__)
            elif bad_offset is not None and has_bad_bytes(value):
                self.error(position, "row_not_utf8")
            else:
                yield position, value

    def json_break(self, position: str, broken: JsonBreak) -> None:
        code = "json_truncated" if broken.truncated else "json_invalid"
        self.error(position, code, detail=broken.detail)
