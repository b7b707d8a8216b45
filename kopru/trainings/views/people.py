"""Personal data of training participants (the coordinator's page): find a person,
export what is held on them, erase it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.http import OfficeRequest
from kopru.core.access import requires
from kopru.core.errors import ApplicationError

from .. import personal_data, selectors, services
from ..forms import PersonSearchForm
from ..permissions import can_handle_personal_data


@requires(can_handle_personal_data)
def panel_people(request: OfficeRequest, office_slug: str) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "trainings/panel_people.html",
        {"form": form, "q": q, "people": selectors.people_search(q) if q else []},
    )


@requires(can_handle_personal_data)
def panel_person_export(request: OfficeRequest, office_slug: str) -> HttpResponse:
    key = request.GET.get("kisi", "")
    data = services.person_export(person_key=key, actor=request.user)
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
@requires(can_handle_personal_data)
def panel_person_erase(request: OfficeRequest, office_slug: str) -> HttpResponse:
    try:
        n = services.person_erase(person_key=request.POST.get("kisi", ""), actor=request.user)
        messages.success(
            request, _("Kişisel veriler silindi; {n} katılım anonim olarak korundu.").format(n=n)
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("panel:trainings:people", office_slug=office_slug)
