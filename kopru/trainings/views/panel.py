"""The panel's training pages: the event list and form, an event's page and the changes
made from it (sessions, materials, registrations, opening and closing, feedback), the
statistics and the history import."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only
from kopru.core.errors import ApplicationError
from kopru.core.imports.jobs import import_start
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import selectors, services
from ..forms import (
    CertificateIssueForm,
    EventForm,
    ImportForm,
    MaterialForm,
    PersonForm,
    SessionForm,
)
from ..importers.history import FIELDS, build_template
from ..models import Event, EventStatus, Material, Registration, RegistrationSource, Session
from ..permissions import (
    access_event,
    access_material,
    access_registration,
    access_session,
)


def panel_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    history = request.GET.get("gecmis") == "1"
    qs = selectors.panel_event_list(q=q, status=status, include_history=history)
    listing = paged_list(request, qs, sorts=selectors.EVENT_SORTS, default="-date")
    return render(
        request,
        "trainings/panel_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "q": q,
            "status": status,
            "history": history,
            "statuses": EventStatus.choices,
        },
    )


def panel_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                office=office, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Etkinlik kaydedildi. Şimdi oturumlarını ekleyin."))
            return redirect("panel:trainings:detail", office_slug=office.slug, pk=event.pk)
    return render(request, "trainings/panel_form.html", {"form": form, "event": None})


def panel_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    form = EventForm(request.POST or None, instance=event)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.event_update(
            event=fresh_copy(event), data=data, actor=request.user, expected_version=version
        ),
        template="trainings/panel_form.html",
        context={"event": event},
        success_url=reverse(
            "panel:trainings:detail", kwargs={"office_slug": office_slug, "pk": event.pk}
        ),
        success_message=_("Etkinlik kaydedildi."),
    )


def panel_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    event = access_event(
        request.user,
        pk,
        queryset=selectors.events_with_counts().prefetch_related("sessions", "materials"),
    )
    eligible_ids = {r.pk for r in selectors.eligible_registrations(event)}
    return render(
        request,
        "trainings/panel_detail.html",
        {
            "event": event,
            "registrations": selectors.event_registrations(event),
            "session_form": SessionForm(),
            "material_form": MaterialForm(),
            "person_form": PersonForm(office=office),
            "issue_form": CertificateIssueForm(),
            "eligible_ids": eligible_ids,
            "eligible": len(eligible_ids),
            "feedback": selectors.feedback_summary(event),
        },
    )


def back_to_event(event: Event, anchor: str = "") -> HttpResponse:
    url = reverse(
        "panel:trainings:detail", kwargs={"office_slug": event.office.slug, "pk": event.pk}
    )
    return redirect(url + anchor)


@post_only(Event)
def panel_session_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_create(event=event, data=form.cleaned_data, actor=request.user)
            messages.success(request, _("Oturum eklendi."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Oturum eklenemedi: tarih ve saatleri kontrol edin."))
    return back_to_event(event, "#oturumlar")


@post_only(Session)
def panel_session_delete(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    session = access_session(request.user, pk)
    event = session.event
    try:
        services.session_delete(session=session, actor=request.user)
        messages.success(request, _("Oturum silindi."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return back_to_event(event, "#oturumlar")


@post_only(Event)
def panel_material_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_create(
                event=event,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
            messages.success(request, _("Materyal yüklendi."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Materyal yüklenemedi: başlık ve dosya gerekli."))
    return back_to_event(event, "#materyaller")


@post_only(Material)
def panel_material_delete(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    material = access_material(request.user, pk)
    event = material.event
    services.material_delete(material=material, actor=request.user)
    messages.success(request, _("Materyal silindi."))
    return back_to_event(event, "#materyaller")


@post_only(Event)
def panel_registration_toggle(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    closed = not event.registration_closed
    services.event_set_registration_closed(event=event, closed=closed, actor=request.user)
    messages.success(request, _("Kayıt kapatıldı.") if closed else _("Kayıt yeniden açıldı."))
    return back_to_event(event)


@post_only(Event)
def panel_cancel_event(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    services.event_cancel(event=event, actor=request.user)
    messages.success(request, _("Etkinlik iptal edildi."))
    return back_to_event(event)


@post_only(Event)
def panel_register(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    form = PersonForm(request.POST, office=request.office)
    if form.is_valid():
        try:
            reg = services.registration_create(
                event_id=event.pk,
                data=form.person_data(),
                actor=request.user,
                source=RegistrationSource.STAFF,
            )
            messages.success(
                request,
                _("{name} kaydedildi ({status}).").format(
                    name=reg.full_name, status=reg.get_status_display()
                ),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Kayıt eklenemedi: {errors}").format(errors=errors))
    return back_to_event(event, "#kayitlar")


@post_only(Registration)
def panel_registration_cancel(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    reg = access_registration(request.user, pk)
    services.registration_cancel(registration=reg, actor=request.user)
    messages.success(request, _("Kayıt iptal edildi."))
    return back_to_event(reg.event, "#kayitlar")


@post_only(Event)
def panel_feedback_request(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    sent = services.feedback_request(event=event, actor=request.user)
    messages.success(request, _("Değerlendirme formu {n} kişiye gönderildi.").format(n=sent))
    return back_to_event(event, "#geri-bildirim")


def panel_statistics(request: OfficeRequest, office_slug: str) -> HttpResponse:
    stats = selectors.training_statistics()
    chart = {
        "years": [r["year"] for r in stats["by_year"]],
        "participations": [r["participations"] for r in stats["by_year"]],
        "people": [r["people"] for r in stats["by_year"]],
        "types": [r["label"] for r in stats["by_type"]],
        "type_counts": [r["participations"] for r in stats["by_type"]],
        "labels": {
            "participations": _("Katılım"),
            "people": _("Kişi"),
        },
    }
    return render(request, "trainings/panel_statistics.html", {"stats": stats, "chart": chart})


def panel_import(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_start(
            "trainings.history_import",
            office=office,
            actor=request.user,
            upload=form.cleaned_data["file"],
            kind="trainings.history_import",
            title=_("Eğitim geçmişi içe aktarma"),
            next_url=reverse("panel:trainings:statistics", kwargs={"office_slug": office.slug}),
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    return render(request, "trainings/panel_import.html", {"form": form, "columns": FIELDS})


def panel_import_template(request: OfficeRequest, office_slug: str) -> HttpResponse:
    response = HttpResponse(
        build_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="egitim-gecmisi-sablon.xlsx"'
    return response
