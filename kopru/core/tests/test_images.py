"""The shared image module: checked by content, capped, upright, stripped, sized, consented."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.template import Context, Template
from PIL import Image, ImageFile

from kopru.core import images
from kopru.core.errors import ApplicationError
from kopru.core.forms import ImageUploadForm
from kopru.core.images import (
    check_image_bytes,
    check_pdf_bytes,
    image_process,
    image_response,
    image_update,
    image_upload,
    images_check_publishable,
)
from kopru.core.models import ImageStatus, StoredImage
from kopru.core.scoping import public_scope, unscoped

from .imagefiles import jpeg_bytes, pdf_bytes, png_bytes, upload, uploaded_image

pytestmark = pytest.mark.django_db

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def _count() -> int:
    with unscoped("test"):
        return StoredImage.objects.count()


def _open(name: str) -> Image.Image:
    with default_storage.open(name, "rb") as fh:
        im = Image.open(io.BytesIO(fh.read()))
        im.load()
        return im


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (SVG, "image_type"),
        (HTML, "image_type"),
        (b"%PDF-1.4 not a photo", "image_type"),
        (jpeg_bytes()[:-4000], "image_truncated"),
        (png_bytes()[:-30], "image_truncated"),
        (b"", "image_empty"),
    ],
    ids=["svg", "html", "pdf", "truncated-jpeg", "truncated-png", "empty"],
)
def test_refused_by_content_whatever_the_name(balikesir: Any, data: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_image_bytes(data)
    assert info.value.code == code
    with pytest.raises(ApplicationError):
        image_upload(actor="test", office=balikesir, file=upload(data, "foto.jpg"), alt_tr="x")
    assert _count() == 0


def test_fifty_megapixels_are_refused_before_decoding(balikesir: Any) -> None:
    im = Image.new("1", (10_000, 5_000))
    out = io.BytesIO()
    im.save(out, "PNG")
    with pytest.raises(ValidationError) as info:
        check_image_bytes(out.getvalue())
    assert info.value.code == "image_pixels"
    assert "50 megapiksel" in info.value.messages[0]
    with pytest.raises(ApplicationError, match="megapiksel"):
        image_upload(
            actor="test", office=balikesir, file=upload(out.getvalue(), "b.png"), alt_tr="x"
        )
    assert _count() == 0


def test_byte_cap(balikesir: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 1000)
    with pytest.raises(ValidationError) as info:
        check_image_bytes(jpeg_bytes())
    assert info.value.code == "image_too_large"


def test_alt_text_is_required(balikesir: Any) -> None:
    with pytest.raises(ApplicationError, match="alternatif metni"):
        image_upload(actor="test", office=balikesir, file=upload(jpeg_bytes()), alt_tr="  ")
    assert _count() == 0


def test_upright_stripped_and_sized(balikesir: Any) -> None:
    # Stored landscape 1200x800, EXIF says "rotate 90° clockwise" (6), with a GPS position.
    data = jpeg_bytes(1200, 800, orientation=6, gps=True)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the test file has GPS
    image = image_upload(actor="test", office=balikesir, file=upload(data), alt_tr="Gençler")
    source = image.source.name
    assert image.status == ImageStatus.PENDING and default_storage.exists(source)
    image = image_process(image.pk)
    assert image is not None and image.status == ImageStatus.READY
    assert not image.source and not default_storage.exists(source)  # the upload is gone
    assert (image.width, image.height) == (800, 1200)  # upright: portrait
    assert set(image.renditions) == {"thumb", "card", "large"}
    for name, info in image.renditions.items():
        for ext, fmt in (("jpg", "JPEG"), ("webp", "WEBP")):
            im = _open(info[ext])
            assert im.format == fmt
            assert im.size == (info["width"], info["height"])
            assert max(im.size) == min(images.SIZES[name], 1200)
            assert not im.getexif(), "EXIF (GPS, camera) must be stripped"
            assert "comment" not in im.info and "xmp" not in im.info
            # The red half was the left one; after turning clockwise it is on top.
            top = im.convert("RGB").getpixel((im.width // 2, im.height // 8))
            assert isinstance(top, tuple) and top[0] > 150 and top[2] < 100


def test_a_transparent_png_is_flattened(balikesir: Any) -> None:
    image = uploaded_image(balikesir, data=png_bytes(300, 200))
    assert image.ready and image.renditions["card"]["width"] == 300  # never enlarged


def test_processing_runs_in_the_background_after_commit(
    balikesir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        image = image_upload(
            actor="test", office=balikesir, file=upload(jpeg_bytes()), alt_tr="Salon"
        )
    image.refresh_from_db()
    assert image.status == ImageStatus.READY


def test_people_need_recorded_consent(balikesir: Any, balikesir_expert: Any) -> None:
    image = uploaded_image(balikesir, has_people=True)
    assert image.consent_missing and not image.publishable
    with pytest.raises(ApplicationError, match="rıza"):
        images_check_publishable([image])
    with public_scope(balikesir):
        assert not StoredImage.objects.filter(pk=image.pk).exists()
    with pytest.raises(ApplicationError, match="nasıl alındığını"):
        image_update(actor=balikesir_expert, image=image, data={"people_consent": True})
    image = image_update(
        actor=balikesir_expert,
        image=image,
        data={"people_consent": True, "consent_note": "İmzalı muvafakatname, dosya 2026/14"},
    )
    assert image.publishable and image.consent_recorded_by == balikesir_expert
    assert image.consent_recorded_at is not None
    images_check_publishable([image])
    with public_scope(balikesir):
        assert StoredImage.objects.filter(pk=image.pk).exists()
    with pytest.raises(ApplicationError):
        image_upload(
            actor="test",
            office=balikesir,
            file=upload(jpeg_bytes()),
            alt_tr="x",
            people_consent=True,
        )


def test_pending_images_cannot_be_published(balikesir: Any) -> None:
    image = image_upload(actor="test", office=balikesir, file=upload(jpeg_bytes()), alt_tr="x")
    with pytest.raises(ApplicationError, match="hazırlanıyor"):
        images_check_publishable([image])


def test_served_only_as_its_renditions(balikesir: Any) -> None:
    image = uploaded_image(balikesir)
    response = image_response(image, "card.webp", public=True)
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"  # type: ignore[arg-type]
    assert image_response(image, "thumb.jpg", public=False)["Content-Type"] == "image/jpeg"
    for bad in ("card.png", "huge.jpg", "card", "../card.jpg", ""):
        with pytest.raises(Http404):
            image_response(image, bad, public=True)
    people = uploaded_image(balikesir, has_people=True)
    with pytest.raises(Http404):
        image_response(people, "card.jpg", public=True)
    assert image_response(people, "card.jpg", public=False).status_code == 200


def test_picture_tag(balikesir: Any) -> None:
    image = uploaded_image(balikesir, alt_en="Young people")
    html = Template('{% load images %}{% picture image "card" "/x/5/" %}').render(
        Context({"image": image})
    )
    info = image.renditions["card"]
    assert f'width="{info["width"]}" height="{info["height"]}"' in html
    assert 'alt="Avrupa Günü etkinliğinde gençler"' in html
    assert 'type="image/webp"' in html and "/x/5/thumb.webp 480w" in html
    assert "large" not in html  # only sizes up to the one asked for
    pending = image_upload(actor="test", office=balikesir, file=upload(jpeg_bytes()), alt_tr="Y")
    html = Template('{% load images %}{% picture image "card" "/x/" %}').render(
        Context({"image": pending})
    )
    assert "<img" not in html and "hazırlanıyor" in html


def test_pdf_checked_by_content() -> None:
    check_pdf_bytes(pdf_bytes())
    for bad in (HTML, jpeg_bytes(), b"%PDF-1.4 cut off in the middle"):
        with pytest.raises(ValidationError):
            check_pdf_bytes(bad)


def test_upload_form(balikesir: Any) -> None:
    form = ImageUploadForm(
        data={"alt_tr": "Salon", "has_people": "on", "people_consent": "on"},
        files={"file": upload(SVG, "a.jpg")},
    )
    assert not form.is_valid()
    assert "file" in form.errors and "consent_note" in form.errors
    form = ImageUploadForm(data={"alt_tr": "Salon"}, files={"file": upload(jpeg_bytes())})
    assert form.is_valid(), form.errors
    image = image_upload(actor="test", office=balikesir, **form.upload_kwargs())
    assert image.alt_tr == "Salon"


def test_truncation_is_caught_even_after_weasyprint_relaxed_pillow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ValidationError):
        check_image_bytes(jpeg_bytes()[:-4000])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored for WeasyPrint
