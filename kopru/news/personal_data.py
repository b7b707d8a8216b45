"""The digest's part of a KVKK request: the subscriptions held under an address.

Registered as a :class:`kopru.core.registry.PersonalDataProvider`; the core page calls
it inside the office's scope and audits the export or erasure as a whole. Erasing
blanks the address and ends the subscription but keeps the row (topics, language,
frequency, dates), so the subscriber figures stay right.
"""

from __future__ import annotations

from typing import Any

from kopru.core.text import normalise_email

from . import services
from .models import DigestSubscription


def find(email: str) -> list[dict[str, Any]]:
    key = normalise_email(email)
    if not key:
        return []
    return [
        {
            "subscription": s.pk,
            "email": s.email,
            "language": s.language,
            "topics": list(s.topics),
            "frequency": s.frequency,
            "consent_text": s.consent_text,
            "consent_at": s.consent_at,
            "created_at": s.created_at,
            "confirmed_at": s.confirmed_at,
            "unsubscribed_at": s.unsubscribed_at,
            "last_sent_at": s.last_sent_at,
        }
        for s in DigestSubscription.objects.filter(email=key).order_by("created_at", "id")
    ]


def erase(email: str, actor: Any) -> int:
    return services.digest_erase(email=email, actor=actor)
