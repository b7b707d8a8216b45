"""Background work: the report reminders (the import runs as a job of kopru.core.imports)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from django_tasks import task

from kopru.core.scheduler import periodic

from .services import deadline_reminders_send


@periodic(
    "projects.reminders",
    "0 6 * * *",
    description=gettext_lazy("Raporlama son tarihinden önce proje sahiplerine e-posta"),
)
@task()
def send_reminders_task() -> int:
    """Also ``manage.py send_project_reminders`` (a manual run)."""

    return deadline_reminders_send()
