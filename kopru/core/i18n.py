"""Bilingual content fields (``title_tr`` / ``title_en``) and the active language."""

from __future__ import annotations

from typing import Any

from django.utils import translation

CONTENT_LANGUAGES = ("tr", "en")


def current_language() -> str:
    lang = (translation.get_language() or "tr")[:2]
    return lang if lang in CONTENT_LANGUAGES else "tr"


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """``obj.<field>_<lang>`` in the active language, else the other language's."""
    lang = language or current_language()
    order = [lang] + [code for code in CONTENT_LANGUAGES if code != lang]
    for code in order:
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value:
            return str(value)
    return ""
