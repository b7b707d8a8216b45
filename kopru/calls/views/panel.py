"""The staff panel of the call catalogue: list, create, edit, one view per action on a
call (publish, archive, links, documents), import, templates and settings."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import get_or_404_scoped, post_only, requires
from kopru.core.errors import ApplicationError
from kopru.core.imports.jobs import import_start
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import selectors, services
from ..forms import CallForm, DocumentForm, ImportForm, LinkForm, SettingsForm, SummaryForm
from ..importers import ANNOUNCEMENT_RULES, TEMPLATE_COLUMNS, build_template_xlsx
from ..models import Call, CallDocument, State
from ..permissions import access_call, access_document, can_change_settings


def panel_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    q = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    if state not in State.values:
        state = ""
    qs = selectors.panel_list(office=office, q=q, state=state)
    listing = paged_list(request, qs, sorts=selectors.PANEL_SORTS, default="deadline")
    return render(
        request,
        "calls/panel_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "q": q,
            "state": state,
            "states": State.choices,
            "closing": selectors.closing_soon(days=14, office=office),
            "counts": selectors.panel_counts(office),
        },
    )


def panel_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
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
    return render(request, "calls/panel_form.html", {"form": form, "call": None})


def panel_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    call = access_call(request.user, pk, office=office, for_="edit")
    form = CallForm(request.POST or None, instance=call)
    return handle_versioned_form(
        request,
        form=form,
        data=form.call_data,
        save=lambda data, version: services.call_update(
            call=fresh_copy(call),
            data=data,
            deadlines=form.deadline_inputs(),
            actor=request.user,
            expected_version=version,
        ),
        template="calls/panel_form.html",
        context={"call": call},
        success_url=_detail_url(call, office_slug),
        success_message=_("Çağrı kaydedildi."),
    )


def _detail_url(call: Call, office_slug: str) -> str:
    return reverse("panel:calls:detail", kwargs={"office_slug": office_slug, "pk": call.pk})


def _detail_page(
    request: OfficeRequest,
    call: Call,
    *,
    link_form: LinkForm | None = None,
    document_form: DocumentForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "calls/panel_detail.html",
        {
            "call": call,
            "own": call.office_id == request.office.pk,
            "link_form": link_form or LinkForm(prefix="link"),
            "document_form": document_form or DocumentForm(prefix="doc"),
        },
    )


def panel_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    call = access_call(
        request.user,
        pk,
        office=request.office,
        queryset=selectors.calls_for_panel_page(),
    )
    if request.method not in ("GET", "HEAD"):
        # Each change has its own view (publish, archive, links, documents).
        return HttpResponseNotAllowed(["GET"])
    return _detail_page(request, call)


def _editable(request: OfficeRequest, pk: int) -> Call:
    return access_call(
        request.user,
        pk,
        office=request.office,
        for_="edit",
        queryset=selectors.calls_for_panel_page(),
    )


def _state_change(request: OfficeRequest, pk: int, change: str) -> HttpResponse:
    call = _editable(request, pk)
    service, done = {
        "publish": (services.call_publish, _("Çağrı yayımlandı.")),
        "archive": (services.call_archive, _("Çağrı arşive kaldırıldı.")),
        "unpublish": (services.call_unpublish, _("Çağrı taslağa döndürüldü.")),
    }[change]
    try:
        service(call=call, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _detail_page(request, call)
    messages.success(request, done)
    return redirect(_detail_url(call, request.office.slug))


@post_only(Call)
def panel_publish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _state_change(request, pk, "publish")


@post_only(Call)
def panel_archive(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _state_change(request, pk, "archive")


@post_only(Call)
def panel_unpublish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _state_change(request, pk, "unpublish")


@post_only(Call)
def panel_link_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    call = _editable(request, pk)
    form = LinkForm(request.POST, prefix="link")
    if not form.is_valid():
        return _detail_page(request, call, link_form=form)
    services.call_link_add(call=call, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Bağlantı eklendi."))
    return redirect(_detail_url(call, office_slug))


@post_only(Call)
def panel_link_remove(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    call = _editable(request, pk)
    link = get_or_404_scoped(selectors.links_of(call), pk=request.POST.get("link"))
    services.call_link_remove(link=link, actor=request.user)
    messages.success(request, _("Bağlantı kaldırıldı."))
    return redirect(_detail_url(call, office_slug))


@post_only(Call)
def panel_document_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    call = _editable(request, pk)
    form = DocumentForm(request.POST, request.FILES, prefix="doc")
    if form.is_valid():
        try:
            services.call_document_add(call=call, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Belge eklendi."))
            return redirect(_detail_url(call, office_slug))
    return _detail_page(request, call, document_form=form)


@post_only(Call)
def panel_document_remove(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    call = _editable(request, pk)
    document = get_or_404_scoped(selectors.documents_of(call), pk=request.POST.get("document"))
    services.call_document_remove(document=document, actor=request.user)
    messages.success(request, _("Belge kaldırıldı."))
    return redirect(_detail_url(call, office_slug))


def panel_document(request: OfficeRequest, office_slug: str, pk: int) -> FileResponse:
    """A call's document for staff: any call their office's catalogue holds."""
    document = access_document(request.user, pk)
    return document_response(document)


def document_response(document: CallDocument) -> FileResponse:
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


def panel_import(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_start(
            "calls.calls_import",
            office=office,
            actor=request.user,
            upload=upload,
            kind="calls.import",
            title=_("Çağrı içe aktarma: %(name)s") % {"name": upload.name},
            next_url=reverse("panel:calls:list", kwargs={"office_slug": office.slug}),
            options={"fmt": form.cleaned_data.get("format") or None},
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    return render(
        request,
        "calls/panel_import.html",
        {
            "form": form,
            "columns": TEMPLATE_COLUMNS,
            "rules": ANNOUNCEMENT_RULES,
            "settings": selectors.settings_for(office),
        },
    )


def panel_template_xlsx(request: OfficeRequest, office_slug: str) -> HttpResponse:
    response = HttpResponse(
        build_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="kopru-cagri-sablonu.xlsx"'
    return response


def panel_template_csv(request: OfficeRequest, office_slug: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in TEMPLATE_COLUMNS])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kopru-cagri-sablonu.csv"'
    return response


@requires(can_change_settings)
def panel_settings(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    current = selectors.settings_for(office)
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


def panel_summary_queue(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """Experts: open calls without a Turkish summary, those reaching most people first."""
    rows = selectors.summary_queue(request.office)
    return render(request, "calls/panel_summary_queue.html", {"rows": rows})


@post_only(Call)
def panel_summary_write(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    call = _editable(request, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        services.call_update(
            call=call, data={"summary_tr": form.cleaned_data["summary_tr"]}, actor=request.user
        )
        messages.success(request, _("Türkçe özet kaydedildi."))
    else:
        messages.error(request, _("Özet boş olamaz."))
    return redirect("panel:calls:summary_queue", office_slug=office_slug)
