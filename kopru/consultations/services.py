"""Every write of public consultations: the consultation and its sections, the
contributions (public and institution members), moderation, reasoned answers, the
final text, and the erasure of contributors' personal data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update
from kopru.core.text import normalise_email

from .models import (
    AuthorKind,
    Consultation,
    Contribution,
    Moderation,
    Outcome,
    Phase,
    Section,
    Status,
    new_token_nonce,
)

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

MIN_BODY, MAX_BODY = 10, 5000

CONSULTATION_FIELDS = (
    "title_tr",
    "title_en",
    "summary_tr",
    "summary_en",
    "theme",
    "opens_at",
    "closes_at",
    "outcome_tr",
    "outcome_en",
)


def _raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ApplicationError(" ".join(errors.values()), extra={"fields": errors})


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def check_consultation_data(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not str(data.get("title_tr") or "").strip():
        errors["title_tr"] = _("İstişarenin Türkçe başlığını yazın.")
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if not isinstance(opens, dt.datetime):
        errors["opens_at"] = _("Açılış zamanını girin.")
    if not isinstance(closes, dt.datetime):
        errors["closes_at"] = _("Kapanış zamanını girin.")
    elif isinstance(opens, dt.datetime) and closes <= opens:
        errors["closes_at"] = _("Kapanış açılıştan sonra olmalı.")
    return errors


# --- consultations and sections ---------------------------------------------------


def consultation_create(*, office: Office, data: dict[str, Any], actor: User) -> Consultation:
    values = {k: v for k, v in data.items() if k in CONSULTATION_FIELDS}
    _raise_if(check_consultation_data(values))
    return model_create(
        model=Consultation,
        data={**values, "office": office, "status": Status.DRAFT},
        actor=actor,
        action="consultations.consultation.created",
    )


def consultation_update(
    *,
    consultation: Consultation,
    data: dict[str, Any],
    actor: User,
    expected_version: int | None,
) -> Consultation:
    values = {k: v for k, v in data.items() if k in CONSULTATION_FIELDS}
    merged = {k: values.get(k, getattr(consultation, k)) for k in CONSULTATION_FIELDS}
    _raise_if(check_consultation_data(merged))
    consultation, _changes = model_update(
        instance=consultation,
        data=values,
        actor=actor,
        action="consultations.consultation.updated",
        expected_version=expected_version,
    )
    return consultation


def consultation_publish(*, consultation: Consultation, actor: User) -> Consultation:
    if consultation.status == Status.PUBLISHED:
        raise ApplicationError(_("İstişare zaten yayımlandı."))
    if not Section.objects.filter(consultation=consultation).exists():
        raise ApplicationError(_("Yayımlamadan önce taslak metnin en az bir bölümünü ekleyin."))
    consultation, _changes = model_update(
        instance=consultation,
        data={"status": Status.PUBLISHED},
        actor=actor,
        action="consultations.consultation.published",
    )
    return consultation


def section_save(
    *,
    consultation: Consultation,
    data: dict[str, Any],
    actor: User,
    section: Section | None = None,
) -> Section:
    """Add a section (or edit one). The draft text is fixed once contributions arrive."""
    fields = ("number", "heading_tr", "heading_en", "body_tr", "body_en", "final_tr", "final_en")
    values = {k: v for k, v in data.items() if k in fields}
    if not str(values.get("heading_tr", section.heading_tr if section else "")).strip():
        raise ApplicationError(_("Bölümün Türkçe başlığını yazın."))
    if section is None:
        if not str(values.get("body_tr") or "").strip():
            raise ApplicationError(_("Bölümün taslak metnini yazın."))
        number = int(values.get("number") or 0)
        if Section.objects.filter(consultation=consultation, number=number).exists():
            raise ApplicationError(_("Bu sıra numarasında bir bölüm zaten var."))
        return model_create(
            model=Section,
            data={**values, "office_id": consultation.office_id, "consultation": consultation},
            actor=actor,
            action="consultations.section.created",
        )
    draft_changed = any(
        k in values and values[k] != getattr(section, k) for k in ("body_tr", "body_en")
    )
    if draft_changed and Contribution.objects.filter(section=section).exists():
        raise ApplicationError(
            _(
                "Bu bölüme katkı geldi; taslak metin artık değiştirilemez. "
                "Değişiklikleri son metne yazın."
            )
        )
    section, _changes = model_update(
        instance=section, data=values, actor=actor, action="consultations.section.updated"
    )
    return section


# --- contributions -------------------------------------------------------------------


def submission_refusal(consultation: Consultation, now: dt.datetime | None = None) -> str:
    """Why ``consultation`` takes no contribution now (``""`` while it is open)."""
    phase = consultation.phase(now)
    if phase == Phase.UPCOMING:
        return _("Bu istişare {date} tarihinde katkıya açılacak; henüz katkı alınmıyor.").format(
            date=timezone.localtime(consultation.opens_at).strftime("%d.%m.%Y %H:%M")
        )
    if phase != Phase.OPEN:
        return _("Bu istişare {date} tarihinde kapandı; artık katkı alınmıyor.").format(
            date=timezone.localtime(consultation.closes_at).strftime("%d.%m.%Y %H:%M")
        )
    return ""


def contribution_submit(
    *,
    consultation: Consultation,
    section: Section,
    data: dict[str, Any],
    actor: User | None,
    consent_text: str,
    language: str = "tr",
    now: dt.datetime | None = None,
) -> Contribution:
    """A contribution to one section, from the public or an institution member.

    Refused outside the consultation's open period. The self-description (district,
    age group, priority group) is kept only with its own consent.
    """
    now = now or timezone.now()
    refusal = submission_refusal(consultation, now)
    if refusal:
        raise ApplicationError(refusal)
    if section.consultation_id != consultation.pk:
        raise ApplicationError(_("Bölüm bu istişareye ait değil."))
    body = str(data.get("body") or "").strip()
    if len(body) < MIN_BODY:
        message = _("Katkınızı en az {n} karakterle yazın.").format(n=MIN_BODY)
        raise ApplicationError(message, extra={"fields": {"body": message}})
    if len(body) > MAX_BODY:
        message = _("Katkı en çok {n} karakter olabilir.").format(n=MAX_BODY)
        raise ApplicationError(message, extra={"fields": {"body": message}})
    if not data.get("consent"):
        message = _("Katkınızın işlenmesine onay verin.")
        raise ApplicationError(message, extra={"fields": {"consent": message}})
    user = _user(actor)
    member = bool(
        user
        and user.is_institution_member
        and user.office_id == consultation.office_id
        and user.organisation_id
    )
    describe = bool(data.get("profile_consent"))
    district = data.get("district") if describe else None
    if district is not None and district.province_id != consultation.office.province_id:
        district = None
    return model_create(
        model=Contribution,
        data={
            "office_id": consultation.office_id,
            "consultation": consultation,
            "section": section,
            "body": body,
            "author_kind": AuthorKind.MEMBER if member else AuthorKind.PUBLIC,
            "author_name": str(data.get("author_name") or "").strip()[:150],
            "email": str(data.get("email") or (user.email if user else "")).strip(),
            "user": user,
            "organisation_id": user.organisation_id if member and user else None,
            "language": language if language in ("tr", "en") else "tr",
            "consent_text": consent_text,
            "consent_at": now,
            "profile_consent": describe,
            "district": district,
            "age_group": str(data.get("age_group") or "") if describe else "",
            "priority_group": str(data.get("priority_group") or "") if describe else "",
        },
        actor=user or "public form",
        action="consultations.contribution.created",
    )


def contribution_moderate(
    *, contribution: Contribution, hide: bool, reason: str, actor: User
) -> Contribution:
    reason = reason.strip()
    if hide and not reason:
        raise ApplicationError(_("Katkıyı gizlemek için gerekçeyi yazın."))
    contribution, _changes = model_update(
        instance=contribution,
        data={
            "moderation": Moderation.HIDDEN if hide else Moderation.VISIBLE,
            "moderation_reason": reason[:300] if hide else "",
        },
        actor=actor,
        action="consultations.contribution.hidden"
        if hide
        else "consultations.contribution.restored",
    )
    return contribution


def contribution_answer(
    *,
    contribution: Contribution,
    outcome: str,
    answer_tr: str,
    answer_en: str = "",
    actor: User,
    now: dt.datetime | None = None,
) -> Contribution:
    """The office's reasoned answer; given after the consultation closes."""
    consultation = contribution.consultation
    if consultation.phase(now) in (Phase.DRAFT, Phase.UPCOMING, Phase.OPEN):
        raise ApplicationError(_("Katkılar istişare kapandıktan sonra yanıtlanır."))
    if outcome not in Outcome.values:
        raise ApplicationError(_("Yanıtı seçin: kabul, kısmen kabul ya da ret."))
    if not (answer_tr.strip() or answer_en.strip()):
        message = _("Her yanıtın gerekçesini yazın.")
        raise ApplicationError(message, extra={"fields": {"answer_tr": message}})
    contribution, _changes = model_update(
        instance=contribution,
        data={
            "outcome": outcome,
            "answer_tr": answer_tr.strip(),
            "answer_en": answer_en.strip(),
            "answered_at": now or timezone.now(),
            "answered_by": _user(actor),
        },
        actor=actor,
        action="consultations.contribution.answered",
    )
    return contribution


