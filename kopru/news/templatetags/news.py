from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def photo_base(area: str, office_slug: str, news_pk: Any, image_pk: Any) -> str:
    """The address a ``{% picture %}`` appends ``<size>.<ext>`` to (public or panel)."""
    if area == "panel":
        url = reverse(
            "panel:news:photo_file",
            kwargs={"office_slug": office_slug, "image": image_pk, "rendition": "x"},
        )
    else:
        url = reverse(
            "public:news:photo",
            kwargs={"office_slug": office_slug, "pk": news_pk, "image": image_pk, "rendition": "x"},
        )
    return url[:-1]
