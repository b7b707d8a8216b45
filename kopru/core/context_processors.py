from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .registry import registry
from .tenancy import office_list


def _menu(items: list[Any], request: HttpRequest, office: Any) -> list[dict[str, Any]]:
    out = []
    current = request.path
    for item in items:
        if item.visible is not None and not item.visible(request.user, office):
            continue
        try:
            url = reverse(item.url_name, kwargs={"office_slug": office.slug})
        except NoReverseMatch:
            continue
        out.append({"label": item.label, "url": url, "icon": item.icon, "active": False})
    # The entry whose address is the longest start of the page's: one entry is current
    # even when one lives under another's address (/cagrilar/ and /cagrilar/kimler-basvurur/).
    prefixes = [entry for entry in out if current.startswith(entry["url"])]
    if prefixes:
        max(prefixes, key=lambda entry: len(entry["url"]))["active"] = True
    return out


def kopru(request: HttpRequest) -> dict[str, Any]:
    office = getattr(request, "office", None)
    match = getattr(request, "resolver_match", None)
    area = match.namespaces[0] if match and match.namespaces else ""
    ctx: dict[str, Any] = {
        "current_office": office,
        "area": area,
        "site_url": settings.SITE_URL,
    }
    if office is not None:
        if area == "panel":
            ctx["panel_menu"] = _menu(registry.panel_menu, request, office)
        elif area == "kurum":
            ctx["member_menu"] = _menu(registry.member_menu, request, office)
        ctx["public_menu"] = _menu(registry.public_menu, request, office)
    user = request.user
    if user.is_authenticated and getattr(user, "is_national_admin", False):
        ctx["switcher_offices"] = office_list()
    return ctx
