"""The kurum area of the guidance desk: an institution member's own requests."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kopru.accounts.http import OfficeRequest

from .. import selectors


def member_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    page = Paginator(selectors.member_cases(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "guidance/member_list.html", {"page": page})
