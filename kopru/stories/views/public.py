"""The office's public stories: the listing with facets and a story's page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from kopru.accounts.http import PublicRequest
from kopru.core.access import get_or_404_scoped
from kopru.core.images import image_response

from .. import selectors
from ..models import Label, StoryPhoto
from ..selectors import StoryFilters

PAGE_SIZE = 12


def public_list(request: PublicRequest, office_slug: str) -> HttpResponse:
    filters = StoryFilters.from_query(request.GET)
    base = selectors.public_stories()
    searched = selectors.filter_stories(base, StoryFilters(q=filters.q))
    qs = selectors.filter_stories(base, filters)
    page = Paginator(qs.only(*selectors.LIST_FIELDS), PAGE_SIZE).get_page(filters.page)
    covers = selectors.covers(list(page))
    for story in page:
        story.cover = covers.get(story.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "stories/public_list.html",
        {
            "page": page,
            "filters": filters,
            "facets": selectors.facets(searched, filters),
            "labels": Label.choices,
        },
    )


def public_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    story = selectors.public_story(pk)
    if story is None:
        raise Http404("story")
    return render(
        request,
        "stories/public_detail.html",
        {
            "story": story,
            "facts": selectors.facts_display(story.facts),
            "quotes": selectors.public_quotes(story),
            "public_projects": selectors.published_projects_of(story),
            "photos": selectors.story_photos(story, public=True),
        },
    )


def photo_file(
    request: PublicRequest, office_slug: str, photo_pk: int, rendition: str
) -> HttpResponseBase:
    photo = get_or_404_scoped(StoryPhoto.objects.select_related("image"), pk=photo_pk)
    return image_response(photo.image, rendition, public=True)
