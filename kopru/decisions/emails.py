"""The owner's reminder before a decision's due date, with the signed progress link."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Decision
from .tokens import make_token


def progress_url(decision: Decision) -> str:
    path = reverse(
        "public:decisions:progress_link",
        kwargs={"office_slug": decision.office.slug, "token": make_token(decision)},
    )
    return f"{settings.SITE_URL}{path}"


def send_reminder(decision: Decision, *, today: dt.date) -> None:
    with translation.override("tr"):
        days = (decision.due_date - today).days
        ctx: dict[str, Any] = {
            "decision": decision,
            "days": days,
            "late": days < 0,
            "late_days": -days,
            "url": progress_url(decision),
        }
        subject = (
            _("Gecikmedeki karar: {title}")
            if days < 0
            else _("Karar bitiş tarihi yaklaşıyor: {title}")
        ).format(title=decision.title_tr)
        body = render_to_string("decisions/email/reminder.txt", ctx)
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[decision.contact_email],
        ).send(fail_silently=False)
