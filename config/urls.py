"""Addresses. Turkish has no prefix, English lives under /en/.

The capability apps' routes are discovered by :mod:`kopru.core.routing`.
"""

from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kopru.core import views as core_views
from kopru.core.api import Router
from kopru.core.routing import collect, collect_api_routes
from kopru.offices import views as office_views

router = Router()
for prefix, viewset, basename in collect_api_routes():
    router.register(prefix, viewset, basename=basename)

api_patterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (no inline script);
    # its page keeps one small inline <style>, allowed on this page only.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", include((api_patterns, "api"), namespace="api")),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", office_views.landing, name="home"),
    path("admin/", admin.site.urls),
    path("hesap/", include("kopru.accounts.urls")),
    path("ulusal/", include((collect("national"), "national"), namespace="national")),
    path("", include((collect("site"), "site"), namespace="site")),
    path(
        "<slug:office_slug>/panel/",
        include((collect("panel"), "panel"), namespace="panel"),
    ),
    path(
        "<slug:office_slug>/kurum/",
        include((collect("member"), "kurum"), namespace="kurum"),
    ),
    path("<slug:office_slug>/", include((collect("public"), "public"), namespace="public")),
    prefix_default_language=False,
)

handler404 = "kopru.core.views.page_not_found"
handler500 = "kopru.core.views.server_error"
handler403 = "kopru.core.views.permission_denied"
handler400 = "kopru.core.views.bad_request"

# Uploaded files (settings.MEDIA_ROOT) are never served by URL, not even in development:
# each is served by a view that checks who may read it (see deploy/README.md).
