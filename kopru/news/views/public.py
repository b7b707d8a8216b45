from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render

from kopru.accounts.http import PublicRequest
from kopru.core.images import image_response, pdf_response

from .. import selectors
from ..models import SLUG_CATEGORIES, Category


def public_list(request: PublicRequest, office_slug: str) -> HttpResponse:
    filters = selectors.PublicFilters.from_params(request.GET)
    qs = selectors.public_news(request.office, filters)
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    category_slug = request.GET.get("kategori", "")
    return render(
        request,
        "news/public_list.html",
        {
            "page": page,
            "filters": filters,
            "category_slug": category_slug if category_slug in SLUG_CATEGORIES else "",
            "category_label": Category(filters.category).label if filters.category else "",
            "categories": selectors.categories(),
        },
    )


def public_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    news = selectors.public_item(request.office, pk)
    if news is None:
        raise Http404("news")
    return render(
        request,
        "news/public_detail.html",
        {
            "news": news,
            "gallery": selectors.gallery(news),
            "attachments": selectors.attachments(news),
        },
    )


def public_photo(
    request: PublicRequest, office_slug: str, pk: int, image: int, rendition: str
) -> FileResponse:
    """A photo of a public news item only (its cover or gallery), never by file name."""
    news = selectors.public_item(request.office, pk)
    photo = selectors.public_image(news, image) if news is not None else None
    if photo is None:
        raise Http404("image")
    return image_response(photo, rendition, public=True)


def public_attachment(
    request: PublicRequest, office_slug: str, pk: int, attachment: int
) -> FileResponse:
    news = selectors.public_item(request.office, pk)
    found = (
        next((a for a in selectors.attachments(news) if a.pk == attachment), None)
        if news is not None
        else None
    )
    if found is None:
        raise Http404("attachment")
    return pdf_response(found.file, filename=f"{found.title[:80]}.pdf")
