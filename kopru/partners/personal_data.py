"""The partner search's part of a KVKK request: answers held under a responder's address.

Registered as a :class:`kopru.core.registry.PersonalDataProvider`; the core page calls
it inside the office's scope and audits the export or erasure as a whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils import timezone

from kopru.core.scoping import unscoped_manager
from kopru.core.text import normalise_email

from . import services
from .models import Answer, AnswerMessage

if TYPE_CHECKING:
    from kopru.accounts.models import User


def _messages_of_answers_read() -> Any:
    return unscoped_manager(AnswerMessage, reason="the threads of the answers read in scope")


def find(email: str) -> list[dict[str, Any]]:
    key = normalise_email(email)
    if not key:
        return []
    answers = (
        Answer.objects.filter(email_key=key, erased_at__isnull=True)
        .select_related("post", "post__organisation", "responder_organisation")
        .prefetch_related(
            Prefetch("messages", queryset=_messages_of_answers_read().order_by("created_at", "id"))
        )
        .order_by("created_at", "id")
    )
    return [
        {
            "answer": a.pk,
            "post": a.post.title_tr or a.post.title_en,
            "post_organisation": a.post.organisation.name,
            "responder_name": a.responder_name,
            "organisation_name": a.organisation_name,
            "organisation_type": a.organisation_type,
            "country": a.country,
            "email": a.email,
            "language": a.language,
            "consent_text": a.consent_text,
            "consent_at": a.consent_at,
            "created_at": a.created_at,
            "messages": [
                f"{timezone.localtime(m.created_at):%Y-%m-%d %H:%M} [{m.side}] {m.body}"
                for m in a.messages.all()
            ],
        }
        for a in answers
    ]


def erase(email: str, actor: User) -> int:
    return services.answers_erase(email=email, actor=actor)
