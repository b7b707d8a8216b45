"""The public digest: subscribe (double opt-in), confirm, one-click unsubscribe."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from kopru.accounts.http import PublicRequest
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import rate_limited

from .. import selectors, services
from ..forms import DIGEST_CONSENT_TEXT, DigestForm

SUBSCRIBE_LIMIT, SUBSCRIBE_PERIOD = 5, 600
PRIVATE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}


def _topics() -> list[tuple[str, str]]:
    return [(t.key, str(t.label)) for t in services.digest_topics()]


@rate_limited("news.digest", limit=SUBSCRIBE_LIMIT, period=SUBSCRIBE_PERIOD)
def subscribe(request: PublicRequest, office_slug: str) -> HttpResponse:
    form = DigestForm(request.POST or None, topics=_topics())
    if request.method == "POST" and form.is_valid():
        try:
            services.digest_subscribe(
                office=request.office,
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                frequency=form.cleaned_data["frequency"],
                language=(get_language() or "tr")[:2],
                consent_text=str(DIGEST_CONSENT_TEXT),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return render(
                request,
                "news/digest_message.html",
                {
                    "heading": _("E-postanızı kontrol edin"),
                    "text": _(
                        "Aboneliği başlatmak için size gönderdiğimiz iletideki bağlantıyı "
                        "açın. Onaylamadığınız sürece bülten gönderilmez."
                    ),
                },
            )
    return render(request, "news/digest_form.html", {"form": form})


def confirm(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    sub = selectors.digest_by_token(request.office, token)
    if sub is None:
        raise Http404("subscription")
    services.digest_confirm(subscription=sub)
    response = render(
        request,
        "news/digest_message.html",
        {
            "heading": _("Aboneliğiniz başladı"),
            "text": _("Seçtiğiniz konulardaki yenilikleri size e-postayla göndereceğiz."),
        },
    )
    for header, value in PRIVATE.items():
        response[header] = value
    return response


@csrf_exempt  # the mail client's one-click POST (RFC 8058) carries no CSRF token
def unsubscribe(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    sub = selectors.digest_by_token(request.office, token)
    if sub is None:
        raise Http404("subscription")
    services.digest_unsubscribe(subscription=sub)
    response = render(
        request,
        "news/digest_message.html",
        {
            "heading": _("Abonelikten çıktınız"),
            "text": _("Size artık bülten göndermeyeceğiz."),
        },
    )
    for header, value in PRIVATE.items():
        response[header] = value
    return response
