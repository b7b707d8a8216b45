"""Settings shared by every environment; the environment differs only by variables.

Variables (all optional in development):
  DJANGO_SECRET_KEY, DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS, DATABASE_URL,
  KOPRU_DEMO_PASSWORD, KOPRU_SITE_URL, DEFAULT_FROM_EMAIL, EMAIL_URL,
  KOPRU_TRUSTED_PROXIES, KOPRU_SESSION_SECONDS, KOPRU_TASK_TIMEOUT_SECONDS.
"""

from __future__ import annotations

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
(BASE_DIR / "var").mkdir(exist_ok=True)
env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key-change-me-0123456789")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
SITE_URL = env("KOPRU_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Köprü, foundation first: later apps point at these.
    "kopru.core",
    "kopru.geo",
    "kopru.offices",
    "kopru.accounts",
    "kopru.organisations",
    # Capability apps.
    "kopru.calls",
    "kopru.projects",
    "kopru.trainings",
    "kopru.partners",
    "kopru.guidance",
    # Dissemination and governance (capabilities of the outward-facing half).
    "kopru.news",
    "kopru.stories",
    "kopru.youth",
    "kopru.boards",
    "kopru.decisions",
    "kopru.consultations",
    # Reports: read every capability above.
    "kopru.statistics",
    "kopru.annualreports",
    "kopru.national",
]

MIDDLEWARE = [
    "kopru.core.security.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kopru.core.security.PrivatePageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "kopru.core.middleware.OfficeScopeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kopru.core.context_processors.kopru",
            ],
        },
    },
]

# Database: SQLite (WAL) with no set-up; PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'kopru.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                " PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"

# Lock-out after repeated failed log-ins (django-axes).
AXES_FAILURE_LIMIT = env.int("KOPRU_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Internationalisation: Turkish first, English complete.
LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", _("Türkçe")), ("en", _("English"))]
# Each app keeps its catalogues in <app>/locale (the shared templates live in kopru/core).
LOCALE_PATHS: list[Path] = []
USE_I18N = True
TIME_ZONE = "Europe/Istanbul"
# One date, time and number format per language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "kopru" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("KOPRU_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Köprü <noreply@kopru.invalid>")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "kopru.core.drf.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "kopru.core.drf.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Köprü API",
    "DESCRIPTION": (
        "Public and staff API of Köprü, the platform of the Governorships' EU and "
        "Foreign Relations Offices. Anonymous callers see published records only."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # One schema name per choice set where several apps call their field status or state.
    "ENUM_NAME_OVERRIDES": {
        "CallStatusEnum": "kopru.calls.models.Status",
        "CallStateEnum": "kopru.calls.models.State",
        # draft / published / archived with the same labels: stories' and youth's.
        "PublicationStateEnum": "kopru.stories.models.StoryStatus",
        "DecisionStatusEnum": "kopru.decisions.models.Status",
        "DecisionStateEnum": "kopru.decisions.models.State",
        "NewsStatusEnum": "kopru.news.models.NewsStatus",
        "EventStatusEnum": "kopru.trainings.models.EventStatus",
        "RegistrationStatusEnum": "kopru.trainings.models.RegistrationStatus",
        "YouthStatusEnum": "kopru.youth.models.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kopru.core.api.postprocess_schema",
    ],
}

SESSION_COOKIE_HTTPONLY = True
# A session lasts one working day from log-in (8 hours) and ends when the browser
# closes: staff sign in each morning; nobody keeps a two-week session on a shared PC.
SESSION_COOKIE_AGE = env.int("KOPRU_SESSION_SECONDS", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): everything comes from the project itself; the
# few inline scripts carry the request's nonce; no inline style attributes or handlers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Behind a reverse proxy: how many proxies stand in front of the application, so that
# rate limits read the visitor's address from X-Forwarded-For (kopru.core.ratelimit).
KOPRU_TRUSTED_PROXIES = env.int("KOPRU_TRUSTED_PROXIES", default=0)

# A task still RUNNING this long after it started has lost its worker (killed, machine
# restarted): the scheduler's housekeeping re-queues it once, then fails it.
KOPRU_TASK_TIMEOUT_SECONDS = env.int("KOPRU_TASK_TIMEOUT_SECONDS", default=2 * 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kopru.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every step of every PDF at INFO ("weasyprint.progress"): warnings only.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# Demo data is loaded only where this is true (never in production).
KOPRU_ALLOW_DEMO = True
KOPRU_DEMO_PASSWORD = env("KOPRU_DEMO_PASSWORD", default="")
