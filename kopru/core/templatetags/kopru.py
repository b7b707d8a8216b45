from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from kopru.core.audit import action_label, field_label
from kopru.core.countries import country_label
from kopru.core.i18n import localized, localized_lang, marked
from kopru.core.registry import RecordSection, registry
from kopru.core.zones import zone_name as _zone_name
from kopru.core.zones import zoned as _zoned

register = template.Library()


@register.filter
def loc(obj: Any, field: str) -> str:
    """``{{ call|loc:"title" }}``: the field in the active language, else the other."""
    return localized(obj, field)


@register.filter
def loc_lang(obj: Any, field: str) -> str:
    """The language ``loc`` shows ``field`` in: ``<p lang="{{ x|loc_lang:'title' }}">``."""
    return localized_lang(obj, field)


@register.simple_tag
def loc_text(obj: Any, field: str, css: str = "", words: int = 0, chars: int = 0) -> SafeString:
    """``{% loc_text call "title" %}``: the field in the page's language, else the other
    one with ``lang`` and a small "(Turkish text)" label after it (inline). ``words=40`` or
    ``chars=80`` shorten it as ``truncatewords``/``truncatechars`` would."""
    value = localized(obj, field)
    if words:
        value = Truncator(value).words(words)
    if chars:
        value = Truncator(value).chars(chars)
    return marked(value, localized_lang(obj, field), block=False, html=False, css=css)


@register.simple_tag
def loc_block(obj: Any, field: str, css: str = "", html: bool = False) -> SafeString:
    """``{% loc_block event "description" %}``: a block of text (paragraphs; ``html=True`` for
    sanitised rich text) in ``<div lang>``, labelled above when it is the other language."""
    return marked(localized(obj, field), localized_lang(obj, field), block=True, html=html, css=css)


@register.simple_tag
def tr_text(value: Any, css: str = "") -> SafeString:
    """A field that exists only in Turkish (an audience, a place): marked on English pages."""
    return marked(value, "tr", block=False, html=False, css=css)


@register.simple_tag
def tr_block(value: Any, css: str = "", html: bool = False) -> SafeString:
    """A block that exists only in Turkish (notes, a narrative): marked on English pages."""
    return marked(value, "tr", block=True, html=html, css=css)


@register.simple_tag(takes_context=True)
def other_language_url(context: dict[str, Any], lang: str) -> str:
    request = context["request"]
    return translate_url(request.get_full_path(), lang)


@register.simple_tag(takes_context=True)
def query_replace(context: dict[str, Any], **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for paging, facets)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(list(params.lists()), doseq=True) if params else "?"


@register.simple_tag
def language_name(code: str) -> str:
    return str(translation.get_language_info(code)["name_local"])


@register.filter
def audit_value(value: Any) -> str:
    """How an old or new value of the audit trail reads to a person."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict) and "repr" in value:
        return str(value["repr"])
    if isinstance(value, bool):
        return str(translation.gettext("evet") if value else translation.gettext("hayır"))
    if isinstance(value, list):
        return ", ".join(audit_value(v) for v in value) or "—"
    return str(value)


@register.filter
def audit_action(action: str) -> str:
    """``{{ entry.action|audit_action }}``: the action as a person reads it."""
    return action_label(action)


@register.filter
def audit_field(name: str, obj: Any) -> str:
    """``{{ field|audit_field:object }}``: the field's label on the record's model."""
    return field_label(obj, name)


@register.simple_tag(takes_context=True)
def sort_header(context: dict[str, Any], key: str, label: Any, css: str = "") -> SafeString:
    """A sortable column header: a link that sorts by ``key`` (again: reversed), with
    ``aria-sort`` telling a screen reader the current order (:mod:`kopru.core.lists`)."""
    listing = context["listing"]
    direction = listing.direction_of(key)
    target = f"-{key}" if direction == "ascending" else key
    params = context["request"].GET.copy()
    params["sort"] = target
    params.pop("page", None)
    icon = {"ascending": "bi-sort-up", "descending": "bi-sort-down"}.get(
        direction, "bi-arrow-down-up"
    )
    hint = {
        "ascending": translation.gettext("artan sırada; ters çevirmek için tıklayın"),
        "descending": translation.gettext("azalan sırada; ters çevirmek için tıklayın"),
    }.get(direction, translation.gettext("bu sütuna göre sırala"))
    return format_html(
        '<th scope="col" aria-sort="{}"{}>'
        '<a class="kopru-sort link-body-emphasis text-decoration-none" href="?{}">{} '
        '<i class="bi {} small{}" aria-hidden="true"></i>'
        '<span class="visually-hidden"> ({})</span></a></th>',
        direction,
        format_html(' class="{}"', css) if css else "",
        urlencode(list(params.lists()), doseq=True),
        label,
        icon,
        "" if direction != "none" else " text-body-tertiary",
        hint,
    )


@register.simple_tag(takes_context=True)
def record_sections(context: dict[str, Any], obj: Any) -> str:
    """The blocks other apps declare for ``obj``'s page (:class:`RecordSection`)."""
    request = context.get("request")
    parts = []
    for section in registry.of(RecordSection):
        if section.model != obj._meta.label:
            continue
        extra = section.context(request, obj)
        if extra is None:
            continue
        parts.append(render_to_string(section.template, {**extra, "obj": obj}, request=request))
    return mark_safe("".join(parts))


@register.simple_tag
def country_name(code: str) -> str:
    """``{% country_name "DE" %}``: the country's name in the active language."""
    return country_label(code)


@register.filter
def zoned(value: Any, zone: str = "") -> str:
    """``{{ deadline.at|zoned:deadline.timezone }}``: "18 Aralık 2026 17:00 (Brüksel saati)";
    without a zone, Türkiye's ("… (TSİ)"). See :mod:`kopru.core.zones`."""
    return _zoned(value, zone or None)


@register.filter
def zoned_time(value: Any, zone: str = "") -> str:
    """Only the clock, with the zone: "17:00 (Brüksel saati)" (a day shown beside it)."""
    return _zoned(value, zone or None, "TIME_FORMAT")


@register.filter
def zone_label(zone: str) -> str:
    """``{{ "Europe/Brussels"|zone_label }}``: "Brüksel saati" / "Brussels time"."""
    return _zone_name(zone or None)
