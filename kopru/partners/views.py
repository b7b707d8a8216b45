"""Public pages (catalogue, post and answer form, the responder's private thread) and the
pages the kurum and panel areas share (the area decides the base template and the rules)."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import client_ip, rate_limit_hit
from kopru.core.search import fulltext_filter
from kopru.core.viewmixins import fresh_copy, handle_versioned_form
from kopru.core.views import lookup_options
from kopru.organisations.models import Organisation, OrganisationType
from kopru.organisations.selectors import organisation_list

from . import permissions, selectors, services
from .countries import country_choices
from .forms import KVKK_TEXT, AnswerForm, PostForm, ReplyForm, selectable_calls
from .models import Answer, PartnerSearch, PostKind, PostState, Side
from .tokens import make_token, read_token, token_matches

# A burst of answers or replies from one address is refused (HTTP 429).
ANSWER_LIMIT, ANSWER_PERIOD = 5, 600
REPLY_LIMIT, REPLY_PERIOD = 20, 600

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


def _lang() -> str:
    return (get_language() or "tr")[:2]


def _rate_limited(request: HttpRequest, scope: str, limit: int, period: int) -> int:
    """0 when allowed, otherwise the minutes to wait."""
    result = rate_limit_hit(scope, client_ip(request), limit=limit, period=period)
    return 0 if result.allowed else max(1, math.ceil(result.retry_after / 60))


def _add_errors(form: Any, exc: ApplicationError) -> None:
    fields = exc.extra.get("fields") or {}
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)
    if not fields:
        form.add_error(None, exc.message)


# --- public -----------------------------------------------------------------


def public_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    filters = selectors.PostFilters.from_params(request.GET)
    page = Paginator(selectors.public_posts(filters), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/public_list.html",
        {
            "page": page,
            "filters": filters,
            "kinds": PostKind.choices,
            "countries": country_choices(),
            "organisation_types": OrganisationType.choices,
            "options": selectors.public_filter_options(),
        },
    )


def _public_post(request: HttpRequest, pk: int) -> tuple[PartnerSearch, bool]:
    """The post and whether it is still listed; a closed or expired post of this office
    is shown as such (its page may be bookmarked or linked from an e-mail)."""
    related = ("organisation", "call", "office")
    post = PartnerSearch.objects.select_related(*related).filter(pk=pk).first()
    if post is not None:
        return post, True
    office = request.office  # type: ignore[attr-defined]
    post = PartnerSearch._base_manager.select_related(*related).filter(pk=pk, office=office).first()
    if post is None:
        raise Http404("partner search")
    return post, False


def _answer_initial(request: HttpRequest) -> dict[str, Any]:
    """A signed-in institution member answers with their name and organisation filled in."""
    user: Any = request.user
    if not user.is_authenticated:
        return {}
    initial = {"responder_name": user.get_full_name(), "email": user.email}
    organisation = user.organisation if user.is_institution_member else None
    if organisation is not None:
        initial.update(
            organisation_name=organisation.name,
            organisation_type=organisation.type,
            country=organisation.country,
        )
    return initial


def _sent_answer_url(request: HttpRequest, post: PartnerSearch) -> str:
    """A signed-in member whose organisation already answered gets its thread instead."""
    user: Any = request.user
    if not getattr(user, "is_institution_member", False) or not user.organisation_id:
        return ""
    answer = Answer._base_manager.filter(
        post=post, responder_organisation_id=user.organisation_id, erased_at__isnull=True
    ).first()
    if answer is None:
        return ""
    return reverse(
        "public:partners:thread",
        kwargs={"office_slug": post.office.slug, "token": make_token(answer)},
    )


def public_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    post, listed = _public_post(request, pk)
    sent_url = _sent_answer_url(request, post) if listed else ""
    can_answer = listed and not sent_url and permissions.can_answer(request.user, post)
    initial = _answer_initial(request)
    form = AnswerForm(initial=initial)
    status = 410 if post.closed_by_staff and not listed else 200
    wait = 0
    if request.method == "POST" and can_answer:
        wait = _rate_limited(request, "partners.answer", ANSWER_LIMIT, ANSWER_PERIOD)
        if wait:
            # Keep what the person wrote, but accept nothing until the window ends.
            keep = {k: v for k, v in request.POST.items() if k in AnswerForm.base_fields}
            form = AnswerForm(initial={**keep, "consent": False})
            status = 429
        else:
            form = AnswerForm(request.POST, initial=initial)
            status = 400
            if form.is_valid():
                try:
                    answer = services.answer_create(
                        post_id=post.pk,
                        data=form.cleaned_data,
                        actor=request.user,
                        consent_text=str(KVKK_TEXT),
                        language=_lang(),
                    )
                except ApplicationError as exc:
                    _add_errors(form, exc)
                else:
                    url = reverse(
                        "public:partners:thread",
                        kwargs={"office_slug": office_slug, "token": make_token(answer)},
                    )
                    return redirect(f"{url}?yeni=1")
    elif request.method == "POST":  # closed, expired or the poster's own: nothing accepted
        status = max(status, 400)
    response = render(
        request,
        "partners/public_detail.html",
        {
            "post": post,
            "listed": listed,
            "form": form,
            "can_answer": can_answer,
            "own_post": listed
            and permissions.member_organisation_id(request.user, post.office)
            == post.organisation_id,
            "sent_url": sent_url,
            "wait_minutes": wait,
        },
        status=status,
    )
    if wait:
        response["Retry-After"] = str(wait * 60)
    return response


def _answer_from_token(request: HttpRequest, token: str) -> Answer:
    # The signed token is what authorises the responder: it names one answer of this office.
    found = read_token(token)
    office = request.office  # type: ignore[attr-defined]
    answer = (
        Answer._base_manager.select_related(
            "post", "post__organisation", "post__office", "post__call"
        )
        .filter(pk=found[0], office=office)
        .first()
        if found
        else None
    )
    if answer is None or not found or not token_matches(answer, found[1]):
        raise Http404("answer")
    return answer


def public_thread(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    answer = _answer_from_token(request, token)
    form = ReplyForm(request.POST or None)
    status = 200
    wait = 0
    if request.method == "POST":
        wait = _rate_limited(request, "partners.reply", REPLY_LIMIT, REPLY_PERIOD)
        if wait:
            form = ReplyForm(initial={"body": request.POST.get("body", "")})
            status = 429
        elif form.is_valid():
            user: Any = request.user
            try:
                services.message_post(
                    answer=answer,
                    side=Side.RESPONDER,
                    body=form.cleaned_data["body"],
                    actor=user if user.pk and user.pk == answer.responder_user_id else None,
                )
            except ApplicationError as exc:
                _add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("İletiniz gönderildi."))
                return redirect(request.path)
        else:
            status = 400
    else:
        services.answer_mark_seen(answer=answer, side=Side.RESPONDER)
    response = render(
        request,
        "partners/public_thread.html",
        {
            "answer": answer,
            "post": answer.post,
            "thread": selectors.thread(answer),
            "form": form,
            "is_new": request.GET.get("yeni") == "1",
            "private_url": request.build_absolute_uri(request.path),
            "wait_minutes": wait,
            "own_side": Side.RESPONDER,
        },
        status=status,
    )
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    if wait:
        response["Retry-After"] = str(wait * 60)
    return response


def home_section_context(request: HttpRequest, office: Any) -> dict[str, Any]:
    return {"partner_posts": selectors.latest_open(4)}


# --- kurum and panel ----------------------------------------------------------


def _area(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.namespaces[0] if match and match.namespaces else "panel"


def _url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    office = request.office  # type: ignore[attr-defined]
    return reverse(
        f"{_area(request)}:partners:{name}", kwargs={"office_slug": office.slug, **kwargs}
    )


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    office = request.office  # type: ignore[attr-defined]
    area = _area(request)
    return {
        "base_template": "member_base.html" if area == "kurum" else "panel_base.html",
        "area": area,
        "is_staff": permissions.is_staff_of(request.user, office),
        **extra,
    }


def _managed_post(request: HttpRequest, pk: int) -> PartnerSearch:
    """The post, if the user may manage it here (404 otherwise, like a missing one)."""
    post = get_object_or_404(
        PartnerSearch.objects.select_related("organisation", "call", "office", "closed_by"), pk=pk
    )
    if not permissions.can_manage_post(request.user, post):
        raise Http404("partner search")
    return post


def _managed_answer(request: HttpRequest, pk: int) -> Answer:
    answer = get_object_or_404(
        Answer.objects.select_related(
            "post", "post__organisation", "post__office", "post__call", "responder_organisation"
        ),
        pk=pk,
    )
    if not permissions.can_manage_post(request.user, answer.post):
        raise Http404("answer")
    return answer


def _own_organisation(request: HttpRequest) -> int | None:
    """In the kurum area a member's lists are their organisation's."""
    office = request.office  # type: ignore[attr-defined]
    if _area(request) == "kurum":
        return permissions.member_organisation_id(request.user, office)
    return None


def post_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    user: Any = request.user
    organisation_id = _own_organisation(request)
    q = request.GET.get("q", "").strip()[:200]
    state = request.GET.get("durum", "")
    state = state if state in PostState.values else ""
    if _area(request) == "kurum":
        if organisation_id is None:
            if permissions.is_staff_of(user, office):
                return redirect("panel:partners:list", office_slug=office.slug)
            raise Http404("organisation")
    else:
        kurum = request.GET.get("kurum", "")
        organisation_id = int(kurum) if kurum.isdigit() and len(kurum) < 10 else None
    qs = selectors.managed_posts(organisation_id=organisation_id, q=q, state=state)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    organisations = (
        Organisation.objects.filter(partner_searches__isnull=False)
        .distinct()
        .order_by("name_sort")
        .only("id", "name")
        if _area(request) == "panel"
        else []
    )
    return render(
        request,
        "partners/manage_list.html",
        _ctx(
            request,
            page=page,
            q=q,
            state=state,
            states=PostState.choices,
            organisations=organisations,
            organisation_id=organisation_id,
        ),
    )


def post_create(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    user: Any = request.user
    if not permissions.can_create_post(user, office):
        raise Http404("partner search")
    member_org = _own_organisation(request)
    on_behalf = member_org is None
    if _area(request) == "kurum" and on_behalf:
        return redirect("panel:partners:create", office_slug=office.slug)
    form = PostForm(
        request.POST or None, office=office, area=_area(request), choose_organisation=on_behalf
    )
    if request.method == "POST" and form.is_valid():
        organisation = (
            form.cleaned_data["organisation"]
            if on_behalf
            else get_object_or_404(Organisation, pk=member_org)
        )
        try:
            post = services.post_create(
                office=office, organisation=organisation, data=form.changed_data_dict(), actor=user
            )
        except ApplicationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("İlan yayımlandı."))
            return redirect(_url(request, "detail", pk=post.pk))
    return render(request, "partners/manage_form.html", _ctx(request, form=form, post=None))


def post_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    post = _managed_post(request, pk)
    form = PostForm(request.POST or None, instance=post, office=office, area=_area(request))
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.post_update(
            post=fresh_copy(post), data=data, actor=request.user, expected_version=version
        ),
        template="partners/manage_form.html",
        context=_ctx(request, post=post),
        success_url=_url(request, "detail", pk=post.pk),
        success_message=_("İlan kaydedildi."),
    )


def post_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    post = _managed_post(request, pk)
    return render(
        request,
        "partners/manage_detail.html",
        _ctx(
            request,
            post=post,
            answers=list(selectors.post_answers(post)),
            can_reopen=permissions.can_reopen_post(request.user, post),
            show_contact=_area(request) == "panel"
            and permissions.can_see_contact_details(request.user, post),
        ),
    )


def _state_change(request: HttpRequest, pk: int, change: Any, done: str) -> HttpResponse:
    post = _managed_post(request, pk)  # another office's or organisation's post: 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        change(post=post, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(_url(request, "detail", pk=post.pk))


def post_close(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _state_change(request, pk, services.post_close, _("İlan kapatıldı; artık yanıt almaz."))


def post_reopen(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _state_change(request, pk, services.post_reopen, _("İlan yeniden açıldı."))


def answer_thread(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    answer = _managed_answer(request, pk)
    user: Any = request.user
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_post(
                    answer=answer, side=Side.POSTER, body=form.cleaned_data["body"], actor=user
                )
            except ApplicationError as exc:
                _add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Yanıtınız gönderildi."))
                return redirect(_url(request, "answer", pk=answer.pk))
        else:
            status = 400
    elif _area(request) == "kurum" or answer.post.created_by_id == user.pk:
        services.answer_mark_seen(answer=answer, side=Side.POSTER)
    return render(
        request,
        "partners/manage_answer.html",
        _ctx(
            request,
            answer=answer,
            post=answer.post,
            thread=selectors.thread(answer),
            form=form,
            viewer_side=Side.POSTER,
            # Members speak for the organisation ("you"); staff read it from outside.
            own_side=Side.POSTER if _area(request) == "kurum" else "",
            show_contact=_area(request) == "panel"
            and permissions.can_see_contact_details(user, answer.post),
        ),
        status=status,
    )


def answer_link_renew(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    """Staff revoke the responder's private link; the new one goes to their address."""
    answer = _managed_answer(request, pk)  # another office's answer: 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.answer_link_renew(answer=answer, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Eski bağlantı artık açılmıyor; yenisi yanıt verenin adresine gönderildi.")
        )
    return redirect(_url(request, "answer", pk=answer.pk))


