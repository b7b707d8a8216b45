"""Images and PDF attachments done properly: the one module every app uses for uploads.

API (apps use nothing else; see also ``docs/architecture.md``, "Images and attachments"):

* :func:`check_image_upload` (file) -> :class:`ImageCheck`: the upload is read *by its
  content* with Pillow, never by its name: JPEG, PNG or WebP only (an SVG, an HTML page
  or anything else named ``.jpg`` is refused), at most :data:`MAX_IMAGE_BYTES` bytes and
  :data:`MAX_IMAGE_PIXELS` pixels (a 50-megapixel photo is refused before it is decoded),
  and decoded to the end (a truncated file is refused). Raises ``ValidationError`` with a
  message for the person who uploaded it.
* :func:`image_upload` (*, actor, office, file, alt_tr, ...) -> :class:`StoredImage`: the
  service. Checks as above (``ApplicationError``, nothing stored on a refusal), keeps the
  upload privately and enqueues :func:`process_image` after the commit. ``alt_tr`` (the
  alternative text) is required. ``has_people=True`` requires ``people_consent`` and a
  ``consent_note`` before the photo can be published.
* :func:`process_image` (task) / :func:`image_process` (the work): turns the photo
  upright from its EXIF orientation, drops every piece of metadata (EXIF with the GPS
  position, XMP, comments), writes each size of :data:`SIZES` as WebP and JPEG, records
  their width and height, and deletes the upload.
* :func:`image_update` (*, actor, image, data) edits the texts and the people/consent
  fields (recording who recorded the consent, when); :func:`image_delete`.
* :func:`images_check_publishable` (images): raises ``ApplicationError`` if one is not
  processed yet or shows people whose consent is not recorded. The owning app calls it
  when a record that shows the images is published.
* :func:`image_response` (image, rendition, *, public) -> ``FileResponse``: the owning
  app's view serves ``<size>.webp`` / ``<size>.jpg`` *after* checking access to its own
  record (never through ``/media/``). ``{% picture image "card" base_url %}`` (template
  library ``images``) renders ``<picture>`` with WebP and JPEG sources, ``srcset``,
  ``width``/``height`` and the alt text of the active language.
* :func:`check_pdf_upload` / :func:`validate_pdf`: an attachment that claims to be a PDF is
  one (``%PDF-`` header, an ``%%EOF`` trailer, at most :data:`MAX_PDF_BYTES`); and
  :func:`pdf_response` serves it as a download.
"""

from __future__ import annotations

import contextlib
import io
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from PIL import Image, ImageFile, UnidentifiedImageError

from .audit import audit_log
from .errors import ApplicationError
from .models import ImageStatus, StoredImage
from .scoping import unscoped_manager
from .services import model_update

#: Largest upload accepted, in bytes and in pixels (width x height).
MAX_IMAGE_BYTES = 25 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
#: Formats accepted, as Pillow names them from the file's content.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: The sizes the pages use: name -> longest edge in pixels (never enlarged).
SIZES: dict[str, int] = {"thumb": 480, "card": 960, "large": 1600}
#: Rendition file types and their content types.
FORMATS = {"webp": "image/webp", "jpg": "image/jpeg"}
JPEG_QUALITY = 82
WEBP_QUALITY = 78
MAX_PDF_BYTES = 20 * 1024 * 1024


@contextlib.contextmanager
def _strict_decoding() -> Iterator[None]:
    """A truncated file is an error, never half a photo. (WeasyPrint sets Pillow's global
    ``LOAD_TRUNCATED_IMAGES`` to True when it is imported; the check must not depend on
    whether the process has rendered a PDF.)"""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


@dataclass(frozen=True)
class ImageCheck:
    format: str  # "JPEG", "PNG", "WEBP"
    width: int
    height: int
    size: int  # bytes

    @property
    def extension(self) -> str:
        return IMAGE_FORMATS[self.format]


def _read_all(file: Any) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    if hasattr(file, "seek"):
        file.seek(0)
    return bytes(data)


