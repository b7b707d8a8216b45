"""Issue 1,000 certificates (PDF with QR code, stored) and print the time. Goal: < 60 s.

    python bench/trainings_certificates.py

Uses its own SQLite database under /tmp and its own media folder; runs the same
service the bulk-issue background task runs.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.gettempdir()) / "kopru-bench-certificates.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

COUNT = int(os.environ.get("BENCH_COUNT", "1000"))


def main() -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="kopru-bench-media-")
    call_command("migrate", verbosity=0)

    from kopru.core.scoping import office_scope, unscoped
    from kopru.geo.models import Province
    from kopru.offices.models import Office
    from kopru.trainings.models import Attendance, Event, Registration, Session
    from kopru.trainings.services import certificates_issue_for_event

    with unscoped("benchmark set-up"):
        office = Office.objects.create(
            province=Province.objects.get(plate="35"),
            slug="izmir",
            name_tr="İzmir Valiliği Avrupa Birliği ve Dış İlişkiler Bürosu",
            name_en="Governorship of İzmir EU and Foreign Relations Office",
        )
        start = timezone.now().replace(microsecond=0)
        event = Event(
            office=office,
            type="pcm",
            title_tr="Proje Döngüsü Yönetimi Eğitimi — Çiğli, Şirinyer, Ödemiş",
            title_en="Project Cycle Management Training",
            trainers="Gülşen Işık, Ümit Çağlar",
            capacity=COUNT,
            status="published",
            starts_on=start.date(),
        )
        event.refresh_derived()
        event.save()
        session = Session.objects.create(
            office=office, event=event, starts_at=start, ends_at=start + timezone.timedelta(hours=6)
        )
        regs = []
        for i in range(COUNT):
            reg = Registration(
                office=office,
                event=event,
                full_name=f"Şükrü İğdeli Çağlayan {i}",
                email=f"k{i}@example.invalid",
                status="confirmed",
                attended=True,
            )
            reg.refresh_derived()
            regs.append(reg)
        Registration.objects.bulk_create(regs)
        Attendance.objects.bulk_create(
            [
                Attendance(office=office, registration=r, session=session)
                for r in Registration.objects.filter(event=event)
            ]
        )

    started = time.perf_counter()
    with office_scope(office):
        result = certificates_issue_for_event(event=event, language="tr", actor=None)
    elapsed = time.perf_counter() - started
    size = sum(f.stat().st_size for f in Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    print(f"certificates issued: {result['issued']}")
    print(f"PDF files written: {size / 1024 / 1024:.1f} MB")
    print(f"time: {elapsed:.1f} s ({elapsed / max(result['issued'], 1) * 1000:.0f} ms each)")
    print("goal: < 60 s —", "met" if elapsed < 60 else "NOT met")
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
