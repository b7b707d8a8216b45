"""The office's annual reports: list and draft, read, edit a section, approve (freeze),
start a new version, make the files (background job), download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.accounts.permissions import can_coordinate_office
from kopru.core.access import post_only, requires
from kopru.core.audit import history_for
from kopru.core.errors import ApplicationError
from kopru.core.jobs import job_start
from kopru.core.lists import paged_list
from kopru.core.models import Job
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import document, selectors, services
from ..forms import ReportCreateForm, section_form_class
from ..models import SECTION_FIELDS, SECTION_LABELS, AnnualReport, ReportFormat, ReportLanguage
from ..permissions import access_report, can_coordinate, can_edit_report
from ..tasks import generate_report_files_task


def _detail(report: AnnualReport) -> HttpResponse:
    return redirect("panel:annualreports:detail", office_slug=report.office.slug, pk=report.pk)


def report_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    return _list_page(request, ReportCreateForm())


def _list_page(request: OfficeRequest, form: ReportCreateForm, status: int = 200) -> HttpResponse:
    listing = paged_list(
        request, selectors.report_list(), sorts=selectors.REPORT_SORTS, default="-period"
    )
    return render(
        request,
        "annualreports/list.html",
        {
            "page": listing.page,
            "listing": listing,
            "form": form,
            "may_create": can_coordinate_office(request.user, request.office),
        },
        status=status,
    )


@requires(can_coordinate_office)
def report_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("panel:annualreports:list", office_slug=office_slug)
    form = ReportCreateForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_create(
                office=request.office,
                actor=request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Rapor taslağı oluşturuldu."))
            return _detail(report)
    return _list_page(request, form, status=400)


def report_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    report = access_report(request.user, pk)
    language = "en" if (translation.get_language() or "tr").startswith("en") else "tr"
    snapshot = services.report_figures(report)
    files = selectors.report_files(report)
    downloads = [
        {
            "language": lang,
            "language_label": lang_label,
            "format": fmt,
            "file": files.get((lang, fmt)),
            "url": reverse(
                "panel:annualreports:download",
                kwargs={"office_slug": office_slug, "pk": report.pk, "language": lang, "fmt": fmt},
            ),
        }
        for lang, lang_label in ReportLanguage.choices
        for fmt in ReportFormat.values
    ]
    return render(
        request,
        "annualreports/detail.html",
        {
            "report": report,
            "doc": document.build(report, snapshot, language),
            "downloads": downloads,
            "may_edit": can_edit_report(request.user, report),
            "may_manage": can_coordinate(request.user, report.office_id),
            "revisions": selectors.revisions(report),
            "history": history_for(report)[:8],
            "last_job": Job.objects.filter(
                kind="annualreports.files", params__report_id=report.pk
            ).first(),
        },
    )


def section_edit(request: OfficeRequest, office_slug: str, pk: int, section: str) -> HttpResponse:
    report = access_report(request.user, pk, for_="manage")
    if section not in SECTION_FIELDS:
        raise Http404("section")
    if report.is_frozen:
        messages.error(
            request, _("Onaylanmış rapor değiştirilemez; değişiklik için yeni bir sürüm başlatın.")
        )
        return _detail(report)
    form = section_form_class(section)(request.POST or None, instance=report)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.report_update(
            report=fresh_copy(report), data=data, actor=request.user, expected_version=version
        ),
        template="annualreports/section_form.html",
        context={
            "report": report,
            "section": section,
            "section_title": SECTION_LABELS[section],
            "history": history_for(report)[:5],
        },
        success_url=reverse(
            "panel:annualreports:detail", kwargs={"office_slug": office_slug, "pk": report.pk}
        )
        + f"#part-{section}",
        success_message=_("Bölüm kaydedildi."),
    )


def _start_files_job(request: OfficeRequest, report: AnnualReport) -> HttpResponse:
    job = job_start(
        office=request.office,
        kind="annualreports.files",
        title=_("Faaliyet raporu {period} (sürüm {n}): dosyalar").format(
            period=report.period_label, n=report.revision
        ),
        actor=request.user,
        task=generate_report_files_task,
        params={"report_id": report.pk, "ui_language": translation.get_language() or "tr"},
    )
    return redirect("panel:core:job", office_slug=request.office.slug, pk=job.pk)


@post_only(AnnualReport)
def report_approve(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    report = access_report(request.user, pk, for_="manage")
    version = request.POST.get("version", "")
    try:
        approved = services.report_approve(
            report=report,
            actor=request.user,
            expected_version=int(version) if version.isdigit() else 0,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _detail(report)
    messages.success(request, _("Rapor onaylandı; rakamları donduruldu."))
    return _start_files_job(request, approved)


@post_only(AnnualReport)
def report_new_draft(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    report = access_report(request.user, pk, for_="manage")
    try:
        draft = services.report_new_draft(report=report, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _detail(report)
    messages.success(request, _("Yeni sürüm taslağı başlatıldı."))
    return _detail(draft)


@post_only(AnnualReport)
def report_generate(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    report = access_report(request.user, pk, for_="manage")
    return _start_files_job(request, report)


def report_download(
    request: OfficeRequest, office_slug: str, pk: int, language: str, fmt: str
) -> HttpResponseBase:
    report = access_report(request.user, pk)
    if language not in ReportLanguage.values or fmt not in ReportFormat.values:
        raise Http404("file kind")
    made = selectors.report_file(report, language, fmt)
    if made is None or not made.file:
        messages.info(request, _("Bu dosya henüz hazırlanmadı; önce dosyaları hazırlayın."))
        return _detail(report)
    content_type = (
        "application/pdf"
        if fmt == ReportFormat.PDF
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(
        made.file.open("rb"),
        as_attachment=True,
        filename=services.file_name(report, language, fmt),
        content_type=content_type,
    )
