"""Every write of the trainings app: events, registrations, attendance, feedback."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.services import model_create, model_update
from kopru.core.text import normalise_email
from kopru.core.validation import check_email, normalise_phone

from .. import emails
from ..models import (
    Attendance,
    Certificate,
    Event,
    EventStatus,
    Feedback,
    Material,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    Session,
)

MAX_MATERIAL_BYTES = 20 * 1024 * 1024
MATERIAL_TYPES = {
    ".pdf": b"%PDF",
    ".pptx": b"PK",
    ".docx": b"PK",
    ".xlsx": b"PK",
    ".odt": b"PK",
    ".odp": b"PK",
    ".zip": b"PK",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8",
    ".jpeg": b"\xff\xd8",
}


class DuplicateRegistration(ApplicationError):
    """The same e-mail address is already registered for the event."""


# --- events -----------------------------------------------------------------


def _refresh_starts_on(event: Event) -> None:
    first = event.sessions.aggregate(first=Min("starts_at"))["first"]
    starts_on = timezone.localtime(first).date() if first else None
    if event.starts_on != starts_on:
        Event._base_manager.filter(pk=event.pk).update(starts_on=starts_on)
        event.starts_on = starts_on


def event_create(*, office: Any, data: dict[str, Any], actor: Any) -> Event:
    return model_create(
        model=Event, data={**data, "office": office}, actor=actor, action="trainings.event.created"
    )


def event_update(
    *, event: Event, data: dict[str, Any], actor: Any, expected_version: int | None
) -> Event:
    event, changes = model_update(
        instance=event,
        data=data,
        actor=actor,
        action="trainings.event.updated",
        expected_version=expected_version,
    )
    if "capacity" in changes:
        waiting_promote(event=event, actor=actor)
    return event


def event_set_registration_closed(*, event: Event, closed: bool, actor: Any) -> Event:
    old = event.registration_closed
    Event._base_manager.filter(pk=event.pk).update(registration_closed=closed)
    event.registration_closed = closed
    audit_log(
        actor=actor,
        action="trainings.event.registration_closed"
        if closed
        else "trainings.event.registration_opened",
        obj=event,
        changes={"registration_closed": (old, closed)},
    )
    return event


def event_cancel(*, event: Event, actor: Any) -> Event:
    event, _changes = model_update(
        instance=event,
        data={"status": EventStatus.CANCELLED},
        actor=actor,
        action="trainings.event.cancelled",
    )
    return event


def session_create(*, event: Event, data: dict[str, Any], actor: Any) -> Session:
    if data["ends_at"] <= data["starts_at"]:
        raise ApplicationError(_("Oturumun bitişi başlangıcından sonra olmalı."))
    session = model_create(
        model=Session,
        data={**data, "event": event, "office": event.office},
        actor=actor,
        action="trainings.session.created",
    )
    _refresh_starts_on(event)
    return session


def session_delete(*, session: Session, actor: Any) -> None:
    if session.attendances.exists():
        raise ApplicationError(_("Yoklaması alınmış bir oturum silinemez."))
    event = session.event
    audit_log(actor=actor, action="trainings.session.deleted", obj=session)
    session.delete()
    _refresh_starts_on(event)


def material_check(upload: Any) -> None:
    """Refuse files that are too large or whose content does not match their type."""
    name = str(getattr(upload, "name", ""))
    ext = name[name.rfind(".") :].lower() if "." in name else ""
    if ext not in MATERIAL_TYPES:
        raise ApplicationError(
            _("Bu dosya türü yüklenemez. İzin verilenler: {types}.").format(
                types=", ".join(sorted(MATERIAL_TYPES))
            )
        )
    if upload.size > MAX_MATERIAL_BYTES:
        raise ApplicationError(_("Dosya 20 MB'tan büyük olamaz."))
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(MATERIAL_TYPES[ext]):
        raise ApplicationError(_("Dosyanın içeriği uzantısıyla uyuşmuyor."))


def material_create(*, event: Event, title: str, upload: Any, actor: Any) -> Material:
    material_check(upload)
    with transaction.atomic():
        material = Material(office=event.office, event=event, title=title, size=upload.size)
        material.file.save(upload.name, upload, save=False)
        material.save()
        audit_log(
            actor=actor,
            action="trainings.material.created",
            obj=material,
            data={"file": material.file.name, "size": material.size},
        )
    return material


def material_delete(*, material: Material, actor: Any) -> None:
    audit_log(actor=actor, action="trainings.material.deleted", obj=material)
    material.file.delete(save=False)
    material.delete()


# --- registrations ----------------------------------------------------------


def _clean_person(data: dict[str, Any]) -> dict[str, Any]:
    person = dict(data)
    errors: dict[str, Any] = {}
    for field, check in (("email", check_email), ("phone", normalise_phone)):
        try:
            person[field] = check(str(person.get(field) or ""))
        except ValidationError as exc:
            errors[field] = exc.messages[0]
    if not str(person.get("full_name") or "").strip():
        errors["full_name"] = _("Ad soyad gerekli.")
    if errors:
        raise ApplicationError(" ".join(errors.values()), extra={"fields": errors})
    person["full_name"] = " ".join(str(person["full_name"]).split())
    return person


def registration_create(
    *,
    event_id: int,
    data: dict[str, Any],
    actor: Any = None,
    source: str = RegistrationSource.PUBLIC,
    consent_text: str = "",
    language: str = "tr",
) -> Registration:
    """Register one person; confirmed while places last, otherwise on the waiting list.

    The event row is locked for the length of the transaction, so simultaneous
    sign-ups are counted one after the other and the capacity holds.
    """
    person = _clean_person(data)
    by_staff = source != RegistrationSource.PUBLIC
    if not by_staff and not consent_text:
        raise ApplicationError(_("Kişisel verilerin işlenmesine onay vermeniz gerekiyor."))
    try:
        with transaction.atomic():
            event = Event._base_manager.select_for_update().get(pk=event_id)
            if event.status == EventStatus.CANCELLED:
                raise ApplicationError(_("Bu etkinlik iptal edildi; kayıt alınmıyor."))
            if not by_staff and not event.registration_is_open():
                raise ApplicationError(_("Bu etkinliğin kayıt dönemi açık değil."))
            key = normalise_email(person.get("email"))
            active = Registration._base_manager.filter(event=event).exclude(
                status=RegistrationStatus.CANCELLED
            )
            if key and active.filter(email_key=key).exists():
                raise DuplicateRegistration(
                    _("Bu e-posta adresiyle bu etkinliğe zaten kayıt olunmuş.")
                )
            confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
            walk_in = source == RegistrationSource.WALK_IN
            status = (
                RegistrationStatus.CONFIRMED
                if walk_in or confirmed < event.capacity
                else RegistrationStatus.WAITING
            )
            registration = Registration(
                office_id=event.office_id,
                event=event,
                status=status,
                source=source,
                language=language if language in ("tr", "en") else "tr",
                consent_text=consent_text,
                consent_at=timezone.now() if consent_text else None,
                **person,
            )
            registration.refresh_derived()
            registration.save(force_insert=True)
            audit_log(
                actor=actor if by_staff else "web",
                action="trainings.registration.created",
                obj=registration,
                data={"status": status, "source": source},
            )
            transaction.on_commit(lambda: emails.send_confirmation(registration))
    except IntegrityError as exc:  # the unique constraint caught a race the check missed
        raise DuplicateRegistration(
            _("Bu e-posta adresiyle bu etkinliğe zaten kayıt olunmuş.")
        ) from exc
    return registration


def waiting_promote(*, event: Event, actor: Any = None) -> list[Registration]:
    """Move people from the waiting list into freed places, oldest first, with an e-mail."""
    promoted: list[Registration] = []
    with transaction.atomic():
        event = Event._base_manager.select_for_update().get(pk=event.pk)
        if event.status == EventStatus.CANCELLED:
            return []
        regs = Registration._base_manager.filter(event=event)
        free = event.capacity - regs.filter(status=RegistrationStatus.CONFIRMED).count()
        if free <= 0:
            return []
        for reg in regs.filter(status=RegistrationStatus.WAITING).order_by("created_at", "id")[
            :free
        ]:
            reg.status = RegistrationStatus.CONFIRMED
            reg.promoted_at = timezone.now()
            reg.save(update_fields=["status", "promoted_at", "updated_at"])
            audit_log(
                actor=actor or "system",
                action="trainings.registration.promoted",
                obj=reg,
                changes={"status": (RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED)},
            )
            promoted.append(reg)
    for reg in promoted:
        transaction.on_commit(lambda reg=reg: emails.send_promotion(reg))  # type: ignore[misc]
    return promoted


def registration_cancel(*, registration: Registration, actor: Any = None) -> Registration:
    """Cancel a registration (by the person through the link, or by staff)."""
    with transaction.atomic():
        Event._base_manager.select_for_update().get(pk=registration.event_id)
        registration = Registration._base_manager.get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        old = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_log(
            actor=actor or "participant",
            action="trainings.registration.cancelled",
            obj=registration,
            changes={"status": (old, RegistrationStatus.CANCELLED)},
        )
        transaction.on_commit(lambda: emails.send_cancellation(registration))
        if old == RegistrationStatus.CONFIRMED:
            waiting_promote(event=registration.event, actor=actor)
    return registration


# --- attendance -------------------------------------------------------------


def attendance_record(*, registration: Registration, session: Session, actor: Any) -> Attendance:
    """Check a person in to one session (idempotent)."""
    if session.event_id != registration.event_id:
        raise ApplicationError(_("Oturum bu kaydın etkinliğine ait değil."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ApplicationError(_("Yalnız kesin kayıtlı katılımcıların yoklaması alınır."))
    with transaction.atomic():
        attendance, created = Attendance._base_manager.get_or_create(
            registration=registration,
            session=session,
            defaults={"office_id": registration.office_id, "checked_in_by": _user(actor)},
        )
        if created:
            if not registration.attended:
                Registration._base_manager.filter(pk=registration.pk).update(attended=True)
                registration.attended = True
            audit_log(
                actor=actor,
                action="trainings.attendance.recorded",
                obj=registration,
                data={"session": session.pk},
            )
    return attendance


def attendance_remove(*, registration: Registration, session: Session, actor: Any) -> None:
    with transaction.atomic():
        deleted, _rows = Attendance._base_manager.filter(
            registration=registration, session=session
        ).delete()
        if deleted:
            still = Attendance._base_manager.filter(registration=registration).exists()
            Registration._base_manager.filter(pk=registration.pk).update(attended=still)
            registration.attended = still
            audit_log(
                actor=actor,
                action="trainings.attendance.removed",
                obj=registration,
                data={"session": session.pk},
            )


def walk_in_register(
    *, event: Event, data: dict[str, Any], session: Session | None, actor: Any
) -> Registration:
    """Somebody who did not register turns up at the door: register and check in."""
    registration = registration_create(
        event_id=event.pk, data=data, actor=actor, source=RegistrationSource.WALK_IN
    )
    if session is not None:
        attendance_record(registration=registration, session=session, actor=actor)
    return registration


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- feedback ---------------------------------------------------------------


def feedback_request(*, event: Event, actor: Any) -> int:
    """E-mail the evaluation form to everyone who attended and has not answered."""
    regs = list(
        Registration._base_manager.filter(
            event=event, attended=True, erased_at__isnull=True, feedback__isnull=True
        )
        .exclude(email="")
        .select_related("event", "event__office")
    )
    for reg in regs:
        emails.send_feedback_request(reg)
    audit_log(
        actor=actor, action="trainings.feedback.requested", obj=event, data={"sent": len(regs)}
    )
    return len(regs)


def feedback_submit(*, registration: Registration, data: dict[str, Any]) -> Feedback:
    if not registration.attended:
        raise ApplicationError(_("Geri bildirim formu yalnız etkinliğe katılanlar içindir."))
    if Feedback._base_manager.filter(registration=registration).exists():
        raise ApplicationError(_("Bu kayıt için geri bildirim zaten gönderildi. Teşekkürler!"))
    with transaction.atomic():
        feedback = Feedback._base_manager.create(
            office_id=registration.office_id, registration=registration, **data
        )
        audit_log(actor="participant", action="trainings.feedback.submitted", obj=feedback)
    return feedback


# --- personal data ----------------------------------------------------------


def person_erase(*, person_key: str, actor: Any) -> int:
    """Erase one person's data; their participations stay as anonymous counts.

    Every registration keeps its event, organisation type, district, age group,
    priority flag and attendance, and gets one random identity shared by all of
    the person's registrations, so unique-people counts do not change.
    """
    if not person_key:
        raise ApplicationError(_("Kişi bulunamadı."))
    anonymous = f"x:{secrets.token_hex(8)}"
    with transaction.atomic():
        regs = list(Registration.objects.filter(person_key=person_key))
        if not regs:
            raise ApplicationError(_("Kişi bulunamadı."))
        now = timezone.now()
        for reg in regs:
            for cert in Certificate._base_manager.filter(registration=reg).exclude(pdf=""):
                cert.pdf.delete(save=False)  # the PDF carries the name: remove the file
            Certificate._base_manager.filter(registration=reg).update(holder_name="—", pdf="")
            Feedback._base_manager.filter(registration=reg).update(comment="")
            reg.full_name = reg.email = reg.phone = reg.organisation_name = ""
            reg.consent_text = ""
            reg.email_key = reg.name_search = ""
            reg.person_key = anonymous
            reg.erased_at = now
            reg.save()
        audit_log(
            actor=actor,
            action="trainings.person.erased",
            office=regs[0].office_id,
            data={"registrations": [r.pk for r in regs]},
        )
    return len(regs)
