"""A bare Django "hello" application: the stack's own ceiling for ``deploy/loadtest.py``.

Served by the same gunicorn command as Köprü (``gunicorn deploy.hello:application``):
no middleware, no database, no template; what is left is gunicorn, WSGI and Django's
request/response cycle.
"""

from __future__ import annotations

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="hello-only-no-secrets-here-0123456789",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("hello", hello)]
application = get_wsgi_application()
