"""Every write of the decisions register: decisions, progress, milestones, links,
the owner's link and the reminders. Every change is audited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.calls.models import Call
from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update
from kopru.organisations.models import Organisation
from kopru.projects.models import Project
from kopru.trainings.models import Event

from . import emails
from .models import (
    OPEN_STATUSES,
    Decision,
    DecisionLink,
    LinkKind,
    Milestone,
    Status,
    Update,
    new_token_nonce,
)

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

#: Reminders go to owners of open decisions due within this many days (and late ones),
#: at most once every REMIND_EVERY days per decision.
REMIND_WITHIN_DAYS = 14
REMIND_EVERY_DAYS = 7

EDITABLE = (
    "meeting",
    "agenda_item",
    "body",
    "reference",
    "title_tr",
    "title_en",
    "text_tr",
    "text_en",
    "source",
    "owner",
    "contact_name",
    "contact_email",
    "theme",
    "district",
    "decided_on",
    "due_date",
    "is_public",
)


def _raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ApplicationError(" ".join(errors.values()), extra={"fields": errors})


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def check_progress(value: Any) -> int:
    """A whole number from 0 to 100, else a clear refusal."""
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except (TypeError, ValueError):
            raise ApplicationError(
                _("İlerleme 0 ile 100 arasında bir tam sayı olmalı."),
                extra={
                    "fields": {"progress": _("İlerleme 0 ile 100 arasında bir tam sayı olmalı.")}
                },
            ) from None
    if not 0 <= value <= 100:
        message = _("İlerleme 0 ile 100 arasında olmalı; {value} girildi.").format(value=value)
        raise ApplicationError(message, extra={"fields": {"progress": message}})
    return int(value)


def fill_from_meeting(data: dict[str, Any]) -> dict[str, Any]:
    """A decision taken in a meeting: its body is the meeting's, its date the meeting's
    (unless given), its agenda item one of that meeting's."""
    meeting = data.get("meeting")
    if meeting is None:
        return {**data, "agenda_item": None} if "agenda_item" in data else data
    filled = {**data, "body": meeting.body}
    if not isinstance(data.get("decided_on"), dt.date):
        filled["decided_on"] = timezone.localtime(meeting.starts_at).date()
    item = data.get("agenda_item")
    if item is not None and item.meeting_id != meeting.pk:
        filled["agenda_item"] = None
    return filled


def check_decision_data(data: dict[str, Any], *, office_id: int) -> dict[str, str]:
    """Field errors of a decision's content (``{}`` when acceptable)."""
    errors: dict[str, str] = {}
    meeting, body = data.get("meeting"), data.get("body")
    if meeting is not None and meeting.office_id != office_id:
        errors["meeting"] = _("Bu ofisin toplantılarından birini seçin.")
    if body is not None and body.office_id != office_id:
        errors["body"] = _("Bu ofisin kurullarından birini seçin.")
    if not str(data.get("title_tr") or "").strip():
        errors["title_tr"] = _("Kararın Türkçe başlığını yazın.")
    if not str(data.get("text_tr") or "").strip():
        errors["text_tr"] = _("Karar metnini yazın.")
    owner = data.get("owner")
    if not isinstance(owner, Organisation) or owner.office_id != office_id:
        errors["owner"] = _("Bu ofisin kurumlarından sorumlu bir kurum seçin.")
    decided, due = data.get("decided_on"), data.get("due_date")
    if not isinstance(decided, dt.date):
        errors["decided_on"] = _("Karar tarihini girin.")
    if not isinstance(due, dt.date):
        errors["due_date"] = _("Bitiş tarihini girin.")
    elif meeting is not None and due < timezone.localtime(meeting.starts_at).date():
        errors["due_date"] = _(
            "Bitiş tarihi ({due}) kararın alındığı toplantıdan ({meeting}) önce olamaz."
        ).format(
            due=due.strftime("%d.%m.%Y"),
            meeting=timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"),
        )
    elif isinstance(decided, dt.date) and due < decided:
        errors["due_date"] = _(
            "Bitiş tarihi ({due}) kararın alındığı tarihten ({decided}) önce olamaz."
        ).format(due=due.strftime("%d.%m.%Y"), decided=decided.strftime("%d.%m.%Y"))
    return errors


