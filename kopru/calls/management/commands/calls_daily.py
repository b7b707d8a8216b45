"""Daily upkeep of the call catalogue (run from cron): next deadlines, reminders, digests."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kopru.calls.tasks import daily_calls_maintenance


class Command(BaseCommand):
    help = "Move next deadlines on, send deadline reminders and daily/weekly alert digests."

    def handle(self, *args: Any, **options: Any) -> None:
        result = daily_calls_maintenance.call()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
