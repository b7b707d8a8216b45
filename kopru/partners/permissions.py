"""Who may do what with partner searches: the one place these rules live, with the
access helpers that fetch a post or an answer and authorise its use in one step (404
alike for a missing record and a forbidden one).

Office scoping already limits every area to one office; on top of it, an institution
member manages only their own organisation's posts and reads only their answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.http import Http404
from django.utils import timezone

from kopru.accounts.permissions import can_work_in_office
from kopru.core.access import fetch_and_authorise

from .models import Answer, PartnerSearch, PostStatus

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office


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


def can_manage_answer(user: Any, answer: Answer) -> bool:
    """Read an answer's thread and reply to it: whoever may manage its post."""
    return can_manage_post(user, answer.post)


def can_look_up(user: Any, office: Any, kind: str) -> bool:
    """The post form's search boxes: calls for everybody who posts, organisations for
    staff (who post on an organisation's behalf)."""
    if kind == "cagri":
        return True
    return kind == "kurum" and is_staff_of(user, office)


POST_RULES = {"manage": can_manage_post}
ANSWER_RULES = {"manage": can_manage_answer}


def access_post(user: User, pk: Any, *, for_: Literal["manage"] = "manage") -> PartnerSearch:
    """A post of the office (kurum: one of the member's organisation) to manage."""
    source = PartnerSearch.objects.select_related("organisation", "call", "office", "closed_by")
    return fetch_and_authorise(source, pk, user=user, rule=POST_RULES[for_], what="partner search")


def access_answer(user: User, pk: Any, *, for_: Literal["manage"] = "manage") -> Answer:
    """An answer to a post the user manages (its thread, replies, a renewed link)."""
    source = Answer.objects.select_related(
        "post", "post__organisation", "post__office", "post__call", "responder_organisation"
    )
    return fetch_and_authorise(source, pk, user=user, rule=ANSWER_RULES[for_], what="answer")


def authorise_lookup(user: User, office: Office, kind: str) -> None:
    """Refuse (404, like an unknown lookup) a search box the user may not use."""
    if not can_look_up(user, office, kind):
        raise Http404("lookup")