def _record_update(
    decision: Decision,
    *,
    actor: Any,
    note: str = "",
    via_link: bool = False,
    author_label: str = "",
) -> Update:
    user = _user(actor)
    return Update.objects.create(
        office_id=decision.office_id,
        decision=decision,
        status=decision.status,
        progress=decision.progress,
        note=note,
        author=user,
        author_label=author_label or (user.get_full_name() if user else ""),
        via_link=via_link,
    )


# --- decisions ----------------------------------------------------------------


@transaction.atomic
def decision_create(*, office: Office, data: dict[str, Any], actor: User) -> Decision:
    values = fill_from_meeting({k: v for k, v in data.items() if k in EDITABLE})
    _raise_if(check_decision_data(values, office_id=office.pk))
    decision = model_create(
        model=Decision,
        data={**values, "office": office, "status": Status.PLANNED, "progress": 0},
        actor=actor,
        action="decisions.decision.created",
    )
    _record_update(decision, actor=actor, note=_("Karar kaydedildi."))
    return decision


@transaction.atomic
def decision_update(
    *, decision: Decision, data: dict[str, Any], actor: User, expected_version: int | None
) -> Decision:
    values = {k: v for k, v in data.items() if k in EDITABLE}
    merged = fill_from_meeting(
        {name: values.get(name, getattr(decision, name)) for name in EDITABLE}
    )
    _raise_if(check_decision_data(merged, office_id=decision.office_id))
    values = {k: merged[k] for k in EDITABLE if k in values or k in ("body", "decided_on")}
    decision, _changes = model_update(
        instance=decision,
        data=values,
        actor=actor,
        action="decisions.decision.updated",
        expected_version=expected_version,
    )
    return decision


@transaction.atomic
def decision_progress(
    *,
    decision: Decision,
    progress: Any,
    status: str,
    note: str = "",
    actor: User | None,
    via_link: bool = False,
    author_label: str = "",
    expected_version: int | None = None,
) -> Decision:
    """The owner's (or the office's) update: progress %, status and a short note.

    Done means 100 %; a progress above 0 moves a planned decision to in progress. A
    cancelled or done decision is not updated here (the office reopens it by editing).
    """
    value = check_progress(progress)
    if status not in (Status.PLANNED, Status.IN_PROGRESS, Status.DONE):
        raise ApplicationError(_("Geçersiz durum."))
    if decision.status == Status.CANCELLED:
        raise ApplicationError(_("İptal edilmiş bir kararın ilerlemesi güncellenemez."))
    if status == Status.DONE:
        value = 100
    elif status == Status.PLANNED and value > 0:
        status = Status.IN_PROGRESS
    note = note.strip()[:2000]
    data: dict[str, Any] = {
        "progress": value,
        "status": status,
        "completed_on": timezone.localdate() if status == Status.DONE else None,
    }
    decision, changes = model_update(
        instance=decision,
        data=data,
        actor=actor if actor is not None else (author_label or "signed link"),
        action="decisions.decision.progress",
        expected_version=expected_version,
    )
    if changes or note:
        _record_update(
            decision, actor=actor, note=note, via_link=via_link, author_label=author_label
        )
    return decision


@transaction.atomic
def decision_cancel(*, decision: Decision, reason: str, actor: User) -> Decision:
    reason = (reason or "").strip()
    if not reason:
        message = _("Kararı iptal etmek için gerekçeyi yazın.")
        raise ApplicationError(message, extra={"fields": {"reason": message}})
    if decision.status == Status.CANCELLED:
        raise ApplicationError(_("Karar zaten iptal edilmiş."))
    decision, _changes = model_update(
        instance=decision,
        data={"status": Status.CANCELLED, "cancel_reason": reason[:2000]},
        actor=actor,
        action="decisions.decision.cancelled",
    )
    _record_update(decision, actor=actor, note=reason)
    return decision


@transaction.atomic
def decision_reopen(*, decision: Decision, actor: User) -> Decision:
    if decision.status not in (Status.CANCELLED, Status.DONE):
        raise ApplicationError(_("Karar zaten açık."))
    status = Status.IN_PROGRESS if decision.progress > 0 else Status.PLANNED
    decision, _changes = model_update(
        instance=decision,
        data={"status": status, "cancel_reason": "", "completed_on": None},
        actor=actor,
        action="decisions.decision.reopened",
    )
    _record_update(decision, actor=actor, note=_("Karar yeniden açıldı."))
    return decision


def decision_link_renew(*, decision: Decision, actor: User) -> Decision:
    """A new signed link for the owner; every earlier one stops working."""
    decision, _changes = model_update(
        instance=decision,
        data={"token_nonce": new_token_nonce()},
        actor=actor,
        action="decisions.decision.link_renewed",
    )
    return decision


