"""Fixtures shared by the calls tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kopru.calls import catalogue_index


@pytest.fixture
def fresh_process() -> Iterator[None]:
    """This process as a new one: no catalogue index yet (and none left behind)."""
    catalogue_index.forget()
    yield
    catalogue_index.forget()
