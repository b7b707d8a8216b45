"""Every write of the guidance desk: cases, their timeline, assignment and outcome.

Each function is atomic, records what it did in the audit trail, and sends its
e-mails after the commit. Business rules refused raise ``ApplicationError``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_update
from kopru.core.text import normalise_email, search_key

from . import emails
from .models import (
    PUBLIC_KINDS,
    STAFF_CHANNELS,
    STATUS_MOVES,
    Case,
    CaseEntry,
    CaseSequence,
    Channel,
    EntryKind,
    Outcome,
    Status,
    Topic,
)
from .permissions import can_assign, can_be_assigned

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office
    from kopru.projects.models import Project

MAX_BODY = 10_000


# --- references and private links -------------------------------------------------


def _next_reference(office: Office, moment: dt.datetime) -> str:
    """``<plate>-<year>-<number>``: numbered per office and year, without gaps."""
    year = timezone.localtime(moment).year
    for _attempt in range(3):
        updated = CaseSequence.objects.filter(office=office, year=year).update(last=F("last") + 1)
        if updated:
            break
        try:
            with transaction.atomic():
                CaseSequence.objects.create(office=office, year=year, last=1)
            break
        except IntegrityError:  # created meanwhile by another request: count on it
            continue
    last = CaseSequence.objects.values_list("last", flat=True).get(office=office, year=year)
    return f"{office.province.plate}-{year}-{last:05d}"


def _seconds_since(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds()))


def _check_body(body: str, *, required: bool = True) -> str:
    text = (body or "").strip()
    if required and not text:
        raise ApplicationError(_("Metin boş olamaz."))
    if len(text) > MAX_BODY:
        raise ApplicationError(
            _("Metin en çok {n} karakter olabilir.").format(n=f"{MAX_BODY:,}".replace(",", "."))
        )
    return text


def _entry(case: Case, kind: str, *, author: Any = None, body: str = "", **extra: Any) -> CaseEntry:
    return CaseEntry.objects.create(
        office_id=case.office_id,
        case=case,
        kind=kind,
        author=author if getattr(author, "is_authenticated", False) else None,
        body=body,
        is_public=kind in PUBLIC_KINDS,
        data=extra.pop("data", {}),
        **extra,
    )


def _set(case: Case, data: dict[str, Any], *, actor: User | str, action: str) -> Case:
    case, _changes = model_update(instance=case, data=data, actor=actor, action=action)
    return case


# --- opening a case ----------------------------------------------------------------

REQUESTER_FIELDS = (
    "requester_name",
    "requester_email",
    "requester_phone",
    "requester_organisation_name",
    "requester_type",
    "priority_group",
)


def _create(
    *,
    office: Office,
    channel: str,
    data: dict[str, Any],
    actor: User | str,
    action: str,
    consent_text: str = "",
    language: str = "tr",
    opened_at: dt.datetime | None = None,
) -> Case:
    now = opened_at or timezone.now()
    case = Case(
        office=office,
        reference=_next_reference(office, now),
        channel=channel,
        topic=data["topic"],
        subject=data["subject"].strip(),
        message=_check_body(data.get("message", ""), required=False),
        language=language if language in ("tr", "en") else "tr",
        opened_at=now,
        organisation=data.get("organisation"),
        call=data.get("call"),
        project=data.get("project"),
        requester_user=data.get("requester_user"),
        created_by=None if isinstance(actor, str) or not actor.is_authenticated else actor,
        **{k: data.get(k) or (False if k == "priority_group" else "") for k in REQUESTER_FIELDS},
    )
    if consent_text:
        case.consent_text = consent_text
        case.consent_at = now
    case.refresh_derived()
    case.save(force_insert=True)
    _entry(case, EntryKind.REQUEST, body=case.message, created_at=now)
    audit_log(
        actor=actor,
        action=action,
        obj=case,
        changes={k: (None, getattr(case, k)) for k in ("channel", "topic", "subject", "status")},
    )
    return case


@transaction.atomic
def case_submit(
    *,
    office: Office,
    data: dict[str, Any],
    consent_text: str,
    language: str,
    requester_user: User | None = None,
) -> Case:
    """A request sent through the public form (or a member's form): a new web case.

    The requester gets an acknowledgement with the reference and the link; the
    office is told that a request arrived.
    """
    if not consent_text:
        raise ApplicationError(_("Kişisel verilerin işlenmesine onay gereklidir."))
    actor = requester_user if requester_user is not None else data.get("requester_name") or "web"
    case = _create(
        office=office,
        channel=Channel.WEB_FORM,
        data={**data, "requester_user": requester_user},
        actor=actor,
        action="guidance.case.submitted",
        consent_text=consent_text,
        language=language,
    )
    transaction.on_commit(lambda: emails.send_acknowledgement(case.pk))
    transaction.on_commit(lambda: emails.notify_office_new_case(case.pk))
    return case


@transaction.atomic
def eurodesk_enquiry_submit(
    *,
    office: Office,
    data: dict[str, Any],
    consent_text: str,
    language: str,
    requester_user: User | None = None,
) -> Case:
    """A young person's question sent from the youth opportunities' pages: a case of the
    Eurodesk channel on youth mobility, answered at the desk like any other request
    (acknowledgement with the reference and the follow-up link; the office is told).
    Young people count as a priority group."""
    if not consent_text:
        raise ApplicationError(_("Kişisel verilerin işlenmesine onay gereklidir."))
    actor = requester_user if requester_user is not None else data.get("requester_name") or "web"
    case = _create(
        office=office,
        channel=Channel.EURODESK,
        data={
            **data,
            "topic": Topic.YOUTH_MOBILITY,
            "priority_group": True,
            "requester_user": requester_user,
        },
        actor=actor,
        action="guidance.case.eurodesk_submitted",
        consent_text=consent_text,
        language=language,
    )
    transaction.on_commit(lambda: emails.send_acknowledgement(case.pk))
    transaction.on_commit(lambda: emails.notify_office_new_case(case.pk))
    return case


@transaction.atomic
def case_log(*, office: Office, data: dict[str, Any], actor: User) -> Case:
    """Staff log a visit, a phone call, an e-mail or a Eurodesk enquiry in a few seconds.

    ``answered_now``: the advice was given on the spot (first answer = opening time).
    ``notify_requester``: send the requester the reference and the private link.
    The case is the logging expert's unless ``assigned_to`` says otherwise.
    """
    channel = data.get("channel")
    if channel not in STAFF_CHANNELS:
        raise ApplicationError(_("Bu kanal personel kaydı için kullanılamaz."))
    opened_at = data.get("opened_at") or timezone.now()
    if opened_at > timezone.now() + dt.timedelta(minutes=5):
        raise ApplicationError(_("Görüşme zamanı gelecekte olamaz."))
    case = _create(
        office=office,
        channel=channel,
        data=data,
        actor=actor,
        action="guidance.case.logged",
        language=data.get("language") or "tr",
        opened_at=opened_at,
    )
    assignee = data.get("assigned_to") or (actor if can_be_assigned(actor, office) else None)
    if assignee is not None:
        case = case_assign(case=case, assignee=assignee, actor=actor, notify=False)
    advice = _check_body(data.get("advice", ""), required=False)
    if data.get("answered_now"):
        case = case_reply(
            case=case,
            body=advice or _("Görüşmede bilgi verildi."),
            actor=actor,
            answered_at=opened_at,
            send_email=False,
        )
    elif advice:
        case_note(case=case, body=advice, actor=actor)
    if data.get("follow_up_on"):
        case = case_set_follow_up(case=case, follow_up_on=data["follow_up_on"], actor=actor)
    if data.get("notify_requester") and case.requester_email:
        transaction.on_commit(lambda: emails.send_acknowledgement(case.pk))
    return case


# --- working on a case -------------------------------------------------------------


def _fresh(case: Case) -> Case:
    """The case as the database has it, locked for this transaction."""
    return (
        unscoped_manager(Case, reason="the case given, locked")
        .select_for_update()
        .select_related("office")
        .get(pk=case.pk)
    )


@transaction.atomic
def case_assign(*, case: Case, assignee: User, actor: User, notify: bool = True) -> Case:
    """Give the case to ``assignee`` (one action, audited; the expert is e-mailed)."""
    case = _fresh(case)
    if not can_assign(actor, case):
        raise ApplicationError(_("Bu talebi başka birine atama yetkiniz yok."))
    if not can_be_assigned(assignee, case.office):
        raise ApplicationError(_("Talep yalnız bu ofisin uzmanlarına atanabilir."))
    if case.assigned_to_id == assignee.pk:
        raise ApplicationError(_("Talep zaten bu kişiye atanmış."))
    previous = case.assigned_to
    data: dict[str, Any] = {"assigned_to": assignee, "assigned_at": timezone.now()}
    if case.status == Status.NEW:
        data["status"] = Status.ASSIGNED
    case = _set(case, data, actor=actor, action="guidance.case.assigned")
    _entry(
        case,
        EntryKind.ASSIGNMENT,
        author=actor,
        data={
            "from": str(previous) if previous else "",
            "to": str(assignee),
            "to_id": assignee.pk,
        },
    )
    if notify and assignee.pk != getattr(actor, "pk", None):
        transaction.on_commit(lambda: emails.notify_assignee(case.pk))
    return case


@transaction.atomic
def case_reply(
    *,
    case: Case,
    body: str,
    actor: User,
    wait_for_requester: bool = False,
    answered_at: dt.datetime | None = None,
    send_email: bool = True,
) -> Case:
    """An answer to the requester: on their private page, and by e-mail when they gave one."""
    text = _check_body(body)
    case = _fresh(case)
    if case.status == Status.CLOSED:
        raise ApplicationError(_("Kapatılmış talebe yanıt yazılamaz; önce yeniden açın."))
    moment = answered_at or timezone.now()
    data: dict[str, Any] = {"status": Status.WAITING if wait_for_requester else Status.ANSWERED}
    if case.first_response_at is None:
        data["first_response_at"] = moment
        data["first_response_seconds"] = _seconds_since(case.opened_at, moment)
    if case.assigned_to_id is None and can_be_assigned(actor, case.office):
        data["assigned_to"] = actor
        data["assigned_at"] = moment
    case = _set(case, data, actor=actor, action="guidance.case.answered")
    entry = _entry(case, EntryKind.REPLY, author=actor, body=text, created_at=moment)
    if send_email and case.requester_email and not case.erased_at:
        transaction.on_commit(lambda: case_reply_email(entry_id=entry.pk))
    return case


def case_reply_email(*, entry_id: int) -> None:
    """E-mail an answer to the requester (after the answer's commit) and record on the
    entry that it went out ("sent by e-mail" on the staff's timeline)."""
    if emails.send_reply(entry_id):
        unscoped_manager(CaseEntry, reason="the answer the committed change wrote").filter(
            pk=entry_id
        ).update(emailed_at=timezone.now())


@transaction.atomic
def case_note(*, case: Case, body: str, actor: User) -> CaseEntry:
    """An internal note: staff only, never shown to the requester."""
    text = _check_body(body)
    entry = _entry(case, EntryKind.NOTE, author=actor, body=text)
    audit_log(actor=actor, action="guidance.case.noted", obj=case, data={"entry": entry.pk})
    return entry


@transaction.atomic
def case_set_status(*, case: Case, status: str, actor: User) -> Case:
    case = _fresh(case)
    if status not in STATUS_MOVES.get(case.status, []):
        raise ApplicationError(
            _("Talep “{old}” durumundan “{new}” durumuna geçirilemez.").format(
                old=case.get_status_display(), new=dict(Status.choices).get(status, status)
            )
        )
    old = case.status
    case = _set(case, {"status": status}, actor=actor, action="guidance.case.status_changed")
    _entry(case, EntryKind.STATUS, author=actor, data={"from": old, "to": status})
    return case


@transaction.atomic
def case_set_follow_up(
    *, case: Case, follow_up_on: dt.date | None, actor: User, note: str = ""
) -> Case:
    """Set (or clear) the date of the next follow-up."""
    text = _check_body(note, required=False)
    case = _fresh(case)
    if case.status == Status.CLOSED and follow_up_on:
        raise ApplicationError(_("Kapatılmış talebe takip tarihi verilemez."))
    case = _set(
        case, {"follow_up_on": follow_up_on}, actor=actor, action="guidance.case.follow_up_set"
    )
    _entry(
        case,
        EntryKind.FOLLOW_UP,
        author=actor,
        body=text,
        data={"date": follow_up_on.isoformat() if follow_up_on else ""},
    )
    return case


@transaction.atomic
def case_close(
    *, case: Case, outcome: str, actor: User, note: str = "", project: Project | None = None
) -> Case:
    """Close the case with its outcome (linked to the project when there is one)."""
    if outcome not in Outcome.values:
        raise ApplicationError(_("Talebi kapatmak için bir sonuç seçin."))
    text = _check_body(note, required=False)
    case = _fresh(case)
    if case.status == Status.CLOSED:
        raise ApplicationError(_("Talep zaten kapatılmış."))
    now = timezone.now()
    data: dict[str, Any] = {
        "status": Status.CLOSED,
        "outcome": outcome,
        "outcome_note": text,
        "closed_at": now,
        "resolution_seconds": _seconds_since(case.opened_at, now),
        "follow_up_on": None,
    }
    if project is not None:
        data["project"] = project
    case = _set(case, data, actor=actor, action="guidance.case.closed")
    _entry(case, EntryKind.OUTCOME, author=actor, data={"outcome": outcome})
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor: User, reason: str = "") -> Case:
    text = _check_body(reason, required=False)
    case = _fresh(case)
    if case.status != Status.CLOSED:
        raise ApplicationError(_("Yalnız kapatılmış talepler yeniden açılabilir."))
    case = _set(
        case,
        {
            "status": Status.IN_PROGRESS,
            "outcome": "",
            "closed_at": None,
            "resolution_seconds": None,
        },
        actor=actor,
        action="guidance.case.reopened",
    )
    _entry(
        case,
        EntryKind.STATUS,
        author=actor,
        body=text,
        data={"from": Status.CLOSED, "to": Status.IN_PROGRESS},
    )
    return case


@transaction.atomic
def case_requester_message(*, case: Case, body: str) -> Case:
    """The requester writes on their private page; the expert is told by e-mail.

    A message on a closed case reopens it: the requester has more to ask.
    """
    text = _check_body(body)
    case = _fresh(case)
    if case.erased_at:
        raise ApplicationError(_("Bu talebin kişisel verileri silinmiş; yeni bir talep açın."))
    actor = case.requester_name or "requester"
    data: dict[str, Any] = {}
    if case.status in (Status.WAITING, Status.ANSWERED, Status.CLOSED):
        data["status"] = Status.IN_PROGRESS
    if case.status == Status.CLOSED:
        data.update({"outcome": "", "closed_at": None, "resolution_seconds": None})
    if data:
        case = _set(case, data, actor=actor, action="guidance.case.requester_wrote")
    else:
        audit_log(actor=actor, action="guidance.case.requester_wrote", obj=case)
    entry = _entry(case, EntryKind.REQUESTER, body=text)
    transaction.on_commit(lambda: emails.notify_requester_message(entry.pk))
    return case


def case_update(
    *, case: Case, data: dict[str, Any], actor: User, expected_version: int | None
) -> Case:
    """Edit the case's details (versioned: a stale form is refused with what changed)."""
    if "subject" in data:
        data = {**data, "subject": str(data["subject"]).strip()}
    case, _changes = model_update(
        instance=case,
        data=data,
        actor=actor,
        action="guidance.case.updated",
        expected_version=expected_version,
    )
    return case


@transaction.atomic
def case_new_link(*, case: Case, actor: User) -> Case:
    """A new private link (the old one stops working), e-mailed to the requester."""
    if not case.requester_email or case.erased_at:
        raise ApplicationError(_("Talep sahibinin e-posta adresi yok."))
    unscoped_manager(Case, reason="the case given").filter(pk=case.pk).update(
        link_version=F("link_version") + 1
    )
    case.refresh_from_db(fields=["link_version"])
    audit_log(actor=actor, action="guidance.case.link_renewed", obj=case)
    transaction.on_commit(lambda: emails.send_acknowledgement(case.pk))
    return case


# --- personal data -----------------------------------------------------------------


def requester_cases(email: str) -> list[Case]:
    key = normalise_email(email)
    if not key:
        return []
    return list(
        Case.objects.filter(email_key=key)
        .select_related("organisation", "assigned_to")
        .prefetch_related("entries")
        .order_by("opened_at")
    )


ERASED = "the cases of the person read above through the scope, and their entries"


@transaction.atomic
def requester_erase(*, email: str, actor: User) -> int:
    """Anonymise every case of ``email``: personal fields and texts go, counts stay."""
    cases = requester_cases(email)
    now = timezone.now()
    for case in cases:
        unscoped_manager(Case, reason=ERASED).filter(pk=case.pk).update(
            requester_name="",
            requester_email="",
            requester_phone="",
            requester_organisation_name="",
            requester_user=None,
            subject=_("(kişisel veri silindi)"),
            message="",
            outcome_note="",
            consent_text="",
            link_version=F("link_version") + 1,
            email_key="",
            search_document=search_key(case.reference),
            erased_at=now,
        )
        unscoped_manager(CaseEntry, reason=ERASED).filter(case=case).update(body="")
        audit_log(actor=actor, action="guidance.case.erased", obj=case)
    return len(cases)
