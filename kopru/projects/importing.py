"""Writing parsed project files into the inventory: all-or-nothing and idempotent.

The parsers (``kopru.projects.importers``) turn a CORDIS participations file, the
İzmir M-LAB list or the office's XLSX template into ``ProjectRecord`` objects and
report every bad row. This module decides which office each record belongs to,
compares it with what is stored (by source and source id) and writes the
difference in one transaction with bulk statements: nothing is written when any
row is bad.

Positions of bad rows come from the parsers in a fixed English form (``"line 14"``,
``"record 3"``, ``"row 12"``, ``"file"``); the report carries them translated into the
active language (``"satır 14"`` / ``"line 14"``) by :func:`position_label`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kopru.core.audit import json_value
from kopru.core.errors import ApplicationError
from kopru.core.models import AuditEntry
from kopru.core.text import search_key
from kopru.core.vocabularies import Sector, TargetGroup

from .countries import normalise_country
from .importers.records import FILE, LINE, RECORD, ROW, position_parts
from .models import (
    Currency,
    Partner,
    PartnerRole,
    Project,
    Source,
    Stage,
    StageChange,
)

# The project fields an import sets, taken from the record's attributes of the same name.
RECORD_FIELDS = [
    "acronym",
    "title_tr",
    "title_en",
    "summary_tr",
    "summary_en",
    "programme",
    "funding_scheme",
    "call_identifier",
    "topic",
    "start_date",
    "end_date",
    "duration_months",
    "total_cost",
    "grant_amount",
    "currency",
    "source_url",
]
PUBLIC_SOURCES = (Source.CORDIS, Source.MLAB)
NULLABLE = ("start_date", "end_date", "duration_months", "total_cost", "grant_amount")


@dataclass
class ImportReport:
    format: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    # Records for provinces without an office here: {province plate: count}.
    skipped: dict[str, int] = field(default_factory=dict)
    offices: dict[str, int] = field(default_factory=dict)


class ImportFailed(ApplicationError):
    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message)
        self.report = report


def summary_result(report: ImportReport) -> dict[str, Any]:
    """The job result shown on the job page (and printed by the command)."""
    summary: dict[str, Any] = {
        _("Biçim"): report.format,
        _("Oluşturulan"): report.created,
        _("Güncellenen"): report.updated,
        _("Değişmeyen"): report.unchanged,
        _("Hatalı satır"): len(report.errors),
    }
    if report.skipped:
        summary[_("Ofisi olmayan illere ait atlanan kayıt")] = ", ".join(
            f"{plate}: {n}" for plate, n in sorted(report.skipped.items())
        )
    return {"summary": summary, "errors": report.errors[:500]}


def position_label(position: Any) -> Any:
    """A parser's position in the active language: ``"line 14"`` → ``"satır 14"``.

    Anything that is not a parser position (a number, a label already translated) is
    returned as it is.
    """
    parts = position_parts(position) if isinstance(position, str) else None
    if parts is None:
        return position
    kind, number = parts
    if kind == LINE:
        return pgettext("position in a text file", "satır {n}").format(n=number)
    if kind == RECORD:
        return pgettext("position in a list of projects", "kayıt {n}").format(n=number)
    if kind == ROW:
        return pgettext("position in a spreadsheet", "satır {n}").format(n=number)
    if kind == FILE:
        return pgettext("position: the file as a whole", "dosya")
    return position  # pragma: no cover - position_parts knows no other kind


def _translated(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**e, "position": position_label(e.get("position", ""))} for e in errors]


def _value(record: Any, name: str) -> Any:
    value = getattr(record, name, None)
    if name in ("total_cost", "grant_amount") and value is not None:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if name == "currency":
        return (value or Currency.EUR).upper()
    if value is None and name not in NULLABLE:
        return ""
    return value


def _record_data(record: Any) -> dict[str, Any]:
    data = {name: _value(record, name) for name in RECORD_FIELDS}
    for name in ("acronym", "programme", "funding_scheme", "topic"):
        data[name] = str(data[name])[: Project._meta.get_field(name).max_length]  # type: ignore[union-attr]
    data["title_tr"] = str(data["title_tr"])[:500]
    data["title_en"] = str(data["title_en"])[:500]
    data["call_identifier"] = str(data["call_identifier"])[:200]
    data["source_url"] = str(data["source_url"])[:500]
    # Fields only the template carries: set when given, so that a re-import of a
    # public source does not wipe what the office added by hand.
    for name in ("sectors", "target_groups"):
        values = list(getattr(record, name, None) or [])
        if values:
            data[name] = values
    rate = getattr(record, "exchange_rate", None)
    if rate is not None:
        data["exchange_rate"] = Decimal(str(rate)).quantize(Decimal("0.0001"))
        data["exchange_rate_date"] = getattr(record, "exchange_rate_date", None)
    return data


def _validate(records: list[Any]) -> list[dict[str, Any]]:
    """Checks the parsers leave to us: a key, a known stage, currency and countries."""
    errors = []
    seen: set[tuple[str, str]] = set()
    for r in records:
        position = getattr(r, "position", "")
        if not getattr(r, "source_id", ""):
            errors.append({"position": position, "reason": _("Kaynak kimliği yok.")})
        if getattr(r, "stage", None) and r.stage not in Stage.values:
            errors.append(
                {"position": position, "reason": _("Bilinmeyen aşama: {v}").format(v=r.stage)}
            )
        currency = (getattr(r, "currency", None) or "EUR").upper()
        if currency not in Currency.values:
            errors.append(
                {
                    "position": position,
                    "reason": _("Bilinmeyen para birimi: {v}").format(v=currency),
                }
            )
        for name, choices in (("sectors", Sector.values), ("target_groups", TargetGroup.values)):
            for code in getattr(r, name, None) or []:
                if code not in choices:
                    errors.append(
                        {
                            "position": position,
                            "reason": _("Bilinmeyen kod ({field}): {v}").format(field=name, v=code),
                        }
                    )
        if not (getattr(r, "title_tr", "") or getattr(r, "title_en", "")):
            errors.append({"position": position, "reason": _("Başlık yok.")})
        for p in getattr(r, "partners", []) or []:
            # A country the source does not state (country_unknown, country "") imports
            # with the country left empty; a code that is there but unknown is an error.
            if p.country and normalise_country(p.country) is None:
                errors.append(
                    {
                        "position": position,
                        "reason": _("Bilinmeyen ülke kodu: {v} ({name})").format(
                            v=p.country, name=p.name
                        ),
                    }
                )
        key = (str(getattr(r, "source", "")), str(getattr(r, "source_id", "")))
        if key in seen and getattr(r, "source", "") != Source.CORDIS:
            errors.append(
                {
                    "position": position,
                    "reason": _("Aynı kaynak kimliği dosyada iki kez var: {v}").format(v=key[1]),
                }
            )
        seen.add(key)
    return errors


def _partner_rows(record: Any) -> list[dict[str, Any]]:
    rows = []
    for i, p in enumerate(getattr(record, "partners", []) or []):
        role = p.role if p.role in PartnerRole.values else PartnerRole.PARTNER
        contribution = getattr(p, "eu_contribution", None)
        rows.append(
            {
                "name": str(p.name)[:300],
                "country": normalise_country(p.country) or "",
                "role": role,
                "city": str(getattr(p, "city", "") or "")[:120],
                "organisation_type": str(
                    getattr(p, "organisation_type", "") or getattr(p, "raw_type", "") or ""
                )[:60],
                "eu_contribution": Decimal(str(contribution)).quantize(Decimal("0.01"))
                if contribution is not None
                else None,
                "position": i,
            }
        )
    return rows


def _local_participant(record: Any, plate: str | None, *, strict: bool = True) -> Any:
    """The Turkish participant that makes the record belong to ``plate``'s office
    (coordinator first). With ``strict=False`` a participant of that province is only
    preferred: failing one, any Turkish participant (M-LAB and template records, which
    go to the office they are imported into)."""
    turkish = [
        p for p in getattr(record, "partners", []) or [] if normalise_country(p.country) == "TR"
    ]
    local = [p for p in turkish if plate is None or getattr(p, "province_plate", None) == plate]
    candidates = local if local or strict else turkish
    candidates = sorted(candidates, key=lambda p: p.role != PartnerRole.COORDINATOR)
    return candidates[0] if candidates else None


def _route(
    records: list[Any], office: Any, fmt: str, report: ImportReport
) -> dict[int, list[tuple[Any, Any]]]:
    """``{office id: [(record, local participant)]}``; CORDIS records follow their provinces."""
    from kopru.offices.models import Office

    routed: dict[int, list[tuple[Any, Any]]] = defaultdict(list)
    cordis = [r for r in records if getattr(r, "source", "") == Source.CORDIS]
    others = [r for r in records if getattr(r, "source", "") != Source.CORDIS]
    if others:
        if office is None:
            raise ApplicationError(_("Bu dosya türü için ofis belirtilmeli (--office)."))
        plate = office.province.plate
        for r in others:
            routed[office.pk].append((r, _local_participant(r, plate, strict=False)))
    if not cordis:
        return routed
    offices = {o.province.plate: o for o in Office.objects.select_related("province")}
    for r in cordis:
        plates = list(dict.fromkeys(getattr(r, "province_plates", []) or []))
        for plate in plates:
            target = offices.get(plate)
            if office is not None and (target is None or target.pk != office.pk):
                if target is None:
                    report.skipped[plate] = report.skipped.get(plate, 0) + 1
                continue
            if target is None:
                report.skipped[plate] = report.skipped.get(plate, 0) + 1
                continue
            routed[target.pk].append((r, _local_participant(r, plate)))
    return routed


def import_file(
    *,
    data: bytes,
    filename: str,
    office: Any = None,
    actor: Any = None,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Parse and import a project file; raises :class:`ImportFailed` on any bad row."""
    from .importers import parse

    result = parse(data, filename, fmt)
    return import_records(
        records=list(result.projects),
        parse_errors=[{"position": e.position, "reason": e.reason} for e in (result.errors or [])],
        fmt=str(result.format),
        rows=int((result.stats or {}).get("rows", len(result.projects))),
        office=office,
        actor=actor,
        progress=progress,
    )


