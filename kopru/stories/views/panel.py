"""The expert's pages: stories and candidates, drafting from projects, editing, quotes,
publishing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only, requires
from kopru.core.errors import ApplicationError
from kopru.core.forms import ImageUploadForm
from kopru.core.images import image_response
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import selectors, services
from ..forms import DraftForm, QuoteForm, StoryForm
from ..models import Quote, Story, StoryStatus
from ..permissions import access_photo, access_quote, access_story, can_write_stories


def _detail_url(request: OfficeRequest, story: Story) -> str:
    return reverse(
        "panel:stories:detail", kwargs={"office_slug": request.office.slug, "pk": story.pk}
    )


@requires(can_write_stories)
def story_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    status = request.GET.get("durum", "")
    status = status if status in StoryStatus.values else ""
    initial = {}
    project = request.GET.get("proje", "")
    if project.isdigit() and len(project) < 10:
        initial["projects"] = [int(project)]
    listing = paged_list(
        request,
        selectors.staff_stories(status=status),
        sorts=selectors.PANEL_SORTS,
        default="status",
    )
    return render(
        request,
        "stories/panel_list.html",
        {
            "stories": listing.page.object_list,
            "page": listing.page,
            "listing": listing,
            "status": status,
            "statuses": StoryStatus.choices,
            "candidates": selectors.story_candidates(),
            "form": DraftForm(initial=initial),
        },
    )


@requires(can_write_stories)
def story_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    form = DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_draft(
                office=request.office,
                projects=list(form.cleaned_data["projects"]),
                label=form.cleaned_data["label"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Taslak projelerin bilgilerinden hazırlandı."))
            return redirect("panel:stories:edit", office_slug=office_slug, pk=story.pk)
    return render(
        request,
        "stories/panel_draft.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _detail(
    request: OfficeRequest,
    story: Story,
    *,
    quote_form: QuoteForm | None = None,
    photo_form: ImageUploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "stories/panel_detail.html",
        {
            "story": story,
            "facts": selectors.facts_display(story.facts),
            "quotes": list(Quote.objects.filter(story=story)),
            "quote_form": quote_form or QuoteForm(),
            "photo_form": photo_form or ImageUploadForm(),
            "photos": selectors.story_photos(story),
            "projects": list(story.projects.order_by("title_sort")),
        },
        status=status,
    )


def story_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _detail(request, access_story(request.user, pk))


def story_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    story = access_story(request.user, pk, for_="edit")
    form = StoryForm(request.POST or None, instance=story)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.story_update(
            story=fresh_copy(story), data=data, actor=request.user, expected_version=version
        ),
        template="stories/panel_form.html",
        context={"story": story, "facts": selectors.facts_display(story.facts)},
        success_url=_detail_url(request, story),
        success_message=_("Hikâye kaydedildi."),
    )


def _action(request: OfficeRequest, pk: int, run: object, done: str) -> HttpResponse:
    story = access_story(request.user, pk, for_="publish")
    try:
        run(story=story, actor=request.user)  # type: ignore[operator]
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(_detail_url(request, story))


@post_only(Story)
def story_publish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _action(request, pk, services.story_publish, _("Hikâye yayımlandı."))


@post_only(Story)
def story_unpublish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _action(request, pk, services.story_unpublish, _("Hikâye taslağa alındı."))


@post_only(Story)
def story_archive(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _action(request, pk, services.story_archive, _("Hikâye arşivlendi."))


@post_only(Story)
def story_refresh(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _action(request, pk, services.story_refresh_facts, _("Proje bilgileri yeniden alındı."))


@post_only(Story)
def quote_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    story = access_story(request.user, pk, for_="edit")
    form = QuoteForm(request.POST)
    if form.is_valid():
        try:
            services.quote_add(
                story=story,
                data=form.cleaned_data,
                consent=form.cleaned_data["consent"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Alıntı eklendi."))
            return redirect(_detail_url(request, story))
    return _detail(request, story, quote_form=form, status=400)


@post_only(Story)
def quote_remove(request: OfficeRequest, office_slug: str, pk: int, quote_pk: int) -> HttpResponse:
    story = access_story(request.user, pk, for_="edit")
    quote = access_quote(request.user, quote_pk, story=story)
    services.quote_remove(quote=quote, actor=request.user)
    messages.success(request, _("Alıntı kaldırıldı."))
    return redirect(_detail_url(request, story))


@post_only(Story)
def photo_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    story = access_story(request.user, pk, for_="edit")
    form = ImageUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.story_photo_add(story=story, upload=form.upload_kwargs(), actor=request.user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Fotoğraf yüklendi; boyutları hazırlanıyor."))
            return redirect(_detail_url(request, story))
    return _detail(request, story, photo_form=form, status=400)


@post_only(Story)
def photo_remove(request: OfficeRequest, office_slug: str, pk: int, photo_pk: int) -> HttpResponse:
    story = access_story(request.user, pk, for_="edit")
    photo = access_photo(request.user, photo_pk, story=story)
    services.story_photo_remove(photo=photo, actor=request.user)
    messages.success(request, _("Fotoğraf kaldırıldı."))
    return redirect(_detail_url(request, story))


def photo_file(
    request: OfficeRequest, office_slug: str, photo_pk: int, rendition: str
) -> HttpResponseBase:
    photo = access_photo(request.user, photo_pk)
    return image_response(photo.image, rendition, public=False)
