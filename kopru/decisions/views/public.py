"""Public pages: the office's accountability page, a decision's page with its history,
and the owner's progress form behind a signed link."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from kopru.accounts.http import PublicRequest
from kopru.core.access import get_or_404_scoped
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import client_ip, rate_limit_hit

from .. import selectors, services
from ..forms import ProgressForm
from ..models import Decision, Status
from ..tokens import read_token, token_matches

LINK_LIMIT, LINK_PERIOD = 20, 600

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


def add_errors(form: Any, exc: ApplicationError) -> None:
    fields = exc.extra.get("fields") or {}
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)
    if not fields:
        form.add_error(None, exc.message)


class _CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told its count: the states' counts already add up to it (every
    decision is in exactly one state), so the page does not count twice."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def accountability(request: PublicRequest, office_slug: str) -> HttpResponse:
    filters = selectors.DecisionFilters.from_params(request.GET)
    base = Decision.objects.filter(Decision.public_q())
    counts = selectors.state_counts(filters.apply(base))
    paginator = _CountedPaginator(
        selectors.public_decisions(filters), 20, count=sum(counts.values())
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/public_list.html",
        {
            "page": page,
            "filters": filters,
            "options": selectors.filter_options(base),
            "counts": counts,
            "states": Decision._meta.get_field("status").choices,
            "state_choices": selectors.State.choices,
        },
    )


def decision_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = get_or_404_scoped(
        Decision.objects.filter(Decision.public_q()).select_related(
            "owner", "district", "office", "body", "meeting"
        ),
        pk=pk,
        what="decision",
    )
    return render(
        request,
        "decisions/public_detail.html",
        {
            "decision": decision,
            "milestones": selectors.milestones_of(decision),
            "links": selectors.links_of(decision, public=True),
            "history": selectors.history_of(decision),
        },
    )


def progress_link(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    """The owner's progress form, opened from the reminder's signed link."""
    found = read_token(token)
    decision = selectors.decision_for_link(request.office, found[0]) if found else None
    if decision is None or not found or not token_matches(decision, found[1]):
        raise Http404("decision")
    initial = {"progress": decision.progress, "status": _form_status(decision)}
    form = ProgressForm(request.POST or None, initial=initial)
    status = 200
    wait = 0
    if request.method == "POST":
        result = rate_limit_hit(
            "decisions.link", client_ip(request), limit=LINK_LIMIT, period=LINK_PERIOD
        )
        if not result.allowed:
            wait = max(1, math.ceil(result.retry_after / 60))
            form = ProgressForm(initial=initial)
            status = 429
        elif form.is_valid():
            try:
                services.decision_progress(
                    decision=decision,
                    progress=form.cleaned_data["progress"],
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    actor=None,
                    via_link=True,
                    author_label=decision.contact_name or decision.owner.name,
                )
            except ApplicationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("İlerleme kaydedildi. Teşekkür ederiz."))
                return redirect(request.path)
        else:
            status = 400
    response = render(
        request,
        "decisions/progress_link.html",
        {
            "decision": decision,
            "form": form,
            "history": selectors.history_of(decision)[:10],
            "wait_minutes": wait,
        },
        status=status,
    )
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    if wait:
        response["Retry-After"] = str(wait * 60)
    return response


def _form_status(decision: Decision) -> str:
    return str(decision.status) if decision.status != Status.CANCELLED else Status.PLANNED
