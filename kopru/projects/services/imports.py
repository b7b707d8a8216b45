"""Importing project files into the inventory: all or nothing, idempotent, routed.

CORDIS records go to the office of each Turkish participant's province, the others to the
office they are imported into; each record is compared with the stored project of the same
source and source id, and the difference written in one transaction with bulk statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core.audit import audit_log_bulk
from kopru.core.errors import ApplicationError
from kopru.core.imports import ImportReport, by_office
from kopru.core.imports.problems import too_long
from kopru.core.scoping import unscoped
from kopru.core.services import field_changes
from kopru.core.text import search_key
from kopru.geo.models import District
from kopru.offices.models import Office
from kopru.organisations.models import Organisation

from ..importers import parse
from ..importers.records import MESSAGES, ProjectRecord
from ..models import Partner, Project, Source, StageChange

# The project fields an import sets, taken from the record's attributes of the same name.
RECORD_FIELDS = """acronym title_tr title_en summary_tr summary_en programme funding_scheme
    call_identifier topic start_date end_date duration_months stage total_cost grant_amount
    currency source_url""".split()  # noqa: SIM905
PARTNER_KEYS = ("name", "country", "role", "city", "organisation_type", "eu_contribution")
#: (record, its local participant) of each record, by the id of the office it goes to.
Routed = dict[int, list[tuple[ProjectRecord, Any]]]
Row = dict[str, Any]


@dataclass
class ProjectsReport(ImportReport):
    #: Records for provinces without an office here: {province plate: count}.
    skipped: dict[str, int] = field(default_factory=dict)

    LABELS = (
        *ImportReport.LABELS,
        ("skipped", gettext_lazy("Ofisi olmayan illere ait atlanan kayıt")),
    )


def import_file(
    *,
    data: bytes,
    filename: str,
    office: Any = None,
    actor: Any = None,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ProjectsReport:
    """Parse and import a project file; raises ``ImportRejected`` on any bad row."""
    result = parse(data, filename, fmt)
    errors = [{"position": e.position, "reason": e.reason, "code": e.code} for e in result.errors]
    return import_records(
        result.projects, errors, result.format, office=office, actor=actor, progress=progress
    )


def import_records(
    records: list[ProjectRecord],
    parse_errors: list[Row],
    fmt: str,
    *,
    office: Any = None,
    actor: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> ProjectsReport:
    """Write parsed records (the parse errors reported with them), all or nothing."""
    report = ProjectsReport(format=fmt)
    for error in parse_errors:
        report.error(**error)
    _check(records, report)
    report.check()
    with unscoped("project import routes records to the offices of their provinces"):
        plans = [_Plan(o, actor, items) for o, items in _route(records, office, report).items()]
        for plan in plans:
            plan.check_districts(report)
        report.check()
        total, done = sum(len(plan.items) for plan in plans), 0
        with transaction.atomic():
            for plan in plans:
                plan.run(report)
                done += len(plan.items)
                if progress:
                    progress(done, total)
    return report


def _decimal(value: Any, places: str = "0.01") -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places))


def _record_data(record: ProjectRecord) -> dict[str, Any]:
    data = {name: getattr(record, name) for name in RECORD_FIELDS}
    data |= {k: _decimal(data[k]) for k in ("total_cost", "grant_amount")}
    # Fields only the template carries: set when given, so that a re-import of a public
    # source does not wipe what the office added by hand.
    data |= {k: getattr(record, k) for k in ("sectors", "target_groups") if getattr(record, k)}
    if record.exchange_rate is not None:
        data["exchange_rate"] = _decimal(record.exchange_rate, "0.0001")
        data["exchange_rate_date"] = record.exchange_rate_date
    return data


def _check(records: list[ProjectRecord], report: ProjectsReport) -> None:
    """What the parsers leave to the service: a title (a CORDIS project may have neither
    title nor acronym) and texts that fit their columns (never cut to fit)."""
    for r in records:
        if not (r.title_tr or r.title_en):
            report.error(r.position, _("Başlık yok."))
        texts = _record_data(r) | {"source_id": r.source_id}
        long = too_long(Project, texts) + [
            q for p in _partner_rows(r) for q in too_long(Partner, p)
        ]
        for problem in long:
            reason = MESSAGES.text(problem.code, problem.params)
            report.error(r.position, reason, code=problem.code)


def _partner_rows(record: ProjectRecord) -> list[Row]:
    return [
        {k: getattr(p, k) for k in PARTNER_KEYS[:-1]}
        | {"eu_contribution": _decimal(p.eu_contribution), "position": i}
        for i, p in enumerate(record.partners)
    ]


def _local_participant(record: ProjectRecord, plate: str, *, strict: bool = True) -> Any:
    """The Turkish participant that makes the record belong to ``plate``'s office
    (coordinator first). With ``strict=False`` a participant of that province is only
    preferred: failing one, any Turkish participant (M-LAB and template records, which
    go to the office they are imported into)."""
    turkish = [p for p in record.partners if p.country == "TR"]
    local = [p for p in turkish if p.province_plate == plate]
    pool = local if local or strict else turkish
    return min(pool, key=lambda p: p.role != "coordinator", default=None)


def _route(records: list[ProjectRecord], office: Any, report: ProjectsReport) -> Routed:
    """The records of each office; CORDIS records follow their participants' provinces."""
    routed: Routed = defaultdict(list)
    others = [r for r in records if r.source != Source.CORDIS]
    if others and office is None:
        raise ApplicationError(_("Bu dosya türü için ofis belirtilmeli (--office)."))
    for r in others:
        routed[office.pk].append((r, _local_participant(r, office.province.plate, strict=False)))
    cordis = [r for r in records if r.source == Source.CORDIS]
    offices = (
        {o.province.plate: o for o in Office.objects.select_related("province")} if cordis else {}
    )
    for r in cordis:
        for plate in dict.fromkeys(r.province_plates):
            target = offices.get(plate)
            if target is None:
                report.skipped[plate] = report.skipped.get(plate, 0) + 1
            elif office is None or target.pk == office.pk:
                routed[target.pk].append((r, _local_participant(r, plate)))
    return routed


