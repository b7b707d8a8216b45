"""The İzmir M-LAB project list (``projects.txt``): 6 lines ``N Key: value`` per project.

``1 Başlık``, ``2 Proje Hakkında Metni``, ``3 Proje Süresi`` (free text: ``24 Ay``,
``3 yıl``, ``54 Ay (4,5 Yıl)``, ``Belirtilmemiş``), ``4 Durum`` (``Devam Ediyor`` /
``Tamamlandı``), ``5 Paydaşlar`` (comma separated) and ``6: Büyük Zorluk:`` (an extra
colon). No blank lines, no trailing newline. One project (the completed URBAN GreenUP)
has ``3 Başlangıç Tarihi: 1 Haziran 2017`` instead of a duration: it becomes the start
date. Positions are file line numbers. Partners in İzmir are listed first, so the import
service picks an İzmir organisation as the owner.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from kopru.core.text import search_key, tr_lower

from .geo import plate_in_name
from .records import ParseResult, PartnerRecord, ProjectRecord, RecordError

FIELDS = {
    1: "baslik",
    2: "proje hakkinda metni",
    3: "proje suresi",
    4: "durum",
    5: "paydaslar",
    6: "buyuk zorluk",
}
START_DATE = "baslangic tarihi"
MONTH_NAMES = "ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik"
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES.split(" "), start=1)}
STATUS = {"devam ediyor": "in_implementation", "tamamlandi": "completed"}
TURKISH_WORDS = ("universitesi", "belediyesi", "valiligi")
IZMIR = "35"
SOURCE_ID_PREFIX = "izmir-mlab:"
MAX_SOURCE_ID = 120
_LINE = re.compile(r"^\s*(\d+)\s*:?\s+([^:]+?)\s*:\s?(.*)$")
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ay|yıl|yil)\b")
_ACRONYM = re.compile(r"\(([^()]+)\)")


def parse_duration(text: str) -> int | None:
    """Months from ``24 Ay``, ``3 yıl``, ``54 Ay (4,5 Yıl)``; None for ``Belirtilmemiş``."""
    key = search_key(text)
    if key in ("", "belirtilmemis", "belirtilmedi"):
        return None
    match = _DURATION.search(tr_lower(text))
    if not match:
        raise ValueError(text)
    number = Decimal(match.group(1).replace(",", "."))
    months = number * 12 if match.group(2) in ("yıl", "yil") else number
    return int(months)


def parse_turkish_date(text: str) -> dt.date:
    """``1 Haziran 2017``, ``01.06.2017`` or ``2017-06-01``."""
    key = search_key(text)
    match = re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", key)
    if match and match.group(2) in MONTHS:
        return dt.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
    match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text.strip())
    if match:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return dt.date.fromisoformat(text.strip())


def _acronym(title: str) -> str:
    for candidate in _ACRONYM.findall(title):
        letters = [c for c in candidate if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            return candidate.strip()
    return ""


def _slug(title: str, taken: set[str]) -> str:
    room = MAX_SOURCE_ID - len(SOURCE_ID_PREFIX) - 4
    words = search_key(title).split()
    slug = ""
    for word in words:
        nxt = f"{slug}-{word}" if slug else word
        if len(nxt) > room:
            break
        slug = nxt
    slug = slug or "proje"
    base, n = slug, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return SOURCE_ID_PREFIX + slug


def partner_from_name(name: str) -> PartnerRecord:
    """Turkish when the name holds a province name or ÜNİVERSİTESİ/BELEDİYESİ/VALİLİĞİ."""
    plate = plate_in_name(name)
    words = search_key(name).split()
    if plate or any(w in words for w in TURKISH_WORDS):
        return PartnerRecord(name=name, country="TR", role="partner", province_plate=plate)
    # The country is not stated. country_unknown stays False: the import service
    # treats that flag as an unknown country *code* and would reject the file.
    return PartnerRecord(name=name, country="", role="partner")


def parse_mlab(data: bytes) -> ParseResult:
    result = ParseResult(format="izmir-mlab")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.errors.append(RecordError(1, f"Dosya UTF-8 değil: {exc}"))
        return result
    lines = text.splitlines()
    taken: set[str] = set()
    values: dict[int, str] = {}
    first_line = 0
    start_text: str | None = None
    rows = 0
    broken = False

    def finish() -> None:
        record_errors = len(result.errors)
        title = values.get(1, "")
        if not title:
            result.errors.append(RecordError(first_line, "Başlık yok."))
        duration: int | None = None
        start: dt.date | None = None
        if start_text is not None:
            try:
                start = parse_turkish_date(start_text)
            except ValueError:
                result.errors.append(
                    RecordError(first_line + 2, f"Okunamayan başlangıç tarihi: {start_text}")
                )
        else:
            try:
                duration = parse_duration(values.get(3, ""))
            except ValueError:
                result.errors.append(
                    RecordError(first_line + 2, f"Okunamayan proje süresi: {values.get(3, '')}")
                )
        stage = STATUS.get(search_key(values.get(4, "")))
        if stage is None:
            result.errors.append(
                RecordError(first_line + 3, f"Bilinmeyen durum: {values.get(4, '')}")
            )
        names = [n.strip() for n in values.get(5, "").split(",") if n.strip()]
        if len(result.errors) > record_errors:
            return
        result.projects.append(
            ProjectRecord(
                position=first_line,
                source="izmir-mlab",
                source_id=_slug(title, taken),
                acronym=_acronym(title),
                title_tr=title,
                summary_tr=values.get(2, ""),
                duration_months=duration,
                start_date=start,
                stage=stage or "",
                partners=sorted(
                    (partner_from_name(n) for n in names),
                    key=lambda p: p.province_plate != IZMIR,
                ),
                province_plates=[IZMIR],
                challenge=values.get(6, ""),
            )
        )

    expected = 1
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        match = _LINE.match(raw)
        if not match:
            result.errors.append(RecordError(number, f"Okunamayan satır: {raw[:80]}"))
            broken = True
            break
        n, key, value = int(match.group(1)), search_key(match.group(2)), match.group(3).strip()
        if n == 3 and expected == 3 and key == START_DATE:
            start_text = value
        elif n != expected or FIELDS.get(n) != key:
            result.errors.append(
                RecordError(
                    number,
                    f"{expected}. alan bekleniyordu ({FIELDS[expected]}), bulunan: {raw[:80]}",
                )
            )
            broken = True
            break
        if n == 1:
            values, first_line, start_text = {}, number, None
        values[n] = value
        if n == 6:
            rows += 1
            finish()
            expected = 1
        else:
            expected = n + 1
    if not broken and expected != 1:
        result.errors.append(
            RecordError(len(lines), f"Dosya yarıda bitiyor: {expected}. alan eksik.")
        )
    result.stats = {"rows": rows, "projects": len(result.projects)}
    return result
