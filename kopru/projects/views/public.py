"""The office's public data bank: search, facets, project pages, districts, open data."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from kopru.accounts.http import PublicRequest
from kopru.calls.selectors import catalogue_call_for_identifier
from kopru.core.access import get_or_404_scoped

from .. import selectors
from ..exports import PUBLIC_COLUMNS, csv_response, json_response, xlsx_response


def _published(request: PublicRequest) -> Any:
    filters = selectors.ProjectFilters.from_params(request.GET)
    filters.published = ""
    return filters, selectors.project_list(filters=filters, published_only=True)


def databank(request: PublicRequest, office_slug: str) -> HttpResponse:
    filters, qs = _published(request)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/public_list.html",
        {
            "page": page,
            "filters": filters,
            "facets": selectors.facets(qs),
            "query": request.GET.urlencode(),
        },
    )


def public_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    project = get_or_404_scoped(selectors.project_page(), pk=pk)
    return render(
        request,
        "projects/public_detail.html",
        {
            "project": project,
            **selectors.public_project_parts(project),
            "catalogue_call": catalogue_call_for_identifier(
                project.office, project.call_identifier
            ),
        },
    )


def districts(request: PublicRequest, office_slug: str) -> HttpResponse:
    _filters, qs = _published(request)
    return render(request, "projects/public_districts.html", {"rows": selectors.district_table(qs)})


def open_data(request: PublicRequest, office_slug: str, fmt: str) -> Any:
    if fmt not in ("csv", "json", "xlsx"):
        raise Http404("format")
    _filters, qs = _published(request)
    name = f"projeler-{office_slug}.{fmt}"
    if fmt == "csv":
        return csv_response(qs, PUBLIC_COLUMNS, name)
    if fmt == "json":
        return json_response(qs, PUBLIC_COLUMNS, name)
    return xlsx_response(qs, PUBLIC_COLUMNS, name)
