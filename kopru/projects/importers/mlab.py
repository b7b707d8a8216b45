"""The İzmir M-LAB project list (``projects.txt``, format ``izmir-mlab``); its rules are in
``docs/projects-imports.md``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from kopru.core.imports.problems import Problem, RecordError
from kopru.core.imports.values import turkish_month_date
from kopru.core.text import search_key, tr_lower, tr_upper
from kopru.geo.places import plate_in_name

from .records import MESSAGES, ParseResult, PartnerRecord, ProjectRecord, decode
from .reference import country_name_keys
from .values import BadValue, parse_date

FORMAT = "izmir-mlab"
SOURCE_ID_PREFIX = "izmir-mlab:"
MAX_SOURCE_ID = 120
#: Field number → its label, and the folded keys that may name it.
FIELD_LABELS = {1: "Başlık", 2: "Proje Hakkında Metni", 3: "Proje Süresi", 4: "Durum",
                5: "Paydaşlar", 6: "Büyük Zorluk"}  # fmt: skip
FIELDS: dict[int, tuple[str, ...]] = {n: (search_key(lb),) for n, lb in FIELD_LABELS.items()}
FIELDS[3] += ("baslangic tarihi",)
STATUS = {"devam ediyor": "in_implementation", "tamamlandi": "completed"}
NOT_STATED = frozenset({"belirtilmemis", "belirtilmedi", "bilinmiyor"})

# Turkish institution words (search keys) and Turkish company forms.
TURKISH_WORDS = frozenset(
    """universitesi belediyesi valiligi kaymakamligi mudurlugu baskanligi bakanligi
    enstitusu dernegi vakfi kooperatifi odasi birligi ajansi""".split()  # noqa: SIM905
)
_TURKISH_COMPANY = re.compile(
    r"(?:^|[\s,])A\.?\s?Ş\.?(?:$|[\s,])|ANONİM\s+ŞİRKETİ|LİMİTED\s+ŞİRKETİ|LTD\.?\s*ŞTİ"
)
# Foreign places as Turkish texts write them (search keys). Country names in en, fr,
# de, es, it and pl come from the CORDIS reference table on top of these.
FOREIGN_PLACES = frozenset(
    """
    almanya fransa italya ispanya portekiz yunanistan hirvatistan karadag sirbistan bosna
    hersek arnavutluk makedonya kosova slovenya slovakya cekya cek macaristan romanya
    bulgaristan moldova ukrayna rusya belarus polonya litvanya letonya estonya finlandiya
    isvec norvec danimarka izlanda irlanda ingiltere iskocya galler britanya hollanda
    belcika luksemburg avusturya isvicre lihtenstayn monako malta kibris gurcistan
    ermenistan azerbaycan iran irak suriye lubnan israil filistin urdun misir libya tunus
    cezayir fas abd amerika kanada japonya cin hindistan avrupa
    yunan helen hellenik alman fransiz italyan ispanyol portekizli ingiliz hollandali
    girit rodos sicilya sardinya korsika katalonya endulus bavyera toskana provans
    londra paris berlin munih hamburg koln frankfurt dortmund dusseldorf stuttgart bremen
    roma milano napoli torino venedik floransa bolonya cenova palermo cagliari bari
    atina athena selanik madrid barselona valensiya sevilla malaga bilbao lizbon porto
    coimbra marsilya nice lyon strazburg bordo tuluz bruksel anvers amsterdam rotterdam
    utrecht lahey eindhoven viyana prag varsova krakov budapeste bukres sofya belgrad
    zagreb dubrovnik split saraybosna tiran uskup podgorica budva kotor kiev kyiv harkov
    kharkiv odessa lviv moskova tiflis batum baku erivan kopenhag stokholm oslo
    trondheim helsinki dublin edinburg cenevre zurih zurich bern basel lozan
    """.split()  # noqa: SIM905
)
COORDINATOR_MARK = re.compile(r"\s*\((?:proje\s+)?koordinat[öo]r[üu]?\)\s*$", re.IGNORECASE)

_LINE = re.compile(r"^(\d+)\s*:?\s*([^:]*?)\s*:\s?(.*)$")
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ay|yıl|yil|sene)\b")
_PAREN_TOKEN = re.compile(r"\(([^()\s]+)\)")
_LEADING_SEGMENT = re.compile(r"^([^:–\-]+?)\s*(?::|–|-)")
_TRAILING_TOKEN = re.compile(r"\s[–-]\s+(\S+)$")


def parse_duration(text: str) -> int | None:
    """Months from ``24 Ay``, ``3 yıl``, ``54 Ay (4,5 Yıl)``; None when not stated."""
    if search_key(text) in NOT_STATED:
        return None
    lowered = tr_lower(text.strip())
    figures = [(m.start(), m.end(), _months(m)) for m in _DURATION.finditer(lowered)]
    if not figures or figures[0][0] != 0:
        raise BadValue("bad_duration", value=text)
    months = figures[0][2]
    if rest := lowered[figures[0][1] :].strip():
        second = re.fullmatch(r"\((.*)\)", rest)
        inner = _DURATION.fullmatch(second.group(1).strip()) if second else None
        if inner is None:
            raise BadValue("bad_duration", value=text)
        if _months(inner) != months:
            raise BadValue("durations_differ", value=text)
    if months is None or months <= 0:
        raise BadValue("partial_months", value=text)
    return months


def _months(match: re.Match[str]) -> int | None:
    number = Decimal(match.group(1).replace(",", "."))
    months = number if match.group(2) == "ay" else number * 12
    return int(months) if months == months.to_integral_value() else None


def parse_turkish_date(text: str) -> dt.date:
    """``1 Haziran 2017``, ``01.06.2017``, ``01/06/2017`` or ``2017-06-01``."""
    try:
        day = turkish_month_date(text)
    except ValueError:
        raise BadValue("impossible_date", value=text) from None
    return day or parse_date(text, dotted=True)


def acronym_of(title: str) -> str:
    """The acronym a title carries, or "": the last bracketed word with two capitals, a
    word after a trailing dash, one or two such words before the first ``:`` or dash, or
    a first such word."""

    def capitals(word: str) -> bool:  # two or more
        return sum(c.isupper() for c in word) >= 2

    if brackets := [w for w in _PAREN_TOKEN.findall(title) if capitals(w)]:
        return brackets[-1]
    if (trailing := _TRAILING_TOKEN.search(title)) and capitals(trailing.group(1)):
        return trailing.group(1)
    if leading := _LEADING_SEGMENT.match(title):
        words = leading.group(1).split()
        if 1 <= len(words) <= 2 and all(capitals(w) for w in words):
            return " ".join(words)
    first = title.split(" ", 1)[0]
    if first.isascii() and capitals(first) and any(c.isalpha() for c in first):
        return first
    return ""


def slug(title: str) -> str:
    """``izmir-mlab:`` + the title's search key words joined by ``-`` (≤ 120 characters)."""
    room = MAX_SOURCE_ID - len(SOURCE_ID_PREFIX)
    text = "-".join(search_key(title).split())
    if len(text) > room:  # cut after the last whole word that fits
        cut = text[: room + 1]
        text = cut.rsplit("-", 1)[0] if "-" in cut else ""
    return SOURCE_ID_PREFIX + (text or "proje")


