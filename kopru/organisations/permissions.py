"""Who may change an organisation record and its project team (on top of scoping): the
rules, and the access helpers that fetch a record and authorise its use in one step
(404 alike for a missing record and a forbidden one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet
from django.http import Http404

from kopru.accounts.permissions import can_coordinate_office, can_work_in_office
from kopru.core.access import anyone, fetch_and_authorise

from .models import Organisation, TeamMember

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.core.scoping import Office  # an offices.Office (a layer above)


def is_own_organisation(user: Any, organisation: Organisation) -> bool:
    """An institution member of this very organisation (and of its office)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_institution_member", False)
        and user.organisation_id == organisation.pk
        and user.office_id == organisation.office_id
    )


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """Office staff edit any organisation of their office; a member edits their own."""
    if can_work_in_office(user, organisation.office):
        return True
    return is_own_organisation(user, organisation)


def can_edit_team(user: Any, organisation: Organisation) -> bool:
    """The project team: office staff for any organisation, a member for their own."""
    return can_edit_organisation(user, organisation)


def can_import_organisations(user: User, office: Office) -> bool:
    """Import and export the directory: office staff (coordinator and experts)."""
    return can_work_in_office(user, office)


def can_merge_organisations(user: User, office: Office) -> bool:
    """Merging deletes records and moves every link (members' accounts, projects,
    cases) to the record kept, so it is the coordinator's decision (and national
    administrators'). Experts see the list of likely duplicates."""
    return can_coordinate_office(user, office)


def can_edit_member(user: Any, member: TeamMember) -> bool:
    """A team member's entry, while it holds personal data (an erased entry is gone)."""
    return not member.erased_at and can_edit_team(user, member.organisation)


def can_remove_member(user: Any, member: TeamMember) -> bool:
    return can_edit_team(user, member.organisation)


ORGANISATION_RULES = {"view": anyone, "edit": can_edit_organisation, "edit_team": can_edit_team}
MEMBER_RULES = {"edit": can_edit_member, "remove": can_remove_member}


def access_organisation(
    user: User,
    pk: Any,
    *,
    for_: Literal["view", "edit", "edit_team"] = "view",
    queryset: QuerySet[Organisation] | None = None,
) -> Organisation:
    source = queryset if queryset is not None else Organisation.objects.select_related("office")
    return fetch_and_authorise(
        source, pk, user=user, rule=ORGANISATION_RULES[for_], what="organisation"
    )


def access_own_organisation(
    user: User, *, for_: Literal["view", "edit", "edit_team"] = "edit"
) -> Organisation:
    """The organisation an institution member speaks for (the kurum area's pages)."""
    if not user.organisation_id:
        raise Http404("organisation")
    return access_organisation(user, user.organisation_id, for_=for_)


def access_team_member(
    user: User,
    pk: Any,
    *,
    for_: Literal["edit", "remove"] = "edit",
    organisation: Organisation | None = None,
) -> TeamMember:
    """A project-team member (of ``organisation``, when given: a member's own team)."""
    source = TeamMember.objects.select_related("organisation", "organisation__office")
    if organisation is not None:
        source = source.filter(organisation=organisation)
    return fetch_and_authorise(source, pk, user=user, rule=MEMBER_RULES[for_], what="team member")
