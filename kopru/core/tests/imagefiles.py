"""Image and PDF files for tests: photos with EXIF (orientation, GPS), broken files."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kopru.core.images import image_process, image_upload


def jpeg_bytes(
    width: int = 1200,
    height: int = 800,
    *,
    orientation: int | None = None,
    gps: bool = False,
    colour: tuple[int, int, int] = (30, 90, 160),
) -> bytes:
    """A JPEG whose left half is red (to see a rotation) with optional EXIF tags."""
    im = Image.new("RGB", (width, height), colour)
    im.paste((220, 20, 20), (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x010F] = "Kamera Üreticisi"  # Make
    exif[0x0131] = "Editör 1.0"  # Software
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (38.0, 25.0, 12.0), 3: "E", 4: (27.0, 8.0, 30.0)}
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85, exif=exif.tobytes(), comment=b"Konak, Izmir")
    return out.getvalue()


def png_bytes(width: int = 400, height: int = 300, mode: str = "RGBA") -> bytes:
    im = Image.new(mode, (width, height))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def upload(data: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf_bytes(text: str = "Duyuru") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% {text}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def uploaded_image(office: Any, *, actor: Any = None, **kwargs: Any) -> Any:
    """A real, processed image of ``office`` (files in the test storage)."""
    data = kwargs.pop("data", None) or jpeg_bytes()
    kwargs.setdefault("alt_tr", "Avrupa Günü etkinliğinde gençler")
    image = image_upload(actor=actor or "test", office=office, file=upload(data), **kwargs)
    return image_process(image.pk)
