"""The office's directory in the staff panel: list, record, form, project teams of any
organisation, which public bodies have a team, likely duplicates and merging, import and
export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.http import OfficeRequest
from kopru.core.access import requires
from kopru.core.errors import ApplicationError
from kopru.core.imports.jobs import import_start
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import selectors, services
from ..exports import export_workbook
from ..forms import ImportForm, OrganisationForm
from ..models import MERGE_FIELDS, PUBLIC_TYPES, Organisation, OrganisationType, TeamStatus
from ..permissions import (
    access_organisation,
    access_team_member,
    can_import_organisations,
    can_merge_organisations,
)
from ..services.imports import import_columns, template_workbook
from . import teams
from .common import int_or_none

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- the directory ------------------------------------------------------------------


def panel_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    org_type = request.GET.get("type", "")
    qs = selectors.organisation_list(q=q, type=org_type)
    listing = paged_list(request, qs, sorts=selectors.ORGANISATION_SORTS, default="name")
    return render(
        request,
        "organisations/panel_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "q": q,
            "type": org_type,
            "types": OrganisationType.choices,
        },
    )


def panel_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    organisation = access_organisation(
        request.user,
        pk,
        queryset=selectors.organisation_page(),
    )
    return render(
        request, "organisations/panel_detail.html", teams.team_context(request, organisation)
    )


def panel_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = OrganisationForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                office=office, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Kurum kaydedildi."))
            return redirect(
                "panel:organisations:detail", office_slug=office.slug, pk=organisation.pk
            )
    return render(request, "organisations/panel_form.html", {"form": form, "organisation": None})


def panel_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    organisation = access_organisation(request.user, pk, for_="edit")
    form = OrganisationForm(request.POST or None, instance=organisation, office=office)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.organisation_update(
            organisation=fresh_copy(organisation),
            data=data,
            actor=request.user,
            expected_version=version,
        ),
        template="organisations/panel_form.html",
        context={"organisation": organisation},
        success_url=reverse(
            "panel:organisations:detail", kwargs={"office_slug": office.slug, "pk": organisation.pk}
        ),
        success_message=_("Kurum bilgileri kaydedildi."),
    )


# --- project teams of any organisation of the office ----------------------------------


def panel_team_status(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk, for_="edit_team")
    return teams.team_status(request, organisation)


def panel_member_create(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk, for_="edit_team")
    return teams.member_create(request, organisation)


def panel_member_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return teams.member_edit(request, access_team_member(request.user, pk, for_="edit"))


@require_POST
def panel_member_delete(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return teams.member_delete(request, access_team_member(request.user, pk, for_="remove"))


def panel_teams(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """Which public bodies have a project team."""
    office = request.office
    status = request.GET.get("durum", "")
    org_type = request.GET.get("tur", "")
    status = status if status in TeamStatus.values else ""
    org_type = org_type if org_type in PUBLIC_TYPES else ""
    district_id = int_or_none(request.GET.get("ilce"))
    q = request.GET.get("q", "").strip()
    overview = selectors.team_overview(status=status, type=org_type, district_id=district_id, q=q)
    page = Paginator(overview.rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/panel_teams.html",
        {
            "page": page,
            "overview": overview,
            "counts": [(s, label, overview.counts.get(s, 0)) for s, label in TeamStatus.choices],
            "status": status,
            "type": org_type,
            "district_id": district_id,
            "q": q,
            "statuses": TeamStatus.choices,
            "types": [(t, OrganisationType(t).label) for t in PUBLIC_TYPES],
            "districts": selectors.districts_of(office),
        },
    )


# --- duplicates and merging ---------------------------------------------------------


def panel_duplicates(request: OfficeRequest, office_slug: str) -> HttpResponse:
    groups = selectors.duplicate_groups()
    page = Paginator(groups, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/panel_duplicates.html",
        {"page": page, "can_merge": can_merge_organisations(request.user, request.office)},
    )


def _chosen(request: OfficeRequest) -> tuple[Organisation, list[Organisation]] | None:
    data = request.POST if request.method == "POST" else request.GET
    survivor_id = int_or_none(data.get("kalan"))
    other_ids = {i for i in (int_or_none(v) for v in data.getlist("birlesen")) if i} - {survivor_id}
    if not survivor_id or not other_ids:
        return None
    found = selectors.organisations_by_id({survivor_id, *other_ids})
    if len(found) != len(other_ids) + 1:
        raise Http404("organisation")
    return found[survivor_id], [found[i] for i in sorted(other_ids)]


@requires(can_merge_organisations, methods=["POST"])
def panel_merge(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """GET: what merging the chosen records would do (anyone of the office may look);
    POST: merge them (the coordinator)."""
    office = request.office
    chosen = _chosen(request)
    if chosen is None:
        if request.method == "POST":
            messages.error(request, _("Kalacak kaydı ve birleştirilecek en az bir kaydı seçin."))
        return redirect("panel:organisations:duplicates", office_slug=office.slug)
    survivor, others = chosen
    if request.method == "POST":
        try:
            survivor = services.organisation_merge(
                survivor=survivor, others=others, actor=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("panel:organisations:duplicates", office_slug=office.slug)
        messages.success(
            request,
            _("{n} kayıt “{name}” ile birleştirildi.").format(n=len(others), name=survivor.name),
        )
        return redirect("panel:organisations:detail", office_slug=office.slug, pk=survivor.pk)
    changes = services.merge_values(survivor, others)
    fields = []
    for name in ["name", *MERGE_FIELDS, "team_status"]:
        field: Any = Organisation._meta.get_field(name)
        fields.append(
            {
                "label": field.verbose_name,
                "values": [_display(o, name) for o in [survivor, *others]],
                "result": _display(survivor, name, changes),
                "taken": name in changes,
            }
        )
    return render(
        request,
        "organisations/panel_merge.html",
        {
            "survivor": survivor,
            "others": others,
            "fields": fields,
            "related": services.related_counts(others),
            "can_merge": can_merge_organisations(request.user, office),
        },
    )


def _display(org: Organisation, name: str, changes: dict[str, Any] | None = None) -> Any:
    if changes and name in changes:
        value = changes[name][1]
        if name == "district":
            return selectors.district(value) or "—"
        if name == "team_status":
            return TeamStatus(value).label
        return value
    if name == "team_status":
        return org.get_team_status_display()
    value = getattr(org, name)
    return "—" if value in (None, "") else value


@require_POST
def panel_mark_distinct(request: OfficeRequest, office_slug: str) -> HttpResponse:
    ids = {i for i in (int_or_none(v) for v in request.POST.getlist("kurum")) if i}
    organisations = list(selectors.organisations_by_id(ids).values())
    if len(organisations) != len(ids):
        raise Http404("organisation")
    try:
        services.organisations_mark_distinct(organisations=organisations, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Kayıtlar farklı kurumlar olarak işaretlendi."))
    return redirect("panel:organisations:duplicates", office_slug=office_slug)


# --- import and export ---------------------------------------------------------------


@requires(can_import_organisations)
def panel_import(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_start(
            "organisations.import_directory",
            office=office,
            actor=request.user,
            upload=upload,
            kind="organisations.import",
            title=_("Kurum rehberi içe aktarma: {name}").format(name=upload.name),
            next_url=reverse("panel:organisations:list", kwargs={"office_slug": office.slug}),
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    context = {"form": form, "sheets": import_columns(office)}
    return render(request, "organisations/panel_import.html", context)


@requires(can_import_organisations)
def panel_import_template(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    response = HttpResponse(template_workbook(office), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kurum-rehberi-sablon.xlsx"'
    return response


@requires(can_import_organisations)
def panel_export(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    qs = selectors.organisation_list(
        q=request.GET.get("q", "").strip(), type=request.GET.get("type", "")
    )
    response = HttpResponse(export_workbook(qs, office), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kurum-rehberi-{office.slug}.xlsx"'
    return response
