"""``{% chart c %}``: a :class:`kopru.statistics.charts.Chart` as its figure and table."""

from __future__ import annotations

from typing import Literal

from django import template
from django.utils.safestring import SafeString

from kopru.statistics import charts

register = template.Library()


@register.simple_tag
def chart(c: charts.Chart, table: Literal["details", "open", "none"] = "details") -> SafeString:
    return charts.render(c, table=table)


@register.filter
def number(value: float | int | None, decimals: int = 0) -> str:
    """A figure in the page's language format (``1.690``), "—" for none."""
    return charts.fmt(value, decimals)
