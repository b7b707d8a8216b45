"""The owner's signed link to update a decision's progress without an account.

Signed with ``SECRET_KEY`` (like the partner search's thread links) so every reminder
can carry it again; the random ``token_nonce`` inside makes it revocable: staff renew
the link and every earlier one stops working.
"""

from __future__ import annotations

import hmac

from django.core import signing

from .models import Decision

SALT = "kopru.decisions.progress"


def make_token(decision: Decision) -> str:
    return signing.Signer(salt=SALT).sign_object([decision.pk, decision.token_nonce])


def read_token(token: str) -> tuple[int, str] | None:
    """``(decision id, nonce)`` of a well-signed token, ``None`` when forged or malformed."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]


def token_matches(decision: Decision, nonce: str) -> bool:
    return hmac.compare_digest(decision.token_nonce.encode(), nonce.encode())
