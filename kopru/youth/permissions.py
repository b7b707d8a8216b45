"""Who may do what with youth opportunities: the office's staff (the Eurodesk point)
write and publish them; everybody finds the published ones."""

from __future__ import annotations

from typing import Any, Literal

from kopru.accounts.permissions import can_work_in_office
from kopru.core.access import fetch_and_authorise

from .models import Opportunity


def can_manage_opportunities(user: Any, office: Any) -> bool:
    return can_work_in_office(user, office)


def can_edit_opportunity(user: Any, opportunity: Opportunity) -> bool:
    return can_work_in_office(user, opportunity.office)


RULES = {"view": can_edit_opportunity, "edit": can_edit_opportunity}


def access_opportunity(
    user: Any, pk: int, *, for_: Literal["view", "edit"] = "view"
) -> Opportunity:
    source = Opportunity.objects.select_related("office")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="opportunity")
