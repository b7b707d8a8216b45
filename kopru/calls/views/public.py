"""The public call catalogue: search, a call's page and documents, following a call,
saved searches and their e-mail alerts, and matching calls to an organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.http import PublicRequest, signed_in_user
from kopru.core.ratelimit import rate_limited
from kopru.core.scoping import public_scope
from kopru.core.subscriptions import subscription_link_views

from .. import selectors, services
from ..forms import CONSENT_TEXT, AlertForm, FollowForm, MatchForm, SaveSearchForm
from ..selectors import SearchParams
from .panel import document_response

PAGE_SIZE = 20

# Following a call and subscribing to alerts send a confirmation e-mail to any address
# given: a burst from one address is refused (429), a filled honeypot by the form.
FOLLOW_LIMIT, FOLLOW_PERIOD = 5, 600
SAVE_LIMIT, SAVE_PERIOD = 20, 600


# -- public catalogue --------------------------------------------------------------------


def _catalogue(request: PublicRequest, office: Any, params: SearchParams) -> dict[str, Any]:
    now = timezone.now()
    with public_scope(None):
        result = selectors.catalogue_page(
            office, params, page=request.GET.get("page"), per_page=PAGE_SIZE, now=now
        )
    facets = result.facets
    titles = selectors.facet_titles()
    return {
        "page": result.page,
        "params": params,
        "facets": [(key, titles[key], values) for key, values in facets.items() if values],
        "sorts": [
            ("deadline", _("En yakın son tarih")),
            ("newest", _("En yeni")),
            ("title", _("Başlık (A-Z)")),
        ],
        "save_form": SaveSearchForm(initial={"name": params.q or _("Çağrı aramam")}),
        "query_string": request.GET.urlencode(),
        "now": now,
    }


def public_list(request: PublicRequest, office_slug: str) -> HttpResponse:
    office = request.office
    params = SearchParams.from_query(request.GET)
    context = _catalogue(request, office, params)
    template = "calls/_results.html" if request.htmx else "calls/public_list.html"
    return render(request, template, context)


def public_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    with public_scope(None):
        call = selectors.public_call(office, pk)
    if call is None:
        raise Http404("call")
    return render(
        request,
        "calls/public_detail.html",
        {"call": call, "follow_form": FollowForm(), "now": timezone.now()},
    )


def public_document(request: PublicRequest, office_slug: str, pk: int) -> FileResponse:
    """A call's document, only while the call is in this office's public catalogue.

    Documents are never served from the media folder directly: a draft's or an
    archived call's documents stay private even to someone who knows the file name.
    """
    document = selectors.public_document(request.office, pk)
    if document is None:
        raise Http404("document")
    return document_response(document)


@require_POST
@rate_limited("calls.follow", limit=FOLLOW_LIMIT, period=FOLLOW_PERIOD)
def public_follow(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    with public_scope(None):
        call = selectors.public_call(office, pk)
    if call is None:
        raise Http404("call")
    form = FollowForm(request.POST)
    if form.is_valid():
        services.follow_request(
            office=office,
            call=call,
            email=form.cleaned_data["email"],
            language=translation.get_language() or "tr",
            consent_text=str(CONSENT_TEXT),
            actor=signed_in_user(request),
        )
        messages.success(
            request,
            _("Onay bağlantısını e-postanıza gönderdik. Onaylayınca hatırlatmalar başlar."),
        )
        return redirect("public:calls:detail", office_slug=office.slug, pk=call.pk)
    return render(
        request,
        "calls/public_detail.html",
        {"call": call, "follow_form": form, "now": timezone.now()},
        status=400,
    )


def _follow_or_404(office: Any, token: str) -> Any:
    follow = selectors.follow_by_token(office, token)
    if follow is None:
        raise Http404("follow")
    return follow


def follow_confirm(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    follow = _follow_or_404(request.office, token)
    services.follow_confirm(follow=follow)
    return render(
        request,
        "calls/public_message.html",
        {
            "heading": _("Hatırlatmalar açıldı"),
            "text": _("Son başvuru tarihinden 14 ve 3 gün önce size e-posta göndereceğiz."),
        },
    )


def follow_unsubscribe(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    follow = _follow_or_404(request.office, token)
    services.follow_unsubscribe(follow=follow)
    return render(
        request,
        "calls/public_message.html",
        {
            "heading": _("Abonelikten çıktınız"),
            "text": _("Bu çağrı için size artık hatırlatma göndermeyeceğiz."),
        },
    )


# -- saved searches and alerts -----------------------------------------------------------


@require_POST
@rate_limited("calls.save_search", limit=SAVE_LIMIT, period=SAVE_PERIOD)
def save_search(request: PublicRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = SaveSearchForm(request.POST)
    params = SearchParams.from_query(request.POST)
    if not form.is_valid():
        # Nothing is saved without a name (an empty POST saves nothing); back to the list.
        for error in form.non_field_errors():
            messages.error(request, str(error))
        if "name" in form.errors:
            messages.error(request, _("Aramayı kaydetmek için ona bir ad verin."))
        query = params.as_dict()
        url = reverse("public:calls:list", kwargs={"office_slug": office.slug})
        response = redirect(f"{url}?{urlencode(query, doseq=True)}" if query else url)
        response.status_code = 303
        return response
    search = services.saved_search_create(
        office=office,
        name=form.cleaned_data["name"],
        params=params.as_dict(),
        user=signed_in_user(request),
        language=translation.get_language() or "tr",
    )
    tokens = request.session.get("calls_saved_searches", [])
    request.session["calls_saved_searches"] = [search.token, *tokens][:20]
    messages.success(request, _("Arama kaydedildi. Bu sayfanın adresini saklayabilirsiniz."))
    return redirect("public:calls:saved", office_slug=office.slug, token=search.token)


def _search_or_404(office: Any, token: str) -> Any:
    search = selectors.saved_search_by_token(office, token)
    if search is None:
        raise Http404("saved search")
    return search


@rate_limited("calls.alert", limit=FOLLOW_LIMIT, period=FOLLOW_PERIOD)
def saved_search(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    office = request.office
    search = _search_or_404(office, token)
    form = AlertForm(
        request.POST or None,
        initial={"email": search.email, "frequency": search.frequency or "weekly"},
    )
    if request.method == "POST" and form.is_valid():
        services.alert_request(
            search=search,
            email=form.cleaned_data["email"],
            frequency=form.cleaned_data["frequency"],
            language=translation.get_language() or "tr",
            consent_text=str(CONSENT_TEXT),
            actor=signed_in_user(request),
        )
        messages.success(
            request,
            _(
                "Onay bağlantısını e-postanıza gönderdik. Bağlantıya tıklayana kadar size "
                "uyarı gönderilmez."
            ),
        )
        return redirect("public:calls:saved", office_slug=office.slug, token=search.token)
    params = SearchParams.from_query(search.params)
    query = QueryDict(mutable=True)
    for key, value in params.as_dict().items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    count = selectors.find_calls(params, office=office).total
    return render(
        request,
        "calls/saved_search.html",
        {"search": search, "form": form, "query": query.urlencode(), "count": count},
        status=400 if request.method == "POST" else 200,
    )


alert_confirm, alert_unsubscribe = subscription_link_views(
    find=selectors.saved_search_by_token,
    confirm=lambda search: services.alert_confirm(search=search),
    unsubscribe=lambda search: services.alert_unsubscribe(search=search),
    template="calls/public_message.html",
    confirmed=lambda search: {
        "heading": _("Uyarınız açıldı"),
        "text": _("“%(name)s” aramasına uyan yeni çağrıları size e-postayla bildireceğiz.")
        % {"name": search.name},
        "link": reverse(
            "public:calls:saved",
            kwargs={"office_slug": search.office.slug, "token": search.token},
        ),
    },
    unsubscribed=lambda search: {
        "heading": _("Abonelikten çıktınız"),
        "text": _("Bu arama için size artık e-posta göndermeyeceğiz."),
    },
)


# -- matching ----------------------------------------------------------------------------


def public_match(request: PublicRequest, office_slug: str) -> HttpResponse:
    office = request.office
    initial: dict[str, Any] = {}
    user = signed_in_user(request)
    organisation = None
    if user is not None and user.organisation_id:
        organisation = user.organisation
        if organisation is not None and organisation.office_id == office.pk:
            initial = {"org_type": organisation.type, "district": organisation.district_id}
    form = MatchForm(request.GET or None, initial=initial, office=office)
    results = None
    if form.is_bound and form.is_valid():
        plate = office.province.plate
        with public_scope(None):
            results = selectors.match_calls(
                selectors.catalogue_base(office),
                org_type=form.cleaned_data["org_type"],
                sectors=form.cleaned_data["sectors"],
                target_groups=form.cleaned_data["target_groups"],
                plate=plate,
                office=office,
            )
    return render(
        request,
        "calls/public_match.html",
        {"form": form, "results": results, "organisation": organisation},
    )
