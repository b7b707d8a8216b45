"""``python manage.py worker``: django-tasks-db's ``db_worker`` with a heartbeat.

Takes the same options as ``db_worker``. A side thread records the worker's heartbeat
every few seconds (:mod:`kopru.core.workers`), so ``/healthz``, the job pages and the
national admin's scheduler page can say whether a worker is running and when one was
last seen, instead of showing "queued 0%" for ever.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kopru.core.services import heartbeat_beat, heartbeat_forget
from kopru.core.workers import BEAT_SECONDS


class Command(DbWorkerCommand):
    help = "Run the database task worker, recording its heartbeat (see kopru.core.workers)."

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"]
        started = timezone.now()
        stop = threading.Event()

        def beat_once() -> None:
            heartbeat_beat(
                worker_id=worker_id, host=socket.gethostname(), pid=os.getpid(), started_at=started
            )

        def beat() -> None:
            while not stop.wait(BEAT_SECONDS):
                try:
                    beat_once()
                except Exception:
                    close_old_connections()
            connection.close()

        beat_once()  # seen as alive from the first moment, before any task runs
        thread = threading.Thread(target=beat, name="kopru-heartbeat", daemon=True)
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            thread.join(timeout=BEAT_SECONDS)
            with contextlib.suppress(Exception):  # the database may be gone at shutdown
                heartbeat_forget(worker_id=worker_id)
