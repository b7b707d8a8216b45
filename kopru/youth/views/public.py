"""The public finder a young person uses on a phone, an opportunity's page, saved
searches with their alerts, and the Eurodesk question form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.http import PublicRequest, signed_in_user
from kopru.core.ratelimit import rate_limited
from kopru.core.subscriptions import subscription_link_views

from .. import selectors, services
from ..forms import ALERT_CONSENT, EURODESK_CONSENT, AlertForm, EurodeskForm, SaveSearchForm
from ..models import Cost, OpportunityType
from ..selectors import Finder, FinderForm

PAGE_SIZE = 20
ALERT_LIMIT, ALERT_PERIOD = 5, 600
SAVE_LIMIT, SAVE_PERIOD = 20, 600
QUESTION_LIMIT, QUESTION_PERIOD = 5, 3600


def _lang() -> str:
    return (translation.get_language() or "tr")[:2]


def finder(request: PublicRequest, office_slug: str) -> HttpResponse:
    f = Finder.from_query(request.GET)
    page = Paginator(selectors.finder_results(f), PAGE_SIZE).get_page(f.page)
    closed = [] if f.open_now else list(selectors.closed_results(f)[:10])
    return render(
        request,
        "youth/public_list.html",
        {
            "form": FinderForm(request.GET or None),
            "finder": f,
            "page": page,
            "closed": closed,
            "save_form": SaveSearchForm(),
            "query": urlencode(f.params),
            "types": OpportunityType.choices,
        },
    )


def detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    opportunity = selectors.public_opportunity(pk)
    if opportunity is None:
        raise Http404("opportunity")
    return render(
        request,
        "youth/public_detail.html",
        {
            "o": opportunity,
            "costs": Cost.choices,
            "question_form": EurodeskForm(initial={"subject": str(opportunity)[:200]}),
        },
    )


@require_POST
@rate_limited("youth.save_search", limit=SAVE_LIMIT, period=SAVE_PERIOD)
def save_search(request: PublicRequest, office_slug: str) -> HttpResponse:
    f = Finder.from_query(request.POST)
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, str(error))
        if "name" in form.errors:
            messages.error(request, _("Aramayı kaydetmek için ona bir ad verin."))
        url = reverse("public:youth:list", kwargs={"office_slug": office_slug})
        response = redirect(f"{url}?{urlencode(f.params)}" if f.params else url)
        response.status_code = 303
        return response
    search = services.search_save(
        office=request.office,
        name=form.cleaned_data["name"],
        params=f.params,
        language=_lang(),
        actor=signed_in_user(request),
    )
    messages.success(request, _("Arama kaydedildi. Bu sayfanın adresini saklayabilirsiniz."))
    return redirect("public:youth:saved", office_slug=office_slug, token=search.token)


def _search_or_404(office: Any, token: str) -> Any:
    search = selectors.search_by_token(office, token)
    if search is None:
        raise Http404("saved search")
    return search


@rate_limited("youth.alert", limit=ALERT_LIMIT, period=ALERT_PERIOD)
def saved(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    search = _search_or_404(request.office, token)
    form = AlertForm(
        request.POST or None,
        initial={"email": search.email, "frequency": search.frequency or "weekly"},
    )
    if request.method == "POST" and form.is_valid():
        services.alert_request(
            search=search,
            email=form.cleaned_data["email"],
            frequency=form.cleaned_data["frequency"],
            language=_lang(),
            consent_text=str(ALERT_CONSENT),
            actor=signed_in_user(request),
        )
        messages.success(
            request,
            _(
                "Onay bağlantısını e-postanıza gönderdik. Bağlantıya tıklayana kadar size "
                "uyarı gönderilmez."
            ),
        )
        return redirect("public:youth:saved", office_slug=office_slug, token=search.token)
    f = Finder.from_query(search.params)
    return render(
        request,
        "youth/saved_search.html",
        {
            "search": search,
            "form": form,
            "query": urlencode(f.params),
            "count": selectors.finder_results(f).count(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _saved_link(search: Any) -> str:
    return reverse(
        "public:youth:saved", kwargs={"office_slug": search.office.slug, "token": search.token}
    )


alert_confirm, alert_unsubscribe = subscription_link_views(
    find=selectors.search_by_token,
    confirm=lambda search: services.alert_confirm(search=search),
    unsubscribe=lambda search: services.alert_unsubscribe(search=search),
    template="youth/message.html",
    confirmed=lambda search: {
        "heading": _("Uyarınız açıldı"),
        "text": _("“%(name)s” aramanıza uyan yeni fırsatları size e-postayla bildireceğiz.")
        % {"name": search.name},
        "link": _saved_link(search),
    },
    unsubscribed=lambda search: {
        "heading": _("Abonelikten çıktınız"),
        "text": _("Bu arama için size artık e-posta göndermeyeceğiz."),
    },
)


@rate_limited("youth.question", limit=QUESTION_LIMIT, period=QUESTION_PERIOD)
def question(request: PublicRequest, office_slug: str) -> HttpResponse:
    """Ask the Eurodesk point: the question becomes a Eurodesk enquiry at the desk."""
    opportunity = None
    about = request.GET.get("firsat", "") or request.POST.get("firsat", "")
    if about:
        if not about.isdigit() or len(about) > 9:
            raise Http404("opportunity")
        opportunity = selectors.public_opportunity(int(about))
        if opportunity is None:
            raise Http404("opportunity")
    form = EurodeskForm(
        request.POST or None,
        initial={"subject": str(opportunity)[:200] if opportunity else ""},
    )
    if request.method == "POST" and form.is_valid():
        case = services.eurodesk_question(
            office=request.office,
            data=form.cleaned_data,
            consent_text=str(EURODESK_CONSENT),
            language=_lang(),
            requester_user=signed_in_user(request),
            opportunity=opportunity,
        )
        return render(
            request,
            "youth/message.html",
            {
                "heading": _("Sorunuz bize ulaştı"),
                "text": _(
                    "Başvuru numaranız %(ref)s. Yanıtımızı ve sorunuzu izleyeceğiniz "
                    "bağlantıyı e-postanıza gönderdik."
                )
                % {"ref": case.reference},
                "link": reverse("public:youth:list", kwargs={"office_slug": office_slug}),
            },
        )
    return render(
        request,
        "youth/question.html",
        {"form": form, "opportunity": opportunity},
        status=400 if request.method == "POST" else 200,
    )
