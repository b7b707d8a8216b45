"""The minutes on paper (WeasyPrint): attendees, agenda, discussion and decisions."""

from __future__ import annotations

import functools
import logging
from typing import Any

from django.template.loader import get_template, render_to_string
from django.utils import translation

from . import selectors
from .models import Minutes


@functools.lru_cache(maxsize=1)
def _pdf_tools() -> tuple[Any, Any]:
    """WeasyPrint's font configuration and the compiled stylesheet, built once (WeasyPrint
    loads Pango: imported only when a PDF is made)."""
    # WeasyPrint loads Pango and its fonts (slow, native): imported only when a PDF is made.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration  # WeasyPrint: see above

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    fonts = FontConfiguration()
    css = CSS(string=get_template("boards/minutes.css").render({}), font_config=fonts)
    return fonts, css


def minutes_pdf(minutes: Minutes) -> bytes:
    from weasyprint import HTML  # heavy native import, only when a PDF is made

    with translation.override("tr"):  # the minutes are an official record in Turkish
        html = _html(minutes)
    fonts, css = _pdf_tools()
    return bytes(HTML(string=html).write_pdf(stylesheets=[css], font_config=fonts))


def _html(minutes: Minutes) -> str:
    meeting = minutes.meeting
    return render_to_string(
        "boards/minutes_pdf.html",
        {
            "minutes": minutes,
            "meeting": meeting,
            "body": meeting.body,
            "office": meeting.office,
            "agenda": selectors.agenda(meeting),
            "attendees": selectors.attendees(meeting),
            "decisions": selectors.decisions(meeting),
            "paragraphs": selectors.paragraphs(minutes.discussion),
        },
    )
