"""E-mails of the guidance desk, each in its recipient's language, sent after commit.

Requesters get the reference and their private link; experts and the office get a
link to the case in the panel. Functions take ids: they run after the transaction
that made the change has committed, outside the request's scope.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kopru.accounts.models import Role, User
from kopru.core.scoping import office_scope, unscoped_manager

from .models import Case, CaseEntry


def _absolute(name: str, language: str, **kwargs: Any) -> str:
    with translation.override(language):
        return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def private_url(case: Case, language: str | None = None) -> str:
    return _absolute(
        "public:guidance:follow",
        language or case.language or "tr",
        office_slug=case.office.slug,
        token=case.private_token,
    )


def panel_url(case: Case, language: str = "tr") -> str:
    return _absolute("panel:guidance:detail", language, office_slug=case.office.slug, pk=case.pk)


def _send(
    *, to: list[str], subject: str, template: str, context: dict[str, Any], office: Any
) -> None:
    recipients = [a for a in to if a]
    if not recipients:
        return
    body = render_to_string(template, {**context, "office": office})
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[office.email] if office.email else None,
    ).send(fail_silently=False)


# These run after the commit that made the change, outside the request's scope: the
# id they are given names the case or entry that change wrote.
AFTER_COMMIT = "the case or entry the committed change names"


def _case(case_id: int) -> Case:
    return (
        unscoped_manager(Case, reason=AFTER_COMMIT)
        .select_related("office", "assigned_to")
        .get(pk=case_id)
    )


def _entry(entry_id: int, *related: str) -> CaseEntry:
    return (
        unscoped_manager(CaseEntry, reason=AFTER_COMMIT).select_related(*related).get(pk=entry_id)
    )


def send_acknowledgement(case_id: int) -> None:
    """To the requester: the case's reference and the private link to follow it."""
    case = _case(case_id)
    if not case.requester_email or case.erased_at:
        return
    with office_scope(case.office), translation.override(case.language or "tr"):
        _send(
            to=[case.requester_email],
            subject=_("Talebiniz alındı: {reference}").format(reference=case.reference),
            template="guidance/email/acknowledgement.txt",
            context={"case": case, "url": private_url(case)},
            office=case.office,
        )


def send_reply(entry_id: int) -> bool:
    """To the requester: the expert's answer, and the link to read and reply. Whether a
    mail went out (``services.case_reply_email`` records it on the entry)."""
    entry = _entry(entry_id, "case__office", "author")
    case = entry.case
    if not case.requester_email or case.erased_at:
        return False
    with office_scope(case.office), translation.override(case.language or "tr"):
        _send(
            to=[case.requester_email],
            subject=_("Talebinize yanıt: {reference}").format(reference=case.reference),
            template="guidance/email/reply.txt",
            context={"case": case, "entry": entry, "url": private_url(case)},
            office=case.office,
        )
    return True


def _staff_language(user: Any) -> str:
    return getattr(user, "language", "") or "tr"


def notify_assignee(case_id: int) -> None:
    case = _case(case_id)
    user = case.assigned_to
    if user is None or not user.email:
        return
    lang = _staff_language(user)
    with office_scope(case.office), translation.override(lang):
        _send(
            to=[user.email],
            subject=_("Size bir danışma talebi atandı: {reference}").format(
                reference=case.reference
            ),
            template="guidance/email/assigned.txt",
            context={"case": case, "url": panel_url(case, lang)},
            office=case.office,
        )


def notify_office_new_case(case_id: int) -> None:
    """To the office's address and its coordinators: a request arrived through the web."""

    case = _case(case_id)
    coordinators = User.objects.filter(
        office=case.office, role=Role.COORDINATOR, is_active=True
    ).exclude(email="")
    addresses = sorted({case.office.email, *(u.email for u in coordinators)} - {""})
    with office_scope(case.office), translation.override("tr"):
        _send(
            to=addresses,
            subject=_("Yeni danışma talebi: {reference}").format(reference=case.reference),
            template="guidance/email/new_case.txt",
            context={"case": case, "url": panel_url(case)},
            office=case.office,
        )


def notify_requester_message(entry_id: int) -> None:
    """To the expert (or the office when nobody has the case yet): the requester wrote."""
    entry = _entry(entry_id, "case__office", "case__assigned_to")
    case = entry.case
    user = case.assigned_to
    to = [user.email] if user is not None and user.email else [case.office.email]
    lang = _staff_language(user) if user is not None else "tr"
    with office_scope(case.office), translation.override(lang):
        _send(
            to=to,
            subject=_("Talep sahibi yazdı: {reference}").format(reference=case.reference),
            template="guidance/email/requester_message.txt",
            context={"case": case, "entry": entry, "url": panel_url(case, lang)},
            office=case.office,
        )
