"""Enters the office scope of each request; see :mod:`kopru.core.scoping`.

The area of a URL is the first namespace of its route:

``panel``     ``/<office>/panel/…``  staff of that office (and national admins);
``kurum``     ``/<office>/kurum/…``  any account of that office;
``national``  ``/ulusal/…``          national administrators, every office;
``api``       ``/api/v1/…``          office staff: their office plus published records;
                                     everybody else (institution members too): published records;
``admin``     ``/admin/…``           Django's admin, superusers only;
anything else                        the public: published records (of the URL's office).

A signed-in user who is not allowed into an office's private area gets 404, the
same answer as for an office or record that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from .scoping import Scope, _active
from .tenancy import belongs_to_office, can_work_in_office, office_by_slug


def _office_for(slug: str) -> Any:
    office = office_by_slug(slug)
    if office is None:
        raise Http404("office")
    return office


class OfficeScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.office = None  # type: ignore[attr-defined]
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_kopru_scope_token", None)
            if token is not None:
                _active.reset(token)
                request._kopru_scope_token = None  # type: ignore[attr-defined]

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        area = match.namespaces[0] if match and match.namespaces else ""
        slug = view_kwargs.get("office_slug")
        office = _office_for(slug) if slug else None
        request.office = office  # type: ignore[attr-defined]
        user = request.user

        if area in ("panel", "kurum"):
            assert office is not None, "panel and kurum routes need <office_slug>"
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = can_work_in_office if area == "panel" else belongs_to_office
            if not allowed(user, office):
                raise Http404("office")
            scope = Scope(private_office=office)
        elif area == "national":
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not getattr(user, "is_national_admin", False):
                raise Http404("national")
            scope = Scope(everything=True, reason="national administration")
        elif area == "api":
            if user.is_authenticated and getattr(user, "is_national_admin", False):
                scope = Scope(everything=True, reason="national administrator (API)")
            elif user.is_authenticated and getattr(user, "is_office_staff", False):
                request.office = user.office  # type: ignore[attr-defined]
                scope = Scope(private_office=user.office, public=True)
            else:
                scope = Scope(public=True)
        elif area == "admin":
            if user.is_authenticated and user.is_superuser:
                scope = Scope(everything=True, reason="Django admin (superuser)")
            else:
                scope = Scope(public=True)
        else:
            scope = Scope(public=True, public_office=office)

        request.kopru_scope = scope  # type: ignore[attr-defined]
        request._kopru_scope_token = _active.set(scope)  # type: ignore[attr-defined]
        return None
