"""The İzmir M-LAB project list (``projects.txt``): six ``N Key: value`` lines per project.

The real file has 19 records and 114 lines, no blank lines and no trailing newline:

1. ``1 Başlık:`` – the Turkish title (``title_tr``; some titles hold the project's
   acronym: ``(CITIES@HEART)``, ``- NBS4MED``, ``SUN4Ukraine –``);
2. ``2 Proje Hakkında Metni:`` – the Turkish summary (``summary_tr``);
3. ``3 Proje Süresi:`` – the duration in free text: ``24 Ay``, ``36 ay``, ``3 yıl``,
   ``54 Ay (4,5 Yıl)`` → months; ``Belirtilmemiş`` (not stated) → None; anything else
   is an error. One record (the completed URBAN GreenUP) has ``3 Başlangıç Tarihi:
   1 Haziran 2017`` instead: it becomes the start date, the duration stays None;
4. ``4 Durum:`` – ``Devam Ediyor`` → in_implementation, ``Tamamlandı`` → completed,
   anything else an error;
5. ``5 Paydaşlar:`` – partners separated by commas, in mixed case;
6. ``6: Büyük Zorluk:`` – note the colon after the 6 – the "Great Challenge" of İzmir's
   mission (``challenge``).

Titles and texts keep their apostrophes as written (curly ``’`` and straight ``'``).

Partners: the file states no country. A partner is Turkish (``TR``) when its name
names a Turkish province (``İzmir Büyükşehir Belediyesi`` → 35) or a district's
municipality (``Karşıyaka Belediyesi`` → 35), carries a Turkish company form
(``A.Ş.``, ``Ltd. Şti.``), or carries a Turkish institution word (*Üniversitesi*,
*Belediyesi*, *Valiliği*, *Derneği*, *Vakfı*, …) **and** no foreign place. The list
translates foreign names into Turkish (``Palermo Üniversitesi``, ``Milano Büyükşehir
Belediyesi``, ``Norveç Bilim ve Teknoloji Üniversitesi``), so an institution word alone
is not enough: :data:`FOREIGN_PLACES` (Turkish spellings of countries, regions and
cities, plus every country name of the CORDIS reference table) vetoes it. Every other
partner keeps country "" with ``country_unknown=True`` – the one case where the source
simply does not say. A trailing ``(Proje Koordinatörü)`` makes the partner the
coordinator; everyone else is a partner. Partners keep the file's order.

Errors are reported at ``"record N"`` (the N-th project of the file) and name the line
and the value. ``source_id`` is ``izmir-mlab:`` + a slug of the title's
:func:`~kopru.core.text.search_key` (stable across re-imports; at most 120 characters).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from kopru.core.text import search_key, tr_lower, tr_upper

from .geo import plate_in_name
from .records import ParseResult, PartnerRecord, ProjectRecord, RecordError, line, record
from .reference import country_name_keys
from .values import BadValue, parse_date

FORMAT = "izmir-mlab"
SOURCE_ID_PREFIX = "izmir-mlab:"
MAX_SOURCE_ID = 120
FIELDS: dict[int, tuple[str, ...]] = {
    1: ("baslik",),
    2: ("proje hakkinda metni",),
    3: ("proje suresi", "baslangic tarihi"),
    4: ("durum",),
    5: ("paydaslar",),
    6: ("buyuk zorluk",),
}
FIELD_LABELS = {
    1: "Başlık",
    2: "Proje Hakkında Metni",
    3: "Proje Süresi",
    4: "Durum",
    5: "Paydaşlar",
    6: "Büyük Zorluk",
}
STATUS = {"devam ediyor": "in_implementation", "tamamlandi": "completed"}
NOT_STATED = frozenset({"belirtilmemis", "belirtilmedi", "bilinmiyor"})
MONTHS = {
    m: i
    for i, m in enumerate(
        "ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik".split(),  # noqa: SIM905
        start=1,
    )
}

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
# Phrases that only translations of foreign bodies use ("Nice Şehri Belediyesi").
FOREIGN_PHRASES: tuple[str, ...] = ("sehri belediyesi",)
COORDINATOR_MARK = re.compile(r"\s*\((?:proje\s+)?koordinat[öo]r[üu]?\)\s*$", re.IGNORECASE)

_LINE = re.compile(r"^(\d+)\s*:?\s*([^:]*?)\s*:\s?(.*)$")
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ay|yıl|yil|sene)\b")
_TURKISH_DATE = re.compile(r"(\d{1,2}) ([a-z]+) (\d{4})")
_PAREN_TOKEN = re.compile(r"\(([^()\s]+)\)")
_LEADING_SEGMENT = re.compile(r"^([^:–\-]+?)\s*(?::|–|-)")
_TRAILING_TOKEN = re.compile(r"\s[–-]\s+(\S+)$")


def parse_duration(text: str) -> int | None:
    """Months from ``24 Ay``, ``36 ay``, ``3 yıl``, ``54 Ay (4,5 Yıl)``.

    ``Belirtilmemiş`` (not stated) → None. Raises :class:`BadValue` for anything
    else, including a bracketed second figure that disagrees with the first.
    """
    key = search_key(text)
    if key in NOT_STATED:
        return None
    lowered = tr_lower(text.strip())
    figures = [(m.start(), m.end(), _months(m)) for m in _DURATION.finditer(lowered)]
    if not figures or figures[0][0] != 0:
        raise BadValue(f"okunamayan süre: '{text}'")
    months = figures[0][2]
    rest = lowered[figures[0][1] :].strip()
    if rest:
        second = re.fullmatch(r"\((.*)\)", rest)
        inner = _DURATION.fullmatch(second.group(1).strip()) if second else None
        if inner is None:
            raise BadValue(f"okunamayan süre: '{text}'")
        if _months(inner) != months:
            raise BadValue(f"süreler birbirini tutmuyor: '{text}'")
    if months is None or months <= 0:
        raise BadValue(f"tam ay sayısı olmayan süre: '{text}'")
    return months


def _months(match: re.Match[str]) -> int | None:
    number = Decimal(match.group(1).replace(",", "."))
    months = number if match.group(2) == "ay" else number * 12
    return int(months) if months == months.to_integral_value() else None


def parse_turkish_date(text: str) -> dt.date:
    """``1 Haziran 2017``, ``01.06.2017``, ``01/06/2017`` or ``2017-06-01``."""
    match = _TURKISH_DATE.fullmatch(search_key(text))
    if match and match.group(2) in MONTHS:
        try:
            return dt.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            raise BadValue(f"olmayan bir tarih: '{text}'") from None
    try:
        return parse_date(text, dotted=True)
    except BadValue:
        raise BadValue(f"okunamayan tarih: '{text}'") from None


def acronym_of(title: str) -> str:
    """The project acronym a title carries, or "".

    In this order: the last one-word bracket with at least two capitals (``… Projesi
    (GCC-Synergy)``); a trailing word after a dash (``… - NBS4MED``); one or two words
    before the first ``:``, dash or hyphen, each with two capitals (``URBAN GreenUP: …``,
    ``SUN4Ukraine – …``, ``INHERIT-…``); a first word with two capitals (``CARDIMED (…)``,
    ``Re-Value (…)``).
    """

    def capitals(word: str) -> int:
        return sum(1 for c in word if c.isupper())

    brackets = [w for w in _PAREN_TOKEN.findall(title) if capitals(w) >= 2]
    if brackets:
        return brackets[-1]
    trailing = _TRAILING_TOKEN.search(title)
    if trailing and capitals(trailing.group(1)) >= 2:
        return trailing.group(1)
    leading = _LEADING_SEGMENT.match(title)
    if leading:
        words = leading.group(1).split()
        if 1 <= len(words) <= 2 and all(capitals(w) >= 2 for w in words):
            return " ".join(words)
    first = title.split(" ", 1)[0]
    if first.isascii() and capitals(first) >= 2 and any(c.isalpha() for c in first):
        return first
    return ""


def slug(title: str) -> str:
    """``izmir-mlab:`` + the title's search key words joined by ``-`` (≤ 120 characters)."""
    room = MAX_SOURCE_ID - len(SOURCE_ID_PREFIX)
    text = ""
    for word in search_key(title).split():
        candidate = f"{text}-{word}" if text else word
        if len(candidate) > room:
            break
        text = candidate
    return SOURCE_ID_PREFIX + (text or "proje")


