"""The youth alerts' part of a KVKK request: the saved searches with an e-mail alert held
under an address (Eurodesk questions are guidance cases: the desk's provider answers for
them).

Registered as a :class:`kopru.core.registry.PersonalDataProvider`; the core page calls
it inside the office's scope and audits the export or erasure as a whole. Erasing blanks
the address and ends the alert but keeps the saved search (its page still works)."""

from __future__ import annotations

from typing import Any

from kopru.core.text import normalise_email

from . import services
from .models import YouthSearch


def find(email: str) -> list[dict[str, Any]]:
    key = normalise_email(email)
    if not key:
        return []
    return [
        {
            "search": s.pk,
            "name": s.name,
            "params": dict(s.params),
            "email": s.email,
            "language": s.language,
            "frequency": s.frequency,
            "consent_text": s.consent_text,
            "consent_at": s.consent_at,
            "confirmed_at": s.alert_confirmed_at,
            "unsubscribed_at": s.unsubscribed_at,
            "last_sent_at": s.last_sent_at,
        }
        for s in YouthSearch.objects.filter(email__iexact=key).order_by("created_at", "id")
    ]


def erase(email: str, actor: Any) -> int:
    return services.alerts_erase(email=email, actor=actor)
