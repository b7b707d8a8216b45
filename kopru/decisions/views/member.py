"""The kurum area: the decisions the member's organisation owns."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from kopru.accounts.http import OfficeRequest

from .. import permissions, selectors


def member_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    organisation_id = permissions.member_organisation_id(request.user, request.office.pk)
    if organisation_id is None:
        if permissions.is_staff_of(request.user, request.office):
            return redirect("panel:decisions:list", office_slug=request.office.slug)
        raise Http404("organisation")
    filters = selectors.DecisionFilters.from_params(request.GET)
    qs = selectors.managed_decisions(filters, owner_id=organisation_id)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "decisions/member_list.html", {"page": page, "filters": filters})
