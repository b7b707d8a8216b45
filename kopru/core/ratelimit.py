"""A rate limit for public forms that holds across several app processes.

Fixed windows counted in :class:`kopru.core.models.RateLimitBucket`::

    result = rate_limit_hit("guidance.request", client_ip(request), limit=5, period=3600)
    if not result.allowed:
        ...  # answer 429 with result.retry_after seconds

Every attempt counts, valid or not, so a burst of submissions from one address is
slowed whatever it sends. Client addresses are hashed with the secret key before
they are stored: the table holds no personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from .models import RateLimitBucket


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the window ends (0 when allowed)


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or the proxy's header when trusted.

    Behind a reverse proxy set ``KOPRU_TRUSTED_PROXIES`` to the number of proxies in
    front of the application; the address is then read from ``X-Forwarded-For``.
    """
    proxies = int(getattr(settings, "KOPRU_TRUSTED_PROXIES", 0) or 0)
    if proxies:
        forwarded: list[str] = [
            p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _key(scope: str, ident: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}|{ident}".encode(), hashlib.sha256
    ).hexdigest()[:40]
    return f"{scope[:50]}:{digest}"


def _window(now: dt.datetime, period: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % period, tz=dt.UTC)


def rate_limit_hit(
    scope: str, ident: str, *, limit: int, period: int, now: dt.datetime | None = None
) -> RateLimitResult:
    """Count one attempt of ``ident`` at ``scope``: allowed while ``limit`` per ``period``."""
    moment = now or timezone.now()
    start = _window(moment, period)
    key = _key(scope, ident)
    with transaction.atomic():
        updated = RateLimitBucket.objects.filter(key=key, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitBucket.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:  # another process created it meanwhile
                RateLimitBucket.objects.filter(key=key, window_start=start).update(
                    count=F("count") + 1
                )
            # Forget windows that ended long ago (cheap: indexed, and rare).
            RateLimitBucket.objects.filter(window_start__lt=moment - dt.timedelta(days=2)).delete()
        count = (
            RateLimitBucket.objects.filter(key=key, window_start=start)
            .values_list("count", flat=True)
            .first()
            or 1
        )
    if count <= limit:
        return RateLimitResult(True, count, limit, 0)
    retry = int((start + dt.timedelta(seconds=period) - moment).total_seconds()) + 1
    return RateLimitResult(False, count, limit, max(retry, 1))


def too_many_requests(request: HttpRequest, result: RateLimitResult) -> HttpResponse:
    """The 429 page: nothing was accepted; try again in a few minutes."""
    response = render(
        request,
        "errors/429.html",
        {"minutes": max(1, math.ceil(result.retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(result.retry_after)
    return response


def rate_limited(
    scope: str, *, limit: int, period: int, methods: tuple[str, ...] = ("POST",)
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A view decorator: every ``methods`` request counts; over ``limit`` per ``period``
    seconds from one address the view is not run and the answer is 429."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method in methods:
                result = rate_limit_hit(scope, client_ip(request), limit=limit, period=period)
                if not result.allowed:
                    return too_many_requests(request, result)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
