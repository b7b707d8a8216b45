"""The period picker, read the same way on the dashboard and the public page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from ..periods import YEAR_MAX, YEAR_MIN, Period, PeriodError


def read_period(request: HttpRequest) -> tuple[Period, str]:
    """The period asked for, or this year with the reason the one asked for is refused."""
    try:
        return Period.from_params(request.GET), ""
    except PeriodError as exc:
        return Period.current_year(), str(exc)


def period_context(period: Period, previous: Period) -> dict[str, Any]:
    this_year = timezone.localdate().year
    return {
        "period": period,
        "previous_period": previous,
        "years": list(range(this_year, max(YEAR_MIN, this_year - 25) - 1, -1)),
        "year_min": YEAR_MIN,
        "year_max": YEAR_MAX,
        "picked": {
            "kind": period.kind,
            "year": period.start.year,
            "quarter": period.quarter_number,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
    }
