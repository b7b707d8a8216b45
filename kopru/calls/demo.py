"""Demo calls: real records from the bundled files, plus regional and local examples.

* EU calls from the Funding & Tenders portal export (``open.jsonl.gz``), published,
  for both offices; a few Horizon Europe 2024 topics (closed) for the archive look;
* İzmir: part of the M-LAB call report workbook (the office's own sheet), as drafts;
* the AB Başkanlığı announcements a rule classified as calls, as drafts to review;
* regional (GMKA / İZKA), national and local examples, clearly titled as examples:
  their dates are invented (relative to today) so the catalogue looks alive.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from kopru.core.demodata import DemoContext

from .importers import ParseResult, parse
from .models import Call, CallDeadline, State
from .services import sync_facets
from .services.imports import import_parsed

ORDER = 35

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
ISTANBUL = ZoneInfo("Europe/Istanbul")


def _data_dir() -> Path:
    for candidate in (DATA, Path(settings.BASE_DIR) / "data", Path("/work/shared/data")):
        if candidate.exists():
            return candidate
    return DATA


def _read(relative: str) -> ParseResult | None:
    path = _data_dir() / relative
    if not path.exists():
        return None
    return parse(path.read_bytes(), path.name)


def _subset(
    result: ParseResult, fmt: str, start: int, count: int, *, future_first: bool = False
) -> ParseResult:
    records = result.records
    if future_first:
        now = timezone.now()
        records = [r for r in records if any(d.at >= now for d in r.deadlines)] + [
            r for r in records if not any(d.at >= now for d in r.deadlines)
        ]
    return ParseResult(format=fmt, records=records[start : start + count])


EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "balikesir": [
        {
            "source_id": "demo-gmka-sosyal-2026",
            "level": "regional",
            "agency_code": "gmka",
            "funder": "Güney Marmara Kalkınma Ajansı",
            "programme": "GMKA Mali Destek Programı",
            "title_tr": "GMKA Sosyal Kalkınma Mali Destek Programı (tanıtım örneği)",
            "title_en": "GMKA Social Development Financial Support Programme (demo example)",
            "summary_tr": "<p>Balıkesir ve Çanakkale'de dezavantajlı grupların ve gençlerin "
            "istihdamını artıracak projeler. <strong>Tanıtım verisidir.</strong></p>",
            "applicant_types": ["municipality", "ngo", "public_body", "university"],
            "target_groups": ["disadvantaged", "youth"],
            "sectors": ["social", "education"],
            "eligible_plates": ["10", "17"],
            "eligible_geography": "TR22 Güney Marmara (Balıkesir, Çanakkale)",
            "grant_min": Decimal("100000"),
            "grant_max": Decimal("1500000"),
            "budget_total": Decimal("40000000"),
            "cofinancing_rate": Decimal("75"),
            "currency": "TRY",
            "days": 24,
        },
        {
            "source_id": "demo-bbb-genc-fikir-2026",
            "level": "local",
            "instrument": "prize",
            "funder": "Balıkesir Büyükşehir Belediyesi",
            "programme": "Yerel destek",
            "title_tr": "Genç Girişimci Fikir Yarışması (tanıtım örneği)",
            "title_en": "Young Entrepreneur Idea Competition (demo example)",
            "summary_tr": "<p>Balıkesirli genç girişimcilerin iş fikirlerine ödül. "
            "<strong>Tanıtım verisidir.</strong></p>",
            "applicant_types": ["young_entrepreneur"],
            "target_groups": ["young_entrepreneurs", "youth"],
            "sectors": ["industry", "digital"],
            "eligible_plates": ["10"],
            "eligible_geography": "Balıkesir",
            "grant_max": Decimal("250000"),
            "currency": "TRY",
            "days": 9,
        },
    ],
    "izmir": [
        {
            "source_id": "demo-izka-yesil-2026",
            "level": "regional",
            "agency_code": "izka",
            "funder": "İzmir Kalkınma Ajansı",
            "programme": "İZKA Mali Destek Programı",
            "title_tr": "İZMİR YEŞİL DÖNÜŞÜM MALİ DESTEK PROGRAMI (tanıtım örneği)",
            "title_en": "Izmir Green Transition Financial Support Programme (demo example)",
            "summary_tr": "<p>İzmir'de KOBİ'lerin ve belediyelerin enerji verimliliği ve "
            "döngüsel ekonomi projeleri. <strong>Tanıtım verisidir.</strong></p>",
            "applicant_types": ["sme", "municipality", "cooperative"],
            "target_groups": ["entrepreneurs"],
            "sectors": ["environment", "energy", "industry"],
            "eligible_plates": ["35"],
            "eligible_geography": "TR31 İzmir",
            "grant_min": Decimal("200000"),
            "grant_max": Decimal("3000000"),
            "cofinancing_rate": Decimal("50"),
            "currency": "TRY",
            "days": 40,
            "deadline_model": "two_stage",
        },
        {
            "source_id": "demo-ibb-koop-kredi-2026",
            "level": "local",
            "instrument": "interest_free_credit",
            "funder": "İzmir Büyükşehir Belediyesi",
            "programme": "Yerel destek",
            "title_tr": "Kadın Kooperatiflerine Faizsiz Kredi (tanıtım örneği)",
            "title_en": "Interest-free Credit for Women's Cooperatives (demo example)",
            "summary_tr": "<p>İzmir'deki kadın kooperatiflerine faizsiz kredi. "
            "<strong>Tanıtım verisidir.</strong></p>",
            "applicant_types": ["cooperative"],
            "target_groups": ["women", "disadvantaged"],
            "sectors": ["agriculture", "social"],
            "eligible_plates": ["35"],
            "eligible_geography": "İzmir",
            "grant_max": Decimal("500000"),
            "currency": "TRY",
            "days": 60,
        },
        {
            "source_id": "demo-gsb-genclik-2026",
            "level": "national",
            "funder": "Gençlik ve Spor Bakanlığı",
            "programme": "Gençlik Projeleri Destek Programı",
            "title_tr": "Gençlik Projeleri Destek Programı (tanıtım örneği)",
            "title_en": "Youth Projects Support Programme (demo example)",
            "summary_tr": "<p>Gençlik çalışanları ve gençlik kuruluşlarının projeleri; "
            "tüm illere açık ulusal çağrı. <strong>Tanıtım verisidir.</strong></p>",
            "applicant_types": ["ngo", "university", "municipality", "public_body"],
            "target_groups": ["youth", "youth_workers", "disadvantaged"],
            "sectors": ["youth", "education"],
            "eligible_geography": "Türkiye",
            "grant_max": Decimal("600000"),
            "currency": "TRY",
            "days": 18,
        },
    ],
}


def _example(office: Any, spec: dict[str, Any]) -> Call:
    spec = dict(spec)
    days = spec.pop("days")
    two_stage = spec.get("deadline_model") == "two_stage"
    call = Call.objects.filter(
        office=office, source="demo", source_id=spec["source_id"]
    ).first() or Call(office=office, source="demo")
    for key, value in spec.items():
        setattr(call, key, value)
    call.state = State.PUBLISHED
    call.is_demo = True
    call.published_at = call.published_at or timezone.now()
    call.content_changed_at = call.content_changed_at or timezone.now()
    today = timezone.localdate()
    call.opening_date = today - dt.timedelta(days=10)
    ats = [dt.datetime.combine(today + dt.timedelta(days=days), dt.time(23, 59), ISTANBUL)]
    if two_stage:
        ats.append(ats[0] + dt.timedelta(days=45))
    call.save()
    CallDeadline.objects.filter(call=call).delete()
    for stage, at in enumerate(ats, start=1):
        CallDeadline.objects.create(call=call, at=at, timezone="Europe/Istanbul", stage=stage)
    fields = call.refresh_derived()
    Call.objects.filter(pk=call.pk).update(**{f: getattr(call, f) for f in fields})
    sync_facets(call)
    return call


def load(ctx: DemoContext) -> str:
    eu = _read("eu-ft-calls-2026/open.jsonl.gz")
    horizon = _read("horizon-europe-topics-2024/HE_calls_2024-07-11.xlsx")
    mlab = _read("izmir-mlab/horizon_rapor_latest.xlsx")
    ab = _read("tr-ab-baskanligi-duyurular/ab-gov-tr-duyurular.csv")
    ka = _read("tr-kalkinma-ajanslari-duyurular/ka_liste.json")
    total = 0
    for slug, start in (("balikesir", 0), ("izmir", 40)):
        office = ctx.offices[slug]
        actor = "demo"
        batches: list[ParseResult] = []
        if eu is not None and not eu.errors:
            batches.append(_subset(eu, eu.format, start, 60, future_first=True))
        if horizon is not None and not horizon.errors:
            batches.append(_subset(horizon, horizon.format, start // 4, 10))
        if slug == "izmir" and mlab is not None and not mlab.errors:
            batches.append(_subset(mlab, mlab.format, 0, 25))
        for extra in (ab, ka):
            if extra is not None and not extra.errors:
                batches.append(ParseResult(format=extra.format, records=extra.records))
        for batch in batches:
            import_parsed(office=office, result=batch, actor=actor)
        # A few closed Horizon 2024 topics shown as published, for the "closed" facet.
        Call.objects.filter(office=office, source="horizon-europe-xlsx", state=State.DRAFT).update(
            state=State.PUBLISHED, published_at=timezone.now()
        )
        for spec in EXAMPLES.get(slug, []):
            _example(office, spec)
        Call.objects.filter(office=office).update(is_demo=True)
        total += Call.objects.filter(office=office).count()
    return f"{total} calls"
