"""100 uploads of 12-megapixel photos processed in the background (goal: ≤ 60 s).

    python bench/image_processing.py [count]

Uses its own database ``var/bench-images.sqlite3`` and media folder
``var/bench-images-media/`` (both re-created each run). Makes a 4000x3000 camera-like
JPEG (detail and noise, EXIF orientation and GPS, ~3-5 MB), uploads it ``count`` times
through ``image_upload`` (the check by content happens here, in the request), then
times what the worker does for each: ``image_process`` (decode, turn upright, strip,
three sizes in WebP and JPEG, delete the upload). Prints the upload check and the
processing time, total and per image.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-images.sqlite3"
MEDIA = ROOT / "var" / "bench-images-media"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ["KOPRU_MEDIA_ROOT"] = str(MEDIA)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from kopru.core.demodata import DemoContext  # noqa: E402
from kopru.core.images import image_process, image_upload  # noqa: E402
from kopru.core.scoping import unscoped  # noqa: E402


def photo() -> bytes:
    rng = random.Random(14)
    im = Image.effect_noise((4000, 3000), 40).convert("RGB")
    draw = ImageDraw.Draw(im)
    for _ in range(400):
        x, y = rng.randrange(4000), rng.randrange(3000)
        draw.ellipse(
            (x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 400)),
            fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)),
        )
    im = im.filter(ImageFilter.GaussianBlur(1))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (38.0, 25.0, 12.0), 3: "E", 4: (27.0, 8.0, 30.0)}
    out = io.BytesIO()
    im.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(MEDIA, ignore_errors=True)
    DB.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    from kopru.offices import demo as offices_demo
    from kopru.offices.models import Office

    with unscoped("bench: offices"), transaction.atomic():
        offices_demo.load(DemoContext())
    with unscoped("bench"):
        office = Office.objects.get(slug="izmir")
    data = photo()
    print(f"photo: 4000x3000 (12 MP), {len(data) / 2**20:.1f} MB")
    started = time.perf_counter()
    ids = []
    for n in range(count):
        file = SimpleUploadedFile(f"foto{n}.jpg", data, content_type="image/jpeg")
        ids.append(image_upload(actor="bench", office=office, file=file, alt_tr=f"Fotoğraf {n}").pk)
    uploaded = time.perf_counter() - started
    print(f"uploads checked and stored: {uploaded:6.2f} s ({uploaded / count * 1000:.0f} ms each)")
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    for pk in ids:
        image = image_process(pk)
        assert image is not None and image.ready, image and image.error
    processed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(
        f"processed in the background: {processed:6.2f} s wall for {count} "
        f"({processed / count * 1000:.0f} ms each), {cpu:6.2f} s of this process's CPU "
        f"({cpu / count * 1000:.0f} ms each)"
    )
    print(
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
        f"(on {os.cpu_count()} cores: wall time counts the other processes' share)"
    )
    print("goal: 100 uploads of 12 MP processed in ≤ 60 s")
    shutil.rmtree(MEDIA, ignore_errors=True)


if __name__ == "__main__":
    main()
