"""Certificates: who is eligible, issuing, rendering the PDF, re-issuing and revoking."""

from __future__ import annotations

import functools
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError

from .models import Certificate, Event, Registration, RegistrationStatus

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def required_sessions(event: Event, session_count: int) -> int:
    if event.min_sessions and event.min_sessions < session_count:
        return event.min_sessions
    return session_count


def eligible_registrations(event: Event) -> list[Registration]:
    """Confirmed participants who met the attendance rule and hold no valid certificate."""
    session_count = event.sessions.count()
    need = max(1, required_sessions(event, session_count))
    qs = (
        Registration._base_manager.filter(
            event=event, status=RegistrationStatus.CONFIRMED, attended=True, erased_at__isnull=True
        )
        .annotate(n=Count("attendances", distinct=True))
        .filter(n__gte=need)
        .exclude(
            pk__in=Certificate._base_manager.filter(
                registration__event=event, revoked_at__isnull=True
            ).values("registration_id")
        )
        .order_by("id")
    )
    return list(qs)


def verify_url(certificate: Certificate, office_slug: str) -> str:
    with translation.override(certificate.language):
        path = reverse(
            "public:trainings:certificate_verify",
            kwargs={"office_slug": office_slug, "code": certificate.code},
        )
    return f"{settings.SITE_URL}{path}"


@functools.lru_cache(maxsize=1)
def _pdf_tools() -> tuple[Any, Any]:
    """WeasyPrint's font configuration and the compiled stylesheet, built once."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint reports every layout step at INFO level: far too chatty for bulk runs.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    fonts = FontConfiguration()
    css = CSS(string=get_template("trainings/certificate.css").render({}), font_config=fonts)
    return fonts, css


def render_pdf(certificate: Certificate, registration: Registration, office: Any) -> bytes:
    import segno
    from weasyprint import HTML

    fonts, css = _pdf_tools()
    url = verify_url(certificate, office.slug)
    qr = segno.make(url, error="m").svg_data_uri(scale=4, border=1)
    event = registration.event
    sessions = list(event.sessions.all())
    with translation.override(certificate.language):
        html = get_template("trainings/certificate.html").render(
            {
                "certificate": certificate,
                "event": event,
                "office": office,
                "sessions": sessions,
                "qr": qr,
                "verify_url": url,
                "hours": round(
                    sum((s.ends_at - s.starts_at).total_seconds() for s in sessions) / 3600
                ),
            }
        )
    return bytes(HTML(string=html).write_pdf(stylesheets=[css], font_config=fonts))


def certificate_issue(
    *, registration: Registration, language: str = "tr", actor: Any, audit: bool = True
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


def certificate_revoke(*, certificate: Certificate, reason: str, actor: Any) -> Certificate:
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
    *, certificate: Certificate, language: str | None = None, actor: Any
) -> Certificate:
    """A new certificate (new code, current name) replacing an old one, which is revoked."""
    registration = Registration._base_manager.select_related("event", "event__office").get(
        pk=certificate.registration_id
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
    *, event: Event, language: str, actor: Any, progress: Any = None
) -> dict[str, int]:
    """Issue certificates for every eligible participant of ``event``."""
    regs = eligible_registrations(event)
    event = (
        Event._base_manager.select_related("office").prefetch_related("sessions").get(pk=event.pk)
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
