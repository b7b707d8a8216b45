from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from .factories import EventFactory, SessionFactory


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def event(balikesir: Any) -> Any:
    """A published two-session PCM training of Balıkesir, two weeks from now."""
    ev = EventFactory(office=balikesir, capacity=2, title_tr="Proje Döngüsü Yönetimi (PDY) Eğitimi")
    start = timezone.now().replace(hour=9, minute=30, second=0, microsecond=0) + dt.timedelta(
        days=14
    )
    SessionFactory(event=ev, starts_at=start, ends_at=start + dt.timedelta(hours=6))
    SessionFactory(
        event=ev,
        starts_at=start + dt.timedelta(days=1),
        ends_at=start + dt.timedelta(days=1, hours=6),
    )
    return ev
