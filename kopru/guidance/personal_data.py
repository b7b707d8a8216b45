"""What the desk holds on a requester, for the office's KVKK requests page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import services

if TYPE_CHECKING:
    from kopru.accounts.models import User


def find(email: str) -> list[dict[str, Any]]:
    return [
        {
            "reference": c.reference,
            "requester_name": c.requester_name,
            "requester_email": c.requester_email,
            "opened_at": c.opened_at,
            "subject": c.subject,
            "status": c.get_status_display(),
            "channel": c.get_channel_display(),
            "topic": c.get_topic_display(),
            "message": c.message,
            "requester_phone": c.requester_phone,
            "requester_organisation": c.requester_organisation_name,
            "consent_text": c.consent_text,
            "consent_at": c.consent_at,
            "timeline": [
                {"at": e.created_at, "kind": e.get_kind_display(), "text": e.body}
                for e in c.entries.all()
                if e.is_public
            ],
        }
        for c in services.requester_cases(email)
    ]


def erase(email: str, actor: User) -> int:
    return services.requester_erase(email=email, actor=actor)
