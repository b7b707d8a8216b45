"""Shared by the apps' access-helper tests: refusals must look alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404

MISSING = 10**9  # a primary key no test record has


def refusal(call: Callable[[], Any]) -> str:
    """The message of the 404 ``call`` raises (it must raise one)."""
    try:
        call()
    except Http404 as exc:
        return str(exc)
    raise AssertionError(f"{call} was allowed")


def assert_one_404(*calls: Callable[[], Any]) -> None:
    """Every call is refused with the same 404: "missing" and "not yours" look alike."""
    messages = [refusal(c) for c in calls]
    assert len(set(messages)) == 1, messages
