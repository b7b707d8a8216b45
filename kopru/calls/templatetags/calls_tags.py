from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_toggle(context: dict[str, Any], key: str, value: str) -> str:
    """The current query with ``key=value`` added (or removed if present), page reset."""
    query = context["request"].GET.copy()
    values = query.getlist(key)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    query.setlist(key, values)
    query.pop("page", None)
    return "?" + query.urlencode()
