"""The report as a PDF (WeasyPrint): cover with the Governorship's name, table of
contents with page numbers, numbered pages, DejaVu fonts for every Turkish letter."""

from __future__ import annotations

import functools
import logging
from typing import Any

from django.template.loader import get_template
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from . import document
from .models import AnnualReport


@functools.lru_cache(maxsize=1)
def _tools() -> tuple[FontConfiguration, CSS]:
    """The font configuration and the compiled stylesheet, built once per process."""
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    fonts = FontConfiguration()
    css = CSS(string=get_template("annualreports/pdf/report.css").render({}), font_config=fonts)
    return fonts, css


def html(report: AnnualReport, snapshot: dict[str, Any], language: str) -> str:
    doc = document.build(report, snapshot, language)
    with translation.override(language):
        return get_template("annualreports/pdf/report.html").render({"doc": doc})


def render(report: AnnualReport, snapshot: dict[str, Any], language: str) -> bytes:
    fonts, css = _tools()
    source = html(report, snapshot, language)
    return bytes(HTML(string=source).write_pdf(stylesheets=[css], font_config=fonts))
