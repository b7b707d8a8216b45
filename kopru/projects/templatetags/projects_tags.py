from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_url(context: dict[str, Any], name: str, value: Any) -> str:
    """The current query with facet ``name`` set to ``value`` (or cleared if already set)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if params.get(name) == str(value):
        params.pop(name, None)
    else:
        params[name] = str(value)
    return "?" + urlencode(list(params.lists()), doseq=True) if params else "?"


@register.filter
def facet_selected(filters: Any, name: str) -> str:
    value = getattr(filters, name, "")
    if value is True:
        return "1"
    return "" if value in (None, False) else str(value)


@register.filter
def money(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}".replace(",", "\u202f")


@register.simple_tag
def converted(project: Any, field: str) -> str:
    """``field`` of ``project`` in the other currency, with the project's rate ("" if none)."""
    other = "TRY" if project.currency == "EUR" else "EUR"
    value = project.amount_in(field, other)
    if value is None or getattr(project, field) is None or not project.exchange_rate:
        return ""
    return f"≈ {money(value)} {other}"
