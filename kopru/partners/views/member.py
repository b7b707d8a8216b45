"""The kurum area's own partner-search page: the answers the member's organisation sent."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kopru.accounts.http import OfficeRequest

from .. import selectors
from ..tokens import make_token
from .shared import context, not_a_member, own_organisation


def sent_answers(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """The answers the member's organisation sent, each with its private thread link."""
    office = request.office
    organisation_id = own_organisation(request)
    if organisation_id is None:
        return not_a_member(request)
    answers = list(selectors.sent_answers(organisation_id)[:200])
    for answer in answers:
        answer.private_url = reverse(  # type: ignore[attr-defined]
            "public:partners:thread",
            kwargs={"office_slug": office.slug, "token": make_token(answer)},
        )
    return render(request, "partners/member_sent.html", context(request, answers=answers))
