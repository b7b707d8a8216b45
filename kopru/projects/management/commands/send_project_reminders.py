"""``python manage.py send_project_reminders [--days N]``: e-mail before reporting deadlines.

Run daily (cron or the task worker); each deadline is reminded once.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kopru.projects.services import deadline_reminders_send


class Command(BaseCommand):
    help = "E-mail project owners before their reporting deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=14, help="days before the deadline")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = deadline_reminders_send(days_before=options["days"])
        self.stdout.write(f"reminders sent: {sent}")
