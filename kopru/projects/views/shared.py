"""Panel (staff) and kurum (institution member) pages of the project inventory.

Both areas share these views; the area decides the base template and the rules
(``permissions.py``): staff see every project of the office, a member only their
organisation's. Each view fetches its project through ``access_project`` with the
action it needs.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from kopru.accounts.http import OfficeRequest
from kopru.calls.selectors import catalogue_call_for_identifier
from kopru.core.access import get_or_404_scoped, requires
from kopru.core.errors import ApplicationError
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import forms, permissions, selectors, services
from ..models import Activity, Indicator, Partner, Project, Stage
from ..permissions import ProjectAction, access_project


def area(request: OfficeRequest) -> str:
    match = request.resolver_match
    return match.namespaces[0] if match and match.namespaces else "panel"


def area_url(request: OfficeRequest, name: str, **kwargs: Any) -> str:
    return reverse(
        f"{area(request)}:projects:{name}", kwargs={"office_slug": request.office.slug, **kwargs}
    )


def detail_url(request: OfficeRequest, project: Project, anchor: str = "") -> str:
    return area_url(request, "detail", pk=project.pk) + anchor


def project_for(request: OfficeRequest, pk: int, for_: ProjectAction = "view") -> Project:
    return access_project(request.user, pk, for_=for_)


def _member_owner(request: OfficeRequest) -> int | None:
    """In the kurum area a member's lists are their organisation's projects."""
    user = request.user
    if area(request) == "kurum" and not permissions.is_staff_of(user, request.office):
        return int(user.organisation_id or 0)
    return None


def context(request: OfficeRequest, **extra: Any) -> dict[str, Any]:
    return {
        "base_template": "member_base.html" if area(request) == "kurum" else "panel_base.html",
        "area": area(request),
        "is_staff": permissions.is_staff_of(request.user, request.office),
        **extra,
    }


# --- Lists -------------------------------------------------------------------------


def project_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    filters = selectors.ProjectFilters.from_params(request.GET)
    qs = selectors.project_list(filters=filters, owner_id=_member_owner(request))
    listing = paged_list(request, qs, sorts=selectors.PROJECT_SORTS, default="title")
    return render(
        request,
        "projects/list.html",
        context(
            request,
            page=listing.page,
            listing=listing,
            filters=filters,
            facets=selectors.facets(qs),
            stages=Stage.choices,
            export_query=request.GET.urlencode(),
        ),
    )


@requires(permissions.can_create_project)
def project_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    user = request.user
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
            return redirect(detail_url(request, project))
    return render(request, "projects/form.html", context(request, form=form, project=None))


def project_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    project = project_for(request, pk, "edit")
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
        context=context(request, project=project),
        success_url=detail_url(request, project),
        success_message=_("Proje bilgileri kaydedildi."),
    )


# --- Detail ------------------------------------------------------------------------


def detail_context(request: OfficeRequest, project: Project, **forms_in: Any) -> dict[str, Any]:
    user = request.user
    staff = permissions.is_staff_of(user, project.office)
    allowed = permissions.allowed_transitions(user, project)
    ctx = context(
        request,
        project=project,
        **selectors.project_parts(project, staff=staff),
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


def project_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    project = project_for(request, pk)
    return render(request, "projects/detail.html", detail_context(request, project))


@require_POST
def project_transition(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    project = project_for(request, pk, "edit")
    allowed = permissions.allowed_transitions(request.user, project)
    form = forms.TransitionForm(request.POST, allowed=allowed)
    return handle_versioned_form(
        request,
        form=form,
        data=lambda: form.cleaned_data,
        save=lambda data, version: services.project_transition(
            project=fresh_copy(project),
            to_stage=data["to_stage"],
            note=data["note"],
            actor=request.user,
            allowed=allowed,
            expected_version=version,
        ),
        template="projects/detail.html",
        context=detail_context(request, project, transition_form=form),
        success_url=detail_url(request, project),
        success_message=_("Projenin aşaması değiştirildi."),
        invalid_status=400,
    )


# --- Children: partners, logical framework, monitoring -------------------------------

CHILD_FORMS: dict[str, tuple[Any, Any, ProjectAction]] = {
    # kind: (form class, service, what the project must allow)
    "partner": (forms.PartnerForm, services.partner_add, "edit"),
    "objective": (forms.ObjectiveForm, services.objective_add, "edit"),
    "indicator": (forms.IndicatorForm, services.indicator_add, "edit"),
    "activity": (forms.ActivityForm, services.activity_add, "edit"),
    "milestone": (forms.MilestoneForm, services.milestone_add, "monitor"),
    "deadline": (forms.DeadlineForm, services.deadline_add, "monitor"),
    "visit": (forms.VisitForm, services.visit_record, "monitor"),
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


def _child_add(request: OfficeRequest, pk: int, kind: str) -> HttpResponse:
    form_class, service, requirement = CHILD_FORMS[kind]
    project = project_for(request, pk, requirement)
    kwargs = {"project": project} if kind in NEEDS_PROJECT else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            service(project=project, data=form.cleaned_data, actor=request.user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, str(CHILD_MESSAGES[kind]))
            return redirect(detail_url(request, project, f"#{kind}s"))
    return render(
        request,
        "projects/detail.html",
        detail_context(request, project, **{f"{kind}_form": form, "open_form": kind}),
        status=400,
    )


def child_view(kind: str) -> Any:
    @require_POST
    def view(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
        return _child_add(request, pk, kind)

    view.__name__ = f"{kind}_add"
    return view


partner_add = child_view("partner")
objective_add = child_view("objective")
indicator_add = child_view("indicator")
activity_add = child_view("activity")


@require_POST
def partner_remove(
    request: OfficeRequest, office_slug: str, pk: int, partner_pk: int
) -> HttpResponse:
    project = project_for(request, pk, "edit")
    partner = get_or_404_scoped(Partner, pk=partner_pk, project=project)
    services.partner_remove(partner=partner, actor=request.user)
    messages.success(request, _("Ortak kaldırıldı."))
    return redirect(detail_url(request, project, "#partners"))


@require_POST
def indicator_value_add(
    request: OfficeRequest, office_slug: str, pk: int, indicator_pk: int
) -> HttpResponse:
    project = project_for(request, pk, "edit")
    indicator = get_or_404_scoped(Indicator, pk=indicator_pk, project=project)
    form = forms.IndicatorValueForm(request.POST)
    if form.is_valid():
        services.indicator_record_value(
            indicator=indicator, data=form.cleaned_data, actor=request.user
        )
        messages.success(request, _("Gösterge değeri kaydedildi."))
        return redirect(detail_url(request, project, "#indicators"))
    return render(
        request,
        "projects/detail.html",
        detail_context(request, project, value_form=form),
        status=400,
    )


@require_POST
def activity_actual(
    request: OfficeRequest, office_slug: str, pk: int, activity_pk: int
) -> HttpResponse:
    project = project_for(request, pk, "edit")
    activity = get_or_404_scoped(Activity, pk=activity_pk, project=project)
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
    return redirect(detail_url(request, project, "#activities"))
