"""Response headers that every page needs: a request id and no caching of private pages.

``RequestIdMiddleware`` gives each request an id (the proxy's ``X-Request-ID`` when it
sends a well-formed one, otherwise a new one), answers it in ``X-Request-ID`` and makes
it available to the log records of that request (:mod:`kopru.core.logs`).

``PrivatePageCacheMiddleware`` marks ``Cache-Control: no-store`` on every page that may
hold personal or unpublished data, so that neither a shared cache nor the browser's
back button keeps it: the staff panel, the institution area, the national pages and
the admin; every page answered to a signed-in user; and every page reached through a
private link (a route with a ``token`` argument: a guidance case, a partner-search
thread, a saved search, a registration).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from .logs import request_id_var

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
PRIVATE_AREAS = frozenset({"panel", "kurum", "national", "admin"})


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


def is_private_page(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if match.namespaces and match.namespaces[0] in PRIVATE_AREAS:
        return True
    return "token" in match.kwargs


class PrivatePageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private_page(request):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