@lru_cache(maxsize=1)
def _foreign_places() -> tuple[frozenset[str], tuple[str, ...]]:
    """(single-word places, multi-word places) as search keys."""
    # "Şehri Belediyesi" is said only of foreign bodies ("Nice Şehri Belediyesi").
    places = FOREIGN_PLACES | {"sehri belediyesi"} | country_name_keys(exclude="TR")
    single = frozenset(p for p in places if " " not in p)
    return single, tuple(sorted(p for p in places if " " in p))


def is_foreign(name: str) -> bool:
    """Whether ``name`` names a foreign place (``Palermo Üniversitesi``)."""
    key = search_key(name)
    single, multi = _foreign_places()
    return bool(single & set(key.split())) or any(f" {p} " in f" {key} " for p in multi)


def partner_from_name(text: str) -> PartnerRecord:
    name, role = text.strip(), "partner"
    if COORDINATOR_MARK.search(name):
        name, role = COORDINATOR_MARK.sub("", name).strip(), "coordinator"
    words = set(search_key(name).split())
    company = bool(_TURKISH_COMPANY.search(tr_upper(name)))  # A.Ş., Ltd. Şti. in Turkish letters
    public = words & {"belediyesi", "valiligi", "kaymakamligi", "bakanligi", "mudurlugu"}
    kind = "university" if "universitesi" in words else "company" if company else ""
    plate = plate_in_name(name)
    turkish = bool(plate) or (bool(company or words & TURKISH_WORDS) and not is_foreign(name))
    return PartnerRecord(
        name=name,
        country="TR" if turkish else "",
        role=role,
        province_plate=plate,
        organisation_type=kind or ("public_body" if public else ""),
    )


def split_partners(text: str) -> list[str]:
    """Comma-separated names; commas inside brackets do not split."""
    parts, depth, start = [], 0, 0
    for index, ch in enumerate(text):
        depth = depth + 1 if ch == "(" else max(depth - 1, 0) if ch == ")" else depth
        if ch == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return [p.strip() for p in (*parts, text[start:]) if p.strip()]


