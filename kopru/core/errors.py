"""The one error type business code raises, turned into a message or an HTTP answer."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A business rule refused an operation; ``message`` is shown to the user."""

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class ConcurrentEditError(ApplicationError):
    """The record changed since the user loaded it; ``changes`` says how."""

    def __init__(self, message: str, *, changes: list[dict[str, Any]]) -> None:
        super().__init__(message, extra={"changes": changes})
        self.changes = changes