def check_image_bytes(data: bytes) -> ImageCheck:
    """Check an image by its content; raises ``ValidationError`` with the reason."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("Görsel çok büyük: en çok %(mb)s MB olabilir.") % {"mb": MAX_IMAGE_BYTES // 2**20},
            code="image_too_large",
        )
    if not data:
        raise ValidationError(_("Dosya boş."), code="image_empty")
    try:
        with _strict_decoding(), Image.open(io.BytesIO(data)) as im:
            fmt = im.format or ""
            width, height = im.size
            if fmt not in IMAGE_FORMATS:
                raise ValidationError(
                    _("Bu dosya bir JPEG, PNG ya da WebP fotoğraf değil."), code="image_type"
                )
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _(
                        "Görsel %(mp)s megapiksel; en çok %(max)s megapiksel kabul edilir. "
                        "Küçültüp yeniden yükleyin."
                    )
                    % {"mp": round(width * height / 1e6), "max": MAX_IMAGE_PIXELS // 1_000_000},
                    code="image_pixels",
                )
            if fmt == "JPEG":
                # Decoding at 1/8 scale still reads every byte: a cut file fails here.
                im.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            im.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            _("Bu dosya bir JPEG, PNG ya da WebP fotoğraf değil."), code="image_type"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("Görsel dosyası bozuk ya da eksik; yeniden kaydedip yükleyin."),
            code="image_truncated",
        ) from None
    return ImageCheck(format=fmt, width=width, height=height, size=len(data))


def check_image_upload(file: Any) -> ImageCheck:
    """Check an uploaded file (``UploadedFile`` or any file object) by its content."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("Görsel çok büyük: en çok %(mb)s MB olabilir.") % {"mb": MAX_IMAGE_BYTES // 2**20},
            code="image_too_large",
        )
    return check_image_bytes(_read_all(file))


def validate_image(file: Any) -> None:
    """A form/model field validator around :func:`check_image_upload`."""
    check_image_upload(file)


# --- PDF attachments ------------------------------------------------------------------


def check_pdf_bytes(data: bytes) -> None:
    if len(data) > MAX_PDF_BYTES:
        raise ValidationError(
            _("Dosya çok büyük (en çok %(mb)s MB).") % {"mb": MAX_PDF_BYTES // 2**20},
            code="pdf_too_large",
        )
    head = data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ")
    if not head.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("Bu dosya bir PDF değil ya da eksik."), code="not_pdf")