class _Plan:
    """The writes of one office's records, collected, then done in bulk."""

    def __init__(self, office_id: int, actor: Any, items: list[tuple[ProjectRecord, Any]]) -> None:
        self.office_id, self.actor, self.items = office_id, actor, items
        self.user = actor if getattr(actor, "is_authenticated", False) else None
        self.now = timezone.now()
        organisations = by_office(Organisation).filter(office_id=office_id)
        self.orgs = {key: pk for pk, key in organisations.values_list("pk", "name_search")}
        districts = District.objects.filter(province__office=office_id)
        self.districts = {name: pk for pk, name in districts.values_list("pk", "name_search")}
        self.created: list[tuple[Project, list[Row], list[int]]] = []
        self.updated: list[tuple[Project, dict[str, tuple[Any, Any]], list[Row] | None]] = []
        self.stage_changes: list[StageChange] = []
        self.stored_partners: dict[int, list[Row]] = defaultdict(list)

    def check_districts(self, report: ProjectsReport) -> None:
        """Districts named in a record must be districts of the office's province."""
        for record, _local in self.items:
            for name in record.districts:
                if search_key(name) not in self.districts:
                    reason = _("Bu ilde böyle bir ilçe yok: {v}").format(v=name)
                    report.error(record.position, reason)

    def run(self, report: ProjectsReport) -> None:
        """Create, update or leave each record (with its local participant)."""
        by_key = {(r.source, r.source_id): (r, local) for r, local in self.items}
        existing = self.existing(set(by_key))
        for key, (record, local) in by_key.items():
            if key in existing:
                self.update(existing[key], record, local)
            else:
                self.create(record, local)
        self.write()
        report.created += len(self.created)
        report.updated += len(self.updated)
        report.unchanged += len(by_key) - len(self.created) - len(self.updated)

    def existing(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Project]:
        """The office's projects with these (source, source id), and their partners."""
        projects = by_office(Project).filter(
            office_id=self.office_id,
            source__in={k[0] for k in keys},
            source_id__in=[k[1] for k in keys],
        )
        found = {(p.source, p.source_id): p for p in projects.select_related("owner")}
        partners = by_office(Partner).filter(project__in=[p.pk for p in found.values()])
        rows = partners.order_by("position", "id").values("project_id", *PARTNER_KEYS, "position")
        for row in rows:
            self.stored_partners[row.pop("project_id")].append(row)
        return found

    def _owner(self, record: ProjectRecord, local: Any) -> tuple[str, int | None]:
        name = record.owner_name or (local.name if local else "")
        return name, self.orgs.get(search_key(name)) if name else None

    def _stage_change(self, project: Project, old: str) -> None:
        self.stage_changes.append(
            StageChange(
                office_id=self.office_id,
                project=project,
                from_stage=old,
                to_stage=project.stage,
                changed_at=self.now,
                changed_by=self.user,
                note=_("İçe aktarma"),
            )
        )

    def create(self, record: ProjectRecord, local: Any) -> None:
        owner_name, owner_id = self._owner(record, local)
        project = Project(
            office_id=self.office_id,
            source=record.source,
            source_id=record.source_id,
            stage_changed_at=self.now,
            owner_id=owner_id,
            owner_name=owner_name,
            is_published=record.source in (Source.CORDIS, Source.MLAB),  # public sources
            created_by=self.user,
            last_update_at=self.now,
            **_record_data(record),
        )
        project.refresh_derived()
        self._stage_change(project, "")
        names = [*record.districts, local.city if local else ""]
        found = [self.districts[search_key(n)] for n in names if search_key(n) in self.districts]
        self.created.append((project, _partner_rows(record), list(dict.fromkeys(found))))

    def update(self, project: Project, record: ProjectRecord, local: Any) -> None:
        """Note what changed in ``project`` (nothing when the record is the same)."""
        owner_name, owner_id = self._owner(record, local)
        wanted = {**_record_data(record), "owner_name": owner_name}
        changes = field_changes(project, wanted)
        if owner_id and project.owner_id is None:
            changes["owner_id"] = (None, owner_id)
        partners = _partner_rows(record)
        new_partners = partners if partners != self.stored_partners.get(project.pk) else None
        if not changes and new_partners is None:
            return
        for name, (_old, new) in changes.items():
            setattr(project, name, new)
        if "stage" in changes:
            project.stage_changed_at = self.now
            self._stage_change(project, changes["stage"][0])
        project.refresh_derived()
        project.last_update_at = self.now
        self.updated.append((project, changes, new_partners))

    def write(self) -> None:
        """Every write of the plan, in bulk, with one audit entry per project."""
        through = Project.districts.through
        created = [p for p, _x, _d in self.created]
        by_office(Project).bulk_create(created, batch_size=500)
        partners = [(p, rows) for p, rows, _d in self.created]
        links = [through(project_id=p.pk, district_id=d) for p, _x, ds in self.created for d in ds]
        updated = [p for p, _c, _x in self.updated]
        if updated:
            changed = sorted({n for _p, changes, _x in self.updated for n in changes})
            derived = ["title_sort", "search_document", "tags", "has_priority_group"]
            fields = [*changed, *derived, "last_update_at", "stage_changed_at"]
            by_office(Project).bulk_update(updated, fields, batch_size=500)
            versions = by_office(Project).filter(pk__in=[p.pk for p in updated])
            versions.update(version=F("version") + 1)
            replaced = [(p, x) for p, _c, x in self.updated if x is not None]
            by_office(Partner).filter(project__in=[p for p, _x in replaced]).delete()
            partners += replaced
        by_office(Partner).bulk_create(
            [Partner(office_id=self.office_id, project=p, **x) for p, xs in partners for x in xs],
            batch_size=1000,
        )
        through.objects.bulk_create(links, batch_size=1000)
        by_office(StageChange).bulk_create(self.stage_changes, batch_size=1000)
        for project in updated:
            project.version += 1
        for action, entries in (
            ("imported", [(p, None, _key(p)) for p in created]),
            ("import_updated", [(p, c, _key(p, new is not None)) for p, c, new in self.updated]),
        ):
            audit_log_bulk(actor=self.actor, action=f"projects.project.{action}", entries=entries)


def _key(project: Project, partners: bool | None = None) -> dict[str, Any]:
    key = {"source": project.source, "source_id": project.source_id}
    return key if partners is None else key | {"partners": partners}
