"""Import service: parsed call records into the catalogue, all or nothing.

``import_file`` parses the bytes (:mod:`kopru.calls.importers`), refuses the whole
file when any record is bad (every bad record reported with its position and
reason), and otherwise writes every record inside one transaction, matching
existing calls by ``(office, source, source_id)``: created / updated / unchanged.

Publishing rule: calls from the official EU Funding & Tenders portal files are
published on import unless the office switched that off
(:class:`~kopru.calls.models.CallSettings`); everything else — announcements a
rule classified as calls, office sheets, the template — arrives as a draft for an
expert to review. A re-import never changes the editorial state of a call.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import json_value
from kopru.core.models import AuditEntry
from kopru.core.vocabularies import Sector, TargetGroup

from .import_messages import MESSAGES_TR
from .importers import ImportFileError, ParseResult, get_agency, parse
from .importers.records import CallRecord
from .models import Call, CallDeadline, CallFacet, Level, State
from .services import facet_rows, settings_for

PUBLISHED_SOURCES = frozenset({"eu-ft-portal"})

# Light-weight tagging of imported records, so facets and matching have something to
# work with; an expert refines these on review. (folded keyword → value)
_SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    Sector.AGRICULTURE: ("agri", "tarim", "kirsal", "rural", "food", "gida", "farm"),
    Sector.CULTURE: ("cultur", "kultur", "creative", "yaratici", "heritage", "miras"),
    Sector.DIGITAL: ("digital", "dijital", "ai ", "artificial intelligence", "data ", "cyber"),
    Sector.EDUCATION: ("educat", "egitim", "school", "okul", "training", "erasmus"),
    Sector.ENERGY: ("energy", "enerji", "hydrogen", "renewable", "yenilenebilir"),
    Sector.ENVIRONMENT: ("climate", "iklim", "environment", "cevre", "biodivers", "circular"),
    Sector.HEALTH: ("health", "saglik", "medical", "disease", "cancer"),
    Sector.INDUSTRY: ("sme", "kobi", "industr", "sanayi", "manufactur", "imalat", "isletme"),
    Sector.TRANSPORT: ("transport", "ulasim", "mobility", "vehicle", "aviation"),
    Sector.RESEARCH: ("research", "arastirma", "innovation", "inovasyon", "ar ge"),
    Sector.SOCIAL: ("social", "sosyal", "inclusion", "istihdam", "employment"),
    Sector.SPACE: ("space", "uzay", "security", "guvenlik", "defence"),
    Sector.TOURISM: ("touris", "turizm"),
    Sector.YOUTH: ("youth", "genclik", "sport", "spor"),
}
_TARGET_WORDS: dict[str, tuple[str, ...]] = {
    TargetGroup.YOUTH: ("youth", "young people", "genc"),
    TargetGroup.YOUNG_ENTREPRENEURS: ("young entrepreneur", "genc girisimci"),
    TargetGroup.YOUTH_WORKERS: ("youth worker", "genclik calisan"),
    TargetGroup.DISADVANTAGED: ("disadvantaged", "dezavantajli", "vulnerable", "kirilgan"),
    TargetGroup.WOMEN: ("women", "kadin", "gender"),
    TargetGroup.DISABLED: ("disabilit", "engelli"),
    TargetGroup.MIGRANTS: ("migrant", "refugee", "gocmen", "multeci"),
    TargetGroup.RESEARCHERS: ("researcher", "arastirmaci"),
    TargetGroup.STUDENTS: ("student", "ogrenci"),
    TargetGroup.ENTREPRENEURS: ("sme", "kobi", "girisimci", "entrepreneur", "startup"),
    TargetGroup.FARMERS: ("farmer", "ciftci", "uretici"),
}


def _tags(folded: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Values of ``table`` whose words occur in the folded text (``search_key`` form)."""
    folded = f" {folded} "
    return [str(value) for value, words in table.items() if any(w in folded for w in words)]


def _apply_tags(call: Call) -> None:
    """Sectors and target groups guessed from the call's search document (after refresh)."""
    call.sectors = _tags(call.search_document, _SECTOR_WORDS)
    call.target_groups = _tags(call.search_document, _TARGET_WORDS)


