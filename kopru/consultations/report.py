"""The consultation report (PDF, WeasyPrint): the draft and final text of every section,
every contribution with its reasoned answer, and the participation figures, each
figure as a bar chart (SVG made here, no JavaScript) with its table."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpResponse
from django.template.loader import get_template
from django.utils import timezone

from . import selectors
from .models import Consultation, Moderation

BAR_WIDTH = 260


def _bars(rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    top = max((n for _label, n in rows), default=0) or 1
    return [
        {"label": label, "n": n, "width": round(BAR_WIDTH * n / top), "y": i * 22}
        for i, (label, n) in enumerate(rows)
    ]


def context(consultation: Consultation, *, public: bool) -> dict[str, Any]:
    figures = selectors.participation(consultation)
    contributions = (
        selectors.contributions_of(consultation)
        .select_related("section", "organisation")
        .order_by("section__number", "created_at", "id")
    )
    if public:
        contributions = contributions.filter(moderation=Moderation.VISIBLE)
    charts = [
        (key, _bars(figures[key]), 22 * max(1, len(figures[key])))
        for key in ("kinds", "groups", "ages", "districts", "outcomes")
    ]
    return {
        "consultation": consultation,
        "office": consultation.office,
        "sections": selectors.sections_of(consultation),
        "contributions": contributions,
        "figures": figures,
        "charts": charts,
        "bar_width": BAR_WIDTH,
        "public": public,
        "made_at": timezone.localtime(),
    }


def render_pdf(consultation: Consultation, *, public: bool) -> bytes:
    # WeasyPrint takes about a second to import: loaded when a report is made, not with
    # the URLs of every process.
    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    html = get_template("consultations/report.html").render(context(consultation, public=public))
    return bytes(HTML(string=html).write_pdf())


def pdf_response(consultation: Consultation, *, public: bool) -> HttpResponse:
    response = HttpResponse(render_pdf(consultation, public=public), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="istisare-{consultation.pk}-rapor.pdf"'
    return response
