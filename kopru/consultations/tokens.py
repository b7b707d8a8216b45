"""The contributor's private link to their contribution and, later, its reasoned answer.

Signed with ``SECRET_KEY`` and a per-contribution nonce (erasing the personal data
draws a new nonce, so earlier links stop working)."""

from __future__ import annotations

import hmac

from django.core import signing

from .models import Contribution

SALT = "kopru.consultations.contribution"


def make_token(contribution: Contribution) -> str:
    return signing.Signer(salt=SALT).sign_object([contribution.pk, contribution.token_nonce])


def read_token(token: str) -> tuple[int, str] | None:
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


def token_matches(contribution: Contribution, nonce: str) -> bool:
    return hmac.compare_digest(contribution.token_nonce.encode(), nonce.encode())
