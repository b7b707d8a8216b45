"""Importing the training history (:mod:`..importers.history`): past events and their
participants, all or nothing, in one transaction; importing a file again changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log, audit_log_bulk
from kopru.core.imports import by_office
from kopru.core.imports.workbook import choice
from kopru.core.services import field_changes
from kopru.geo.models import District

from ..importers.history import DEFAULTS, HistoryReport, read_history
from ..models import Event, EventStatus, Registration, RegistrationSource, RegistrationStatus

FIELDS = ["full_name", *DEFAULTS]  # what a row gives a registration


def history_import(
    *,
    office: Any,
    data: bytes,
    filename: str,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> HistoryReport:
    """The import service (all or nothing); runs in ``office``'s scope."""
    report = HistoryReport()
    districts = {d.name_search: d for d in District.objects.filter(province=office.province)}
    district = choice(lambda: districts, _("ilçe bu ilde yok: “{v}”"))
    participations, events = read_history(data, district, report)
    report.check()
    with transaction.atomic():
        saved = _write_events(office, events, report, actor)
        _write_registrations(office, saved, participations, report, actor)
        counts = {**report.counts(), "events_created": report.events_created}
        audit_log(actor=actor, action="trainings.history.imported", office=office, data=counts)
    if progress:
        progress(len(participations), len(participations))
    return report


def _write_events(
    office: Any, events: dict[str, tuple[str, str, dt.date]], report: HistoryReport, actor: Any
) -> dict[str, Event]:
    """The events of the file's codes, created or changed (one audit entry each)."""
    stored = by_office(Event).filter(office=office, is_historical=True, source_id__in=events)
    existing = {e.source_id: e for e in stored}
    audited: dict[str, list[Any]] = {"imported": [], "import_updated": []}
    for code, (title, kind, day) in events.items():
        event = existing.get(code)
        values = {"title_tr": title, "type": kind, "starts_on": day}
        changes = field_changes(event, values) if event else None
        if event is None:
            event = existing[code] = Event(office=office, source_id=code, is_historical=True)
            event.status, event.capacity = EventStatus.PUBLISHED, 0
            report.events_created += 1
        elif not changes:
            continue
        for name, value in values.items():
            setattr(event, name, value)
        event.refresh_derived()
        event.save()
        action = "import_updated" if changes else "imported"
        audited[action].append((event, changes, {"source_id": code}))
    for action, entries in audited.items():
        audit_log_bulk(actor=actor, action=f"trainings.event.{action}", entries=entries)
    return existing


def _write_registrations(
    office: Any,
    events: dict[str, Event],
    rows: list[dict[str, Any]],
    report: HistoryReport,
    actor: Any,
) -> None:
    """The participations, created or changed (one audit entry each; an erased person's
    registration is never written again)."""
    registrations = by_office(Registration)
    stored = registrations.filter(
        office=office, source=RegistrationSource.IMPORT, event__in=events.values()
    )
    existing = {r.source_id: r for r in stored}
    new: list[Registration] = []
    updated: list[tuple[Registration, Any, dict[str, Any]]] = []
    for row in rows:
        values = {f: row[f] for f in FIELDS}
        sid = row["source_id"]  # an erased person's row: by its hashed form
        registration = existing.get(sid) or existing.get(Registration.erased_source_id(sid))
        if registration is None:
            registration = Registration(
                office=office,
                event=events[row["code"]],
                status=RegistrationStatus.CONFIRMED,
                source=RegistrationSource.IMPORT,
                attended=True,
                source_id=sid,
                **values,
            )
            registration.refresh_derived()
            new.append(registration)
        elif registration.erased_at or not (changes := field_changes(registration, values)):
            report.unchanged += 1
        else:
            for name, value in values.items():
                setattr(registration, name, value)
            registration.refresh_derived()
            registration.save()
            updated.append((registration, changes, {}))
    registrations.bulk_create(new, batch_size=500)
    report.created, report.updated = len(new), len(updated)
    # no source_id in the entries: it holds the e-mail or the name
    created: list[tuple[Registration, Any, dict[str, Any]]] = [(r, None, {}) for r in new]
    audit_log_bulk(actor=actor, action="trainings.registration.imported", entries=created)
    audit_log_bulk(actor=actor, action="trainings.registration.import_updated", entries=updated)
