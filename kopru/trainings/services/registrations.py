"""Writes of registrations: signing up (capacity held under concurrent sign-ups), the
waiting list, cancelling, attendance at the door, feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.text import normalise_email
from kopru.core.validation import check_email, normalise_phone

from .. import emails
from ..models import (
    Attendance,
    Event,
    EventStatus,
    Feedback,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    Session,
)

if TYPE_CHECKING:
    from kopru.accounts.models import User

#: Rows these services lock, count or update are of the event or registration the
#: caller holds: the caller fetched it through its scope (or a signed link names it).
HELD = "rows of the event or registration the service was given"


class DuplicateRegistration(ApplicationError):
    """The same e-mail address is already registered for the event."""


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
    actor: User | None = None,
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
            event = unscoped_manager(Event, reason=HELD).select_for_update().get(pk=event_id)
            if event.status == EventStatus.CANCELLED:
                raise ApplicationError(_("Bu etkinlik iptal edildi; kayıt alınmıyor."))
            if not by_staff and not event.registration_is_open():
                raise ApplicationError(_("Bu etkinliğin kayıt dönemi açık değil."))
            key = normalise_email(person.get("email"))
            active = (
                unscoped_manager(Registration, reason=HELD)
                .filter(event=event)
                .exclude(status=RegistrationStatus.CANCELLED)
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


def waiting_promote(*, event: Event, actor: User | None = None) -> list[Registration]:
    """Move people from the waiting list into freed places, oldest first, with an e-mail."""
    promoted: list[Registration] = []
    with transaction.atomic():
        event = unscoped_manager(Event, reason=HELD).select_for_update().get(pk=event.pk)
        if event.status == EventStatus.CANCELLED:
            return []
        regs = unscoped_manager(Registration, reason=HELD).filter(event=event)
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


def registration_cancel(*, registration: Registration, actor: User | None = None) -> Registration:
    """Cancel a registration (by the person through the link, or by staff)."""
    with transaction.atomic():
        unscoped_manager(Event, reason=HELD).select_for_update().get(pk=registration.event_id)
        registration = unscoped_manager(Registration, reason=HELD).get(pk=registration.pk)
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


def attendance_record(
    *, registration: Registration, session: Session, actor: User | None
) -> Attendance:
    """Check a person in to one session (idempotent)."""
    if session.event_id != registration.event_id:
        raise ApplicationError(_("Oturum bu kaydın etkinliğine ait değil."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ApplicationError(_("Yalnız kesin kayıtlı katılımcıların yoklaması alınır."))
    with transaction.atomic():
        attendance, created = unscoped_manager(Attendance, reason=HELD).get_or_create(
            registration=registration,
            session=session,
            defaults={"office_id": registration.office_id, "checked_in_by": _user(actor)},
        )
        if created:
            if not registration.attended:
                unscoped_manager(Registration, reason=HELD).filter(pk=registration.pk).update(
                    attended=True
                )
                registration.attended = True
            audit_log(
                actor=actor,
                action="trainings.attendance.recorded",
                obj=registration,
                data={"session": session.pk},
            )
    return attendance


def attendance_remove(*, registration: Registration, session: Session, actor: User) -> None:
    with transaction.atomic():
        deleted, _rows = (
            unscoped_manager(Attendance, reason=HELD)
            .filter(registration=registration, session=session)
            .delete()
        )
        if deleted:
            still = (
                unscoped_manager(Attendance, reason=HELD).filter(registration=registration).exists()
            )
            unscoped_manager(Registration, reason=HELD).filter(pk=registration.pk).update(
                attended=still
            )
            registration.attended = still
            audit_log(
                actor=actor,
                action="trainings.attendance.removed",
                obj=registration,
                data={"session": session.pk},
            )


def walk_in_register(
    *, event: Event, data: dict[str, Any], session: Session | None, actor: User
) -> Registration:
    """Somebody who did not register turns up at the door: register and check in."""
    registration = registration_create(
        event_id=event.pk, data=data, actor=actor, source=RegistrationSource.WALK_IN
    )
    if session is not None:
        attendance_record(registration=registration, session=session, actor=actor)
    return registration


def _user(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- feedback ---------------------------------------------------------------


def feedback_request(*, event: Event, actor: User) -> int:
    """E-mail the evaluation form to everyone who attended and has not answered."""
    regs = list(
        unscoped_manager(Registration, reason=HELD)
        .filter(event=event, attended=True, erased_at__isnull=True, feedback__isnull=True)
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
    if unscoped_manager(Feedback, reason=HELD).filter(registration=registration).exists():
        raise ApplicationError(_("Bu kayıt için geri bildirim zaten gönderildi. Teşekkürler!"))
    with transaction.atomic():
        feedback = unscoped_manager(Feedback, reason=HELD).create(
            office_id=registration.office_id, registration=registration, **data
        )
        audit_log(actor="participant", action="trainings.feedback.submitted", obj=feedback)
    return feedback
