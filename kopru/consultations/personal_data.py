"""Consultations' part of a KVKK request: the contributions sent under an address.

Declared as a :class:`kopru.core.registry.PersonalDataProvider`; the core page calls it
inside the office's scope and audits the export or erasure as a whole. Erasure keeps
the rows (the participation figures and the answers keep their counts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kopru.core.text import normalise_email

from . import services
from .models import Contribution

if TYPE_CHECKING:
    from kopru.accounts.models import User


def find(email: str) -> list[dict[str, Any]]:
    key = normalise_email(email)
    if not key:
        return []
    rows = (
        Contribution.objects.filter(email_key=key, erased_at__isnull=True)
        .select_related("consultation", "section", "district", "organisation")
        .order_by("created_at", "id")
    )
    return [
        {
            "contribution": c.pk,
            "consultation": c.consultation.title_tr,
            "section": f"{c.section.number}. {c.section.heading_tr}",
            "body": c.body,
            "author_name": c.author_name,
            "email": c.email,
            "organisation": c.organisation.name if c.organisation else "",
            "language": c.language,
            "consent_text": c.consent_text,
            "consent_at": c.consent_at,
            "profile_consent": c.profile_consent,
            "district": c.district.name if c.district else "",
            "age_group": c.age_group,
            "priority_group": c.priority_group,
            "created_at": c.created_at,
            "outcome": c.outcome,
            "answer": c.answer_tr,
        }
        for c in rows
    ]


def erase(email: str, actor: User) -> int:
    return services.contributions_erase(email=email, actor=actor)