def consultation_publish_answers(
    *, consultation: Consultation, actor: User, now: dt.datetime | None = None
) -> Consultation:
    """Publish the answers and the final text: only when every visible contribution
    has its reasoned answer."""
    if consultation.phase(now) != Phase.CLOSED:
        raise ApplicationError(_("Yanıtlar istişare kapandıktan sonra bir kez yayımlanır."))
    waiting = Contribution.objects.filter(
        consultation=consultation, moderation=Moderation.VISIBLE, outcome=""
    ).count()
    if waiting:
        raise ApplicationError(
            _("{n} katkı henüz yanıtlanmadı; her katkının gerekçeli yanıtı olmalı.").format(
                n=waiting
            )
        )
    consultation, _changes = model_update(
        instance=consultation,
        data={"answers_published_at": now or timezone.now()},
        actor=actor,
        action="consultations.consultation.answers_published",
    )
    return consultation


# --- personal data ---------------------------------------------------------------------


@transaction.atomic
def contributions_erase(*, email: str, actor: User) -> int:
    """Blank the personal data of a contributor's contributions in the active scope.

    The rows stay (so the participation figures and the answers keep their counts);
    the name, address, account, self-description and text go, and a new nonce
    revokes their private links.
    """
    key = normalise_email(email)
    if not key:
        return 0
    found = list(Contribution.objects.filter(email_key=key, erased_at__isnull=True))
    rows = unscoped_manager(Contribution, reason="the contributions found in scope, erased")
    now = timezone.now()
    for contribution in found:
        rows.filter(pk=contribution.pk).update(
            author_name="",
            email="",
            email_key="",
            user=None,
            body=_("(Katkı sahibinin isteğiyle silindi.)"),
            district=None,
            age_group="",
            priority_group="",
            profile_consent=False,
            token_nonce=new_token_nonce(),
            erased_at=now,
        )
        audit_log(
            actor=actor,
            action="consultations.contribution.erased",
            obj=contribution,
            data={"consultation": contribution.consultation_id},
        )
    return len(found)
