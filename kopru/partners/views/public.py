"""Public pages of the partner search: the catalogue, a post's page with the answer form,
and the responder's private thread (its signed link is the key)."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopru.accounts.http import PublicRequest, signed_in_user
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import client_ip, rate_limit_hit
from kopru.organisations.models import OrganisationType

from .. import permissions, selectors, services
from ..countries import country_choices
from ..forms import KVKK_TEXT, AnswerForm, ReplyForm
from ..models import Answer, PartnerSearch, PostKind, Side
from ..tokens import make_token, read_token, token_matches

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


def add_errors(form: Any, exc: ApplicationError) -> None:
    fields = exc.extra.get("fields") or {}
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)
    if not fields:
        form.add_error(None, exc.message)


# --- public -----------------------------------------------------------------


def public_list(request: PublicRequest, office_slug: str) -> HttpResponse:
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


def _public_post(request: PublicRequest, pk: int) -> tuple[PartnerSearch, bool]:
    """The post and whether it is still listed (a closed or expired post of this office
    is shown as such)."""
    found = selectors.post_for_public_page(request.office, pk)
    if found is None:
        raise Http404("partner search")
    return found


def _answer_initial(request: PublicRequest) -> dict[str, Any]:
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


def _sent_answer_url(request: PublicRequest, post: PartnerSearch) -> str:
    """A signed-in member whose organisation already answered gets its thread instead."""
    user = signed_in_user(request)
    if user is None or not user.is_institution_member or not user.organisation_id:
        return ""
    answer = selectors.organisation_answer(post, user.organisation_id)
    if answer is None:
        return ""
    return reverse(
        "public:partners:thread",
        kwargs={"office_slug": post.office.slug, "token": make_token(answer)},
    )


def public_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
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
                        actor=signed_in_user(request),
                        consent_text=str(KVKK_TEXT),
                        language=_lang(),
                    )
                except ApplicationError as exc:
                    add_errors(form, exc)
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


def _answer_from_token(request: PublicRequest, token: str) -> Answer:
    # The signed token is what authorises the responder: it names one answer of this office.
    found = read_token(token)
    answer = selectors.answer_for_link(request.office, found[0]) if found else None
    if answer is None or not found or not token_matches(answer, found[1]):
        raise Http404("answer")
    return answer


def public_thread(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
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
            user = signed_in_user(request)
            try:
                services.message_post(
                    answer=answer,
                    side=Side.RESPONDER,
                    body=form.cleaned_data["body"],
                    actor=user if user and user.pk == answer.responder_user_id else None,
                )
            except ApplicationError as exc:
                add_errors(form, exc)
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


def home_section_context(request: PublicRequest, office: Any) -> dict[str, Any]:
    return {"partner_posts": selectors.latest_open(4)}