def check_pdf_upload(file: Any) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > MAX_PDF_BYTES:
        raise ValidationError(
            _("Dosya çok büyük (en çok %(mb)s MB).") % {"mb": MAX_PDF_BYTES // 2**20},
            code="pdf_too_large",
        )
    check_pdf_bytes(_read_all(file))


def validate_pdf(file: Any) -> None:
    """A form/model field validator around :func:`check_pdf_upload`."""
    check_pdf_upload(file)


def pdf_response(field_file: Any, *, filename: str) -> FileResponse:
    """A stored PDF as a download (the caller has checked access to its record)."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the service ------------------------------------------------------------------------

TEXT_FIELDS = ("alt_tr", "alt_en", "caption_tr", "caption_en", "credit")
CONSENT_FIELDS = ("has_people", "people_consent", "consent_note")


def _check_consent(has_people: bool, people_consent: bool, consent_note: str) -> None:
    if people_consent and not has_people:
        raise ApplicationError(_("Rıza yalnızca fotoğrafta kişiler varsa kaydedilir."))
    if has_people and people_consent and not consent_note.strip():
        raise ApplicationError(
            _("Kişilerin rızasının nasıl alındığını yazın (ör. imzalı form, dosya numarası).")
        )


def image_upload(
    *,
    actor: Any,
    office: Any,
    file: Any,
    alt_tr: str,
    alt_en: str = "",
    caption_tr: str = "",
    caption_en: str = "",
    credit: str = "",
    has_people: bool = False,
    people_consent: bool = False,
    consent_note: str = "",
) -> StoredImage:
    """Accept an upload: checked by content, kept privately, processed in the background."""
    if not alt_tr.strip():
        raise ApplicationError(_("Fotoğrafta ne olduğunu anlatan alternatif metni yazın."))
    _check_consent(has_people, people_consent, consent_note)
    data = _read_all(file)
    try:
        checked = check_image_bytes(data)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages)) from None
    office_id = getattr(office, "pk", office)
    now = timezone.now()
    with transaction.atomic():
        image = StoredImage(
            office_id=office_id,
            source_format=checked.format,
            source_bytes=checked.size,
            width=checked.width,
            height=checked.height,
            alt_tr=alt_tr.strip(),
            alt_en=alt_en.strip(),
            caption_tr=caption_tr.strip(),
            caption_en=caption_en.strip(),
            credit=credit.strip(),
            has_people=has_people,
            people_consent=has_people and people_consent,
            consent_note=consent_note.strip() if has_people else "",
            consent_recorded_at=now if has_people and people_consent else None,
            consent_recorded_by=_user(actor) if has_people and people_consent else None,
            uploaded_by=_user(actor),
        )
        # Our own name and the extension of the content, never the uploader's file name.
        image.source.save(f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(data), save=False)
        stored_name = image.source.name
        try:
            image.save(force_insert=True)
        except Exception:
            default_storage.delete(stored_name)
            raise
        audit_log(
            actor=actor,
            action="core.storedimage.uploaded",
            obj=image,
            data={"format": checked.format, "width": checked.width, "height": checked.height},
        )
        transaction.on_commit(lambda: process_image.enqueue(image_id=image.pk), robust=True)
    return image


def _user(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def image_update(
    *, actor: Any, image: StoredImage, data: Mapping[str, Any], expected_version: int | None = None
) -> StoredImage:
    """Change the texts or the people/consent fields of an image (audited)."""
    allowed = {k: v for k, v in data.items() if k in TEXT_FIELDS + CONSENT_FIELDS}
    merged = {f: allowed.get(f, getattr(image, f)) for f in TEXT_FIELDS + CONSENT_FIELDS}
    if not str(merged["alt_tr"]).strip():
        raise ApplicationError(_("Fotoğrafta ne olduğunu anlatan alternatif metni yazın."))
    _check_consent(
        bool(merged["has_people"]), bool(merged["people_consent"]), str(merged["consent_note"])
    )
    if not merged["has_people"]:
        allowed["people_consent"] = False
        allowed["consent_note"] = ""
    consent_now = bool(merged["has_people"] and merged["people_consent"])
    if consent_now and not image.people_consent:
        allowed["consent_recorded_at"] = timezone.now()
        allowed["consent_recorded_by"] = _user(actor)
    elif not consent_now and image.people_consent:
        allowed["consent_recorded_at"] = None
        allowed["consent_recorded_by"] = None
    updated, _changes = model_update(
        instance=image, data=allowed, actor=actor, action="core.storedimage.updated"
    )
    return updated


def image_delete(*, actor: Any, image: StoredImage) -> None:
    names = _file_names(image)
    with transaction.atomic():
        audit_log(actor=actor, action="core.storedimage.deleted", obj=image)
        image.delete()
        transaction.on_commit(lambda: _delete_files(names))


def _file_names(image: StoredImage) -> list[str]:
    names = [image.source.name] if image.source else []
    for rendition in (image.renditions or {}).values():
        names += [rendition[ext] for ext in FORMATS if rendition.get(ext)]
    return names


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):  # a file already gone
            default_storage.delete(name)


def images_unpublishable(images: Iterable[StoredImage]) -> list[StoredImage]:
    return [image for image in images if image is not None and not image.publishable]


def images_check_publishable(images: Iterable[StoredImage]) -> None:
    """Refuse to publish a record whose photos are not ready or lack people's consent."""
    problems = []
    for image in images_unpublishable(images):
        if image.consent_missing:
            problems.append(
                _("“%(alt)s”: fotoğraftaki kişilerin rızası kaydedilmedi (KVKK).")
                % {"alt": image.alt_tr}
            )
        elif image.status == ImageStatus.FAILED:
            problems.append(_("“%(alt)s”: görsel işlenemedi.") % {"alt": image.alt_tr})
        else:
            problems.append(_("“%(alt)s”: görsel henüz hazırlanıyor.") % {"alt": image.alt_tr})
    if problems:
        raise ApplicationError(" ".join(problems))


# --- processing (background) ------------------------------------------------------------


def _flatten(im: Image.Image) -> Image.Image:
    if im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return im.convert("RGB") if im.mode != "RGB" else im


#: EXIF orientation -> the transposition that turns the pixels upright (as ImageOps does).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _shrink(im: Image.Image, edge: int) -> Image.Image:
    """``im`` with its longer side at most ``edge``. A small step (under 2x, e.g. the
    JPEG decoded at half scale down to the largest size) uses bicubic, a large one
    Lanczos after an integer ``reduce()`` (``reducing_gap``): the same look, a fraction of
    the work of Lanczos on every source pixel."""
    w, h = im.size
    if max(w, h) <= edge:
        return im
    ratio = edge / max(w, h)
    size = (max(1, round(w * ratio)), max(1, round(h * ratio)))
    if ratio > 0.5:
        return im.resize(size, Image.Resampling.BICUBIC)
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def render_sizes(data: bytes) -> tuple[dict[str, dict[str, Any]], dict[str, bytes]]:
    """The renditions of an image: ``({size: {width, height}}, {"<size>.<ext>": bytes})``.

    Upright (EXIF orientation applied), RGB, without EXIF/XMP/GPS or comments: only the
    pixels (and the colour profile) are written. The work is kept small (a 12 MP photo
    used to take about a second): one decode, at a reduced scale for a JPEG
    (``draft``: the DCT scaling gives the smallest multiple of 1/8 still at least the
    largest size); each size made from the one above it; the orientation applied to the
    largest size, not to the decoded pixels; WebP at its fastest ``method`` (0: the files
    are 10-15 % larger than at 4, at a quarter of the time) and baseline JPEG (a
    progressive one took ten times as long to write, and it is only the fallback of
    browsers without WebP).
    """
    largest = max(SIZES.values())
    with Image.open(io.BytesIO(data)) as im:
        icc = im.info.get("icc_profile")
        orientation = im.getexif().get(0x0112, 1)
        if im.format == "JPEG":
            # Decode at a reduced scale when the largest size allows it (much faster).
            w, h = im.size
            scale = largest / max(w, h)
            if scale < 1:
                im.draft("RGB", (max(1, int(w * scale)), max(1, int(h * scale))))
        im.load()
        base = _flatten(im)
    meta: dict[str, dict[str, Any]] = {}
    files: dict[str, bytes] = {}
    current = base
    for index, (name, edge) in enumerate(sorted(SIZES.items(), key=lambda kv: -kv[1])):
        current = _shrink(current, edge)
        if index == 0 and orientation in _UPRIGHT:
            current = current.transpose(_UPRIGHT[orientation])
        current.info = {}  # Pillow would carry a JPEG comment or EXIF over from the upload
        meta[name] = {"width": current.width, "height": current.height}
        out = io.BytesIO()
        current.save(out, "WEBP", quality=WEBP_QUALITY, method=0, icc_profile=icc)
        files[f"{name}.webp"] = out.getvalue()
        out = io.BytesIO()
        current.save(out, "JPEG", quality=JPEG_QUALITY, icc_profile=icc)
        files[f"{name}.jpg"] = out.getvalue()
    return meta, files


def image_process(image_id: int) -> StoredImage | None:
    """Write the renditions of one uploaded image and delete the upload (no actor)."""
    manager = unscoped_manager(StoredImage, reason="processing an uploaded image, by id")
    image = manager.filter(pk=image_id).first()
    if image is None or image.status == ImageStatus.READY or not image.source:
        return image
    try:
        with image.source.open("rb") as fh:
            data = fh.read()
        meta, files = render_sizes(data)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        manager.filter(pk=image.pk).update(status=ImageStatus.FAILED, error=str(exc)[:300])
        image.refresh_from_db()
        return image
    folder = f"images/{image.office_id}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
    renditions: dict[str, dict[str, Any]] = {}
    for name, dims in meta.items():
        renditions[name] = dict(dims)
        for ext in FORMATS:
            renditions[name][ext] = default_storage.save(
                f"{folder}/{name}.{ext}", ContentFile(files[f"{name}.{ext}"])
            )
    source_name = image.source.name
    largest = meta[max(SIZES, key=lambda s: SIZES[s])]
    manager.filter(pk=image.pk).update(
        status=ImageStatus.READY,
        renditions=renditions,
        source="",
        error="",
        width=largest["width"],
        height=largest["height"],
        updated_at=timezone.now(),
    )
    _delete_files([source_name])
    image.refresh_from_db()
    return image


@task()
def process_image(image_id: int) -> str:
    image = image_process(image_id)
    return image.status if image is not None else "missing"


# --- serving ----------------------------------------------------------------------------


def rendition_info(image: StoredImage, size: str) -> dict[str, Any] | None:
    return (image.renditions or {}).get(size) if image.ready else None


def image_response(image: StoredImage, rendition: str, *, public: bool) -> FileResponse:
    """Serve ``"<size>.<ext>"`` of ``image``; the caller has checked access to its owner.

    ``public``: the record showing it is public (cacheable by anyone), else private.
    """
    size, _dot, ext = rendition.partition(".")
    info = rendition_info(image, size)
    if info is None or ext not in FORMATS or not info.get(ext):
        raise Http404("image")
    if public and not image.publishable:
        raise Http404("image")
    try:
        handle = default_storage.open(info[ext], "rb")
    except OSError:
        raise Http404("image") from None
    response = FileResponse(handle, content_type=FORMATS[ext])
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
