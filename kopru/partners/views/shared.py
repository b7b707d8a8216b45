"""The pages the kurum area and the panel share (the area decides the base template and
the rules): the list of posts, a post's form and page, closing and reopening, an
answer's thread, and the post form's search boxes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import get_or_404_scoped, requires
from kopru.core.errors import ApplicationError
from kopru.core.lists import paged_list
from kopru.core.search import fulltext_filter
from kopru.core.viewmixins import fresh_copy, handle_versioned_form
from kopru.core.views import lookup_options
from kopru.organisations.models import Organisation
from kopru.organisations.selectors import organisation_list

from .. import permissions, selectors, services
from ..forms import PostForm, ReplyForm, selectable_calls
from ..models import PostState, Side
from ..permissions import access_answer, access_post, authorise_lookup
from .public import add_errors


def area(request: OfficeRequest) -> str:
    match = request.resolver_match
    return match.namespaces[0] if match and match.namespaces else "panel"


def area_url(request: OfficeRequest, name: str, **kwargs: Any) -> str:
    return reverse(
        f"{area(request)}:partners:{name}", kwargs={"office_slug": request.office.slug, **kwargs}
    )


def context(request: OfficeRequest, **extra: Any) -> dict[str, Any]:
    return {
        "base_template": "member_base.html" if area(request) == "kurum" else "panel_base.html",
        "area": area(request),
        "is_staff": permissions.is_staff_of(request.user, request.office),
        **extra,
    }


def own_organisation(request: OfficeRequest) -> int | None:
    """In the kurum area a member's lists are their organisation's."""
    if area(request) == "kurum":
        return permissions.member_organisation_id(request.user, request.office)
    return None


def not_a_member(request: OfficeRequest) -> HttpResponse:
    """The kurum area's pages are an organisation's: staff are sent to their panel's."""
    if permissions.is_staff_of(request.user, request.office):
        return redirect("panel:partners:list", office_slug=request.office.slug)
    raise Http404("organisation")


def post_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    organisation_id = own_organisation(request)
    q = request.GET.get("q", "").strip()[:200]
    state = request.GET.get("durum", "")
    state = state if state in PostState.values else ""
    if area(request) == "kurum":
        if organisation_id is None:
            return not_a_member(request)
    else:
        kurum = request.GET.get("kurum", "")
        organisation_id = int(kurum) if kurum.isdigit() and len(kurum) < 10 else None
    qs = selectors.managed_posts(organisation_id=organisation_id, q=q, state=state)
    listing = paged_list(request, qs, sorts=selectors.POST_SORTS, default="-created")
    return render(
        request,
        "partners/manage_list.html",
        context(
            request,
            page=listing.page,
            listing=listing,
            q=q,
            state=state,
            states=PostState.choices,
            organisations=selectors.organisations_with_posts() if area(request) == "panel" else [],
            organisation_id=organisation_id,
        ),
    )


@requires(permissions.can_create_post)
def post_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    member_org = own_organisation(request)
    on_behalf = member_org is None
    if area(request) == "kurum" and on_behalf:
        return redirect("panel:partners:create", office_slug=office.slug)
    form = PostForm(
        request.POST or None, office=office, area=area(request), choose_organisation=on_behalf
    )
    if request.method == "POST" and form.is_valid():
        organisation = (
            form.cleaned_data["organisation"]
            if on_behalf
            else get_or_404_scoped(Organisation, pk=member_org)
        )
        try:
            post = services.post_create(
                office=office,
                organisation=organisation,
                data=form.changed_data_dict(),
                actor=request.user,
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("İlan yayımlandı."))
            return redirect(area_url(request, "detail", pk=post.pk))
    return render(request, "partners/manage_form.html", context(request, form=form, post=None))


def post_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    post = access_post(request.user, pk)
    form = PostForm(request.POST or None, instance=post, office=request.office, area=area(request))
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.post_update(
            post=fresh_copy(post), data=data, actor=request.user, expected_version=version
        ),
        template="partners/manage_form.html",
        context=context(request, post=post),
        success_url=area_url(request, "detail", pk=post.pk),
        success_message=_("İlan kaydedildi."),
    )


def post_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    post = access_post(request.user, pk)
    return render(
        request,
        "partners/manage_detail.html",
        context(
            request,
            post=post,
            answers=list(selectors.post_answers(post)),
            can_reopen=permissions.can_reopen_post(request.user, post),
            show_contact=area(request) == "panel"
            and permissions.can_see_contact_details(request.user, post),
        ),
    )


def _state_change(request: OfficeRequest, pk: int, change: Any, done: str) -> HttpResponse:
    post = access_post(request.user, pk)  # another office's or organisation's post: 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        change(post=post, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(area_url(request, "detail", pk=post.pk))


def post_close(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _state_change(request, pk, services.post_close, _("İlan kapatıldı; artık yanıt almaz."))


def post_reopen(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _state_change(request, pk, services.post_reopen, _("İlan yeniden açıldı."))


def answer_thread(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    answer = access_answer(request.user, pk)
    user = request.user
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_post(
                    answer=answer, side=Side.POSTER, body=form.cleaned_data["body"], actor=user
                )
            except ApplicationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Yanıtınız gönderildi."))
                return redirect(area_url(request, "answer", pk=answer.pk))
        else:
            status = 400
    elif area(request) == "kurum" or answer.post.created_by_id == user.pk:
        services.answer_mark_seen(answer=answer, side=Side.POSTER)
    return render(
        request,
        "partners/manage_answer.html",
        context(
            request,
            answer=answer,
            post=answer.post,
            thread=selectors.thread(answer),
            form=form,
            viewer_side=Side.POSTER,
            # Members speak for the organisation ("you"); staff read it from outside.
            own_side=Side.POSTER if area(request) == "kurum" else "",
            show_contact=area(request) == "panel"
            and permissions.can_see_contact_details(user, answer.post),
        ),
        status=status,
    )


LOOKUP_LIMIT = 20


def lookup(request: OfficeRequest, office_slug: str, kind: str) -> HttpResponse:
    """``<option>`` elements matching ``?_lookup=`` for the post form's LookupSelects."""
    authorise_lookup(request.user, request.office, kind)
    q = request.GET.get("_lookup", "").strip()[:100]
    found: list[Any] = []
    if q and kind == "cagri":
        found = list(fulltext_filter(selectable_calls(request.office), q)[:LOOKUP_LIMIT])
    elif q:
        found = list(organisation_list(q=q)[:LOOKUP_LIMIT])
    return lookup_options(found, q)
