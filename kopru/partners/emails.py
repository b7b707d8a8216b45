"""Notifications of the partner search, each in its recipient's language.

They say that a message arrived and carry a link; the message itself is read and
answered on the platform. No e-mail shows the other side's address: every message
goes to one recipient, from the platform's own address.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kopru.accounts.models import Role, User
from kopru.core.i18n import localized
from kopru.core.scoping import office_scope

from .models import Answer
from .tokens import make_token


def _absolute(name: str, **kwargs: Any) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def thread_url(answer: Answer) -> str:
    """The responder's private link (in the active language)."""
    return _absolute(
        "public:partners:thread", office_slug=answer.post.office.slug, token=make_token(answer)
    )


def poster_thread_url(answer: Answer, user: Any) -> str:
    area = "panel" if getattr(user, "is_office_staff", False) else "kurum"
    return _absolute(f"{area}:partners:answer", office_slug=answer.post.office.slug, pk=answer.pk)


def poster_recipients(answer: Answer, exclude: Any = None) -> list[Any]:
    """The posting organisation's members, and whoever created the post (staff on its behalf)."""
    post = answer.post
    users = list(
        User.objects.filter(
            organisation_id=post.organisation_id,
            office_id=post.office_id,
            role=Role.INSTITUTION_MEMBER,
            is_active=True,
        )
        .exclude(email="")
        .order_by("id")
    )
    creator = post.created_by
    if creator is not None and creator.is_active and creator.email and creator not in users:
        users.append(creator)
    return [u for u in users if exclude is None or u.pk != exclude.pk]


Subject = Callable[[str], str]


def _send(to: str, subject: str, template: str, ctx: dict[str, Any]) -> None:
    body = render_to_string(template, ctx)
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]).send(
        fail_silently=False
    )


def _to_poster(answer: Answer, subject: Subject, template: str, exclude: Any = None) -> None:
    post = answer.post
    with office_scope(post.office):
        for user in poster_recipients(answer, exclude):
            language = user.language if user.language in ("tr", "en") else "tr"
            with translation.override(language):
                title = localized(post, "title", language)
                ctx = {
                    "answer": answer,
                    "post": post,
                    "title": title,
                    "url": poster_thread_url(answer, user),
                }
                _send(user.email, subject(title), template, ctx)


def _to_responder(answer: Answer, subject: Subject, template: str) -> None:
    if not answer.email or answer.erased_at is not None:
        return
    post = answer.post
    language = answer.language if answer.language in ("tr", "en") else "tr"
    with office_scope(post.office), translation.override(language):
        title = localized(post, "title", language)
        ctx = {"answer": answer, "post": post, "title": title, "url": thread_url(answer)}
        _send(answer.email, subject(title), template, ctx)


def send_answer_received(answer: Answer) -> None:
    """To the poster: an answer arrived (who answered, never their address)."""
    _to_poster(
        answer,
        lambda t: _("Ortak arama ilanınıza yeni yanıt: {title}").format(title=t),
        "partners/email/answer_received.txt",
    )


def send_answer_confirmation(answer: Answer) -> None:
    """To the responder: the answer was delivered; the private link of the thread."""
    _to_responder(
        answer,
        lambda t: _("Yanıtınız iletildi: {title}").format(title=t),
        "partners/email/answer_confirmation.txt",
    )


def send_reply_to_responder(answer: Answer) -> None:
    _to_responder(
        answer,
        lambda t: _("İlan sahibinden yeni ileti: {title}").format(title=t),
        "partners/email/reply_to_responder.txt",
    )


def send_link_renewed(answer: Answer) -> None:
    _to_responder(
        answer,
        lambda t: _("Yazışma bağlantınız yenilendi: {title}").format(title=t),
        "partners/email/link_renewed.txt",
    )


def send_reply_to_poster(answer: Answer, exclude: Any = None) -> None:
    _to_poster(
        answer,
        lambda t: _("Yanıt verenden yeni ileti: {title}").format(title=t),
        "partners/email/reply_to_poster.txt",
        exclude=exclude,
    )
