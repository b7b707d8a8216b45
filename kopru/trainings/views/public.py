"""Public pages: the event list and calendar, an event's page with the registration form,
materials, cancelling and giving feedback through a signed link, verifying a certificate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopru.accounts.http import PublicRequest
from kopru.core.access import get_or_404_scoped
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import client_ip, rate_limit_hit

from .. import selectors, services
from ..calendar import events_calendar
from ..forms import KVKK_TEXT, CertificateCodeForm, FeedbackForm, PublicRegistrationForm
from ..models import EventType, Registration, RegistrationStatus
from ..tokens import read_token

# A burst of registrations from one address is slowed (a teacher registering a class
# stays well below this).
REGISTRATIONS_PER_HOUR = 30


def _lang() -> str:
    return (get_language() or "tr")[:2]


def public_list(request: PublicRequest, office_slug: str) -> HttpResponse:
    event_type = request.GET.get("tur", "")
    upcoming, past = selectors.public_event_lists(event_type=event_type)
    return render(
        request,
        "trainings/public_list.html",
        {"upcoming": upcoming, "past": past, "types": EventType.choices, "type": event_type},
    )


def public_calendar(request: PublicRequest, office_slug: str) -> HttpResponse:
    office = request.office
    events = selectors.calendar_events()
    body = events_calendar(events, _("{office}: eğitimler").format(office=office.name))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="egitimler.ics"'
    return response


def public_event(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    event = get_or_404_scoped(selectors.public_event_page(), pk=pk, what="event")
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


def public_material(request: PublicRequest, office_slug: str, pk: int) -> FileResponse:
    material = selectors.public_material(pk)
    if material is None:
        raise Http404("material")
    return FileResponse(material.file.open("rb"), as_attachment=True)


def _registration_from_token(request: PublicRequest, token: str, purpose: str) -> Registration:
    # The signed token is what authorises the person: it names one registration.
    registration = selectors.registration_for_link(request.office, read_token(token, purpose))
    if registration is None:
        raise Http404("registration")
    return registration


def public_cancel(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    registration = _registration_from_token(request, token, "cancel")
    done = registration.status == RegistrationStatus.CANCELLED
    if request.method == "POST" and not done:
        registration = services.registration_cancel(registration=registration, actor=None)
        done = True
        messages.success(request, _("Kaydınız iptal edildi."))
    return render(
        request, "trainings/public_cancel.html", {"registration": registration, "done": done}
    )


def public_feedback(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
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


def certificate_lookup(request: PublicRequest, office_slug: str) -> HttpResponse:
    """Type the code printed on a certificate by hand (``?kod=ABCDE-FGHJK``)."""
    form = CertificateCodeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["kod"]
        if selectors.certificate_for_code(request.office, code) is not None:
            return redirect(
                "public:trainings:certificate_verify", office_slug=office_slug, code=code
            )
        form.add_error("kod", _("Bu ofiste bu kodla düzenlenmiş bir sertifika yok."))
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request, "trainings/public_certificate_lookup.html", {"form": form}, status=status
    )


def certificate_verify(request: PublicRequest, office_slug: str, code: str) -> HttpResponse:
    certificate = selectors.certificate_for_code(request.office, code.strip().upper())
    if certificate is None:
        raise Http404("certificate")
    return render(request, "trainings/public_verify.html", {"certificate": certificate})


def certificate_pdf_public(request: PublicRequest, office_slug: str, code: str) -> FileResponse:
    certificate = selectors.certificate_for_code(request.office, code, valid_only=True)
    if certificate is None or not certificate.pdf:
        raise Http404("certificate")
    return certificate_file(certificate)


def certificate_file(certificate: Any) -> FileResponse:
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"sertifika-{certificate.code}.pdf",
        content_type="application/pdf",
    )


def home_section_context(request: HttpRequest, office: Any) -> dict[str, Any]:
    upcoming, _past = selectors.public_event_lists()
    return {"training_events": upcoming[:3]}
