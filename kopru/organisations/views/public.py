"""The public stakeholder directory: published organisations, public fields only."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kopru.accounts.http import PublicRequest
from kopru.core.access import get_or_404_scoped

from .. import selectors
from ..models import OrganisationType
from .common import int_or_none

PAGE_SIZE = 20


def directory(request: PublicRequest, office_slug: str) -> HttpResponse:
    office = request.office
    q = request.GET.get("q", "").strip()[:200]
    org_type = request.GET.get("tur", "")
    org_type = org_type if org_type in OrganisationType.values else ""
    districts = selectors.districts_of(office)
    district_id = int_or_none(request.GET.get("ilce"))
    if district_id not in {d.pk for d in districts}:
        district_id = None
    qs = selectors.directory_search(q=q, type=org_type, district_id=district_id)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/public_list.html",
        {
            "page": page,
            "q": q,
            "type": org_type,
            "district_id": district_id,
            "types": OrganisationType.choices,
            "districts": districts,
        },
    )


def public_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    organisation = get_or_404_scoped(selectors.organisation_page(), pk=pk)
    return render(
        request,
        "organisations/public_detail.html",
        {
            "organisation": organisation,
            "projects": selectors.published_projects(organisation),
        },
    )
