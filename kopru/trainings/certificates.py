"""Certificates on paper: the verification code, the verification address and the PDF
(with its QR code). Issuing, re-issuing and revoking are services
(``kopru.trainings.services.certificates``); who is eligible is a selector."""

from __future__ import annotations

import functools
import logging
import secrets
from typing import Any

import segno
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from .models import Certificate, Event, Registration

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def required_sessions(event: Event, session_count: int) -> int:
    if event.min_sessions and event.min_sessions < session_count:
        return event.min_sessions
    return session_count


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
    # WeasyPrint loads Pango and its fonts (slow, native): imported only when a PDF is made.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration  # WeasyPrint: see above

    # WeasyPrint reports every layout step at INFO level: far too chatty for bulk runs.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    fonts = FontConfiguration()
    css = CSS(string=get_template("trainings/certificate.css").render({}), font_config=fonts)
    return fonts, css


def render_pdf(certificate: Certificate, registration: Registration, office: Any) -> bytes:
    from weasyprint import HTML  # heavy native import, only when a PDF is made

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
