from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kopru.accounts.models import User
from kopru.core.demodata import DemoNotAllowed, demo_password, load_all


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
        for user in User.objects.filter(is_demo=True).select_related("office", "organisation"):
            where = user.organisation or user.office or ""
            self.stdout.write(f"  {user.username:24} {user.get_role_display()} {where}".rstrip())
