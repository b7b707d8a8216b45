"""The office's own project pages (staff only): publishing in the data bank, monitoring
(milestones, report deadlines, visits), the monitoring list, statistics, export and
import."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.http import OfficeRequest
from kopru.core.access import get_or_404_scoped
from kopru.core.errors import ApplicationError
from kopru.core.imports.jobs import import_start

from .. import forms, selectors, services
from ..exports import STAFF_COLUMNS, xlsx_response
from ..importers import build_template_xlsx
from ..models import Milestone, ReportDeadline
from .shared import child_view, context, detail_url, project_for

milestone_add = child_view("milestone")
deadline_add = child_view("deadline")
visit_add = child_view("visit")


@require_POST
def project_publish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    project = project_for(request, pk, "publish")
    publish = request.POST.get("publish") == "1"
    services.project_set_published(project=project, published=publish, actor=request.user)
    messages.success(
        request,
        _("Proje veri bankasında yayımlandı.") if publish else _("Proje yayından kaldırıldı."),
    )
    return redirect(detail_url(request, project))


@require_POST
def milestone_done(
    request: OfficeRequest, office_slug: str, pk: int, milestone_pk: int
) -> HttpResponse:
    project = project_for(request, pk, "monitor")
    milestone = get_or_404_scoped(Milestone, pk=milestone_pk, project=project)
    services.milestone_mark_done(
        milestone=milestone, done_on=timezone.localdate(), actor=request.user
    )
    messages.success(request, _("Kilometre taşı gerçekleşti olarak işaretlendi."))
    return redirect(detail_url(request, project, "#monitoring"))


@require_POST
def deadline_received(
    request: OfficeRequest, office_slug: str, pk: int, deadline_pk: int
) -> HttpResponse:
    project = project_for(request, pk, "monitor")
    deadline = get_or_404_scoped(ReportDeadline, pk=deadline_pk, project=project)
    form = forms.ReceivedForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_mark_received(
                deadline=deadline,
                received_on=form.cleaned_data["received_on"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Rapor alındı olarak kaydedildi."))
    else:
        messages.error(request, _("Alındığı tarihi girin."))
    return redirect(detail_url(request, project, "#monitoring"))


def monitoring(request: OfficeRequest, office_slug: str) -> HttpResponse:
    qs = selectors.monitoring_list()
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(p, selectors.risk_flags(p)) for p in page.object_list]
    return render(request, "projects/monitoring.html", context(request, page=page, rows=rows))


def statistics(request: OfficeRequest, office_slug: str) -> HttpResponse:
    return render(
        request, "projects/statistics.html", context(request, stats=selectors.cycle_statistics())
    )


def export_xlsx(request: OfficeRequest, office_slug: str) -> HttpResponse:
    filters = selectors.ProjectFilters.from_params(request.GET)
    qs = selectors.project_list(filters=filters)
    return xlsx_response(qs, STAFF_COLUMNS, f"projeler-{request.office.slug}.xlsx")


def import_upload(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_start(
            "projects.import_file",
            office=office,
            actor=request.user,
            upload=upload,
            kind="projects.import",
            title=_("Proje içe aktarma: {name}").format(name=upload.name),
            next_url=reverse("panel:projects:list", kwargs={"office_slug": office.slug}),
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    return render(request, "projects/import.html", context(request, form=form))


def template_download(request: OfficeRequest, office_slug: str) -> HttpResponse:
    response = HttpResponse(
        build_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="proje-sablonu.xlsx"'
    return response
