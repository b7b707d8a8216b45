from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.permissions import can_coordinate_office
from kopru.core.errors import ApplicationError
from kopru.core.jobs import job_start
from kopru.core.scoping import public_scope
from kopru.core.viewmixins import fresh_copy

from . import selectors, services
from .forms import (
    CONSENT_TEXT,
    AlertForm,
    CallForm,
    DocumentForm,
    FollowForm,
    ImportForm,
    LinkForm,
    MatchForm,
    SaveSearchForm,
    SettingsForm,
)
from .importers import ANNOUNCEMENT_RULES, TEMPLATE_COLUMNS, build_template_xlsx
from .models import Call, CallDocument, CallLink, State
from .selectors import SearchParams

PAGE_SIZE = 20


# -- panel -------------------------------------------------------------------------------


def panel_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    q = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    if state not in State.values:
        state = ""
    qs = selectors.panel_list(office=office, q=q, state=state)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "calls/panel_list.html",
        {
            "page": page,
            "q": q,
            "state": state,
            "states": State.choices,
            "closing": selectors.closing_soon(days=14, office=office),
            "counts": selectors.panel_counts(office),
        },
    )


def _call_form_page(
    request: HttpRequest, office: Any, call: Call | None, form: CallForm, status: int = 200
) -> HttpResponse:
    return render(request, "calls/panel_form.html", {"form": form, "call": call}, status=status)


def panel_create(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(
                office=office,
                data=form.call_data(),
                deadlines=form.deadline_inputs(),
                actor=request.user,
            )
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, getattr(exc, "message", str(exc)))
        else:
            messages.success(request, _("Çağrı taslak olarak kaydedildi."))
            return redirect("panel:calls:detail", office_slug=office.slug, pk=call.pk)
    return _call_form_page(request, office, None, form)


