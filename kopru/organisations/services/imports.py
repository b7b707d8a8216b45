"""Importing the directory's spreadsheet (:mod:`..importers.directory`), matched with the
directory as its notes sheet says (``DOC_NOTES``), written through the app's services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kopru.core.imports import workbook
from kopru.core.services import field_changes
from kopru.core.text import search_key, sorted_turkish
from kopru.geo.models import District

from ..importers.directory import (
    ORGS,
    SHEETS,
    TEAM,
    DirectoryReport,
    allowed_values,
    read_directory,
    template_sheets,
)
from ..models import Organisation, TeamMember, TeamRole, TeamStatus, duplicate_key
from ..models import normalise_official_id as official
from . import organisation_create, organisation_update, team_member_create, team_member_update


def _districts(office: Any) -> dict[str, District]:
    return {d.name_search: d for d in District.objects.filter(province=office.province)}


def district_names(office: Any) -> list[str]:
    return sorted_turkish(d.name for d in _districts(office).values())


def import_columns(office: Any) -> list[tuple[str, list[tuple[Any, str]]]]:
    """Each sheet's columns with the values they accept (the import page)."""
    names = district_names(office)
    return [(sheet, [(c, allowed_values(c, names)) for c in columns]) for sheet, columns in SHEETS]


def template_workbook(office: Any) -> bytes:
    return workbook.template_workbook(template_sheets(district_names(office)))


@dataclass
class OrgRow:
    number: int
    values: dict[str, Any]
    existing: Organisation | None = None  # once written: the organisation written


class Directory:
    """The office's organisations, indexed the ways the import looks them up."""

    def __init__(self) -> None:
        self.by_official: dict[str, list[Organisation]] = {}
        self.by_key: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.all():
            if org.official_id:
                self.by_official.setdefault(org.official_id, []).append(org)
            self.by_key.setdefault(org.duplicate_key, []).append(org)

    def find(self, official_id: str, name: str, district: Any) -> list[Organisation]:
        if official_id in self.by_official:
            return self.by_official[official_id]
        found = self.by_key.get(duplicate_key(name), [])
        if district is not None and len(found) > 1:
            found = [o for o in found if o.district_id in (None, district.pk)]
        # An official id that is not recorded is not a record with another id.
        return [o for o in found if not o.official_id] if official_id else found

    def resolve(self, reference: str, rows: list[OrgRow]) -> list[Any]:
        """The organisation a team row names: an :class:`OrgRow` of this file or a record."""
        key = official(reference)
        in_file = [r for r in rows if key and r.values.get("official_id") == key]
        if in_file or key in self.by_official:
            return in_file or self.by_official[key]
        key = duplicate_key(reference)
        in_file = [r for r in rows if duplicate_key(r.values["name"]) == key]
        return in_file or self.by_key.get(key, [])


def _match_organisations(rows: list[OrgRow], directory: Directory, report: DirectoryReport) -> None:
    """Each row's stored organisation; rows naming one twice, or several, are errors."""
    seen_official: dict[str, int] = {}
    seen_name: dict[tuple[str, int | None], int] = {}
    for row in rows:
        v = row.values
        official_id, district = v.get("official_id", ""), v.get("district")
        name_key = (duplicate_key(v["name"]), district.pk if district else None)
        if official_id in seen_official:
            reason = _("aynı resmî kimlik numarası {n}. satırda da var")
            report.cell_error(
                ORGS, row.number, "resmi_kimlik_no", reason.format(n=seen_official[official_id])
            )
            continue
        if name_key in seen_name:
            reason = _("aynı kurum {n}. satırda da var").format(n=seen_name[name_key])
            report.cell_error(ORGS, row.number, "ad", reason)
            continue
        if official_id:
            seen_official[official_id] = row.number
        seen_name[name_key] = row.number
        found = directory.find(official_id, v["name"], district)
        if len(found) > 1:
            reason = _(
                "bu adla {n} kayıt var; resmî kimlik numarasını yazın ya da önce "
                "mükerrer kayıtları birleştirin"
            ).format(n=len(found))
            report.cell_error(ORGS, row.number, "ad", reason)
            continue
        row.existing = found[0] if found else None
        if v.get("team_formed_on") and v.get("team_status", TeamStatus.FORMED) != TeamStatus.FORMED:
            reason = _("kuruluş tarihi yalnız “kuruldu” durumuyla yazılabilir")
            report.cell_error(ORGS, row.number, "ekip_kurulus_tarihi", reason)


