from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kopru.core.demodata import DemoNotAllowed, demo_password, load_all

DEMO_USERS = [
    "ulusal.yonetici",
    "balikesir.koordinator",
    "balikesir.uzman",
    "balikesir.kurum",
    "izmir.koordinator",
    "izmir.uzman",
    "izmir.kurum",
]


class Command(BaseCommand):
    help = "Load the demo data of the Balıkesir and İzmir offices (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = load_all()
        except DemoNotAllowed as exc:
            raise CommandError(str(exc)) from exc
        for label, summary in results:
            self.stdout.write(f"{label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo accounts (password: {demo_password()}):")
        for username in DEMO_USERS:
            self.stdout.write(f"  {username}")
