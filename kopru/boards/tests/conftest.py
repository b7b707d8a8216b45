from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from .factories import BodyFactory, InvitationFactory, MeetingFactory, MembershipFactory


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def board(balikesir: Any) -> Any:
    """Balıkesir's public EU advisory board with a chair and a member."""
    body = BodyFactory(
        office=balikesir,
        name_tr="Balıkesir İl Avrupa Birliği Danışma Kurulu",
        name_en="Balıkesir Provincial EU Advisory Board",
    )
    MembershipFactory(body=body, full_name="Zeynep Kaya", email="zeynep@example.org", role="chair")
    MembershipFactory(body=body, full_name="Ali Çelik", email="ali@example.org")
    return body


@pytest.fixture
def past_meeting(board: Any) -> Any:
    """A meeting held yesterday with two invitees, one of whom came."""
    start = timezone.now() - dt.timedelta(days=1)
    meeting = MeetingFactory(
        body=board, starts_at=start, ends_at=start + dt.timedelta(hours=2), number=1
    )
    InvitationFactory(
        meeting=meeting,
        full_name="Zeynep Kaya",
        email="zeynep@example.org",
        checked_in_at=start,
    )
    InvitationFactory(meeting=meeting, full_name="Ali Çelik", email="ali@example.org")
    return meeting
