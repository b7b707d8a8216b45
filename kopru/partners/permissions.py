"""Who may do what with partner searches: the one place these rules live.

Office scoping already limits every area to one office; on top of it, an institution
member manages only their own organisation's posts and reads only their answers.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kopru.accounts.permissions import can_work_in_office

from .models import PartnerSearch, PostStatus


def is_staff_of(user: Any, office: Any) -> bool:
    """The office's coordinator and experts (and national admins)."""
    return can_work_in_office(user, office)


def member_organisation_id(user: Any, office: Any) -> int | None:
    """The organisation an institution member of ``office`` speaks for, if any."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not getattr(user, "is_institution_member", False) or user.office_id != office.pk:
        return None
    return int(user.organisation_id) if user.organisation_id else None


def can_create_post(user: Any, office: Any) -> bool:
    """Staff (on behalf of any organisation of the office) and members (for their own)."""
    return is_staff_of(user, office) or member_organisation_id(user, office) is not None


def can_manage_post(user: Any, post: PartnerSearch) -> bool:
    """Edit, close, read the answers and reply: the posting organisation's members, staff."""
    if is_staff_of(user, post.office):
        return True
    return member_organisation_id(user, post.office) == post.organisation_id


def can_reopen_post(user: Any, post: PartnerSearch) -> bool:
    """Until it expires; a post the office closed (moderation) only the office reopens."""
    if post.status != PostStatus.CLOSED or post.expires_on < timezone.localdate():
        return False
    if post.closed_by_staff and not is_staff_of(user, post.office):
        return False
    return can_manage_post(user, post)


def can_see_contact_details(user: Any, post: PartnerSearch) -> bool:
    """The responder's e-mail address: the staff of the post's office, nobody else."""
    return is_staff_of(user, post.office)


def can_answer(user: Any, post: PartnerSearch) -> bool:
    """Anyone may answer an open post, except the posting organisation itself."""
    if not post.accepts_answers:
        return False
    return member_organisation_id(user, post.office) != post.organisation_id