def import_records(
    *,
    records: list[Any],
    parse_errors: list[dict[str, Any]],
    fmt: str,
    office: Any = None,
    actor: Any = None,
    rows: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    from kopru.core.scoping import unscoped

    report = ImportReport(format=fmt, rows=rows or len(records))
    report.errors = _translated(parse_errors + _validate(records))
    if report.errors:
        raise ImportFailed(
            _("Dosyada {n} hatalı satır var; hiçbir kayıt yazılmadı.").format(n=len(report.errors)),
            report,
        )
    with unscoped("project import routes records to the offices of their provinces"):
        routed = _route(records, office, fmt, report)
        report.errors = _translated(_district_errors(routed))
        if report.errors:
            raise ImportFailed(
                _("Dosyada {n} hatalı satır var; hiçbir kayıt yazılmadı.").format(
                    n=len(report.errors)
                ),
                report,
            )
        total = sum(len(v) for v in routed.values())
        done = 0
        with transaction.atomic():
            for office_id, items in routed.items():
                counts = _import_office(office_id, items, actor)
                report.created += counts[0]
                report.updated += counts[1]
                report.unchanged += counts[2]
                report.offices[str(office_id)] = len(items)
                done += len(items)
                if progress:
                    progress(done, total)
    return report


def _organisations(office_id: int) -> dict[str, int]:
    from kopru.organisations.models import Organisation

    return {
        key: pk
        for pk, key in Organisation._base_manager.filter(office_id=office_id).values_list(
            "pk", "name_search"
        )
    }


def _districts(office_id: int) -> dict[str, int]:
    from kopru.geo.models import District
    from kopru.offices.models import Office

    province_id = Office.objects.values_list("province_id", flat=True).get(pk=office_id)
    return {
        name: pk
        for pk, name in District.objects.filter(province_id=province_id).values_list(
            "pk", "name_search"
        )
    }


def _import_office(
    office_id: int, items: list[tuple[Any, Any]], actor: Any
) -> tuple[int, int, int]:
    """Create, update or leave each record of one office. Returns the three counts."""
    now = timezone.now()
    by_key: dict[tuple[str, str], tuple[Any, Any]] = {}
    for record, local in items:
        by_key[(record.source, str(record.source_id))] = (record, local)
    existing = {
        (p.source, p.source_id): p
        for p in Project._base_manager.filter(
            office_id=office_id,
            source__in={k[0] for k in by_key},
            source_id__in=[k[1] for k in by_key],
        ).select_related("owner")
    }
    stored_partners: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if existing:
        for row in (
            Partner._base_manager.filter(project__in=[p.pk for p in existing.values()])
            .order_by("position", "id")
            .values("project_id", *PARTNER_KEYS)
        ):
            stored_partners[row.pop("project_id")].append(row)
    orgs = _organisations(office_id)
    districts = _districts(office_id)
    actor_user = actor if getattr(actor, "is_authenticated", False) else None

    to_create: list[Project] = []
    create_partners: list[list[dict[str, Any]]] = []
    create_districts: list[list[int]] = []
    to_update: list[tuple[Project, dict[str, tuple[Any, Any]], list[dict[str, Any]] | None]] = []
    stage_changes: list[StageChange] = []
    unchanged = 0
    for key, (record, local) in by_key.items():
        data = _record_data(record)
        stage = getattr(record, "stage", None) or Stage.IDEA
        owner_name = str(getattr(record, "owner_name", "") or getattr(local, "name", "") or "")[
            :300
        ]
        owner_id = orgs.get(search_key(owner_name)) if owner_name else None
        partners = _partner_rows(record)
        project = existing.get(key)
        if project is None:
            project = Project(
                office_id=office_id,
                source=record.source,
                source_id=str(record.source_id)[:120],
                stage=stage,
                stage_changed_at=now,
                owner_id=owner_id,
                owner_name=owner_name,
                is_published=record.source in PUBLIC_SOURCES,
                created_by=actor_user,
                last_update_at=now,
                **data,
            )
            project.refresh_derived()
            to_create.append(project)
            create_partners.append(partners)
            create_districts.append(_record_districts(record, local, districts))
            continue
        changes: dict[str, tuple[Any, Any]] = {}
        for name, value in {**data, "owner_name": owner_name}.items():
            if getattr(project, name) != value:
                changes[name] = (getattr(project, name), value)
        if owner_id and project.owner_id is None:
            changes["owner_id"] = (None, owner_id)
        if stage != project.stage:
            changes["stage"] = (project.stage, stage)
        new_partners = (
            partners if _normalised(partners) != stored_partners.get(project.pk) else None
        )
        if not changes and new_partners is None:
            unchanged += 1
            continue
        for name, (_old, new) in changes.items():
            setattr(project, name, new)
        if "stage" in changes:
            project.stage_changed_at = now
            stage_changes.append(
                StageChange(
                    office_id=office_id,
                    project=project,
                    from_stage=changes["stage"][0],
                    to_stage=stage,
                    changed_at=now,
                    changed_by=actor_user,
                    note=_("İçe aktarma"),
                )
            )
        project.refresh_derived()
        project.last_update_at = now
        to_update.append((project, changes, new_partners))

    Project._base_manager.bulk_create(to_create, batch_size=500)
    partner_objs: list[Partner] = []
    through = Project.districts.through
    district_links: list[Any] = []
    for project, partners, district_ids in zip(
        to_create, create_partners, create_districts, strict=True
    ):
        partner_objs.extend(Partner(office_id=office_id, project=project, **p) for p in partners)
        district_links.extend(through(project_id=project.pk, district_id=d) for d in district_ids)
        stage_changes.append(
            StageChange(
                office_id=office_id,
                project=project,
                from_stage="",
                to_stage=project.stage,
                changed_at=now,
                changed_by=actor_user,
                note=_("İçe aktarma"),
            )
        )
    if to_update:
        fields = sorted(
            {n for _p, changes, _x in to_update for n in changes}
            | {
                "title_sort",
                "search_document",
                "tags",
                "has_priority_group",
                "last_update_at",
                "stage_changed_at",
            }
        )
        Project._base_manager.bulk_update([p for p, _c, _x in to_update], fields, batch_size=500)
        Project._base_manager.filter(pk__in=[p.pk for p, _c, _x in to_update]).update(
            version=F("version") + 1
        )
        replaced = [p for p, _c, new in to_update if new is not None]
        Partner._base_manager.filter(project__in=replaced).delete()
        for p, _c, new in to_update:
            if new is not None:
                partner_objs.extend(Partner(office_id=office_id, project=p, **x) for x in new)
    Partner._base_manager.bulk_create(partner_objs, batch_size=1000)
    through.objects.bulk_create(district_links, batch_size=1000)
    StageChange._base_manager.bulk_create(stage_changes, batch_size=1000)
    _audit(office_id, actor_user, to_create, to_update)
    return len(to_create), len(to_update), unchanged


PARTNER_KEYS = (
    "name",
    "country",
    "role",
    "city",
    "organisation_type",
    "eu_contribution",
    "position",
)


def _normalised(partners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: p[k] for k in PARTNER_KEYS} for p in partners]


