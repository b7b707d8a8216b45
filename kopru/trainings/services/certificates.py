"""Writes of certificates: issuing (and rendering) one or every eligible participant's,
re-issuing with a new code, revoking."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager

from ..certificates import new_code, render_pdf
from ..models import Certificate, Event, Registration, RegistrationStatus
from ..selectors import eligible_registrations

if TYPE_CHECKING:
    from kopru.accounts.models import User


def certificate_issue(
    *, registration: Registration, language: str = "tr", actor: User | None, audit: bool = True
) -> Certificate:
    """Issue (and render) a certificate for one participant."""
    if registration.erased_at:
        raise ApplicationError(_("Kişisel verisi silinmiş kayda sertifika düzenlenemez."))
    if registration.status != RegistrationStatus.CONFIRMED or not registration.attended:
        raise ApplicationError(_("Katılım koşulunu sağlamayan kişiye sertifika düzenlenemez."))
    office = registration.event.office
    for _attempt in range(5):
        cert = Certificate(
            office_id=registration.office_id,
            registration=registration,
            code=new_code(),
            language=language if language in ("tr", "en") else "tr",
            holder_name=registration.full_name,
        )
        pdf = render_pdf(cert, registration, office)
        cert.pdf.save(f"{cert.code}.pdf", ContentFile(pdf), save=False)
        try:
            with transaction.atomic():
                cert.save(force_insert=True)
                if audit:
                    audit_log(
                        actor=actor,
                        action="trainings.certificate.issued",
                        obj=cert,
                        data={"registration": registration.pk, "language": cert.language},
                    )
        except IntegrityError:  # the random code collided: draw another
            cert.pdf.delete(save=False)
            continue
        return cert
    raise ApplicationError(_("Doğrulama kodu üretilemedi; yeniden deneyin."))


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, actor: User) -> Certificate:
    if certificate.revoked_at:
        raise ApplicationError(_("Bu sertifika zaten iptal edilmiş."))
    if not reason.strip():
        raise ApplicationError(_("İptal nedenini yazın."))
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoke_reason", "updated_at"])
    audit_log(
        actor=actor,
        action="trainings.certificate.revoked",
        obj=certificate,
        changes={"revoked_at": (None, certificate.revoked_at)},
        data={"reason": certificate.revoke_reason},
    )
    return certificate


def certificate_reissue(
    *, certificate: Certificate, language: str | None = None, actor: User
) -> Certificate:
    """A new certificate (new code, current name) replacing an old one, which is revoked."""
    registration = (
        unscoped_manager(Registration, reason="the registration of the certificate given")
        .select_related("event", "event__office")
        .get(pk=certificate.registration_id)
    )
    with transaction.atomic():
        new = certificate_issue(
            registration=registration, language=language or certificate.language, actor=actor
        )
        if not certificate.revoked_at:
            certificate.revoked_at = timezone.now()
            certificate.revoke_reason = _("Yeniden düzenlendi: {code}").format(code=new.code)
        certificate.replaced_by = new
        certificate.save(update_fields=["revoked_at", "revoke_reason", "replaced_by", "updated_at"])
        audit_log(
            actor=actor,
            action="trainings.certificate.reissued",
            obj=certificate,
            data={"new_code": new.code},
        )
    return new


def certificates_issue_for_event(
    *,
    event: Event,
    language: str,
    actor: User | None,
    progress: Callable[[int, int], object] | None = None,
) -> dict[str, int]:
    """Issue certificates for every eligible participant of ``event``.

    Each certificate is its own transaction (its PDF is written to storage first), so
    a long run that stops part-way keeps what it issued and a re-run issues the rest.
    """
    regs = eligible_registrations(event)
    event = (
        unscoped_manager(Event, reason="the event given, with what the PDF shows")
        .select_related("office")
        .prefetch_related("sessions")
        .get(pk=event.pk)
    )
    issued = 0
    for i, reg in enumerate(regs, start=1):
        reg.event = event
        certificate_issue(registration=reg, language=language, actor=actor)
        issued += 1
        if progress is not None and (i % 10 == 0 or i == len(regs)):
            progress(i, len(regs))
    audit_log(
        actor=actor,
        action="trainings.certificate.bulk_issued",
        obj=event,
        data={"issued": issued, "language": language},
    )
    return {"issued": issued}
