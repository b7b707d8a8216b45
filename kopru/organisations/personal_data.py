"""Project-team members are people: what is held on them, found by e-mail (KVKK)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kopru.core.text import normalise_email

from .models import TeamMember
from .services import team_members_erase

if TYPE_CHECKING:
    from kopru.accounts.models import User


def find(email: str) -> list[dict[str, Any]]:
    """The team-member records held under ``email`` in the active scope."""
    members = TeamMember.objects.filter(
        email=normalise_email(email), erased_at__isnull=True
    ).select_related("organisation")
    return [
        {
            "organisation": m.organisation.name,
            "full_name": m.full_name,
            "role": m.get_role_display(),
            "job_title": m.job_title,
            "skills": m.skills,
            "languages": list(m.languages or []),
            "email": m.email,
            "phone": m.phone,
            "is_contact_point": m.is_contact_point,
            "created_at": m.created_at.isoformat(),
            "updated_at": m.updated_at.isoformat(),
        }
        for m in members.order_by("pk")
    ]


def erase(email: str, actor: User) -> int:
    """Anonymise them (the team keeps a member in that role); audited."""
    return team_members_erase(email=normalise_email(email), actor=actor)
