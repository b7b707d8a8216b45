"""300 simultaneous registrations for 50 places, against PostgreSQL.

    python bench/registration_race.py

Uses its own database (``kopru_bench_race`` on 127.0.0.1:5432, user postgres;
override with BENCH_DATABASE_URL), migrates it, creates one event with 50 places
and lets 300 threads — each with its own database connection — call the
registration service at the same moment. Then 30 of the same people try again
at once (all must be refused as duplicates). Ends with
``confirmed=N waiting=N errors=N duplicates=N`` (duplicates: e-mail addresses
holding more than one active registration in the database — must be 0).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_NAME = "kopru_bench_race"
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

PEOPLE = 300
PLACES = 50
RETRIES = 30


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.db.models import Count
    from django.utils import timezone

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)

    from kopru.core.scoping import unscoped
    from kopru.geo.models import Province
    from kopru.offices.models import Office
    from kopru.trainings import services
    from kopru.trainings.models import Event, EventStatus, Registration, RegistrationStatus

    with unscoped("benchmark set-up"):
        office = Office.objects.filter(slug="balikesir").first() or Office.objects.create(
            province=Province.objects.get(plate="10"),
            slug="balikesir",
            name_tr="Balıkesir Valiliği AB ve Dış İlişkiler Bürosu",
        )
        Event._base_manager.filter(office=office, source_id="bench-race").delete()
        event = Event(
            office=office,
            source_id="bench-race",
            type="pcm",
            title_tr="Yarış testi",
            capacity=PLACES,
            status=EventStatus.PUBLISHED,
            starts_on=timezone.localdate(),
        )
        event.refresh_derived()
        event.save()
    connection.close()

    workers = min(PEOPLE, 80)  # PostgreSQL allows 100 connections by default
    barrier = threading.Barrier(workers)
    counts = {"confirmed": 0, "waiting": 0, "errors": 0, "refused_duplicates": 0}
    lock = threading.Lock()
    errors: list[str] = []

    def register(i: int, *, wait: bool) -> None:
        if wait and i < workers:
            barrier.wait(timeout=60)
        try:
            reg = services.registration_create(
                event_id=event.pk,
                data={"full_name": f"Katılımcı {i}", "email": f"kisi{i}@example.invalid"},
                consent_text="KVKK",
            )
            key = "confirmed" if reg.status == RegistrationStatus.CONFIRMED else "waiting"
        except services.DuplicateRegistration:
            key = "refused_duplicates"
        except Exception as exc:  # every other failure is a benchmark error
            key = "errors"
            errors.append(f"{exc.__class__.__name__}: {exc}")
        finally:
            connections.close_all()
        with lock:
            counts[key] += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda i: register(i, wait=True), range(PEOPLE)))
    elapsed = time.perf_counter() - start
    before_retry = dict(counts)
    with ThreadPoolExecutor(max_workers=RETRIES) as pool:
        list(pool.map(lambda i: register(i, wait=False), range(RETRIES)))
    refused = counts["refused_duplicates"] - before_retry["refused_duplicates"]

    with unscoped("benchmark check"):
        regs = Registration._base_manager.filter(event=event)
        confirmed = regs.filter(status=RegistrationStatus.CONFIRMED).count()
        waiting = regs.filter(status=RegistrationStatus.WAITING).count()
        duplicates = (
            regs.exclude(status=RegistrationStatus.CANCELLED)
            .values("email_key")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .count()
        )
    for line in errors[:5]:
        print("error:", line)
    print(f"{PEOPLE} registrations by {workers} threads in {elapsed:.2f} s")
    print(
        f"service answers: {before_retry['confirmed']} confirmed, {before_retry['waiting']} waiting"
    )
    print(f"repeated sign-ups refused as duplicates: {refused}/{RETRIES}")
    print(
        f"confirmed={confirmed} waiting={waiting} errors={counts['errors']} duplicates={duplicates}"
    )


if __name__ == "__main__":
    main()
