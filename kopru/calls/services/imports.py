"""Importing call lists: parsed records into the office's catalogue, all or nothing,
matched by ``(office, source, source_id)``. EU portal files are published on import unless
the office switched that off (:class:`~kopru.calls.models.CallSettings`); everything else
arrives as a draft. A re-import never changes a call's editorial state.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from kopru.core.audit import audit_log_bulk, json_value
from kopru.core.imports import ImportReport, by_office
from kopru.core.imports.files import FileRefused
from kopru.core.imports.problems import too_long

from .. import tagging
from ..agencies import get_agency
from ..importers import MESSAGES, MESSAGES_TR, CallRecord, ParseResult, parse
from ..models import Call, CallDeadline, Level, State
from ..selectors import settings_for
from .calls import sync_facets
from .subscriptions import send_instant_alerts

PUBLISHED_SOURCES = frozenset({"eu-ft-portal"})
#: (at, time zone name, stage, label) of each deadline, sorted.
Deadlines = list[tuple[Any, str, int, str]]
Changes = dict[str, tuple[Any, Any]]

#: The model fields a record gives as they are.
_RECORD_FIELDS = """level instrument funder programme programme_code agency_code source_url
    call_identifier title_tr title_en summary_tr summary_en action_type opening_date
    budget_total grant_min grant_max expected_grants cofinancing_rate source_status
