"""Every write to the project inventory: audited, atomic, versioned where editable."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopru.accounts.models import User
from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped, unscoped_manager
from kopru.core.services import model_create, model_update

from ..models import (
    TRANSITIONS,
    Activity,
    Indicator,
    IndicatorValue,
    Milestone,
    MonitoringVisit,
    Objective,
    Partner,
    Project,
    ReportDeadline,
    Stage,
    StageChange,
)

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

#: Rows of (or under) the project the caller holds, fetched through its scope.
HELD = "rows of the project the service was given"


def _held(project: Project) -> Any:
    """The row of the project the service was given (fetched through the scope)."""
    return unscoped_manager(Project, reason=HELD).filter(pk=project.pk)


def _touch(project: Project) -> None:
    """Record that the project was updated now (the "no update for 90 days" flag)."""
    now = timezone.now()
    _held(project).update(last_update_at=now)
    project.last_update_at = now


@transaction.atomic
def project_create(*, office: Office, data: dict[str, Any], actor: User) -> Project:
    data = {**data, "office": office}
    stage = data.setdefault("stage", Stage.IDEA)
    if actor is not None and getattr(actor, "is_authenticated", False):
        data.setdefault("created_by", actor)
    project = model_create(model=Project, data=data, actor=actor, action="projects.project.created")
    now = timezone.now()
    unscoped_manager(StageChange, reason=HELD).create(
        office=office,
        project=project,
        from_stage="",
        to_stage=stage,
        changed_at=now,
        changed_by=data.get("created_by"),
    )
    _held(project).update(stage_changed_at=now, last_update_at=now)
    project.stage_changed_at = project.last_update_at = now
    return project


@transaction.atomic
def project_update(
    *, project: Project, data: dict[str, Any], actor: User, expected_version: int | None
) -> Project:
    if "stage" in data and data["stage"] != project.stage:
        raise ApplicationError(_("Aşama yalnız aşama değişikliği ile değiştirilebilir."))
    data = {k: v for k, v in data.items() if k != "stage"}
    project, changes = model_update(
        instance=project,
        data=data,
        actor=actor,
        action="projects.project.updated",
        expected_version=expected_version,
    )
    if changes:
        _touch(project)
    return project


@transaction.atomic
def project_transition(
    *,
    project: Project,
    to_stage: str,
    actor: User,
    note: str = "",
    allowed: tuple[str, ...] | None = None,
    expected_version: int | None = None,
    when: dt.datetime | None = None,
) -> Project:
    """Move ``project`` to ``to_stage`` if the cycle (and ``allowed``) permits it."""
    permitted = TRANSITIONS.get(project.stage, ()) if allowed is None else allowed
    if to_stage not in permitted or to_stage not in TRANSITIONS.get(project.stage, ()):
        raise ApplicationError(
            _("Bu proje «{old}» aşamasından «{new}» aşamasına geçirilemez.").format(
                old=Stage(project.stage).label,
                new=Stage(to_stage).label if to_stage in Stage.values else to_stage,
            )
        )
    when = when or timezone.now()
    old = project.stage
    project, _changes = model_update(
        instance=project,
        data={"stage": to_stage, "stage_changed_at": when},
        actor=actor,
        action="projects.project.stage_changed",
        expected_version=expected_version,
    )
    unscoped_manager(StageChange, reason=HELD).create(
        office_id=project.office_id,
        project=project,
        from_stage=old,
        to_stage=to_stage,
        changed_at=when,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    _touch(project)
    return project


def project_set_published(*, project: Project, published: bool, actor: User) -> Project:
    project, _changes = model_update(
        instance=project,
        data={"is_published": published},
        actor=actor,
        action="projects.project.published" if published else "projects.project.unpublished",
    )
    return project


# --- Partners and the logical framework -------------------------------------------


def _child_create(model: Any, *, project: Project, data: dict[str, Any], actor: User) -> Any:
    with transaction.atomic():
        obj = model_create(
            model=model,
            data={**data, "project": project, "office": project.office},
            actor=actor,
            action=f"projects.{model._meta.model_name}.created",
        )
        _touch(project)
    return obj


def partner_add(*, project: Project, data: dict[str, Any], actor: User) -> Partner:
    data = {**data, "country": str(data.get("country", "")).upper()}
    return _child_create(Partner, project=project, data=data, actor=actor)  # type: ignore[no-any-return]


@transaction.atomic
def partner_remove(*, partner: Partner, actor: User) -> None:
    audit_log(
        actor=actor,
        action="projects.partner.deleted",
        obj=partner,
        changes={"name": (partner.name, None)},
    )
    project = partner.project
    partner.delete()
    _touch(project)


def objective_add(*, project: Project, data: dict[str, Any], actor: User) -> Objective:
    return _child_create(Objective, project=project, data=data, actor=actor)  # type: ignore[no-any-return]


def indicator_add(*, project: Project, data: dict[str, Any], actor: User) -> Indicator:
    return _child_create(Indicator, project=project, data=data, actor=actor)  # type: ignore[no-any-return]


def indicator_is_off_track(
    indicator: Indicator, value: Decimal, on: dt.date, project: Project
) -> bool:
    """Behind a straight line from the baseline (project start) to the target (date)."""
    start = project.start_date
    end = indicator.target_date or project.end_date
    if start is None or end is None or end <= start:
        return False
    elapsed = min(max((on - start).days / (end - start).days, 0.0), 1.0)
    expected = indicator.baseline + (indicator.target - indicator.baseline) * Decimal(
        str(round(elapsed, 4))
    )
    planned = expected - indicator.baseline
    achieved = value - indicator.baseline
    if planned == 0:
        return False
    # Off track when less than three quarters of the planned progress is achieved.
    return achieved / planned < Decimal("0.75")


@transaction.atomic
def indicator_record_value(
    *, indicator: Indicator, data: dict[str, Any], actor: User
) -> IndicatorValue:
    project = indicator.project
    value = model_create(
        model=IndicatorValue,
        data={**data, "indicator": indicator, "project": project, "office": project.office},
        actor=actor,
        action="projects.indicatorvalue.created",
    )
    latest = (
        unscoped_manager(IndicatorValue, reason=HELD)
        .filter(indicator=indicator)
        .order_by("-measured_on", "-id")
        .first()
    )
    assert latest is not None
    off = indicator_is_off_track(indicator, latest.value, latest.measured_on, project)
    unscoped_manager(Indicator, reason=HELD).filter(pk=indicator.pk).update(
        latest_value=latest.value, off_track=off
    )
    indicator.latest_value, indicator.off_track = latest.value, off
    _touch(project)
    return value


def activity_add(*, project: Project, data: dict[str, Any], actor: User) -> Activity:
    if data["planned_end"] < data["planned_start"]:
        raise ApplicationError(_("Planlanan bitiş, başlangıçtan önce olamaz."))
    return _child_create(Activity, project=project, data=data, actor=actor)  # type: ignore[no-any-return]


@transaction.atomic
def activity_record_actual(*, activity: Activity, data: dict[str, Any], actor: User) -> Activity:
    start, end = data.get("actual_start"), data.get("actual_end")
    if start and end and end < start:
        raise ApplicationError(_("Gerçekleşen bitiş, başlangıçtan önce olamaz."))
    activity, _changes = model_update(
        instance=activity, data=data, actor=actor, action="projects.activity.updated"
    )
    _touch(activity.project)
    return activity


# --- Monitoring --------------------------------------------------------------------


def milestone_add(*, project: Project, data: dict[str, Any], actor: User) -> Milestone:
    return _child_create(Milestone, project=project, data=data, actor=actor)  # type: ignore[no-any-return]


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, done_on: dt.date, actor: User) -> Milestone:
    milestone, _changes = model_update(
        instance=milestone,
        data={"done_on": done_on},
        actor=actor,
        action="projects.milestone.done",
    )
    _touch(milestone.project)
    return milestone


def deadline_add(*, project: Project, data: dict[str, Any], actor: User) -> ReportDeadline:
    return _child_create(ReportDeadline, project=project, data=data, actor=actor)  # type: ignore[no-any-return]


@transaction.atomic
def deadline_mark_received(
    *, deadline: ReportDeadline, received_on: dt.date, note: str, actor: User
) -> ReportDeadline:
    if deadline.received_on:
        raise ApplicationError(_("Bu rapor zaten alındı olarak işaretlenmiş."))
    deadline, _changes = model_update(
        instance=deadline,
        data={"received_on": received_on, "received_note": note},
        actor=actor,
        action="projects.report.received",
    )
    _touch(deadline.project)
    return deadline


@transaction.atomic
def visit_record(*, project: Project, data: dict[str, Any], actor: User) -> MonitoringVisit:
    data = {**data}
    if getattr(actor, "is_authenticated", False):
        data.setdefault("visitor", actor)
    return _child_create(MonitoringVisit, project=project, data=data, actor=actor)  # type: ignore[no-any-return]


def deadline_reminders_send(*, today: dt.date | None = None, days_before: int = 14) -> int:
    """E-mail the owner organisation's members (and the creator) before a report is due.

    Runs outside a request (a task or ``send_project_reminders``); each deadline is
    reminded once. Returns the number of reminders sent.
    """

    today = today or timezone.localdate()
    sent = 0
    with unscoped("report deadline reminders for every office"):
        due = (
            ReportDeadline.objects.filter(
                received_on__isnull=True,
                reminder_sent_on__isnull=True,
                due_date__gte=today,
                due_date__lte=today + dt.timedelta(days=days_before),
                project__stage__in=[Stage.APPROVED, Stage.IN_IMPLEMENTATION],
            )
            .select_related("project", "project__office", "project__created_by")
            .order_by("due_date", "id")
        )
        for deadline in due:
            project = deadline.project
            recipients: dict[str, str] = {}
            if project.owner_id:
                for user in User.objects.filter(organisation_id=project.owner_id, is_active=True):
                    if user.email:
                        recipients[user.email] = user.language
            if project.created_by and project.created_by.email:
                recipients.setdefault(project.created_by.email, project.created_by.language)
            for email, lang in recipients.items():
                with translation.override(lang or "tr"):
                    subject = _("Rapor teslim tarihi yaklaşıyor: {title}").format(
                        title=str(project)
                    )
                    body = render_to_string(
                        "projects/email_reminder.txt",
                        {"project": project, "deadline": deadline, "office": project.office},
                    )
                send_mail(subject, body, None, [email])
            ReportDeadline.objects.filter(pk=deadline.pk).update(reminder_sent_on=today)
            audit_log(
                actor="system",
                action="projects.report.reminder_sent",
                obj=deadline,
                data={"recipients": len(recipients)},
            )
            sent += 1
    return sent
