"""``{{ obj|lang_attr:"body" }}``: ` lang="tr"` when the bilingual field is shown in the
other language than the page's (its own language is empty), else nothing."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kopru.core.i18n import CONTENT_LANGUAGES, current_language

register = template.Library()


@register.filter
def lang_attr(obj: Any, field: str) -> SafeString | str:
    lang = current_language()
    if getattr(obj, f"{field}_{lang}", None):
        return ""
    for code in CONTENT_LANGUAGES:
        if code != lang and getattr(obj, f"{field}_{code}", None):
            return format_html(' lang="{}"', code)
    return ""