""".split()  # noqa: SIM905
#: What a re-import may change besides the record's own fields.
_DERIVED = """import_hash content_changed_at version title_sort search_document closes_at
    next_deadline sectors target_groups tagging_reason updated_at""".split()  # noqa: SIM905


@dataclass
class CallsReport(ImportReport):
    skipped: int = 0  # announcements that are not calls
    published: int = 0

    LABELS = (
        *ImportReport.LABELS,
        ("skipped", _("Çağrı sayılmayan duyuru")),
        ("published", _("Yayımlanan")),
    )


def record_data(record: CallRecord) -> dict[str, Any]:
    """The model fields of a parsed record."""
    agency = get_agency(record.agency_code) if record.agency_code else None
    geography = f"{agency.nuts2} ({agency.name})" if agency is not None else ""
    if agency is None and record.level == Level.EU:
        geography = "EU Member States and Associated Countries (incl. Türkiye)"
    return {name: getattr(record, name) for name in _RECORD_FIELDS} | {
        "deadline_model": record.deadline_model or "single_stage",
        "currency": record.currency or "EUR",
        "keywords": list(record.keywords),
        "classification_reason": record.classification_reason,
        "eligible_plates": list(agency.plates) if agency is not None else [],
        "eligible_geography": geography,
    }


def _deadlines(record: CallRecord) -> Deadlines:
    found = [(d.at, getattr(d.at.tzinfo, "key", "UTC"), d.stage, d.label) for d in record.deadlines]
    return sorted(found, key=lambda t: (t[0], t[2]))


def _hash(data: dict[str, Any], deadlines: Deadlines) -> str:
    payload = json.dumps(json_value([data, deadlines]), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def calls_import(
    *,
    office: Any,
    data: bytes,
    filename: str,
    actor: Any,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CallsReport:
    """Parse and import one file; raises :class:`ImportRejected` when anything is bad."""
    try:
        result = parse(data, filename, fmt)
    except FileRefused as exc:  # reported like a parser's errors (nothing is written)
        result = ParseResult(fmt or "?", errors=[MESSAGES.at("file", exc)])
    return import_parsed(office=office, result=result, actor=actor, progress=progress)


def import_parsed(
    *,
    office: Any,
    result: ParseResult,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> CallsReport:
    """Write a parse result; raises :class:`ImportRejected` (nothing written) on errors."""
    report = CallsReport(format=result.format, notes=list(result.notes))
    report.skipped = len(result.skipped)
    for error in result.errors:
        reason = MESSAGES_TR.text(error.code, error.params, error.reason)
        report.error(error.position, reason, code=error.code)
    rows = [(record, record_data(record)) for record in result.records]
    for record, data in rows:
        for problem in too_long(Call, data | {"source_id": record.source_id}):
            reason = MESSAGES_TR.text(problem.code, problem.params)
            report.error(record.position, reason, code=problem.code)
    report.check()
    publish = result.format in PUBLISHED_SOURCES and settings_for(office).publish_eu_on_import
    with transaction.atomic():
        created, updated = _upsert(office, rows, publish, report, progress)
        _replace_children([*created, *updated])
        new = [
            (c, None, {"source": c.source, "source_id": c.source_id, "state": c.state})
            for c, _d, _c in created
        ]
        audit_log_bulk(actor=actor, action="calls.call.imported", entries=new)
        changed = [
            (c, changes, {"source": c.source, "source_id": c.source_id})
            for c, _d, changes in updated
        ]
        audit_log_bulk(actor=actor, action="calls.call.reimported", entries=changed)
    if progress:
        progress(len(rows), len(rows))
    if report.published:
        transaction.on_commit(lambda: send_instant_alerts.enqueue(office_id=office.pk))
    return report


Written = list[tuple[Call, Deadlines, Changes]]


def _upsert(
    office: Any,
    rows: list[tuple[CallRecord, dict[str, Any]]],
    publish: bool,
    report: CallsReport,
    progress: Callable[[int, int], None] | None,
) -> tuple[Written, Written]:
    """Create the new calls, update the changed ones; (created, updated) with deadlines."""
    now = timezone.now()
    existing = {
        (c.source, c.source_id): c
        for c in by_office(Call).filter(
            office=office,
            source__in={r.source for r, _d in rows},
            source_id__in=[r.source_id for r, _d in rows],
        )
    }
    created: Written = []
    updated: Written = []
    for index, (record, data) in enumerate(rows):
        deadlines = _deadlines(record)
        digest = _hash(data, deadlines)
        call = existing.get((record.source, record.source_id))
        if call is not None and call.import_hash == digest:
            report.unchanged += 1
            continue
        if call is None:
            call = Call(office=office, source=record.source, source_id=record.source_id, **data)
            if publish:
                call.state, call.published_at = State.PUBLISHED, now
            created.append((call, deadlines, {}))
        else:
            changes = {k: (getattr(call, k), v) for k, v in data.items() if getattr(call, k) != v}
            for name, (_old, new) in changes.items():
                setattr(call, name, new)
            call.version += 1
            call.updated_at = now
            updated.append((call, deadlines, changes))
        call.import_hash, call.content_changed_at = digest, now
        # Tags from the source's own fields first, free text above a threshold
        # (kopru.calls.tagging); an expert's correction stays.
        if not call.tags_by_expert:
            tags = tagging.derive(
                programme=call.programme,
                identifier=call.call_identifier or record.source_id,
                keywords=[str(k) for k in call.keywords],
                title=call.title_en or call.title_tr,
                text=strip_tags(f"{call.summary_en} {call.summary_tr}")[:6000],
                cross_cutting=record.extra.get("cross_cutting_priorities", ""),
            )
            call.sectors, call.target_groups = tags.sectors, tags.target_groups
            call.tagging_reason = tags.reason_text()[:2000]
        call.refresh_derived(deadlines=[d[0] for d in deadlines])
        if progress and index % 50 == 0:
            progress(index, len(rows))
    by_office(Call).bulk_create([c for c, _d, _c in created], batch_size=500)
    fields = [*(rows[0][1] if rows else {}), *_DERIVED]
    for call, _d, _c in updated:
        by_office(Call).filter(pk=call.pk).update(**{n: getattr(call, n) for n in fields})
    report.created, report.updated = len(created), len(updated)
    report.published = len(created) if publish else 0
    return created, updated


def _replace_children(written: Written) -> None:
    """The deadlines of the written calls replaced, their facet rows brought in step."""
    calls = [c for c, _d, _c in written]
    CallDeadline.objects.filter(call__in=calls).delete()
    CallDeadline.objects.bulk_create(
        [
            CallDeadline(call=c, at=at, timezone=tz, stage=stage, label=label)
            for c, deadlines, _c in written
            for at, tz, stage, label in deadlines
        ],
        batch_size=1000,
    )
    sync_facets(*calls)
