"""Bilingual content fields (``title_tr`` / ``title_en``) and the active language."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe

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


def localized_lang(obj: Any, field: str, language: str | None = None) -> str:
    """The language :func:`localized` shows ``field`` in (the page's when both are empty)."""
    lang = language or current_language()
    for code in [lang] + [c for c in CONTENT_LANGUAGES if c != lang]:
        if getattr(obj, f"{field}_{code}", ""):
            return code
    return lang


def language_label(lang: str) -> str:
    """The small label of a text in the other language: "İngilizce metin" / "Turkish text"."""
    return (
        translation.gettext("Türkçe metin")
        if lang == "tr"
        else translation.gettext("İngilizce metin")
    )


def marked(
    value: Any, lang: str, *, block: bool = False, html: bool = False, css: str = ""
) -> SafeString:
    """``value`` as HTML in language ``lang``: as it is when that is the page's language,
    else in an element with ``lang`` and the small label (inline: after it; a block: above)."""
    if value in (None, ""):
        return mark_safe("")
    if html:
        body = mark_safe(str(value))
    elif block:
        body = mark_safe(linebreaks(str(value), autoescape=True))
    else:
        body = conditional_escape(value)
    other = lang != current_language()
    if not block:
        if not other:
            return format_html('<span class="{}">{}</span>', css, body) if css else body
        return format_html(
            '<span lang="{}"{}>{}</span> <span class="kopru-lang-label">({})</span>',
            lang,
            format_html(' class="{}"', css) if css else "",
            body,
            language_label(lang),
        )
    label = (
        format_html('<p class="kopru-lang-label mb-1">{}</p>', language_label(lang))
        if other
        else ""
    )
    return format_html(
        '{}<div lang="{}"{}>{}</div>',
        label,
        lang,
        format_html(' class="{}"', css) if css else "",
        body,
    )


def localized_marked(obj: Any, field: str, **kwargs: Any) -> SafeString:
    """:func:`localized` as HTML, marked by :func:`marked` when in the other language."""
    return marked(localized(obj, field), localized_lang(obj, field), **kwargs)
