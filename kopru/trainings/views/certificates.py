"""The panel's certificate actions: issue for every eligible participant (a background
job), issue one, download, re-issue and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only
from kopru.core.errors import ApplicationError
from kopru.core.jobs import job_start

from .. import services
from ..forms import CertificateIssueForm, RevokeForm
from ..models import Certificate, Event, Registration
from ..permissions import access_certificate, access_event, access_registration
from ..tasks import issue_certificates_task
from .panel import back_to_event
from .public import certificate_file


@post_only(Event)
def panel_certificates_issue(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    event = access_event(request.user, pk)
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


def panel_certificate_pdf(request: OfficeRequest, office_slug: str, pk: int) -> FileResponse:
    certificate = access_certificate(request.user, pk)
    if not certificate.pdf:
        raise Http404("pdf")
    return certificate_file(certificate)


@post_only(Registration)
def panel_certificate_single(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    reg = access_registration(request.user, pk)
    try:
        services.certificate_issue(
            registration=reg, language=request.POST.get("language", "tr"), actor=request.user
        )
        messages.success(request, _("Sertifika düzenlendi."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return back_to_event(reg.event, "#kayitlar")


@post_only(Certificate)
def panel_certificate_reissue(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    cert = access_certificate(request.user, pk)
    try:
        new = services.certificate_reissue(
            certificate=cert, language=request.POST.get("language") or None, actor=request.user
        )
        messages.success(request, _("Sertifika yeniden düzenlendi: {code}").format(code=new.code))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return back_to_event(cert.registration.event, "#kayitlar")


@post_only(Certificate)
def panel_certificate_revoke(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    cert = access_certificate(request.user, pk)
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.certificate_revoke(certificate=cert, reason=reason, actor=request.user)
        messages.success(request, _("Sertifika iptal edildi."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return back_to_event(cert.registration.event, "#kayitlar")
