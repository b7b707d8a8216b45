"""The requests views receive, typed with Köprü's user model.

Only for type checking: views annotate ``request: OfficeRequest`` (panel and kurum
areas: a signed-in account of the office) or ``request: PublicRequest`` (an office's
public pages: the visitor may be anonymous), so ``request.user`` has its real type and
services can ask for ``actor: User``. ``request.office`` is set by
``kopru.core.middleware.OfficeScopeMiddleware``: an ``offices.Office`` (a layer above
accounts, hence typed ``Any`` here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from .models import User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class PublicRequest(HttpRequest):
    """A page of an office's public site (``office`` is ``None`` on national pages)."""

    office: Any
    user: User | AnonymousUser
    htmx: Any


class OfficeRequest(PublicRequest):
    """A page of an office's panel or kurum area: the middleware let only a signed-in
    account of that office (or a national administrator) in."""

    user: User


def signed_in_user(request: HttpRequest) -> User | None:
    """The signed-in account, or ``None`` for an anonymous visitor."""
    user: Any = request.user
    return user if getattr(user, "is_authenticated", False) else None