# --- milestones ------------------------------------------------------------------


def milestone_add(*, decision: Decision, data: dict[str, Any], actor: User) -> Milestone:
    if not str(data.get("title_tr") or "").strip():
        raise ApplicationError(_("Ara adımın başlığını yazın."))
    due = data.get("due_date")
    if not isinstance(due, dt.date):
        raise ApplicationError(_("Ara adımın tarihini girin."))
    if due < decision.decided_on:
        raise ApplicationError(_("Ara adım kararın alındığı tarihten önce olamaz."))
    return model_create(
        model=Milestone,
        data={
            "office_id": decision.office_id,
            "decision": decision,
            "title_tr": data["title_tr"],
            "title_en": data.get("title_en") or "",
            "due_date": due,
            "done_on": data.get("done_on"),
        },
        actor=actor,
        action="decisions.milestone.created",
    )


def milestone_done(
    *, milestone: Milestone, done_on: dt.date | None, actor: User | None
) -> Milestone:
    milestone, _changes = model_update(
        instance=milestone,
        data={"done_on": done_on},
        actor=actor,
        action="decisions.milestone.done" if done_on else "decisions.milestone.undone",
    )
    return milestone


def milestone_delete(*, milestone: Milestone, actor: User) -> None:
    audit_log(
        actor=actor,
        action="decisions.milestone.deleted",
        obj=milestone.decision,
        data={"milestone": milestone.title_tr, "due_date": milestone.due_date},
    )
    milestone.delete()


# --- links -----------------------------------------------------------------------


def link_add(
    *,
    decision: Decision,
    kind: str,
    target_id: int | None = None,
    url: str = "",
    label: str = "",
    actor: User,
) -> DecisionLink:
    """Link a project, call or training of the office (or a news item by its address)."""
    data: dict[str, Any] = {"office_id": decision.office_id, "decision": decision, "kind": kind}
    models: dict[str, Any] = {"project": Project, "call": Call, "training": Event}
    field = {"project": "project", "call": "call", "training": "event"}
    if kind in models:
        # Scoped read: only the office's own (or shared) records can be linked.
        target = models[kind].objects.filter(pk=target_id).first() if target_id else None
        if target is None:
            raise ApplicationError(_("Bağlanacak kaydı bu ofisin kayıtlarından seçin."))
        data[field[kind]] = target
        if DecisionLink.objects.filter(decision=decision, **{field[kind]: target}).exists():
            raise ApplicationError(_("Bu kayıt karara zaten bağlı."))
    elif kind == LinkKind.NEWS:
        if not url.startswith(("https://", "http://", "/")):
            raise ApplicationError(_("Haberin adresini yazın."))
        data.update(url=url[:200], label=label.strip()[:300])
    else:
        raise ApplicationError(_("Geçersiz bağlantı türü."))
    return model_create(model=DecisionLink, data=data, actor=actor, action="decisions.link.created")


def link_remove(*, link: DecisionLink, actor: User) -> None:
    audit_log(
        actor=actor,
        action="decisions.link.deleted",
        obj=link.decision,
        data={"kind": link.kind, "target": link.target_title},
    )
    link.delete()


# --- reminders ---------------------------------------------------------------------


def decisions_remind(*, today: dt.date | None = None) -> int:
    """Remind owners of open decisions due soon or late (the scheduler's daily job).

    One e-mail per decision with a contact address, at most once a week, carrying the
    owner's signed link. Every office: a cross-office job.
    """
    today = today or timezone.localdate()
    due = unscoped_manager(Decision, reason="open decisions of every office, for reminders")
    candidates = (
        due.filter(
            status__in=OPEN_STATUSES, due_date__lte=today + dt.timedelta(days=REMIND_WITHIN_DAYS)
        )
        .exclude(contact_email="")
        .exclude(reminded_on__gt=today - dt.timedelta(days=REMIND_EVERY_DAYS))
        .select_related("office", "owner")
        .order_by("id")
    )
    sent = 0
    for decision in candidates:
        with transaction.atomic():
            emails.send_reminder(decision, today=today)
            # Not an edit: the version stays, so nobody's open form turns stale.
            due.filter(pk=decision.pk).update(reminded_on=today)
            audit_log(
                actor="scheduler",
                action="decisions.decision.reminded",
                obj=decision,
                data={"to": decision.contact_email, "due_date": decision.due_date},
            )
        sent += 1
    return sent