@lru_cache(maxsize=1)
def _foreign_places() -> tuple[frozenset[str], tuple[str, ...]]:
    """(single-word places, multi-word places) as search keys."""
    places = FOREIGN_PLACES | country_name_keys(exclude="TR")
    single = frozenset(p for p in places if " " not in p)
    return single, tuple(sorted(p for p in places if " " in p))


def _has_phrase(key: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {key} "
    return any(f" {phrase} " in padded for phrase in phrases)


def is_foreign(name: str) -> bool:
    """Whether ``name`` names a foreign place (``Palermo Üniversitesi``)."""
    key = search_key(name)
    single, multi = _foreign_places()
    return (
        bool(single & set(key.split()))
        or _has_phrase(key, multi)
        or _has_phrase(key, FOREIGN_PHRASES)
    )


def is_turkish_company(name: str) -> bool:
    """A Turkish company form, written with its Turkish letters (``A.Ş.``, ``Ltd. Şti.``)."""
    return bool(_TURKISH_COMPANY.search(tr_upper(name)))


def partner_from_name(text: str) -> PartnerRecord:
    """A partner of the M-LAB list (see the module docstring for the rules)."""
    name = text.strip()
    role = "partner"
    if COORDINATOR_MARK.search(name):
        name = COORDINATOR_MARK.sub("", name).strip()
        role = "coordinator"
    words = set(search_key(name).split())
    company = is_turkish_company(name)
    organisation_type = _organisation_type(words, company)
    plate = plate_in_name(name)
    if plate:
        return PartnerRecord(
            name=name,
            country="TR",
            role=role,
            province_plate=plate,
            province_source="name",
            organisation_type=organisation_type,
        )
    if (company or words & TURKISH_WORDS) and not is_foreign(name):
        return PartnerRecord(
            name=name, country="TR", role=role, organisation_type=organisation_type
        )
    return PartnerRecord(
        name=name, country="", role=role, country_unknown=True, organisation_type=organisation_type
    )


def _organisation_type(words: set[str], company: bool) -> str:
    if "universitesi" in words:
        return "university"
    if company:
        return "company"
    if words & {"belediyesi", "valiligi", "kaymakamligi", "bakanligi", "mudurlugu"}:
        return "public_body"
    return ""


def split_partners(text: str) -> list[str]:
    """Comma-separated names; commas inside brackets do not split."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


@dataclass
class _Block:
    number: int  # 1-based record number
    first_line: int
    fields: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # n → (line, key, value)
    problems: list[str] = field(default_factory=list)


def _blocks(text: str) -> tuple[list[_Block], list[RecordError]]:
    """Split the file into records (one starts at each ``1 Başlık:`` line), and the
    errors for lines before the first record."""
    blocks: list[_Block] = []
    stray: list[RecordError] = []
    current: _Block | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw.rstrip("\r")
        if not content.strip():
            continue
        match = _LINE.match(content.strip())
        n = int(match.group(1)) if match else None
        if match and n == 1:
            current = _Block(number=len(blocks) + 1, first_line=number)
            blocks.append(current)
        if current is None:
            stray.append(
                RecordError(
                    line(number),
                    "ilk kayıttan önce okunamayan satır (kayıtlar '1 Başlık:' ile başlar): "
                    f"'{content[:80]}'",
                )
            )
            continue
        if match is None or n is None:
            current.problems.append(f"satır {number} okunamadı: '{content[:80]}'")
            continue
        key = search_key(match.group(2))
        if n not in FIELDS:
            current.problems.append(f"satır {number}: bilinmeyen alan numarası {n}")
        elif key not in FIELDS[n]:
            current.problems.append(
                f"satır {number}: {n}. alan '{FIELD_LABELS[n]}' olmalı, bulunan: '{match.group(2)}'"
            )
        elif n in current.fields:
            current.problems.append(f"satır {number}: {n}. alan ikinci kez geçiyor")
        elif current.fields and n != max(current.fields) + 1:
            current.problems.append(
                f"satır {number}: {max(current.fields) + 1}. alan bekleniyordu, bulunan {n}."
            )
        else:
            current.fields[n] = (number, key, match.group(3).strip())
    return blocks, stray


def parse_mlab(data: bytes) -> ParseResult:
    result = ParseResult(format=FORMAT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = data[: exc.start].count(b"\n") + 1
        result.errors.append(RecordError(line(at), f"Dosya UTF-8 değil ({exc.reason})."))
        return result
    blocks, stray = _blocks(text)
    result.errors.extend(stray)
    taken: dict[str, int] = {}
    for block in blocks:
        project = _project(block, taken)
        position = record(block.number)
        if block.problems:
            result.errors.extend(RecordError(position, p) for p in block.problems)
        elif project is not None:
            result.projects.append(project)
    if not blocks:
        result.errors.append(RecordError("file", "Dosyada hiç kayıt yok."))
    result.stats = {
        "rows": len(blocks),
        "projects": len(result.projects),
        "partners": sum(len(p.partners) for p in result.projects),
        "partners_tr": sum(p.country == "TR" for r in result.projects for p in r.partners),
        "partners_country_unknown": sum(
            p.country_unknown for r in result.projects for p in r.partners
        ),
    }
    return result


def _project(block: _Block, taken: dict[str, int]) -> ProjectRecord | None:
    fields = block.fields
    missing = [n for n in FIELDS if n not in fields]
    if missing:
        labels = ", ".join(f"{n} {FIELD_LABELS[n]}" for n in missing)
        block.problems.append(
            f"eksik alan: {labels} (kaydın ilk satırı {block.first_line}; "
            "dosya yarıda kesilmiş olabilir)"
        )
        return None

    def value(n: int) -> str:
        return fields[n][2]

    title = value(1)
    if not title:
        block.problems.append(f"satır {fields[1][0]}: başlık boş")
    duration: int | None = None
    start: dt.date | None = None
    line3, key3, text3 = fields[3]
    try:
        if key3 == "baslangic tarihi":
            start = parse_turkish_date(text3)
        else:
            duration = parse_duration(text3)
    except BadValue as exc:
        label = "Başlangıç Tarihi" if key3 == "baslangic tarihi" else "Proje Süresi"
        block.problems.append(f"satır {line3}, {label}: {exc}")
    stage = STATUS.get(search_key(value(4)))
    if stage is None:
        block.problems.append(
            f"satır {fields[4][0]}, Durum: bilinmeyen durum '{value(4)}' "
            "(Devam Ediyor veya Tamamlandı bekleniyordu)"
        )
    partners = [partner_from_name(n) for n in split_partners(value(5))]
    if not partners:
        block.problems.append(f"satır {fields[5][0]}: paydaş yok")
    if block.problems:
        return None
    source_id = slug(title)
    seen = taken.get(source_id, 0)
    taken[source_id] = seen + 1
    if seen:
        source_id = f"{source_id[: MAX_SOURCE_ID - 4]}-{seen + 1}"
    return ProjectRecord(
        position=record(block.number),
        source=FORMAT,
        source_id=source_id,
        acronym=acronym_of(title),
        title_tr=title,
        summary_tr=value(2),
        start_date=start,
        duration_months=duration,
        stage=stage or "",
        partners=partners,
        province_plates=sorted({p.province_plate for p in partners if p.province_plate}),
        challenge=value(6),
    )
