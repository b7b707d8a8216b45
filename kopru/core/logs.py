"""Logging: the request id on every record, JSON lines in production.

``config.settings.production`` formats records with python-json-logger; each record
carries ``request_id`` (``-`` outside a request), set by
:class:`kopru.core.security.RequestIdMiddleware`.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("kopru_request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def json_logging(level: str = "INFO") -> dict[str, object]:
    """A ``LOGGING`` dict writing one JSON object a line to standard error."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "kopru.core.logs.RequestIdFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "axes": {"level": "WARNING"},
            # WeasyPrint logs every step of every PDF at INFO: warnings only.
            "weasyprint": {"level": "WARNING"},
            # Django logs every 4xx/5xx on this logger; request ids join it to the access log.
            "django.request": {"level": "WARNING"},
        },
    }
