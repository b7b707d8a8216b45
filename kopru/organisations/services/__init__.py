"""Every write to organisations and their project teams: atomic and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log, json_value, scrub_history
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update

from ..models import MERGE_FIELDS, Organisation, TeamMember, TeamStatus

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.core.scoping import Office  # an offices.Office (a layer above)

#: Rows of the team of an organisation the caller holds (fetched through its scope).
TEAM = "the team of the organisation given"
#: Records of any app that point at organisations being merged (all of one office).
LINKS = "every record of any app that points at the organisations given"


def organisation_create(*, office: Office, data: dict[str, Any], actor: User) -> Organisation:
    return model_create(
        model=Organisation,
        data={**data, "office": office},
        actor=actor,
        action="organisations.organisation.created",
    )


def organisation_update(
    *, organisation: Organisation, data: dict[str, Any], actor: User, expected_version: int | None
) -> Organisation:
    organisation, _changes = model_update(
        instance=organisation,
        data=data,
        actor=actor,
        action="organisations.organisation.updated",
        expected_version=expected_version,
    )
    return organisation


# --- project team ---------------------------------------------------------------


def team_status_set(
    *,
    organisation: Organisation,
    status: str,
    formed_on: Any,
    actor: User,
    expected_version: int | None,
) -> Organisation:
    """Record whether the organisation has a project team (and since when)."""
    if status not in TeamStatus.values:
        raise ApplicationError(_("Geçersiz ekip durumu."))
    if status != TeamStatus.FORMED:
        formed_on = None
    elif formed_on and formed_on > timezone.localdate():
        raise ApplicationError(_("Kuruluş tarihi gelecekte olamaz."))
    organisation, _changes = model_update(
        instance=organisation,
        data={"team_status": status, "team_formed_on": formed_on},
        actor=actor,
        action="organisations.team.status_changed",
        expected_version=expected_version,
    )
    return organisation


def _release_contact_point(
    organisation: Organisation, keep: TeamMember | None, actor: User
) -> None:
    """Only one contact point per team: the others stop being it (audited)."""
    others = unscoped_manager(TeamMember, reason=TEAM).filter(
        organisation=organisation, is_contact_point=True
    )
    if keep is not None and keep.pk:
        others = others.exclude(pk=keep.pk)
    for other in others:
        model_update(
            instance=other,
            data={"is_contact_point": False},
            actor=actor,
            action="organisations.team_member.updated",
        )


@transaction.atomic
def team_member_create(
    *, organisation: Organisation, data: dict[str, Any], actor: User
) -> TeamMember:
    if data.get("is_contact_point"):
        _release_contact_point(organisation, None, actor)
    return model_create(
        model=TeamMember,
        data={**data, "organisation": organisation, "office_id": organisation.office_id},
        actor=actor,
        action="organisations.team_member.created",
    )


@transaction.atomic
def team_member_update(
    *, member: TeamMember, data: dict[str, Any], actor: User, expected_version: int | None
) -> TeamMember:
    if member.erased_at:
        raise ApplicationError(_("Bu kişinin verileri silindi; kayıt düzenlenemez."))
    if data.get("is_contact_point") and not member.is_contact_point:
        _release_contact_point(member.organisation, member, actor)
    member, _changes = model_update(
        instance=member,
        data=data,
        actor=actor,
        action="organisations.team_member.updated",
        expected_version=expected_version,
    )
    return member


# What a team member's record says about the person (scrubbed from its history on erasure).
PERSONAL_FIELDS = ("full_name", "job_title", "skills", "languages", "email", "phone")


@transaction.atomic
def team_member_delete(*, member: TeamMember, actor: User) -> None:
    """Remove a person from the team; their details leave the audit trail too."""
    audit_log(
        actor=actor,
        action="organisations.team_member.deleted",
        obj=member.organisation,
        data={"member_id": member.pk, "role": member.role},
    )
    scrub_history(TeamMember, [member.pk], PERSONAL_FIELDS)
    member.delete()


def team_members_erase(*, email: str, actor: User) -> int:
    """Anonymise the team members held under ``email`` in the active scope.

    The record stays (the team keeps a member in that role); name, contact details,
    title, skills and languages go, from the record and from its audit entries. The
    audit entry of the erasure names the records, not the person.
    """
    count = 0
    with transaction.atomic():
        for member in TeamMember.objects.filter(email=email, erased_at__isnull=True):
            unscoped_manager(TeamMember, reason="the member just read in scope").filter(
                pk=member.pk
            ).update(
                full_name=_("Silinmiş kişi"),
                name_sort="",
                email="",
                phone="",
                job_title="",
                skills="",
                languages=[],
                is_contact_point=False,
                erased_at=timezone.now(),
                version=F("version") + 1,
            )
            scrub_history(TeamMember, [member.pk], PERSONAL_FIELDS)
            audit_log(
                actor=actor,
                action="organisations.team_member.erased",
                obj=member.organisation,
                data={"member_id": member.pk},
            )
            count += 1
    return count


# --- merging duplicates -----------------------------------------------------------


@transaction.atomic
def organisations_mark_distinct(*, organisations: list[Organisation], actor: User) -> None:
    """Staff looked at a group of likely duplicates: they are different organisations."""
    if len(organisations) < 2:
        raise ApplicationError(_("En az iki kurum seçin."))
    for organisation in organisations:
        model_update(
            instance=organisation,
            data={"distinct_reviewed": True},
            actor=actor,
            action="organisations.organisation.marked_distinct",
        )


_TEAM_RANK: dict[str, int] = {TeamStatus.NONE: 0, TeamStatus.FORMING: 1, TeamStatus.FORMED: 2}


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _attname(name: str) -> str:
    return str(Organisation._meta.get_field(name).attname)  # type: ignore[union-attr]


def merge_values(survivor: Organisation, others: list[Organisation]) -> dict[str, tuple[Any, Any]]:
    """What the survivor takes from the others: ``{field: (its value, new value)}``."""
    changes: dict[str, tuple[Any, Any]] = {}
    for name in MERGE_FIELDS:
        attname = _attname(name)
        if not _empty(getattr(survivor, attname)):
            continue
        for other in others:
            value = getattr(other, attname)
            if not _empty(value):
                changes[name] = (getattr(survivor, attname), value)
                break
    best = max([survivor, *others], key=lambda o: _TEAM_RANK.get(o.team_status, 0))
    if _TEAM_RANK.get(best.team_status, 0) > _TEAM_RANK.get(survivor.team_status, 0):
        changes["team_status"] = (survivor.team_status, best.team_status)
        if survivor.team_formed_on is None and best.team_formed_on is not None:
            changes["team_formed_on"] = (None, best.team_formed_on)
    return changes


def related_links() -> list[Any]:
    """Every foreign key, in any app, that points at an organisation (found through
    ``Organisation._meta``, never imported).

    Hidden relations count too: a foreign key declared with ``related_name="+"`` is
    missing from ``_meta.related_objects`` but must be repointed all the same. A
    many-to-many link is reached through the foreign key of its through table.
    """
    return [
        f
        for f in Organisation._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]


def _link_label(rel: Any) -> str:
    return f"{rel.related_model._meta.label_lower}.{rel.field.name}"


def _link_model_label(rel: Any) -> Any:
    """What a person calls the linked records (a many-to-many: its owner's records)."""
    model = rel.related_model
    if model._meta.auto_created:  # an automatic many-to-many table
        model = model._meta.auto_created
    return model._meta.verbose_name_plural


def related_counts(organisations: list[Organisation]) -> list[tuple[Any, int]]:
    """How many records of each kind point at ``organisations`` (for the merge preview)."""
    ids = [o.pk for o in organisations]
    out = []
    for rel in related_links():
        rows = unscoped_manager(rel.related_model, reason=LINKS)
        n = rows.filter(**{f"{rel.field.name}__in": ids}).count()
        if n:
            out.append((_link_model_label(rel), n))
    return out


def _release_other_contact_points(survivor: Organisation, ids: list[int]) -> None:
    """One contact point per team: the survivor's wins, else the first one found."""
    members = unscoped_manager(TeamMember, reason=TEAM)
    theirs = members.filter(organisation_id__in=ids, is_contact_point=True)
    if members.filter(organisation=survivor, is_contact_point=True).exists():
        theirs.update(is_contact_point=False)
        return
    first = theirs.order_by("pk").first()
    if first is not None:
        theirs.exclude(pk=first.pk).update(is_contact_point=False)


def _repoint(survivor: Organisation, others: list[Organisation]) -> dict[str, int]:
    """Point every foreign key and many-to-many link of ``others`` at ``survivor``."""
    ids = [o.pk for o in others]
    moved: dict[str, int] = {}
    _release_other_contact_points(survivor, ids)
    for rel in related_links():
        model, column = rel.related_model, rel.field.name
        rows = unscoped_manager(model, reason=LINKS).filter(**{f"{column}__in": ids})
        if model._meta.auto_created:
            # A many-to-many row: a record linked to both keeps its one link to the
            # survivor (the table allows each pair once).
            partner = next(
                f.attname for f in model._meta.fields if f.is_relation and f.name != column
            )
            have = (
                unscoped_manager(model, reason=LINKS)
                .filter(**{column: survivor.pk})
                .values_list(partner, flat=True)
            )
            rows.filter(**{f"{partner}__in": list(have)}).delete()
        n = rows.update(**{column: survivor.pk})
        if n:
            moved[_link_label(rel)] = n
    return moved


def organisation_merge(
    *, survivor: Organisation, others: list[Organisation], actor: User
) -> Organisation:
    """Merge ``others`` into ``survivor``: one audited action, in one transaction.

    The survivor keeps its values and takes the others' non-empty values where its
    own are empty (and the most advanced team status); every record of any app that
    points at one of the others is repointed to the survivor; the others are deleted.
    """
    others = [o for o in others if o.pk != survivor.pk]
    if not others:
        raise ApplicationError(_("Birleştirilecek başka kurum seçin."))
    if any(o.office_id != survivor.office_id for o in others):
        raise ApplicationError(_("Yalnız aynı ofisin kurumları birleştirilebilir."))
    try:
        with transaction.atomic():
            ids = [survivor.pk, *[o.pk for o in others]]
            rows = unscoped_manager(Organisation, reason="the organisations given, locked")
            locked = {o.pk: o for o in rows.select_for_update().filter(pk__in=ids)}
            if len(locked) != len(ids):
                raise ApplicationError(_("Kurumlardan biri bu arada silinmiş."))
            survivor = locked[survivor.pk]
            others = [locked[o.pk] for o in others]
            changes = merge_values(survivor, others)
            snapshots = [
                {
                    "id": o.pk,
                    "values": {
                        f.attname: json_value(getattr(o, f.attname))
                        for f in Organisation._meta.concrete_fields
                        if f.editable
                    },
                }
                for o in others
            ]
            moved = _repoint(survivor, others)
            rows.filter(pk__in=[o.pk for o in others]).delete()
            for name, (_old, new) in changes.items():
                setattr(survivor, _attname(name), new)
            survivor.refresh_derived()
            survivor.save()
            rows.filter(pk=survivor.pk).update(version=F("version") + 1)
            survivor.refresh_from_db(fields=["version"])
            audit_log(
                actor=actor,
                action="organisations.organisation.merged",
                obj=survivor,
                changes=changes,
                data={"merged": snapshots, "repointed": moved},
            )
    except (IntegrityError, models.ProtectedError) as exc:
        raise ApplicationError(
            _(
                "Kurumlar birleştirilemedi: bağlı kayıtlardan biri hem bu kuruma hem "
                "birleştirilen kuruma aynı şekilde bağlı ({error}). Hiçbir değişiklik yapılmadı."
            ).format(error=exc)
        ) from exc
    return survivor
