"""E-mails to participants, each in the language they registered in."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kopru.core.scoping import office_scope

from .calendar import registration_calendar
from .models import Registration, RegistrationStatus
from .tokens import make_token


def _absolute(name: str, **kwargs: Any) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def links(registration: Registration) -> dict[str, str]:
    slug = registration.event.office.slug
    return {
        "cancel_url": _absolute(
            "public:trainings:cancel",
            office_slug=slug,
            token=make_token(registration.pk, "cancel"),
        ),
        "checkin_url": _absolute("panel:trainings:checkin_qr", office_slug=slug)
        + "?t="
        + make_token(registration.pk, "checkin"),
        "feedback_url": _absolute(
            "public:trainings:feedback",
            office_slug=slug,
            token=make_token(registration.pk, "feedback"),
        ),
        "event_url": _absolute(
            "public:trainings:event", office_slug=slug, pk=registration.event_id
        ),
    }


def _send(registration: Registration, subject: str, template: str, ics: bool) -> None:
    if not registration.email:
        return
    # Sent after the commit, outside the request's scope: read as the office's staff.
    with office_scope(registration.event.office):
        _compose(registration, subject, template, ics).send(fail_silently=False)


def _compose(registration: Registration, subject: str, template: str, ics: bool) -> EmailMessage:
    ctx: dict[str, Any] = {
        "registration": registration,
        "event": registration.event,
        **links(registration),
    }
    body = render_to_string(template, ctx)
    office = registration.event.office
    msg = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        reply_to=[office.email] if office.email else None,
    )
    if ics:
        msg.attach("etkinlik.ics", registration_calendar(registration), "text/calendar")
        if registration.status == RegistrationStatus.CONFIRMED:
            png = io.BytesIO()
            segno.make(ctx["checkin_url"], error="m").save(png, kind="png", scale=6, border=2)
            msg.attach("giris-karekodu.png", png.getvalue(), "image/png")
    return msg


def send_confirmation(registration: Registration) -> None:
    with translation.override(registration.language or "tr"):
        if registration.status == RegistrationStatus.CONFIRMED:
            subject = _("Kaydınız alındı: {title}").format(title=registration.event.title)
        else:
            subject = _("Yedek listedesiniz: {title}").format(title=registration.event.title)
        _send(registration, subject, "trainings/email/confirmation.txt", ics=True)


def send_promotion(registration: Registration) -> None:
    with translation.override(registration.language or "tr"):
        subject = _("Yer açıldı, kaydınız kesinleşti: {title}").format(
            title=registration.event.title
        )
        _send(registration, subject, "trainings/email/promoted.txt", ics=True)


def send_cancellation(registration: Registration) -> None:
    with translation.override(registration.language or "tr"):
        subject = _("Kaydınız iptal edildi: {title}").format(title=registration.event.title)
        _send(registration, subject, "trainings/email/cancelled.txt", ics=False)


def send_feedback_request(registration: Registration) -> None:
    with translation.override(registration.language or "tr"):
        subject = _("Görüşünüzü alabilir miyiz? {title}").format(title=registration.event.title)
        _send(registration, subject, "trainings/email/feedback.txt", ics=False)
