"""The private link through which a requester follows a case without an account.

The token is the case's id and link version signed with the secret key (Django
signing, no timestamp): the same link goes into every e-mail, it cannot be guessed or
altered, and it stops working when the link is renewed or the person's data is erased
(both bump ``Case.link_version``).
"""

from __future__ import annotations

from django.core import signing

SALT = "kopru.guidance.case-link"


def make_case_token(case_id: int, link_version: int) -> str:
    return signing.Signer(salt=SALT).sign_object([case_id, link_version])


def read_case_token(token: str) -> tuple[int, int] | None:
    """``(case id, link version)`` of a token, or ``None`` when forged or malformed."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return value[0], value[1]
    return None
