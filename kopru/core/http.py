"""The requests views receive, typed (``OfficeScopeMiddleware`` sets ``office``).

Only for type checking: views annotate ``request: OfficeRequest`` (panel and kurum
areas: a signed-in account of the office) or ``request: PublicRequest`` (an office's
public pages: the visitor may be anonymous), so ``request.office`` and
``request.user`` have their real types and services can ask for ``actor: User``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kopru.accounts.models import User
    from kopru.offices.models import Office


class PublicRequest(HttpRequest):
    """A page of an office's public site (or ``office`` is ``None`` on national pages)."""

    office: Office
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
