"""Checks on contact details people type into public forms (registrations, partner
searches, guidance requests): one Turkish phone format, one e-mail message."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

_PHONE_CHARS = re.compile(r"[\s\-().]")


def normalise_phone(value: str) -> str:
    """A Turkish phone number as ``+90 5XX XXX XX XX``; raises ValidationError otherwise.

    Accepted: ``05321234567``, ``5321234567``, ``+90 532 123 45 67``, ``0090…``,
    ``(0232) 123 45 67``. Area codes start with 2, 3, 4 or 5 (mobile), 8 (toll-free).
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    digits = _PHONE_CHARS.sub("", raw)
    if digits.startswith("+90"):
        digits = digits[3:]
    elif digits.startswith("0090"):
        digits = digits[4:]
    elif digits.startswith("0"):
        digits = digits[1:]
    if not digits.isdigit() or len(digits) != 10 or digits[0] not in "23458":
        raise ValidationError(
            _(
                "Geçerli bir Türkiye telefon numarası girin (örnek: 0532 123 45 67 "
                "veya 0232 123 45 67)."
            ),
            code="phone",
        )
    return f"+90 {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"


def check_email(value: str) -> str:
    email = (value or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(
            _("Geçerli bir e-posta adresi girin (örnek: ad.soyad@kurum.gov.tr)."), code="email"
        ) from exc
    return email
