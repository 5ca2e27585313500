"""Image checks by content, never by name: type, size, pixel count; metadata stripped by re-encoding.

Used for every upload: mutirão covers, avatars and photos.
"""

import uuid
import warnings
from dataclasses import dataclass
from io import BytesIO
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from mutiroes.core.exceptions import ApplicationError

MAX_BYTES = 10 * 1024 * 1024
# Decompression bombs: a small file that unpacks into billions of pixels.
MAX_PIXELS = 40_000_000
THUMBNAIL_SIZE = (480, 480)
# Pillow format -> (content type, extension, modes it stores as is)
FORMATS = {
    "JPEG": ("image/jpeg", "jpg", {"L", "RGB"}),
    "PNG": ("image/png", "png", {"1", "L", "LA", "P", "RGB", "RGBA"}),
    "WEBP": ("image/webp", "webp", {"RGB", "RGBA"}),
}


class PayloadTooLarge(ApplicationError):
    status_code = 413
    default_code = "too_large"


@dataclass(frozen=True, kw_only=True)
class CleanImage:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


def _refuse(message: str, code: str) -> ApplicationError:
    return ApplicationError(message, code=code, errors={"image": [message]})


def image_clean(upload: IO[bytes], *, size: int) -> CleanImage:
    """Check an uploaded image by its content and re-encode it without metadata (EXIF, GPS, text)."""
    if size > MAX_BYTES:
        raise PayloadTooLarge(
            _("The image is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            errors={"image": [_("The image is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}]},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=list(FORMATS)) as image:
                content_type, extension, modes = FORMATS[image.format or ""]
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _refuse(
                        _("The image has too many pixels (at most %(mp)d megapixels).")
                        % {"mp": MAX_PIXELS // 1_000_000},
                        "too_many_pixels",
                    )
                image.load()
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
    clean.save(out, format=image.format, **options[image.format])
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
    with Image.open(source, formats=list(FORMATS)) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        thumb = image.convert("RGB")
    out = BytesIO()
    thumb.save(out, format="JPEG", quality=80, optimize=True)
    return out.getvalue()
