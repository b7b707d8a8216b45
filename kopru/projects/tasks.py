"""Background work: the report reminders (the import runs as a job of kopru.core.imports)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders_task() -> int:
    from .services import deadline_reminders_send

    return deadline_reminders_send()
