"""``python manage.py run_scheduler``: enqueue periodic jobs when due (no cron needed).

Run one or more (systemd unit ``kopru-scheduler``, ``make run``): each due slot is
taken by exactly one of them (see :mod:`kopru.core.scheduler`). ``--once`` runs a
single tick and exits (tests, or a one-off check).
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from kopru.core.scheduler import periodic_jobs, scheduler_tick


class Command(BaseCommand):
    help = "Enqueue the periodic jobs declared in the apps' tasks.py when their slot is due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one tick, then exit")
        parser.add_argument(
            "--interval", type=float, default=20.0, help="seconds between ticks (default 20)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        if options["verbosity"] >= 1 and not options["once"]:
            for job in periodic_jobs():
                self.stdout.write(
                    f"{job.name:<28} {job.cron:<16} next "
                    f"{job.slot_after(timezone.now()):%Y-%m-%d %H:%M}"
                )
        while self._running:
            close_old_connections()
            for run in scheduler_tick():
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        f"{timezone.localtime():%Y-%m-%d %H:%M:%S} enqueued {run.job} "
                        f"({timezone.localtime(run.slot):%Y-%m-%d %H:%M})"
                    )
            if options["once"]:
                return
            slept = 0.0
            while self._running and slept < options["interval"]:
                time.sleep(0.5)
                slept += 0.5

    def _stop(self, signum: int, frame: Any) -> None:
        self._running = False
