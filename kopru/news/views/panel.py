from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only
from kopru.core.audit import history_for
from kopru.core.errors import ApplicationError
from kopru.core.images import image_response, image_update, pdf_response
from kopru.core.lists import paged_list
from kopru.core.models import StoredImage
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import permissions, selectors, services
from ..forms import AttachmentForm, ConsentForm, NewsForm, NewsPhotoForm, PublishForm
from ..models import NewsAttachment, NewsItem


def _detail_url(news: NewsItem) -> str:
    return reverse("panel:news:detail", kwargs={"office_slug": news.office.slug, "pk": news.pk})


def news_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    status = request.GET.get("durum", "")
    listing = paged_list(
        request, selectors.panel_news(status), sorts=selectors.PANEL_SORTS, default="-updated"
    )
    return render(
        request,
        "news/panel_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "status": status,
            "counts": selectors.panel_counts(),
        },
    )


def news_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            news = services.news_create(
                actor=request.user, office=request.office, data=form.changed_data_dict()
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Haber taslak olarak kaydedildi."))
            return redirect(_detail_url(news))
    return render(request, "news/panel_form.html", {"form": form, "news": None})


def news_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk)
    return render(
        request,
        "news/panel_detail.html",
        {
            "news": news,
            "gallery": selectors.gallery(news),
            "attachments": selectors.attachments(news),
            "publish_form": PublishForm(initial={"expire_at": news.expire_at}),
            "photo_form": NewsPhotoForm(),
            "attachment_form": AttachmentForm(),
            "history": history_for(news)[:10],
        },
    )


def news_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="edit")
    form = NewsForm(request.POST or None, instance=news)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.news_update(
            actor=request.user, news=fresh_copy(news), data=data, expected_version=version
        ),
        template="news/panel_form.html",
        context={"news": news},
        success_url=_detail_url(news),
        success_message=_("Haber kaydedildi."),
    )


def _act(request: OfficeRequest, news: NewsItem, action: object, done: str) -> HttpResponse:
    try:
        action()  # type: ignore[operator]
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(_detail_url(news))


@post_only(NewsItem)
def news_publish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="publish")
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yayın zamanını YYYY-AA-GG SS:DD biçiminde yazın."))
        return redirect(_detail_url(news))
    when = form.cleaned_data["publish_at"]
    return _act(
        request,
        news,
        lambda: services.news_publish(
            actor=request.user,
            news=news,
            publish_at=when,
            expire_at=form.cleaned_data["expire_at"],
        ),
        _("Haber zamanlandı.") if when else _("Haber yayımlandı."),
    )


@post_only(NewsItem)
def news_unpublish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="publish")
    return _act(
        request,
        news,
        lambda: services.news_unpublish(actor=request.user, news=news),
        _("Haber taslağa alındı."),
    )


@post_only(NewsItem)
def news_archive(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="publish")
    return _act(
        request,
        news,
        lambda: services.news_archive(actor=request.user, news=news),
        _("Haber arşivlendi."),
    )


@post_only(NewsItem)
def news_feature(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="publish")
    featured = request.POST.get("featured") == "1"
    return _act(
        request,
        news,
        lambda: services.news_set_featured(actor=request.user, news=news, featured=featured),
        _("Haber öne çıkarıldı.") if featured else _("Haber öne çıkanlardan kaldırıldı."),
    )


@post_only(NewsItem)
def photo_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="edit")
    form = NewsPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(e) for e in errors)
            messages.error(request, f"{label}: {text}" if label else text)
        return redirect(_detail_url(news) + "#photos")
    return _act(
        request,
        news,
        lambda: services.news_image_add(
            actor=request.user, news=news, role=form.cleaned_data["role"], **form.upload_kwargs()
        ),
        _("Fotoğraf yüklendi; boyutları arka planda hazırlanıyor."),
    )


@post_only(StoredImage, arg="image")
def photo_consent(request: OfficeRequest, office_slug: str, pk: int, image: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="edit")
    photo = permissions.access_image(request.user, image)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alternatif metni yazın."))
        return redirect(_detail_url(news) + "#photos")
    return _act(
        request,
        news,
        lambda: image_update(actor=request.user, image=photo, data=form.cleaned_data),
        _("Fotoğraf bilgileri kaydedildi."),
    )


@post_only(StoredImage, arg="image")
def photo_remove(request: OfficeRequest, office_slug: str, pk: int, image: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="edit")
    photo = permissions.access_image(request.user, image)
    return _act(
        request,
        news,
        lambda: services.news_image_remove(actor=request.user, news=news, image=photo),
        _("Fotoğraf kaldırıldı."),
    )


def photo_file(
    request: OfficeRequest, office_slug: str, image: int, rendition: str
) -> FileResponse:
    photo = permissions.access_image(request.user, image)
    return image_response(photo, rendition, public=False)


@post_only(NewsItem)
def attachment_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    news = permissions.access_news(request.user, pk, for_="edit")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Belgenin adını yazıp bir PDF dosyası seçin."))
        return redirect(_detail_url(news) + "#attachments")
    return _act(
        request,
        news,
        lambda: services.news_attachment_add(
            actor=request.user,
            news=news,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
        ),
        _("Belge eklendi."),
    )


@post_only(NewsAttachment)
def attachment_remove(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    attachment = permissions.access_attachment(request.user, pk)
    news = attachment.news
    return _act(
        request,
        news,
        lambda: services.news_attachment_remove(actor=request.user, attachment=attachment),
        _("Belge kaldırıldı."),
    )


def attachment_file(request: OfficeRequest, office_slug: str, pk: int) -> FileResponse:
    attachment = permissions.access_attachment(request.user, pk)
    return pdf_response(attachment.file, filename=f"{attachment.title[:80]}.pdf")