LOOKUP_LIMIT = 20


def lookup(request: HttpRequest, office_slug: str, kind: str) -> HttpResponse:
    """``<option>`` elements matching ``?_lookup=`` for the post form's LookupSelects."""
    office = request.office  # type: ignore[attr-defined]
    q = request.GET.get("_lookup", "").strip()[:100]
    found: list[Any] = []
    if kind == "cagri":
        if q:
            found = list(fulltext_filter(selectable_calls(office), q)[:LOOKUP_LIMIT])
    elif kind == "kurum" and permissions.is_staff_of(request.user, office):
        if q:
            found = list(organisation_list(q=q)[:LOOKUP_LIMIT])
    else:
        raise Http404("lookup")
    return lookup_options(found, q)


def sent_answers(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The answers the member's organisation sent, each with its private thread link."""
    office = request.office  # type: ignore[attr-defined]
    organisation_id = _own_organisation(request)
    if organisation_id is None:
        if permissions.is_staff_of(request.user, office):
            return redirect("panel:partners:list", office_slug=office.slug)
        raise Http404("organisation")
    answers = list(selectors.sent_answers(organisation_id)[:200])
    for answer in answers:
        answer.private_url = reverse(  # type: ignore[attr-defined]
            "public:partners:thread",
            kwargs={"office_slug": office.slug, "token": make_token(answer)},
        )
    return render(request, "partners/member_sent.html", _ctx(request, answers=answers))
