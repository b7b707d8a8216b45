"""Who may do what with consultations, and the access helpers (404 alike for a missing
record and a forbidden one). The office's staff run consultations; anyone takes part
through the public pages while a consultation is open."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kopru.accounts.permissions import works_for_office_id
from kopru.core.access import fetch_and_authorise, get_or_404_scoped

from .models import Consultation, Contribution, Section

if TYPE_CHECKING:
    from kopru.accounts.models import User


def can_manage(user: Any, record: Any) -> bool:
    return works_for_office_id(user, record.office_id)


def access_consultation(user: User, pk: Any) -> Consultation:
    return fetch_and_authorise(
        Consultation.objects.select_related("office"),
        pk,
        user=user,
        rule=can_manage,
        what="consultation",
    )


def access_section(user: User, pk: Any) -> Section:
    section = get_or_404_scoped(
        Section.objects.select_related("consultation"), pk=pk, what="consultation"
    )
    access_consultation(user, section.consultation_id)
    return section


def access_contribution(user: User, pk: Any) -> Contribution:
    contribution = get_or_404_scoped(
        Contribution.objects.select_related("consultation", "section", "organisation"),
        pk=pk,
        what="consultation",
    )
    access_consultation(user, contribution.consultation_id)
    return contribution
