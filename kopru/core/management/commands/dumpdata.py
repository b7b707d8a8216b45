"""Django's ``dumpdata``, run with every office's records in view.

Office-owned models have a scoped default manager that refuses to read outside a
scope (``ScopeError``); a full export is a cross-office read by definition. Backups
use ``manage.py backup`` (see :mod:`kopru.core.backup`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.dumpdata import Command as DjangoDumpdata

from kopru.core.scoping import unscoped


class Command(DjangoDumpdata):
    def handle(self, *app_labels: Any, **options: Any) -> None:
        with unscoped("dumpdata: an export of every office"):
            super().handle(*app_labels, **options)
