"""An invitee's private link (RSVP, the circulated minutes and their comments): a signed
token, valid without an account. The invitation's random ``token_nonce`` is inside the
signature: revoking the link (or erasing the person's data) draws a new nonce and every
earlier link stops working (see :mod:`kopru.partners.tokens` for why signed, not stored)."""

from __future__ import annotations

import hmac

from django.core import signing

from .models import Invitation

SALT = "kopru.boards.invitation"


def make_token(invitation: Invitation) -> str:
    return signing.Signer(salt=SALT).sign_object([invitation.pk, invitation.token_nonce])


def read_token(token: str) -> tuple[int, str] | None:
    """``(invitation id, nonce)`` of a well-signed token, ``None`` when forged or malformed."""
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


def token_matches(invitation: Invitation, nonce: str) -> bool:
    return hmac.compare_digest(invitation.token_nonce.encode(), nonce.encode())
