"""The progress update, shared by the panel (staff) and the kurum area (the owning
organisation's members)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.errors import ApplicationError, ConcurrentEditError

from .. import selectors, services
from ..forms import ProgressForm
from ..permissions import access_decision
from .public import _form_status, add_errors


def area(request: OfficeRequest) -> str:
    match = request.resolver_match
    return match.namespaces[0] if match and match.namespaces else "panel"


def area_url(request: OfficeRequest, name: str, **kwargs: Any) -> str:
    return reverse(
        f"{area(request)}:decisions:{name}", kwargs={"office_slug": request.office.slug, **kwargs}
    )


def base_template(request: OfficeRequest) -> str:
    return "member_base.html" if area(request) == "kurum" else "panel_base.html"


def progress(request: OfficeRequest, office_slug: str, pk: int) -> Any:
    decision = access_decision(request.user, pk, for_="progress")
    initial = {
        "progress": decision.progress,
        "status": _form_status(decision),
        "version": decision.version,
    }
    form = ProgressForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.decision_progress(
                    decision=decision,
                    progress=form.cleaned_data["progress"],
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                    expected_version=form.cleaned_data.get("version"),
                )
            except ConcurrentEditError as exc:
                form.add_error(None, exc.message)
                status = 409
            except ApplicationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("İlerleme kaydedildi."))
                target = "detail" if area(request) == "panel" else "list"
                return redirect(
                    area_url(request, target, pk=decision.pk)
                    if target == "detail"
                    else area_url(request, target)
                )
    return render(
        request,
        "decisions/progress.html",
        {
            "base_template": base_template(request),
            "area": area(request),
            "decision": decision,
            "form": form,
            "history": selectors.history_of(decision)[:10],
        },
        status=status,
    )
