"""Panel (office staff) and kurum (institution member) pages of the directory."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.core.errors import ApplicationError
from kopru.core.jobs import job_start
from kopru.core.viewmixins import fresh_copy, handle_versioned_form
from kopru.geo.models import District

from . import selectors, services
from .forms import (
    ImportForm,
    MemberOrganisationForm,
    OrganisationForm,
    TeamMemberForm,
    TeamStatusForm,
)
from .models import (
    MERGE_FIELDS,
    PUBLIC_TYPES,
    Organisation,
    OrganisationType,
    TeamMember,
    TeamStatus,
)
from .permissions import (
    can_edit_organisation,
    can_edit_team,
    can_import_organisations,
    can_merge_organisations,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _districts(office: Any) -> list[District]:
    return list(District.objects.filter(province=office.province).order_by("name_sort"))


# --- panel: the directory -----------------------------------------------------------


def panel_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    org_type = request.GET.get("type", "")
    qs = selectors.organisation_list(q=q, type=org_type)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/panel_list.html",
        {"page": page, "q": q, "type": org_type, "types": OrganisationType.choices},
    )


def panel_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("district", "district__province"), pk=pk
    )
    return render(request, "organisations/panel_detail.html", _team_context(request, organisation))


def panel_create(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
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


def panel_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    organisation = get_object_or_404(Organisation, pk=pk)
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


# --- project teams: shared by the panel and the kurum area ------------------------------


def _team_urls(request: HttpRequest, organisation: Organisation) -> dict[str, str]:
    """Where the team pages of ``organisation`` live in the current area."""
    slug = request.office.slug  # type: ignore[attr-defined]
    if request.resolver_match and request.resolver_match.namespaces[0] == "kurum":
        return {
            "base": "member_base.html",
            "back": reverse("kurum:organisations:team", kwargs={"office_slug": slug}),
            "status": reverse("kurum:organisations:team_status", kwargs={"office_slug": slug}),
            "add": reverse("kurum:organisations:member_create", kwargs={"office_slug": slug}),
            "edit": "kurum:organisations:member_edit",
            "delete": "kurum:organisations:member_delete",
        }
    kw = {"office_slug": slug, "pk": organisation.pk}
    return {
        "base": "panel_base.html",
        "back": reverse("panel:organisations:detail", kwargs=kw) + "#ekip",
        "status": reverse("panel:organisations:team_status", kwargs=kw),
        "add": reverse("panel:organisations:member_create", kwargs=kw),
        "edit": "panel:organisations:member_edit",
        "delete": "panel:organisations:member_delete",
    }


def _team_context(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    """What ``organisations/_team.html`` shows: the team, its status form, its links."""
    return {
        "organisation": organisation,
        "members": list(selectors.team_members(organisation)),
        "status_form": TeamStatusForm(instance=organisation),
        "team_urls": _team_urls(request, organisation),
    }


def _team_status(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    if not can_edit_team(request.user, organisation):
        raise Http404("team")
    urls = _team_urls(request, organisation)
    form = TeamStatusForm(request.POST or None, instance=organisation)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.team_status_set(
            organisation=fresh_copy(organisation),
            status=data["team_status"],
            formed_on=data.get("team_formed_on"),
            actor=request.user,
            expected_version=version,
        ),
        template="organisations/team_form.html",
        context={"organisation": organisation, "urls": urls, "kind": "status"},
        success_url=urls["back"],
        success_message=_("Proje ekibinin durumu kaydedildi."),
    )


def _member_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    if not can_edit_team(request.user, organisation):
        raise Http404("team")
    urls = _team_urls(request, organisation)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_create(
                organisation=organisation, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Ekip üyesi eklendi."))
            return redirect(urls["back"])
    return render(
        request,
        "organisations/team_form.html",
        {
            "form": form,
            "organisation": organisation,
            "member": None,
            "urls": urls,
            "kind": "member",
        },
    )


def _member_edit(request: HttpRequest, member: TeamMember) -> HttpResponse:
    organisation = member.organisation
    if not can_edit_team(request.user, organisation) or member.erased_at:
        raise Http404("team member")
    urls = _team_urls(request, organisation)
    form = TeamMemberForm(request.POST or None, instance=member)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.team_member_update(
            member=fresh_copy(member), data=data, actor=request.user, expected_version=version
        ),
        template="organisations/team_form.html",
        context={"organisation": organisation, "member": member, "urls": urls, "kind": "member"},
        success_url=urls["back"],
        success_message=_("Ekip üyesi kaydedildi."),
    )


def _member_delete(request: HttpRequest, member: TeamMember) -> HttpResponse:
    organisation = member.organisation
    if not can_edit_team(request.user, organisation):
        raise Http404("team member")
    services.team_member_delete(member=member, actor=request.user)
    messages.success(request, _("Ekip üyesi çıkarıldı."))
    return redirect(_team_urls(request, organisation)["back"])


def panel_team_status(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _team_status(request, get_object_or_404(Organisation, pk=pk))


def panel_member_create(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _member_create(request, get_object_or_404(Organisation, pk=pk))


def _member(pk: int) -> TeamMember:
    return get_object_or_404(TeamMember.objects.select_related("organisation"), pk=pk)


def panel_member_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _member_edit(request, _member(pk))


@require_POST
def panel_member_delete(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _member_delete(request, _member(pk))


# --- panel: which public bodies have a team -------------------------------------------


def panel_teams(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    status = request.GET.get("durum", "")
    org_type = request.GET.get("tur", "")
    status = status if status in TeamStatus.values else ""
    org_type = org_type if org_type in PUBLIC_TYPES else ""
    district_id = _int(request.GET.get("ilce"))
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
            "districts": _districts(office),
        },
    )


# --- panel: duplicates and merging ------------------------------------------------------


def panel_duplicates(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    groups = selectors.duplicate_groups()
    page = Paginator(groups, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/panel_duplicates.html",
        {"page": page, "can_merge": can_merge_organisations(request.user, office)},
    )


def _chosen(request: HttpRequest) -> tuple[Organisation, list[Organisation]] | None:
    data = request.POST if request.method == "POST" else request.GET
    survivor_id = _int(data.get("kalan"))
    other_ids = {i for i in (_int(v) for v in data.getlist("birlesen")) if i} - {survivor_id}
    if not survivor_id or not other_ids:
        return None
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=[survivor_id, *other_ids])}
    if len(found) != len(other_ids) + 1:
        raise Http404("organisation")
    return found[survivor_id], [found[i] for i in sorted(other_ids)]


def panel_merge(request: HttpRequest, office_slug: str) -> HttpResponse:
    """GET: what merging the chosen records would do; POST: merge them."""
    office = request.office  # type: ignore[attr-defined]
    chosen = _chosen(request)
    if chosen is None:
        if request.method == "POST":
            messages.error(request, _("Kalacak kaydı ve birleştirilecek en az bir kaydı seçin."))
        return redirect("panel:organisations:duplicates", office_slug=office.slug)
    survivor, others = chosen
    allowed = can_merge_organisations(request.user, office)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
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
            "can_merge": allowed,
        },
    )


def _display(org: Organisation, name: str, changes: dict[str, Any] | None = None) -> Any:
    if changes and name in changes:
        value = changes[name][1]
        if name == "district":
            return District.objects.filter(pk=value).first() or "—"
        if name == "team_status":
            return TeamStatus(value).label
        return value
    if name == "team_status":
        return org.get_team_status_display()
    value = getattr(org, name)
    return "—" if value in (None, "") else value


@require_POST
def panel_mark_distinct(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    ids = {i for i in (_int(v) for v in request.POST.getlist("kurum")) if i}
    organisations = list(Organisation.objects.filter(pk__in=ids))
    if len(organisations) != len(ids):
        raise Http404("organisation")
    try:
        services.organisations_mark_distinct(organisations=organisations, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Kayıtlar farklı kurumlar olarak işaretlendi."))
    return redirect("panel:organisations:duplicates", office_slug=office.slug)


# --- panel: import and export -----------------------------------------------------------


def _require_import(request: HttpRequest) -> Any:
    office = request.office  # type: ignore[attr-defined]
    if not can_import_organisations(request.user, office):
        raise PermissionDenied
    return office


def panel_import(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .importer import ORG_COLUMNS, TEAM_COLUMNS, allowed_values
    from .tasks import import_organisations_task

    office = _require_import(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_start(
            office=office,
            kind="organisations.import",
            title=_("Kurum rehberi içe aktarma: {name}").format(name=upload.name),
            actor=request.user,
            task=import_organisations_task,
            params={"filename": upload.name, "language": get_language() or "tr"},
            input_file=upload,
            input_name=upload.name,
        )
        return redirect("panel:core:job", office_slug=office.slug, pk=job.pk)
    sheets = [
        (sheet, [(c, allowed_values(c, office)) for c in columns])
        for sheet, columns in (("kurumlar", ORG_COLUMNS), ("ekip", TEAM_COLUMNS))
    ]
    return render(request, "organisations/panel_import.html", {"form": form, "sheets": sheets})


def panel_import_template(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .importer import template_workbook

    office = _require_import(request)
    response = HttpResponse(template_workbook(office), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kurum-rehberi-sablon.xlsx"'
    return response


def panel_export(request: HttpRequest, office_slug: str) -> HttpResponse:
    from .importer import export_workbook

    office = _require_import(request)
    qs = selectors.organisation_list(
        q=request.GET.get("q", "").strip(), type=request.GET.get("type", "")
    )
    response = HttpResponse(export_workbook(qs, office), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kurum-rehberi-{office.slug}.xlsx"'
    return response


# --- kurum area: the member's own organisation --------------------------------------------


def _own_organisation(request: HttpRequest) -> Organisation:
    organisation_id = getattr(request.user, "organisation_id", None)
    if not organisation_id:
        raise Http404("organisation")
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not can_edit_organisation(request.user, organisation):
        raise Http404("organisation")
    return organisation


def member_home(request: HttpRequest, office_slug: str) -> HttpResponse:
    """An institution member's own organisation (staff land on their panel instead)."""
    user = request.user
    office = request.office  # type: ignore[attr-defined]
    if not getattr(user, "organisation_id", None):
        return redirect("panel:offices:home", office_slug=office.slug)
    organisation = get_object_or_404(Organisation, pk=user.organisation_id)  # type: ignore[union-attr]
    return render(
        request,
        "organisations/member_home.html",
        {
            "organisation": organisation,
            "member_count": selectors.team_members(organisation).count(),
        },
    )


