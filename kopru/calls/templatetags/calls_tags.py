from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template

register = template.Library()


def _query_lists(request: Any) -> list[tuple[str, list[str]]]:
    """The request's query as (key, values) pairs, read once per request."""
    lists = getattr(request, "_calls_query_lists", None)
    if lists is None:
        lists = [(k, list(vs)) for k, vs in request.GET.lists()]
        request._calls_query_lists = lists
    return lists


@register.simple_tag(takes_context=True)
def facet_toggle(context: dict[str, Any], key: str, value: str) -> str:
    """The current query with ``key=value`` added (or removed if present), page reset.

    The same as copying ``request.GET``, toggling the value, dropping ``page`` and
    calling ``urlencode()``, without a deep copy of the query for every facet link.
    """
    pairs: list[tuple[str, list[str]]] = []
    found = False
    for k, values in _query_lists(context["request"]):
        if k == "page":
            continue
        if k == key:
            found = True
            values = list(values)
            if value in values:
                values.remove(value)
            else:
                values.append(value)
        pairs.append((k, values))
    if not found and key != "page":
        pairs.append((key, [value]))
    return "?" + urlencode([(k, v) for k, values in pairs for v in values])