def _match_members(
    rows: list[tuple[int, dict[str, Any]]],
    org_rows: list[OrgRow],
    directory: Directory,
    report: DirectoryReport,
) -> list[tuple[dict[str, Any], Any]]:
    """(values, OrgRow or Organisation) of each good team row; a person twice, or two
    contact points of one organisation, are errors."""
    out: list[tuple[dict[str, Any], Any]] = []
    seen: dict[tuple[int, str], int] = {}
    contact: dict[int, int] = {}
    for number, values in rows:
        targets = directory.resolve(values["organisation"], org_rows)
        if len(targets) != 1:
            reason = (
                _("kurum bulunamadı: “{v}”")
                if not targets
                else _("bu adla birden çok kurum var; resmî kimlik numarasını yazın: “{v}”")
            )
            report.cell_error(TEAM, number, "kurum", reason.format(v=values["organisation"]))
            continue
        ident = id(targets[0])
        key = (ident, values.get("email") or "n:" + search_key(values.get("full_name", "")))
        if key in seen:
            reason = _("aynı kişi {n}. satırda da var").format(n=seen[key])
            report.cell_error(TEAM, number, "ad_soyad", reason)
            continue
        seen[key] = number
        if values.get("is_contact_point") and ident in contact:
            reason = _("kurumun irtibat kişisi {n}. satırda da işaretli").format(n=contact[ident])
            report.cell_error(TEAM, number, "irtibat_kisisi", reason)
            continue
        if values.get("is_contact_point"):
            contact[ident] = number
        out.append((values, targets[0]))
    return out


def import_directory(
    *,
    office: Any,
    data: bytes,
    actor: Any,
    filename: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> DirectoryReport:
    """The import service (all or nothing); runs in ``office``'s scope."""
    report = DirectoryReport()
    message = _("{province} ilinde böyle bir ilçe yok: “{v}”")
    districts = _districts(office)
    district = workbook.choice(lambda: districts, message, province=office.province.name)
    org_values, team_values = read_directory(data, district, report)
    directory = Directory()
    org_rows = [OrgRow(number, values) for number, values in org_values]
    _match_organisations(org_rows, directory, report)
    members = _match_members(team_values, org_rows, directory, report)
    if not org_values and not team_values and not report.errors:
        report.cell_error(_("dosya"), None, "", _("Dosyada veri satırı yok."))
    report.check()
    rows: list[OrgRow | tuple[dict[str, Any], Any]] = [*org_rows, *members]
    with transaction.atomic():
        for done, row in enumerate(rows, start=1):
            if isinstance(row, OrgRow):
                row.existing = _write_organisation(office, row, actor, report)
            else:
                _write_member(*row, actor, report)
            if progress and (done % 50 == 0 or done == len(rows)):
                progress(done, len(rows))
    return report


def _write_organisation(
    office: Any, row: OrgRow, actor: Any, report: DirectoryReport
) -> Organisation:
    data = dict(row.values)
    if data.get("team_formed_on"):
        data.setdefault("team_status", TeamStatus.FORMED)
    elif data.get("team_status") and data["team_status"] != TeamStatus.FORMED:
        data["team_formed_on"] = None
    existing = row.existing
    if existing is None:
        report.created += 1
        return organisation_create(office=office, data=data, actor=actor)
    if not field_changes(existing, data):
        report.unchanged += 1
        return existing
    report.updated += 1
    return organisation_update(organisation=existing, data=data, actor=actor, expected_version=None)


def _write_member(values: dict[str, Any], target: Any, actor: Any, report: DirectoryReport) -> None:
    organisation = target.existing if isinstance(target, OrgRow) else target
    assert organisation is not None  # organisations are written before their members
    data = {k: v for k, v in values.items() if k != "organisation"}
    members = list(TeamMember.objects.filter(organisation=organisation))
    existing = next((m for m in members if data.get("email") and m.email == data["email"]), None)
    if existing is None:
        key = search_key(data.get("full_name", ""))
        existing = next((m for m in members if search_key(m.full_name) == key), None)
    if existing is None:
        team_member_create(
            organisation=organisation, data={"role": TeamRole.MEMBER, **data}, actor=actor
        )
        report.members_created += 1
    elif existing.erased_at or not field_changes(existing, data):
        report.members_unchanged += 1
    else:
        team_member_update(member=existing, data=data, actor=actor, expected_version=None)
        report.members_updated += 1
