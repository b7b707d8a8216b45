"""``{% picture image "card" base_url %}``: a stored image with its sizes (see ``core.images``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kopru.core.i18n import localized
from kopru.core.images import SIZES

register = template.Library()


@register.simple_tag
def picture(
    image: Any,
    size: str,
    base_url: str,
    sizes: str = "100vw",
    css: str = "img-fluid",
    eager: bool = False,
) -> SafeString:
    """``<picture>`` with a WebP ``srcset`` and a JPEG fallback, width/height and alt text.

    ``base_url`` ends with ``/``; the serving view answers ``<base_url><size>.<ext>``.
    An image not processed yet shows a placeholder with its alternative text.
    """
    if image is None:
        return SafeString("")
    alt = localized(image, "alt")
    renditions = image.renditions or {}
    chosen = renditions.get(size) if image.ready else None
    if chosen is None:
        return format_html(
            '<div class="kopru-image-pending border rounded p-3 text-body-secondary small">'
            "{}<br>{}</div>",
            _("Görsel hazırlanıyor."),
            alt,
        )
    limit = SIZES.get(size, 0)
    usable = sorted(
        ((name, info) for name, info in renditions.items() if SIZES.get(name, 0) <= limit),
        key=lambda kv: kv[1]["width"],
    )

    def srcset(ext: str) -> SafeString:
        return format_html_join(
            ", ", "{}{}.{} {}w", ((base_url, name, ext, info["width"]) for name, info in usable)
        )

    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<source type="image/jpeg" srcset="{}" sizes="{}">'
        '<img src="{}{}.jpg" width="{}" height="{}" alt="{}" class="{}" loading="{}" '
        'decoding="async"></picture>',
        srcset("webp"),
        sizes,
        srcset("jpg"),
        sizes,
        base_url,
        size,
        chosen["width"],
        chosen["height"],
        alt,
        css,
        "eager" if eager else "lazy",
    )