@dataclass
class ImportOutcome:
    format: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    published: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, Any]:
        return {
            _("Biçim"): self.format,
            _("Yeni"): self.created,
            _("Güncellenen"): self.updated,
            _("Değişmeyen"): self.unchanged,
            _("Çağrı sayılmayan duyuru"): self.skipped,
            _("Yayımlanan"): self.published,
        }


class ImportRejected(Exception):
    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__(f"{len(outcome.errors)} bad record(s)")
        self.outcome = outcome


def _translated(code: str, params: dict[str, str], fallback: str) -> str:
    """The message of ``code`` in the active language (the parser's text as fallback)."""
    template = MESSAGES_TR.get(code)
    if template is None:
        return fallback
    try:
        return str(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return fallback


def _zone_name(value: Any) -> str:
    tz = value.tzinfo
    if isinstance(tz, ZoneInfo):
        return tz.key
    key = getattr(tz, "key", None) or getattr(tz, "zone", None)
    return str(key) if key else "UTC"


def record_data(record: CallRecord) -> dict[str, Any]:
    """The model fields of a parsed record (tags inferred from the text)."""
    plates: list[str] = []
    agency = get_agency(record.agency_code) if record.agency_code else None
    if agency is not None:
        plates = list(agency.plates)
    geography = ""
    if agency is not None:
        geography = f"{agency.nuts2} ({agency.name})"
    elif record.level == Level.EU:
        geography = "EU Member States and Associated Countries (incl. Türkiye)"
    return {
        "level": record.level,
        "instrument": record.instrument,
        "funder": record.funder[:200],
        "programme": record.programme[:200],
        "programme_code": record.programme_code[:60],
        "agency_code": record.agency_code[:20],
        "source_url": record.source_url[:600],
        "call_identifier": record.call_identifier[:200],
        "title_tr": record.title_tr[:500],
        "title_en": record.title_en[:500],
        "summary_tr": record.summary_tr,
        "summary_en": record.summary_en,
        "action_type": record.action_type[:120],
        "deadline_model": record.deadline_model or "single_stage",
        "opening_date": record.opening_date,
        "budget_total": record.budget_total,
        "grant_min": record.grant_min,
        "grant_max": record.grant_max,
        "expected_grants": record.expected_grants,
        "cofinancing_rate": record.cofinancing_rate,
        "currency": (record.currency or "EUR")[:3],
        "keywords": list(record.keywords)[:40],
        "source_status": record.source_status[:60],
        "classification_reason": record.classification_reason,
        "eligible_plates": plates,
        "eligible_geography": geography[:300],
    }


def _deadlines(record: CallRecord) -> list[tuple[Any, str, int, str]]:
    return sorted(
        ((d.at, _zone_name(d.at), d.stage, d.label[:120]) for d in record.deadlines),
        key=lambda t: (t[0], t[2]),
    )


def _hash(data: dict[str, Any], deadlines: list[tuple[Any, str, int, str]]) -> str:
    payload = json.dumps(
        [json_value(data), [[d[0].isoformat(), d[1], d[2], d[3]] for d in deadlines]],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def import_parsed(
    *,
    office: Any,
    result: ParseResult,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> ImportOutcome:
    """Write a parse result; raises :class:`ImportRejected` (nothing written) on errors."""
    outcome = ImportOutcome(format=result.format, notes=list(result.notes))
    outcome.skipped = len(result.skipped)
    if result.errors:
        outcome.errors = [
            {"position": e.position, "reason": _translated(e.code, e.params, e.reason)}
            for e in result.errors
        ]
        raise ImportRejected(outcome)
    records = [r for r in result.records if r.is_funding_call]
    outcome.skipped += len(result.records) - len(records)
    publish = (
        result.format in PUBLISHED_SOURCES and settings_for(office).publish_eu_on_import
    ) or False
    now = timezone.now()
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    actor_repr = (
        (actor.get_full_name() or actor.get_username())
        if actor_user
        else (actor if isinstance(actor, str) else "")
    )
    content_type = ContentType.objects.get_for_model(Call)
    with transaction.atomic():
        existing = {
            (c.source, c.source_id): c
            for c in Call._base_manager.filter(
                office=office,
                source__in={r.source for r in records},
                source_id__in=[r.source_id for r in records],
            )
        }
        to_create: list[tuple[Call, list[tuple[Any, str, int, str]]]] = []
        to_update: list[tuple[Call, list[tuple[Any, str, int, str]], dict[str, Any]]] = []
        for index, record in enumerate(records):
            data = record_data(record)
            deadlines = _deadlines(record)
            digest = _hash(data, deadlines)
            call = existing.get((record.source, record.source_id))
            if call is None:
                call = Call(
                    office=office,
                    source=record.source,
                    source_id=record.source_id[:200],
                    import_hash=digest,
                    content_changed_at=now,
                    **data,
                )
                if publish:
                    call.state = State.PUBLISHED
                    call.published_at = now
                call.refresh_derived(deadlines=[d[0] for d in deadlines])
                _apply_tags(call)
                to_create.append((call, deadlines))
                existing[(record.source, record.source_id)] = call
            elif call.import_hash == digest:
                outcome.unchanged += 1
            else:
                changes = {
                    k: (getattr(call, k), v) for k, v in data.items() if getattr(call, k) != v
                }
                for k, v in data.items():
                    setattr(call, k, v)
                call.import_hash = digest
                call.content_changed_at = now
                call.version += 1
                call.refresh_derived(deadlines=[d[0] for d in deadlines])
                _apply_tags(call)
                to_update.append((call, deadlines, changes))
            if progress and index % 50 == 0:
                progress(index, len(records))
        created = Call._base_manager.bulk_create([c for c, _d in to_create], batch_size=500)
        outcome.created = len(created)
        outcome.published = len(created) if publish else 0
        if to_update:
            fields = [*record_data(records[0]).keys()]
            fields += [
                "import_hash",
                "content_changed_at",
                "version",
                "title_sort",
                "search_document",
                "closes_at",
                "next_deadline",
                "sectors",
                "target_groups",
                "updated_at",
            ]
            for call, _d, _c in to_update:
                call.updated_at = now
                Call._base_manager.filter(pk=call.pk).update(
                    **{name: getattr(call, name) for name in fields}
                )
            outcome.updated = len(to_update)
            CallDeadline.objects.filter(call__in=[c for c, _d, _c in to_update]).delete()
            CallFacet.objects.filter(call__in=[c for c, _d, _c in to_update]).delete()
        written = [(c, d) for c, d in to_create] + [(c, d) for c, d, _c in to_update]
        CallDeadline.objects.bulk_create(
            [
                CallDeadline(call=c, at=at, timezone=tz, stage=stage, label=label)
                for c, deadlines in written
                for at, tz, stage, label in deadlines
            ],
            batch_size=1000,
        )
        CallFacet.objects.bulk_create(facet_rows(c for c, _d in written), batch_size=1000)
        entries = [
            AuditEntry(
                office=office,
                actor=actor_user,
                actor_repr=actor_repr,
                action="calls.call.imported",
                content_type=content_type,
                object_id=str(c.pk),
                object_repr=str(c)[:300],
                version=c.version,
                data={"source": c.source, "source_id": c.source_id, "state": c.state},
            )
            for c, _d in to_create
        ] + [
            AuditEntry(
                office=office,
                actor=actor_user,
                actor_repr=actor_repr,
                action="calls.call.reimported",
                content_type=content_type,
                object_id=str(c.pk),
                object_repr=str(c)[:300],
                version=c.version,
                changes={k: [json_value(o), json_value(n)] for k, (o, n) in changes.items()},
                data={"source": c.source, "source_id": c.source_id},
            )
            for c, _d, changes in to_update
        ]
        AuditEntry.objects.bulk_create(entries, batch_size=500)
    if progress:
        progress(len(records), len(records))
    if outcome.published:
        from .tasks import send_instant_alerts

        office_id = office.pk
        transaction.on_commit(lambda: send_instant_alerts.enqueue(office_id=office_id))
    return outcome


def import_file(
    *,
    office: Any,
    data: bytes,
    filename: str,
    fmt: str | None = None,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> ImportOutcome:
    """Parse and import one file; raises :class:`ImportRejected` when anything is bad."""
    try:
        result = parse(data, filename, fmt)
    except ImportFileError as exc:
        outcome = ImportOutcome(format=fmt or "?")
        outcome.errors = [
            {"position": "file", "reason": _translated(exc.code, exc.params, exc.reason)}
        ]
        raise ImportRejected(outcome) from exc
    return import_parsed(office=office, result=result, actor=actor, progress=progress)
