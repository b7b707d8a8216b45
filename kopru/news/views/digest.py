"""The public digest: subscribe (double opt-in), confirm, one-click unsubscribe (the
pages of :func:`kopru.core.subscriptions.subscription_link_views`)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopru.accounts.http import PublicRequest
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import rate_limited
from kopru.core.subscriptions import subscription_link_views

from .. import selectors, services
from ..forms import DIGEST_CONSENT_TEXT, DigestForm

SUBSCRIBE_LIMIT, SUBSCRIBE_PERIOD = 5, 600


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


confirm, unsubscribe = subscription_link_views(
    find=selectors.digest_by_token,
    confirm=lambda sub: services.digest_confirm(subscription=sub),
    unsubscribe=lambda sub: services.digest_unsubscribe(subscription=sub),
    template="news/digest_message.html",
    confirmed=lambda sub: {
        "heading": _("Aboneliğiniz başladı"),
        "text": _("Seçtiğiniz konulardaki yenilikleri size e-postayla göndereceğiz."),
    },
    unsubscribed=lambda sub: {
        "heading": _("Abonelikten çıktınız"),
        "text": _("Size artık bülten göndermeyeceğiz."),
    },
)