def panel_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    from kopru.core.errors import ConcurrentEditError

    office = request.office  # type: ignore[attr-defined]
    call = get_object_or_404(Call.objects.filter(office=office), pk=pk)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(
                call=fresh_copy(call),
                data=form.call_data(),
                deadlines=form.deadline_inputs(),
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except ConcurrentEditError as exc:
            return render(
                request,
                "calls/panel_form.html",
                {
                    "form": form,
                    "call": call,
                    "conflict": {"message": exc.message, "changes": exc.changes},
                },
                status=409,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Çağrı kaydedildi."))
            return redirect("panel:calls:detail", office_slug=office.slug, pk=call.pk)
    return _call_form_page(request, office, call, form)


def panel_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    call = get_object_or_404(
        Call.objects.prefetch_related("deadlines", "links", "documents"), pk=pk
    )
    own = call.office_id == office.pk
    link_form = LinkForm(prefix="link")
    document_form = DocumentForm(prefix="doc")
    if request.method == "POST" and own:
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                services.call_publish(call=call, actor=request.user)
                messages.success(request, _("Çağrı yayımlandı."))
            elif action == "archive":
                services.call_archive(call=call, actor=request.user)
                messages.success(request, _("Çağrı arşive kaldırıldı."))
            elif action == "unpublish":
                services.call_unpublish(call=call, actor=request.user)
                messages.success(request, _("Çağrı taslağa döndürüldü."))
            elif action == "add_link":
                link_form = LinkForm(request.POST, prefix="link")
                if link_form.is_valid():
                    services.call_link_add(call=call, actor=request.user, **link_form.cleaned_data)
                    messages.success(request, _("Bağlantı eklendi."))
                else:
                    raise _FormInvalid
            elif action == "remove_link":
                link = get_object_or_404(CallLink, call=call, pk=request.POST.get("link"))
                services.call_link_remove(link=link, actor=request.user)
                messages.success(request, _("Bağlantı kaldırıldı."))
            elif action == "add_document":
                document_form = DocumentForm(request.POST, request.FILES, prefix="doc")
                if document_form.is_valid():
                    try:
                        services.call_document_add(
                            call=call, actor=request.user, **document_form.cleaned_data
                        )
                    except ValidationError as exc:
                        document_form.add_error(None, exc)
                        raise _FormInvalid from exc
                    messages.success(request, _("Belge eklendi."))
                else:
                    raise _FormInvalid
            elif action == "remove_document":
                document = get_object_or_404(
                    CallDocument, call=call, pk=request.POST.get("document")
                )
                services.call_document_remove(document=document, actor=request.user)
                messages.success(request, _("Belge kaldırıldı."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        except _FormInvalid:
            pass
        else:
            return redirect("panel:calls:detail", office_slug=office.slug, pk=call.pk)
    return render(
        request,
        "calls/panel_detail.html",
        {"call": call, "own": own, "link_form": link_form, "document_form": document_form},
    )


class _FormInvalid(Exception):
    pass


def panel_import(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .tasks import import_calls_task

    office = request.office  # type: ignore[attr-defined]
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_start(
            office=office,
            kind="calls.import",
            title=_("Çağrı içe aktarma: %(name)s") % {"name": upload.name},
            actor=request.user,
            task=import_calls_task,
            params={"filename": upload.name, "format": form.cleaned_data.get("format") or ""},
            input_file=upload,
            input_name=upload.name,
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    return render(
        request,
        "calls/panel_import.html",
        {
            "form": form,
            "columns": TEMPLATE_COLUMNS,
            "rules": ANNOUNCEMENT_RULES,
            "settings": services.settings_for(office),
        },
    )


def panel_template_xlsx(request: HttpRequest, office_slug: str) -> HttpResponse:
    response = HttpResponse(
        build_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="kopru-cagri-sablonu.xlsx"'
    return response


def panel_template_csv(request: HttpRequest, office_slug: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in TEMPLATE_COLUMNS])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kopru-cagri-sablonu.csv"'
    return response


def panel_settings(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    if not can_coordinate_office(request.user, office):
        raise Http404("settings")
    current = services.settings_for(office)
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"publish_eu_on_import": current.publish_eu_on_import},
    )
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            office=office,
            publish_eu_on_import=form.cleaned_data["publish_eu_on_import"],
            actor=request.user,
        )
        messages.success(request, _("Ayarlar kaydedildi."))
        return redirect("panel:calls:settings", office_slug=office.slug)
    return render(request, "calls/panel_settings.html", {"form": form})


# -- public catalogue --------------------------------------------------------------------


def _catalogue(request: HttpRequest, office: Any, params: SearchParams) -> dict[str, Any]:
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


def public_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    params = SearchParams.from_query(request.GET)
    context = _catalogue(request, office, params)
    template = "calls/_results.html" if request.htmx else "calls/public_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def public_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    with public_scope(None):
        call = selectors.public_call(office, pk)
    if call is None:
        raise Http404("call")
    return render(
        request,
        "calls/public_detail.html",
        {"call": call, "follow_form": FollowForm(), "now": timezone.now()},
    )


def public_document(request: HttpRequest, office_slug: str, pk: int) -> FileResponse:
    """A call's document, only while the call is in this office's public catalogue.

    Documents are never served from the media folder directly: a draft's or an
    archived call's documents stay private even to someone who knows the file name.
    """
    office = request.office  # type: ignore[attr-defined]
    document = CallDocument.objects.filter(pk=pk).only("id", "call_id", "file", "title").first()
    if document is None:
        raise Http404("document")
    with public_scope(None):
        if selectors.public_call(office, document.call_id) is None:
            raise Http404("document")
    return _document_response(document)


def panel_document(request: HttpRequest, office_slug: str, pk: int) -> FileResponse:
    """A call's document for staff: any call their office's catalogue holds."""
    document = CallDocument.objects.filter(pk=pk, call__in=Call.objects.all()).first()
    if document is None:
        raise Http404("document")
    return _document_response(document)


def _document_response(document: CallDocument) -> FileResponse:
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


@require_POST
def public_follow(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
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
            actor=request.user,
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


def follow_confirm(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    follow = _follow_or_404(request.office, token)  # type: ignore[attr-defined]
    services.follow_confirm(follow=follow)
    return render(
        request,
        "calls/public_message.html",
        {
            "heading": _("Hatırlatmalar açıldı"),
            "text": _("Son başvuru tarihinden 14 ve 3 gün önce size e-posta göndereceğiz."),
        },
    )


def follow_unsubscribe(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    follow = _follow_or_404(request.office, token)  # type: ignore[attr-defined]
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
def save_search(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    form = SaveSearchForm(request.POST)
    params = SearchParams.from_query(request.POST)
    name = form.data.get("name", "") if not form.is_valid() else form.cleaned_data["name"]
    search = services.saved_search_create(
        office=office,
        name=str(name),
        params=params.as_dict(),
        user=request.user,
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


def saved_search(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
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
            actor=request.user,
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
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.as_dict().items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    with public_scope(None):
        count = selectors.search_calls(selectors.catalogue_base(office), params).count()
    return render(
        request,
        "calls/saved_search.html",
        {"search": search, "form": form, "query": query.urlencode(), "count": count},
        status=400 if request.method == "POST" else 200,
    )


def alert_confirm(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    search = _search_or_404(request.office, token)  # type: ignore[attr-defined]
    if not search.frequency or not search.email:
        raise Http404("alert")
    services.alert_confirm(search=search)
    return render(
        request,
        "calls/public_message.html",
        {
            "heading": _("Uyarınız açıldı"),
            "text": _("“%(name)s” aramasına uyan yeni çağrıları size e-postayla bildireceğiz.")
            % {"name": search.name},
            "link": reverse(
                "public:calls:saved", kwargs={"office_slug": office_slug, "token": token}
            ),
        },
    )


def alert_unsubscribe(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    search = _search_or_404(request.office, token)  # type: ignore[attr-defined]
    services.alert_unsubscribe(search=search)
    return render(
        request,
        "calls/public_message.html",
        {
            "heading": _("Abonelikten çıktınız"),
            "text": _("Bu arama için size artık e-posta göndermeyeceğiz."),
        },
    )


# -- matching ----------------------------------------------------------------------------


def public_match(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    initial: dict[str, Any] = {}
    user = request.user
    organisation = None
    if getattr(user, "is_authenticated", False) and getattr(user, "organisation_id", None):
        organisation = user.organisation  # type: ignore[union-attr]
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
            )
    return render(
        request,
        "calls/public_match.html",
        {"form": form, "results": results, "organisation": organisation},
    )
