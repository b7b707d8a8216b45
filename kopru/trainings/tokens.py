"""Signed tokens in links sent to participants (no login needed)."""

from __future__ import annotations

from django.core import signing

PURPOSES = ("cancel", "checkin", "feedback")


def make_token(registration_id: int, purpose: str) -> str:
    assert purpose in PURPOSES
    return signing.dumps(registration_id, salt=f"kopru.trainings.{purpose}", compress=False)


def read_token(token: str, purpose: str) -> int | None:
    """The registration id a token names, or ``None`` when it is forged or malformed."""
    try:
        value = signing.loads(token, salt=f"kopru.trainings.{purpose}")
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