def _district_errors(routed: dict[int, list[tuple[Any, Any]]]) -> list[dict[str, Any]]:
    """Districts named in a record must be districts of the office's province."""
    errors = []
    for office_id, items in routed.items():
        known: dict[str, int] | None = None
        for record, _local in items:
            for name in getattr(record, "districts", None) or []:
                known = known if known is not None else _districts(office_id)
                if search_key(name) not in known:
                    errors.append(
                        {
                            "position": record.position,
                            "reason": _("Bu ilde böyle bir ilçe yok: {v}").format(v=name),
                        }
                    )
    return errors


def _record_districts(record: Any, local: Any, districts: dict[str, int]) -> list[int]:
    names: list[str] = list(getattr(record, "districts", None) or [])
    city = str(getattr(local, "city", None) or "")
    if city:
        names.append(city)
    found = [districts[search_key(n)] for n in names if search_key(n) in districts]
    return list(dict.fromkeys(found))


def _audit(
    office_id: int,
    actor: Any,
    created: list[Project],
    updated: list[tuple[Project, dict[str, tuple[Any, Any]], Any]],
) -> None:
    """One audit entry per created or changed project, written in bulk."""
    ct = ContentType.objects.get_for_model(Project)
    actor_repr = (actor.get_full_name() or actor.get_username()) if actor else "import"
    entries = [
        AuditEntry(
            office_id=office_id,
            actor=actor,
            actor_repr=actor_repr,
            action="projects.project.imported",
            content_type=ct,
            object_id=str(p.pk),
            object_repr=str(p)[:300],
            version=1,
            data={"source": p.source, "source_id": p.source_id},
        )
        for p in created
    ]
    entries.extend(
        AuditEntry(
            office_id=office_id,
            actor=actor,
            actor_repr=actor_repr,
            action="projects.project.import_updated",
            content_type=ct,
            object_id=str(p.pk),
            object_repr=str(p)[:300],
            version=p.version + 1,
            changes={k: [json_value(o), json_value(n)] for k, (o, n) in changes.items()},
            data={"source": p.source, "source_id": p.source_id, "partners": new is not None},
        )
        for p, changes, new in updated
    )
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