def member_edit(request: HttpRequest, office_slug: str) -> HttpResponse:
    user = request.user
    office = request.office  # type: ignore[attr-defined]
    organisation = _own_organisation(request)
    form = MemberOrganisationForm(request.POST or None, instance=organisation, office=office)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.organisation_update(
            organisation=fresh_copy(organisation), data=data, actor=user, expected_version=version
        ),
        template="organisations/member_form.html",
        context={"organisation": organisation},
        success_url=reverse("kurum:organisations:home", kwargs={"office_slug": office.slug}),
        success_message=_("Kurum bilgileri kaydedildi."),
    )


def member_team(request: HttpRequest, office_slug: str) -> HttpResponse:
    organisation = _own_organisation(request)
    return render(request, "organisations/member_team.html", _team_context(request, organisation))


def member_team_status(request: HttpRequest, office_slug: str) -> HttpResponse:
    return _team_status(request, _own_organisation(request))


def member_member_create(request: HttpRequest, office_slug: str) -> HttpResponse:
    return _member_create(request, _own_organisation(request))


def _own_member(request: HttpRequest, pk: int) -> TeamMember:
    organisation = _own_organisation(request)
    return get_object_or_404(
        TeamMember.objects.select_related("organisation"), pk=pk, organisation=organisation
    )


def member_member_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _member_edit(request, _own_member(request, pk))


@require_POST
def member_member_delete(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    return _member_delete(request, _own_member(request, pk))
