"""Panel (staff) and kurum (institution member) pages of the project inventory.

Both areas share these views; the area decides the base template and the rules
(``permissions.py``): staff see every project of the office, a member only their
organisation's.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from kopru.calls.selectors import catalogue_call_for_identifier
from kopru.core.errors import ApplicationError, ConcurrentEditError
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from . import forms, permissions, selectors, services
from .models import (
    Activity,
    Indicator,
    IndicatorValue,
    Milestone,
    MonitoringVisit,
    Objective,
    Partner,
    Project,
    ReportDeadline,
    Stage,
    StageChange,
)


def _area(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.namespaces[0] if match and match.namespaces else "panel"


def _base(request: HttpRequest) -> str:
    return "member_base.html" if _area(request) == "kurum" else "panel_base.html"


def _url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    office = request.office  # type: ignore[attr-defined]
    return reverse(
        f"{_area(request)}:projects:{name}", kwargs={"office_slug": office.slug, **kwargs}
    )


def _project(request: HttpRequest, pk: int) -> Project:
    """The project, if the user may see it here (404 otherwise, like a missing one)."""
    project = get_object_or_404(Project.objects.select_related("owner", "office"), pk=pk)
    if not permissions.can_view_project(request.user, project):
        raise Http404("project")
    return project


def _member_owner(request: HttpRequest) -> int | None:
    """In the kurum area a member's lists are their organisation's projects."""
    user: Any = request.user
    office = request.office  # type: ignore[attr-defined]
    if _area(request) == "kurum" and not permissions.is_staff_of(user, office):
        return int(user.organisation_id or 0)
    return None


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    office = request.office  # type: ignore[attr-defined]
    return {
        "base_template": _base(request),
        "area": _area(request),
        "is_staff": permissions.is_staff_of(request.user, office),
        **extra,
    }


# --- Lists -------------------------------------------------------------------------


def project_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    filters = selectors.ProjectFilters.from_params(request.GET)
    owner = _member_owner(request)
    qs = selectors.project_list(filters=filters, owner_id=owner)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    facet_list = selectors.facets(qs)
    return render(
        request,
        "projects/list.html",
        _ctx(
            request,
            page=page,
            filters=filters,
            facets=facet_list,
            stages=Stage.choices,
            export_query=request.GET.urlencode(),
        ),
    )


def project_create(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    user: Any = request.user
    if not permissions.can_create_project(user, office):
        raise Http404("project")
    staff = permissions.is_staff_of(user, office)
    form = forms.ProjectForm(request.POST or None, office=office, member=not staff)
    if request.method == "POST" and form.is_valid():
        data = form.changed_data_dict()
        if not staff:
            data["owner"] = user.organisation
        try:
            project = services.project_create(office=office, data=data, actor=user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Proje kaydedildi."))
            return redirect(_url(request, "detail", pk=project.pk))
    return render(request, "projects/form.html", _ctx(request, form=form, project=None))


def project_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    project = _project(request, pk)
    staff = permissions.is_staff_of(request.user, office)
    form = forms.ProjectForm(
        request.POST or None, instance=project, office=office, member=not staff
    )
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.project_update(
            project=fresh_copy(project), data=data, actor=request.user, expected_version=version
        ),
        template="projects/form.html",
        context=_ctx(request, project=project),
        success_url=_url(request, "detail", pk=project.pk),
        success_message=_("Proje bilgileri kaydedildi."),
    )


# --- Detail ------------------------------------------------------------------------


def _detail_context(request: HttpRequest, project: Project, **forms_in: Any) -> dict[str, Any]:
    user: Any = request.user
    staff = permissions.is_staff_of(user, project.office)
    objectives = list(Objective.objects.filter(project=project))
    indicators = list(
        Indicator.objects.filter(project=project).prefetch_related(
            Prefetch("values", queryset=IndicatorValue._base_manager.order_by("measured_on", "id"))
        )
    )
    allowed = permissions.allowed_transitions(user, project)
    ctx = _ctx(
        request,
        project=project,
        districts=list(project.districts.order_by("name_sort")),
        partners=list(Partner.objects.filter(project=project)),
        objectives=objectives,
        indicators=indicators,
        activities=list(Activity.objects.filter(project=project)),
        milestones=list(Milestone.objects.filter(project=project)),
        deadlines=list(ReportDeadline.objects.filter(project=project)),
        visits=list(MonitoringVisit.objects.filter(project=project).select_related("visitor"))
        if staff
        else [],
        history=list(StageChange.objects.filter(project=project).select_related("changed_by")),
        catalogue_call=catalogue_call_for_identifier(project.office, project.call_identifier),
        risks=selectors.project_risk(project)
        if project.stage in selectors.MONITORED_STAGES
        else [],
        transition_form=forms.TransitionForm(allowed=allowed, initial={"version": project.version})
        if allowed
        else None,
        can_monitor=permissions.can_monitor(user, project),
        can_publish=permissions.can_publish(user, project),
        partner_form=forms.PartnerForm(),
        objective_form=forms.ObjectiveForm(),
        indicator_form=forms.IndicatorForm(project=project),
        value_form=forms.IndicatorValueForm(),
        activity_form=forms.ActivityForm(project=project),
        milestone_form=forms.MilestoneForm(),
        deadline_form=forms.DeadlineForm(),
        received_form=forms.ReceivedForm(),
        visit_form=forms.VisitForm(),
    )
    ctx.update(forms_in)
    return ctx


def project_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    project = _project(request, pk)
    return render(request, "projects/detail.html", _detail_context(request, project))


@require_POST
def project_transition(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    project = _project(request, pk)
    allowed = permissions.allowed_transitions(request.user, project)
    form = forms.TransitionForm(request.POST, allowed=allowed)
    if not form.is_valid():
        return render(
            request,
            "projects/detail.html",
            _detail_context(request, project, transition_form=form),
            status=400,
        )
    try:
        services.project_transition(
            project=fresh_copy(project),
            to_stage=form.cleaned_data["to_stage"],
            note=form.cleaned_data["note"],
            actor=request.user,
            allowed=allowed,
            expected_version=form.cleaned_data.get("version"),
        )
    except ConcurrentEditError as exc:
        messages.error(request, exc.message)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Projenin aşaması değiştirildi."))
    return redirect(_url(request, "detail", pk=project.pk))


@require_POST
def project_publish(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not permissions.can_publish(request.user, project):
        raise Http404("project")
    publish = request.POST.get("publish") == "1"
    services.project_set_published(project=project, published=publish, actor=request.user)
    messages.success(
        request,
        _("Proje veri bankasında yayımlandı.") if publish else _("Proje yayından kaldırıldı."),
    )
    return redirect(_url(request, "detail", pk=project.pk))


# --- Children: partners, logical framework, monitoring -------------------------------

CHILD_FORMS: dict[str, tuple[Any, Any, bool]] = {
    # kind: (form class, service, staff only)
    "partner": (forms.PartnerForm, services.partner_add, False),
    "objective": (forms.ObjectiveForm, services.objective_add, False),
    "indicator": (forms.IndicatorForm, services.indicator_add, False),
    "activity": (forms.ActivityForm, services.activity_add, False),
    "milestone": (forms.MilestoneForm, services.milestone_add, True),
    "deadline": (forms.DeadlineForm, services.deadline_add, True),
    "visit": (forms.VisitForm, services.visit_record, True),
}
NEEDS_PROJECT = ("indicator", "activity")
CHILD_MESSAGES = {
    "partner": _lazy("Ortak eklendi."),
    "objective": _lazy("Mantıksal çerçeveye satır eklendi."),
    "indicator": _lazy("Gösterge eklendi."),
    "activity": _lazy("Faaliyet eklendi."),
    "milestone": _lazy("Kilometre taşı eklendi."),
    "deadline": _lazy("Rapor teslim tarihi eklendi."),
    "visit": _lazy("İzleme ziyareti kaydedildi."),
}


def _child_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    project = _project(request, pk)
    form_class, service, staff_only = CHILD_FORMS[kind]
    if staff_only and not permissions.can_monitor(request.user, project):
        raise Http404("project")
    if not permissions.can_edit_project(request.user, project):
        raise Http404("project")
    kwargs = {"project": project} if kind in NEEDS_PROJECT else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            service(project=project, data=form.cleaned_data, actor=request.user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, str(CHILD_MESSAGES[kind]))
            return redirect(_url(request, "detail", pk=project.pk) + f"#{kind}s")
    return render(
        request,
        "projects/detail.html",
        _detail_context(request, project, **{f"{kind}_form": form, "open_form": kind}),
        status=400,
    )


def _child_view(kind: str) -> Any:
    @require_POST
    def view(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
        return _child_add(request, pk, kind)

    view.__name__ = f"{kind}_add"
    return view


partner_add = _child_view("partner")
objective_add = _child_view("objective")
indicator_add = _child_view("indicator")
activity_add = _child_view("activity")
milestone_add = _child_view("milestone")
deadline_add = _child_view("deadline")
visit_add = _child_view("visit")


@require_POST
def partner_remove(
    request: HttpRequest, office_slug: str, pk: int, partner_pk: int
) -> HttpResponse:
    project = _project(request, pk)
    partner = get_object_or_404(Partner, pk=partner_pk, project=project)
    services.partner_remove(partner=partner, actor=request.user)
    messages.success(request, _("Ortak kaldırıldı."))
    return redirect(_url(request, "detail", pk=project.pk) + "#partners")


@require_POST
def indicator_value_add(
    request: HttpRequest, office_slug: str, pk: int, indicator_pk: int
) -> HttpResponse:
    project = _project(request, pk)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, project=project)
    form = forms.IndicatorValueForm(request.POST)
    if form.is_valid():
        services.indicator_record_value(
            indicator=indicator, data=form.cleaned_data, actor=request.user
        )
        messages.success(request, _("Gösterge değeri kaydedildi."))
        return redirect(_url(request, "detail", pk=project.pk) + "#indicators")
    return render(
        request,
        "projects/detail.html",
        _detail_context(request, project, value_form=form),
        status=400,
    )


@require_POST
def activity_actual(
    request: HttpRequest, office_slug: str, pk: int, activity_pk: int
) -> HttpResponse:
    project = _project(request, pk)
    activity = get_object_or_404(Activity, pk=activity_pk, project=project)
    form = forms.ActivityActualForm(request.POST, instance=fresh_copy(activity))
    if form.is_valid():
        try:
            services.activity_record_actual(
                activity=fresh_copy(activity), data=form.cleaned_data, actor=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Faaliyet tarihleri kaydedildi."))
    else:
        messages.error(request, _("Tarihleri kontrol edin."))
    return redirect(_url(request, "detail", pk=project.pk) + "#activities")


@require_POST
def milestone_done(
    request: HttpRequest, office_slug: str, pk: int, milestone_pk: int
) -> HttpResponse:
    project = _project(request, pk)
    if not permissions.can_monitor(request.user, project):
        raise Http404("project")
    milestone = get_object_or_404(Milestone, pk=milestone_pk, project=project)
    from django.utils import timezone

    services.milestone_mark_done(
        milestone=milestone, done_on=timezone.localdate(), actor=request.user
    )
    messages.success(request, _("Kilometre taşı gerçekleşti olarak işaretlendi."))
    return redirect(_url(request, "detail", pk=project.pk) + "#monitoring")


@require_POST
def deadline_received(
    request: HttpRequest, office_slug: str, pk: int, deadline_pk: int
) -> HttpResponse:
    project = _project(request, pk)
    if not permissions.can_monitor(request.user, project):
        raise Http404("project")
    deadline = get_object_or_404(ReportDeadline, pk=deadline_pk, project=project)
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
    return redirect(_url(request, "detail", pk=project.pk) + "#monitoring")


# --- Staff only: monitoring list, statistics, export, import ---------------------------


def monitoring(request: HttpRequest, office_slug: str) -> HttpResponse:
    qs = selectors.monitoring_list()
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(p, selectors.risk_flags(p)) for p in page.object_list]
    return render(request, "projects/monitoring.html", _ctx(request, page=page, rows=rows))


def statistics(request: HttpRequest, office_slug: str) -> HttpResponse:
    return render(
        request, "projects/statistics.html", _ctx(request, stats=selectors.cycle_statistics())
    )


def export_xlsx(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .exports import STAFF_COLUMNS, xlsx_response

    filters = selectors.ProjectFilters.from_params(request.GET)
    qs = selectors.project_list(filters=filters)
    office = request.office  # type: ignore[attr-defined]
    return xlsx_response(qs, STAFF_COLUMNS, f"projeler-{office.slug}.xlsx")


def import_upload(request: HttpRequest, office_slug: str) -> HttpResponse:
    from kopru.core.jobs import job_start

    from .tasks import import_projects_task

    office = request.office  # type: ignore[attr-defined]
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_start(
            office=office,
            kind="projects.import",
            title=_("Proje içe aktarma: {name}").format(name=upload.name),
            actor=request.user,
            task=import_projects_task,
            params={"filename": upload.name, "language": get_language()},
            input_file=upload,
            input_name=upload.name,
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    return render(request, "projects/import.html", _ctx(request, form=form))


def template_download(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .importers import build_template_xlsx

    response = HttpResponse(
        build_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="proje-sablonu.xlsx"'
    return response
