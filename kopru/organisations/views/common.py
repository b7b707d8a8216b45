"""Small helpers the directory's pages share."""

from __future__ import annotations

from typing import Any


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
