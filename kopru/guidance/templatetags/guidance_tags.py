from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(hours: float | None) -> str:
    """A duration in hours as a person reads it: hours up to two days, then days."""
    if hours is None:
        return "—"
    if hours < 48:
        value = round(hours, 1)
        text = number_format(value, decimal_pos=0 if value == int(value) else 1)
        return _("{n} sa").format(n=text)
    days = round(hours / 24, 1)
    return _("{n} gün").format(n=number_format(days, decimal_pos=0 if days == int(days) else 1))
