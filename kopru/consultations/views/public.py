"""Public pages of consultations."""

from __future__ import annotations

import math
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from kopru.accounts.http import PublicRequest, signed_in_user
from kopru.core.access import get_or_404_scoped
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import client_ip, rate_limit_hit

from .. import report, selectors, services
from ..forms import KVKK_TEXT, ContributionForm
from ..models import Consultation, Phase, Section
from ..tokens import make_token, read_token, token_matches

# A burst of contributions from one address is refused (HTTP 429).
CONTRIBUTION_LIMIT, CONTRIBUTION_PERIOD = 10, 600
# Contributions a section page shows at a time (a long consultation pages through them).
PER_PAGE = 25

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


def _lang() -> str:
    return (get_language() or "tr")[:2]


def consultation_list(request: PublicRequest, office_slug: str) -> HttpResponse:
    page = Paginator(selectors.public_consultations(), 20).get_page(request.GET.get("page"))
    return render(request, "consultations/public_list.html", {"page": page})


def _public(pk: Any) -> Consultation:
    return get_or_404_scoped(
        Consultation.objects.filter(Consultation.public_q()).select_related("office"),
        pk=pk,
        what="consultation",
    )


def consultation_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = _public(pk)
    answered = consultation.phase() == Phase.ANSWERED
    return render(
        request,
        "consultations/public_detail.html",
        {
            "consultation": consultation,
            "sections": selectors.sections_of(consultation),
            "figures": selectors.participation(consultation) if answered else None,
            "answered": answered,
        },
    )


def section_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    section = get_or_404_scoped(
        Section.objects.filter(Section.public_q()).select_related("consultation"),
        pk=pk,
        what="section",
    )
    consultation = section.consultation
    province_id = request.office.province_id
    form = ContributionForm(province_id=province_id)
    status, wait = 200, 0
    if request.method == "POST":
        if not consultation.is_open:
            form = ContributionForm(request.POST, province_id=province_id)
            form.is_valid()
            form.add_error(None, services.submission_refusal(consultation))
            status = 400
        else:
            result = rate_limit_hit(
                "consultations.contribution",
                client_ip(request),
                limit=CONTRIBUTION_LIMIT,
                period=CONTRIBUTION_PERIOD,
            )
            if not result.allowed:
                wait = max(1, math.ceil(result.retry_after / 60))
                keep = {k: v for k, v in request.POST.items() if k in ("body", "author_name")}
                form = ContributionForm(initial=keep, province_id=province_id)
                status = 429
            else:
                form = ContributionForm(request.POST, province_id=province_id)
                status = 400
                if form.is_valid():
                    try:
                        contribution = services.contribution_submit(
                            consultation=consultation,
                            section=section,
                            data=form.cleaned_data,
                            actor=signed_in_user(request),
                            consent_text=str(KVKK_TEXT),
                            language=_lang(),
                        )
                    except ApplicationError as exc:
                        form.add_error(None, exc.message)
                    else:
                        return redirect(
                            reverse(
                                "public:consultations:contribution",
                                kwargs={
                                    "office_slug": office_slug,
                                    "token": make_token(contribution),
                                },
                            )
                            + "?yeni=1"
                        )
    contributions = Paginator(selectors.section_contributions(section), PER_PAGE).get_page(
        request.GET.get("page")
    )
    response = render(
        request,
        "consultations/public_section.html",
        {
            "consultation": consultation,
            "section": section,
            "contributions": contributions,
            "form": form,
            "answered": consultation.phase() == Phase.ANSWERED,
            "wait_minutes": wait,
        },
        status=status,
    )
    if wait:
        response["Retry-After"] = str(wait * 60)
    return response


def contribution_link(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    """The contributor's private page: their contribution and, once published, its answer."""
    found = read_token(token)
    contribution = selectors.contribution_for_link(request.office, found[0]) if found else None
    if contribution is None or not found or not token_matches(contribution, found[1]):
        raise Http404("contribution")
    consultation = contribution.consultation
    response = render(
        request,
        "consultations/public_contribution.html",
        {
            "contribution": contribution,
            "consultation": consultation,
            "section": contribution.section,
            "answered": consultation.phase() == Phase.ANSWERED,
            "is_new": request.GET.get("yeni") == "1",
            "private_url": request.build_absolute_uri(request.path),
        },
    )
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def report_pdf(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = _public(pk)
    if consultation.phase() != Phase.ANSWERED:
        raise Http404("report")
    return report.pdf_response(consultation, public=True)


def home_context(request: PublicRequest, office: Any) -> dict[str, Any]:
    return {"consultations": list(selectors.public_consultations()[:3])}
