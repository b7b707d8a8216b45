"""Public pages (list, registration, cancellation, feedback, verification) and panel pages."""

from __future__ import annotations

import json
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.core.errors import ApplicationError
from kopru.core.jobs import job_start
from kopru.core.ratelimit import client_ip, rate_limit_hit
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from . import certificates as certs
from . import personal_data, selectors, services
from .calendar import events_calendar
from .forms import (
    KVKK_TEXT,
    CertificateIssueForm,
    EventForm,
    FeedbackForm,
    ImportForm,
    MaterialForm,
    PersonForm,
    PersonSearchForm,
    PublicRegistrationForm,
    RevokeForm,
    SessionForm,
    WalkInForm,
)
from .models import (
    Certificate,
    Event,
    EventStatus,
    EventType,
    Material,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    Session,
)
from .permissions import can_handle_personal_data
from .tokens import read_token


def post_only(model: Any) -> Any:
    """POST-only views of a record: another office's record is a 404 even for GET."""

    def decorate(view: Any) -> Any:
        @wraps(view)
        def wrapper(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
            if request.method != "POST":
                get_object_or_404(model, pk=pk)
                return HttpResponseNotAllowed(["POST"])
            return view(request, office_slug, pk)  # type: ignore[no-any-return]

        return wrapper

    return decorate


# A burst of registrations from one address is slowed (a teacher registering a class
# stays well below this).
REGISTRATIONS_PER_HOUR = 30


def _lang() -> str:
    return (get_language() or "tr")[:2]


# --- public -----------------------------------------------------------------


def public_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    event_type = request.GET.get("tur", "")
    upcoming, past = selectors.public_event_lists(event_type=event_type)
    return render(
        request,
        "trainings/public_list.html",
        {"upcoming": upcoming, "past": past, "types": EventType.choices, "type": event_type},
    )


def public_calendar(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    events = (
        Event.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
        .select_related("office")
        .prefetch_related("sessions")
        .order_by("-starts_on")[:200]
    )
    body = events_calendar(events, _("{office}: eğitimler").format(office=office.name))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="egitimler.ics"'
    return response


def public_event(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    event = get_object_or_404(
        Event.objects.prefetch_related("sessions", "materials").select_related("office"), pk=pk
    )
    form = PublicRegistrationForm(request.POST or None, office=office)
    status = 200
    if request.method == "POST":
        limit = rate_limit_hit(
            "trainings.registration", client_ip(request), limit=REGISTRATIONS_PER_HOUR, period=3600
        )
        if not limit.allowed:
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Bu adresten kısa sürede çok sayıda kayıt yapıldı. Lütfen {n} dakika sonra "
                    "yeniden deneyin."
                ).format(n=max(1, (limit.retry_after + 59) // 60)),
            )
            status = 429
        elif form.is_valid():
            try:
                registration = services.registration_create(
                    event_id=event.pk,
                    data=form.person_data(),
                    consent_text=str(KVKK_TEXT),
                    language=_lang(),
                )
            except ApplicationError as exc:
                for field, message in exc.extra.get("fields", {}).items():
                    form.add_error(field if field in form.fields else None, message)
                if not exc.extra.get("fields"):
                    form.add_error(None, exc.message)
                status = 400
            else:
                return render(
                    request,
                    "trainings/public_registered.html",
                    {"event": event, "registration": registration},
                )
        else:
            status = 400
    counts = selectors.event_for_detail(event.pk)
    return render(
        request,
        "trainings/public_event.html",
        {
            "event": event,
            "form": form,
            "open": event.registration_is_open(),
            "places_left": max(0, event.capacity - counts.confirmed_count),
        },
        status=status,
    )


def public_material(request: HttpRequest, office_slug: str, pk: int) -> FileResponse:
    material = get_object_or_404(Material, pk=pk)
    return FileResponse(material.file.open("rb"), as_attachment=True)


def _registration_from_token(request: HttpRequest, token: str, purpose: str) -> Registration:
    # The signed token is what authorises the person: it names one registration.
    reg_id = read_token(token, purpose)
    office = request.office  # type: ignore[attr-defined]
    reg = (
        Registration._base_manager.select_related("event", "event__office")
        .filter(pk=reg_id, office=office)
        .first()
        if reg_id
        else None
    )
    if reg is None:
        raise Http404("registration")
    return reg


def public_cancel(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    registration = _registration_from_token(request, token, "cancel")
    done = registration.status == RegistrationStatus.CANCELLED
    if request.method == "POST" and not done:
        registration = services.registration_cancel(registration=registration, actor=None)
        done = True
        messages.success(request, _("Kaydınız iptal edildi."))
    return render(
        request, "trainings/public_cancel.html", {"registration": registration, "done": done}
    )


def public_feedback(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    registration = _registration_from_token(request, token, "feedback")
    form = FeedbackForm(request.POST or None)
    done = hasattr(registration, "feedback")
    if request.method == "POST" and form.is_valid() and not done:
        try:
            services.feedback_submit(registration=registration, data=form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            done = True
    return render(
        request,
        "trainings/public_feedback.html",
        {"registration": registration, "event": registration.event, "form": form, "done": done},
    )


def certificate_verify(request: HttpRequest, office_slug: str, code: str) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__event", "replaced_by"),
        code=code.strip().upper(),
        office=request.office,  # type: ignore[attr-defined]
    )
    return render(request, "trainings/public_verify.html", {"certificate": certificate})


def certificate_pdf_public(request: HttpRequest, office_slug: str, code: str) -> FileResponse:
    office = request.office  # type: ignore[attr-defined]
    certificate = get_object_or_404(Certificate, code=code, office=office, revoked_at__isnull=True)
    if not certificate.pdf:
        raise Http404("pdf")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"sertifika-{certificate.code}.pdf",
        content_type="application/pdf",
    )


# --- panel: events ----------------------------------------------------------


def panel_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    history = request.GET.get("gecmis") == "1"
    qs = selectors.panel_event_list(q=q, status=status, include_history=history)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "trainings/panel_list.html",
        {
            "page": page,
            "q": q,
            "status": status,
            "history": history,
            "statuses": EventStatus.choices,
        },
    )


def panel_create(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
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


def panel_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    event = get_object_or_404(Event, pk=pk)
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
            "panel:trainings:detail", kwargs={"office_slug": office.slug, "pk": event.pk}
        ),
        success_message=_("Etkinlik kaydedildi."),
    )


def panel_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    event = get_object_or_404(
        selectors._with_counts(Event.objects.all()).prefetch_related("sessions", "materials"),
        pk=pk,
    )
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("district")
        .prefetch_related(
            "attendances",
            Prefetch("certificates", queryset=Certificate.objects.order_by("-issued_at", "-id")),
        )
        .order_by("status", "created_at", "id")
    )
    eligible_ids = {r.pk for r in certs.eligible_registrations(event)}
    return render(
        request,
        "trainings/panel_detail.html",
        {
            "event": event,
            "registrations": registrations,
            "session_form": SessionForm(),
            "material_form": MaterialForm(),
            "person_form": PersonForm(office=office),
            "issue_form": CertificateIssueForm(),
            "eligible_ids": eligible_ids,
            "eligible": len(eligible_ids),
            "feedback": selectors.feedback_summary(event),
        },
    )


def _back(event: Event, anchor: str = "") -> HttpResponse:
    url = reverse(
        "panel:trainings:detail", kwargs={"office_slug": event.office.slug, "pk": event.pk}
    )
    return redirect(url + anchor)


@post_only(Event)
def panel_session_add(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_create(event=event, data=form.cleaned_data, actor=request.user)
            messages.success(request, _("Oturum eklendi."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Oturum eklenemedi: tarih ve saatleri kontrol edin."))
    return _back(event, "#oturumlar")


@post_only(Session)
def panel_session_delete(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("event", "event__office"), pk=pk)
    event = session.event
    try:
        services.session_delete(session=session, actor=request.user)
        messages.success(request, _("Oturum silindi."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(event, "#oturumlar")


@post_only(Event)
def panel_material_add(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
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
    return _back(event, "#materyaller")


@post_only(Material)
def panel_material_delete(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    material = get_object_or_404(Material.objects.select_related("event", "event__office"), pk=pk)
    event = material.event
    services.material_delete(material=material, actor=request.user)
    messages.success(request, _("Materyal silindi."))
    return _back(event, "#materyaller")


@post_only(Event)
def panel_registration_toggle(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    closed = not event.registration_closed
    services.event_set_registration_closed(event=event, closed=closed, actor=request.user)
    messages.success(request, _("Kayıt kapatıldı.") if closed else _("Kayıt yeniden açıldı."))
    return _back(event)


@post_only(Event)
def panel_cancel_event(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    services.event_cancel(event=event, actor=request.user)
    messages.success(request, _("Etkinlik iptal edildi."))
    return _back(event)


@post_only(Event)
def panel_register(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    event = get_object_or_404(Event, pk=pk)
    form = PersonForm(request.POST, office=office)
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
    return _back(event, "#kayitlar")


@post_only(Registration)
def panel_registration_cancel(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    reg = get_object_or_404(Registration.objects.select_related("event", "event__office"), pk=pk)
    services.registration_cancel(registration=reg, actor=request.user)
    messages.success(request, _("Kayıt iptal edildi."))
    return _back(reg.event, "#kayitlar")


# --- panel: check-in ----------------------------------------------------------


def _current_session(event: Event, requested: str | None) -> Session | None:
    sessions = list(event.sessions.all())
    if requested:
        for s in sessions:
            if str(s.pk) == requested:
                return s
    today = timezone.localdate()
    for s in sessions:
        if timezone.localtime(s.starts_at).date() == today:
            return s
    upcoming = [s for s in sessions if s.ends_at >= timezone.now()]
    return upcoming[0] if upcoming else (sessions[-1] if sessions else None)


def panel_checkin(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    event = get_object_or_404(Event.objects.prefetch_related("sessions"), pk=pk)
    session = _current_session(event, request.GET.get("oturum") or request.POST.get("session"))
    q = request.GET.get("q", "").strip()
    walk_in = WalkInForm(request.POST or None, office=office, prefix="w")
    if request.method == "POST" and session is not None:
        if "registration" in request.POST:
            reg = get_object_or_404(Registration, pk=request.POST["registration"], event=event)
            try:
                if request.POST.get("undo"):
                    services.attendance_remove(
                        registration=reg, session=session, actor=request.user
                    )
                    messages.info(request, _("{name}: giriş geri alındı.").format(name=reg))
                else:
                    services.attendance_record(
                        registration=reg, session=session, actor=request.user
                    )
                    messages.success(request, _("{name}: giriş yapıldı.").format(name=reg))
            except ApplicationError as exc:
                messages.error(request, exc.message)
        elif walk_in.is_valid():
            try:
                reg = services.walk_in_register(
                    event=event, data=walk_in.person_data(), session=session, actor=request.user
                )
                messages.success(
                    request, _("{name} kapıda kaydedildi ve giriş yaptı.").format(name=reg)
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                walk_in = WalkInForm(office=office, prefix="w")
        if not walk_in.errors:
            url = reverse("panel:trainings:checkin", kwargs={"office_slug": office.slug, "pk": pk})
            return redirect(f"{url}?oturum={session.pk}&q={q}")
    people = list(selectors.checkin_candidates(event=event, q=q)[:100])
    present = (
        set(session.attendances.values_list("registration_id", flat=True)) if session else set()
    )
    return render(
        request,
        "trainings/panel_checkin.html",
        {
            "event": event,
            "session": session,
            "people": people,
            "present": present,
            "q": q,
            "walk_in": walk_in,
        },
    )


def panel_checkin_qr(request: HttpRequest, office_slug: str) -> HttpResponse:
    """Opened by scanning the QR code of the confirmation e-mail: check that person in."""
    reg_id = read_token(request.GET.get("t", ""), "checkin")
    reg = Registration.objects.select_related("event").filter(pk=reg_id or 0).first()
    if reg is None:
        return render(request, "trainings/panel_checkin_qr.html", {"invalid": True}, status=400)
    event = Event.objects.prefetch_related("sessions").get(pk=reg.event_id)
    session = _current_session(event, request.POST.get("session"))
    done = False
    error = ""
    if request.method == "POST" and session is not None:
        try:
            services.attendance_record(registration=reg, session=session, actor=request.user)
            done = True
        except ApplicationError as exc:
            error = exc.message
    present = bool(session and session.attendances.filter(registration=reg).exists())
    return render(
        request,
        "trainings/panel_checkin_qr.html",
        {
            "registration": reg,
            "event": event,
            "session": session,
            "done": done,
            "present": present,
            "error": error,
        },
    )


# --- panel: certificates ------------------------------------------------------


@post_only(Event)
def panel_certificates_issue(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    from .tasks import issue_certificates_task

    office = request.office  # type: ignore[attr-defined]
    event = get_object_or_404(Event, pk=pk)
    form = CertificateIssueForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else "tr"
    job = job_start(
        office=office,
        kind="trainings.certificates",
        title=_("Sertifikalar: {title}").format(title=event.title_tr),
        actor=request.user,
        task=issue_certificates_task,
        params={"event_id": event.pk, "language": language},
    )
    return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)


def panel_certificate_pdf(request: HttpRequest, office_slug: str, pk: int) -> FileResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    if not certificate.pdf:
        raise Http404("pdf")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"sertifika-{certificate.code}.pdf",
        content_type="application/pdf",
    )


@post_only(Registration)
def panel_certificate_single(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    reg = get_object_or_404(Registration.objects.select_related("event", "event__office"), pk=pk)
    try:
        certs.certificate_issue(
            registration=reg, language=request.POST.get("language", "tr"), actor=request.user
        )
        messages.success(request, _("Sertifika düzenlendi."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(reg.event, "#kayitlar")


@post_only(Certificate)
def panel_certificate_reissue(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    cert = get_object_or_404(Certificate.objects.select_related("registration__event"), pk=pk)
    try:
        new = certs.certificate_reissue(
            certificate=cert, language=request.POST.get("language") or None, actor=request.user
        )
        messages.success(request, _("Sertifika yeniden düzenlendi: {code}").format(code=new.code))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(cert.registration.event, "#kayitlar")


@post_only(Certificate)
def panel_certificate_revoke(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    cert = get_object_or_404(Certificate.objects.select_related("registration__event"), pk=pk)
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        certs.certificate_revoke(certificate=cert, reason=reason, actor=request.user)
        messages.success(request, _("Sertifika iptal edildi."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(cert.registration.event, "#kayitlar")


@post_only(Event)
def panel_feedback_request(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("office"), pk=pk)
    sent = services.feedback_request(event=event, actor=request.user)
    messages.success(request, _("Değerlendirme formu {n} kişiye gönderildi.").format(n=sent))
    return _back(event, "#geri-bildirim")


# --- panel: statistics, history import, personal data ---------------------------


def panel_statistics(request: HttpRequest, office_slug: str) -> HttpResponse:
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


def panel_import(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .tasks import import_history_task

    office = request.office  # type: ignore[attr-defined]
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_start(
            office=office,
            kind="trainings.history_import",
            title=_("Eğitim geçmişi içe aktarma"),
            actor=request.user,
            task=import_history_task,
            input_file=upload,
            input_name=upload.name,
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    from .importer import COLUMNS

    return render(request, "trainings/panel_import.html", {"form": form, "columns": COLUMNS})


def panel_import_template(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .importer import template_workbook

    response = HttpResponse(
        template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="egitim-gecmisi-sablon.xlsx"'
    return response


def _require_personal_data(request: HttpRequest) -> None:
    if not can_handle_personal_data(request.user, request.office):  # type: ignore[attr-defined]
        raise Http404("personal data")


def panel_people(request: HttpRequest, office_slug: str) -> HttpResponse:
    _require_personal_data(request)
    form = PersonSearchForm(request.GET or None)
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "trainings/panel_people.html",
        {"form": form, "q": q, "people": selectors.people_search(q) if q else []},
    )


def panel_person_export(request: HttpRequest, office_slug: str) -> HttpResponse:
    _require_personal_data(request)
    key = request.GET.get("kisi", "")
    data = personal_data.person_export(person_key=key, actor=request.user)
    if not data["registrations"]:
        messages.error(request, _("Kişi bulunamadı."))
        return redirect("panel:trainings:people", office_slug=office_slug)
    if request.GET.get("bicim") == "xlsx":
        response = HttpResponse(
            personal_data.export_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="kisisel-veri.xlsx"'
        return response
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="kisisel-veri.json"'
    return response


@require_POST
def panel_person_erase(request: HttpRequest, office_slug: str) -> HttpResponse:
    _require_personal_data(request)
    office = request.office  # type: ignore[attr-defined]
    try:
        n = services.person_erase(person_key=request.POST.get("kisi", ""), actor=request.user)
        messages.success(
            request, _("Kişisel veriler silindi; {n} katılım anonim olarak korundu.").format(n=n)
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("panel:trainings:people", office_slug=office.slug)


def home_section_context(request: HttpRequest, office: Any) -> dict[str, Any]:
    upcoming, _past = selectors.public_event_lists()
    return {"training_events": upcoming[:3]}
