"""The responder's private link to their thread: a signed token, valid without an account.

Why signed and not a stored hash of a random token: every notification e-mail to the
responder carries the link again (a reply arrived, read it here). With only a hash
stored the link could not be rebuilt, and each e-mail would have to replace the
previous link. A token signed with ``SECRET_KEY`` (HMAC-SHA256, like Django's own
password-reset tokens) can be rebuilt whenever it is needed, a copy of the database
alone does not yield working links, and the random per-answer ``token_nonce`` inside
the signature makes it revocable: erasing the answer's personal data draws a new
nonce and every earlier link stops working.
"""

from __future__ import annotations

import hmac

from django.core import signing

from .models import Answer

SALT = "kopru.partners.thread"


def make_token(answer: Answer) -> str:
    """The same link every time for one answer (no timestamp: it does not expire)."""
    return signing.Signer(salt=SALT).sign_object([answer.pk, answer.token_nonce])


def read_token(token: str) -> tuple[int, str] | None:
    """``(answer id, nonce)`` of a well-signed token, ``None`` when forged or malformed."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]


def token_matches(answer: Answer, nonce: str) -> bool:
    return hmac.compare_digest(answer.token_nonce.encode(), nonce.encode())
