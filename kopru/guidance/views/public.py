"""The public side of the guidance desk: the request form (an institution member files
from their account) and the requester's private follow-up page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopru.accounts.http import PublicRequest, signed_in_user
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import client_ip, rate_limit_hit

from .. import selectors, services
from ..forms import KVKK_TEXT, PublicRequestForm, RequesterMessageForm
from ..permissions import can_file_as_member

# A burst from one address is slowed: at most this many requests per hour.
REQUESTS_PER_HOUR = 5
MESSAGES_PER_HOUR = 20


def _lang() -> str:
    return (get_language() or "tr")[:2]


def _too_many(request: HttpRequest, scope: str, limit: int) -> int:
    """Seconds to wait when this address went over ``limit`` per hour, else 0."""
    result = rate_limit_hit(scope, client_ip(request), limit=limit, period=3600)
    return 0 if result.allowed else result.retry_after


def _slowed_message(retry_after: int) -> str:
    minutes = max(1, (retry_after + 59) // 60)
    return _(
        "Bu adresten kısa sürede çok sayıda gönderim yapıldı. Lütfen {n} dakika sonra "
        "yeniden deneyin; acil durumlarda ofisi telefonla arayabilirsiniz."
    ).format(n=minutes)


# --- public ------------------------------------------------------------------------


def public_request(request: PublicRequest, office_slug: str) -> HttpResponse:
    office = request.office
    user = signed_in_user(request)
    member = user if user is not None and can_file_as_member(user, office) else None
    form = PublicRequestForm(request.POST or None, member=member)
    call = selectors.call_asked_about(request.POST.get("cagri") or request.GET.get("cagri") or "")
    status = 200
    if request.method == "POST":
        wait = _too_many(request, "guidance.request", REQUESTS_PER_HOUR)
        if wait:
            form.is_valid()
            form.add_error(None, _slowed_message(wait))
            response = render(
                request, "guidance/public_request.html", {"form": form, "call": call}, status=429
            )
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            try:
                case = services.case_submit(
                    office=office,
                    data={**form.case_data(), "call": call},
                    consent_text=str(KVKK_TEXT),
                    language=_lang(),
                    requester_user=member,
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "Talebiniz alındı. Başvuru numaranız {ref}. Bu sayfanın adresini "
                        "saklayın: talebinizi buradan izleyebilirsiniz; bağlantıyı e-postayla da "
                        "gönderdik."
                    ).format(ref=case.reference),
                )
                return redirect(
                    "public:guidance:follow", office_slug=office.slug, token=case.private_token
                )
        else:
            status = 400
    return render(
        request, "guidance/public_request.html", {"form": form, "call": call}, status=status
    )


def public_follow(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    """The requester's private page: status, the public timeline, and a reply box."""
    office = request.office
    case = selectors.case_for_token(office, token)
    if case is None:
        raise Http404("case link")
    form = RequesterMessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        wait = _too_many(request, "guidance.message", MESSAGES_PER_HOUR)
        if wait:
            form.is_valid()
            form.add_error(None, _slowed_message(wait))
            status = 429
        elif form.is_valid():
            try:
                services.case_requester_message(case=case, body=form.cleaned_data["body"])
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                messages.success(request, _("Mesajınız uzmanımıza iletildi."))
                return redirect(request.path)
        else:
            status = 400
    response = render(
        request,
        "guidance/public_follow.html",
        {"case": case, "timeline": selectors.case_timeline(case, public_only=True), "form": form},
        status=status,
    )
    # The address is the key to the page: keep it out of caches and search engines
    # (the site-wide Referrer-Policy "same-origin" keeps it from other sites' logs).
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