@dataclass
class _Block:
    number: int  # 1-based record number
    first_line: int
    fields: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # n → (line, key, value)
    problems: list[Problem] = field(default_factory=list)

    def add(self, number: int, match: re.Match[str]) -> None:
        """One ``N Key: value`` line of the record, or the problem with it."""
        n, key = int(match.group(1)), search_key(match.group(2))
        expected = max(self.fields, default=0) + 1
        if n not in FIELDS:
            code, params = "unknown_field_number", {}
        elif key not in FIELDS[n]:
            code, params = "wrong_field", {"expected": FIELD_LABELS[n], "found": match.group(2)}
        elif n in self.fields:
            code, params = "repeated_field", {}
        elif self.fields and n != expected:
            code, params = "field_out_of_order", {"expected": expected}
        else:
            self.fields[n] = (number, key, match.group(3).strip())
            return
        self.problems.append(Problem(code, line=number, n=n, **params))


def _blocks(text: str) -> tuple[list[_Block], list[RecordError]]:
    """Split the file into records (one starts at each ``1 Başlık:`` line), and the
    errors for lines before the first record."""
    blocks: list[_Block] = []
    stray: list[RecordError] = []
    current: _Block | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw.strip()
        if not content:
            continue
        match = _LINE.match(content)
        if match and int(match.group(1)) == 1:
            current = _Block(number=len(blocks) + 1, first_line=number)
            blocks.append(current)
        if current is None:
            stray.append(MESSAGES.error(f"line {number}", "line_before_records", text=content[:80]))
        elif match is None:
            current.problems.append(Problem("unreadable_line", line=number, text=content[:80]))
        else:
            current.add(number, match)
    return blocks, stray


def parse_mlab(data: bytes) -> ParseResult:
    result = ParseResult(format=FORMAT)
    text = decode(data, result)
    if text is None:
        return result
    blocks, stray = _blocks(text)
    result.errors.extend(stray)
    taken: dict[str, int] = {}
    for block in blocks:
        project = _project(block, taken)
        result.errors.extend(MESSAGES.at(f"record {block.number}", p) for p in block.problems)
        if project is not None:
            result.projects.append(project)
    if not blocks:
        result.errors.append(MESSAGES.error("file", "no_records"))
    return result


def _project(block: _Block, taken: dict[str, int]) -> ProjectRecord | None:
    """The record's project, or None with its problems noted in ``block``."""
    fields = block.fields
    missing = [n for n in FIELDS if n not in fields]
    if missing:
        labels = ", ".join(f"{n} {FIELD_LABELS[n]}" for n in missing)
        block.problems.append(Problem("missing_fields", fields=labels, line=block.first_line))
        return None
    title, status = fields[1][2], fields[4][2]
    if not title:
        block.problems.append(Problem("empty_title", line=fields[1][0]))
    start, duration = _start_or_duration(block, *fields[3])
    stage = STATUS.get(search_key(status))
    if stage is None:
        block.problems.append(Problem("unknown_status", line=fields[4][0], value=status))
    partners = [partner_from_name(n) for n in split_partners(fields[5][2])]
    if not partners:
        block.problems.append(Problem("no_partners", line=fields[5][0]))
    if block.problems:
        return None
    source_id = slug(title)
    seen = taken.get(source_id, 0)
    taken[source_id] = seen + 1
    if seen:
        source_id = f"{source_id[: MAX_SOURCE_ID - 4]}-{seen + 1}"
    return ProjectRecord(
        position=f"record {block.number}",
        source=FORMAT,
        source_id=source_id,
        acronym=acronym_of(title),
        title_tr=title,
        summary_tr=fields[2][2],
        start_date=start,
        duration_months=duration,
        stage=stage or "",
        partners=partners,
        province_plates=sorted({p.province_plate for p in partners if p.province_plate}),
    )


def _start_or_duration(
    block: _Block, number: int, key: str, text: str
) -> tuple[dt.date | None, int | None]:
    """Field 3: the duration (``24 Ay``) or, in one record, the start date."""
    try:
        if key == "baslangic tarihi":
            return parse_turkish_date(text), None
        return None, parse_duration(text)
    except BadValue as exc:
        label = "Başlangıç Tarihi" if key == "baslangic tarihi" else "Proje Süresi"
        detail = MESSAGES.text(exc.code, exc.params)
        block.problems.append(Problem("bad_value_at_line", line=number, label=label, detail=detail))
        return None, None
