"""Image checks by content, never by name: type, size, pixel count; metadata stripped by re-encoding.

Used for every upload: mutirão covers, avatars and photos.
"""

import threading
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from mutiroes.core.cpu import run_at_low_priority
from mutiroes.core.exceptions import ApplicationError

MAX_BYTES = 10 * 1024 * 1024
# Decompression bombs: a small file that unpacks into billions of pixels. A decoded pixel takes
# up to 4 bytes, so these caps bound what one upload costs in memory (photos: ~96 MB at most,
# avatars and covers: ~48 MB), and what is kept is shrunk before any copy is made.
MAX_PIXELS = 24_000_000


@dataclass(frozen=True, kw_only=True)
class ImageKind:
    max_pixels: int
    max_side: int  # the stored image's longest side


PHOTO = ImageKind(max_pixels=MAX_PIXELS, max_side=2560)
COVER = ImageKind(max_pixels=12_000_000, max_side=2048)
AVATAR = ImageKind(max_pixels=12_000_000, max_side=1024)
THUMBNAIL_SIZE = (480, 480)

# At most this many images are decoded at once per process (Gunicorn threads share it); a
# request that cannot get a slot within IMAGE_SLOT_WAIT_SECONDS gets a 503 to retry. The decoding
# itself runs at a lower CPU priority than request handling (mutiroes.core.cpu).
IMAGE_WORK_SLOTS = 2
IMAGE_SLOT_WAIT_SECONDS = 10.0
_image_slots = threading.BoundedSemaphore(IMAGE_WORK_SLOTS)
# Pillow format -> (content type, extension, modes it stores as is)
FORMATS = {
    "JPEG": ("image/jpeg", "jpg", {"L", "RGB"}),
    "PNG": ("image/png", "png", {"1", "L", "LA", "P", "RGB", "RGBA"}),
    "WEBP": ("image/webp", "webp", {"RGB", "RGBA"}),
}


class PayloadTooLarge(ApplicationError):
    status_code = 413
    default_code = "too_large"


class ImageWorkBusy(ApplicationError):
    status_code = 503
    default_code = "busy"


@contextmanager
def image_work_slot() -> Iterator[None]:
    """One of the process's few slots for decoding images: a flood of uploads waits here (bounded)
    instead of decoding them all at once and running out of memory."""
    if not _image_slots.acquire(timeout=IMAGE_SLOT_WAIT_SECONDS):
        raise ImageWorkBusy(_("Too many images are being processed right now. Try again in a moment."))
    try:
        yield
    finally:
        _image_slots.release()


@dataclass(frozen=True, kw_only=True)
class CleanImage:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


def _refuse(message: str, code: str) -> ApplicationError:
    return ApplicationError(message, code=code, errors={"image": [message]})


def image_clean(upload: IO[bytes], *, size: int, kind: ImageKind = PHOTO) -> CleanImage:
    """Check an uploaded image by its content and re-encode it without metadata (EXIF, GPS, text).

    The pixel count is checked from the header, before anything is decoded; JPEGs are decoded
    straight at a reduced scale (`draft`); the image is shrunk to `kind.max_side` before it is
    transposed or converted, so no full-size copy is ever made.
    """
    if size > MAX_BYTES:
        raise PayloadTooLarge(
            _("The image is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            errors={"image": [_("The image is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}]},
        )
    upload.seek(0)
    with image_work_slot():
        return run_at_low_priority(_clean, upload, kind)


def _clean(upload: IO[bytes], kind: ImageKind) -> CleanImage:
    """The decoding and re-encoding of image_clean (on a low-priority thread: mutiroes.core.cpu)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=list(FORMATS)) as image:
                image_format = image.format or ""
                content_type, extension, modes = FORMATS[image_format]
                width, height = image.size
                if width * height > kind.max_pixels:
                    raise _refuse(
                        _("The image has too many pixels (at most %(mp)d megapixels).")
                        % {"mp": kind.max_pixels // 1_000_000},
                        "too_many_pixels",
                    )
                if image_format == "JPEG":
                    image.draft(image.mode, (kind.max_side, kind.max_side))
                image.thumbnail((kind.max_side, kind.max_side))  # loads, already reduced
                clean = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(_("The image has too many pixels."), "too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, KeyError, EOFError) as exc:
        raise _refuse(_("Send a JPEG, PNG or WebP image."), "invalid_image") from exc
    clean.info = {}  # nothing of the original's metadata is written back
    if clean.mode not in modes:
        clean = clean.convert("RGBA" if "A" in clean.getbands() and "RGBA" in modes else "RGB")
    out = BytesIO()
    options = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 85}, "PNG": {"optimize": True}}
    clean.save(out, format=image_format, **options[image_format])
    return CleanImage(
        content=out.getvalue(),
        content_type=content_type,
        extension=extension,
        width=clean.width,
        height=clean.height,
    )


def image_name(clean: CleanImage) -> str:
    """A random storage name: the client's filename is never used."""
    return f"{uuid.uuid4().hex}.{clean.extension}"


def thumbnail_make(source: IO[bytes]) -> bytes:
    """A small JPEG of an image already cleaned on upload."""
    with image_work_slot():
        return run_at_low_priority(_thumbnail, source)


def _thumbnail(source: IO[bytes]) -> bytes:
    with Image.open(source, formats=list(FORMATS)) as image:
        if image.format == "JPEG":
            image.draft("RGB", THUMBNAIL_SIZE)
        image.thumbnail(THUMBNAIL_SIZE)
        thumb = image.convert("RGB")
    out = BytesIO()
    thumb.save(out, format="JPEG", quality=80, optimize=True)
    return out.getvalue()
