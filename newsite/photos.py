"""Photo library: Pillow renders each photo's widths once, when it is added."""

from __future__ import annotations

import io
import json
import shutil
import uuid
import warnings
from pathlib import Path

from flask import current_app
from PIL import Image, ImageOps

from newsite.extensions import db
from newsite.models import Photo

# Refuse decompression bombs well before Pillow's own warning threshold, and shapes
# no news photo has (a 610 x 65,536 strip decodes to 120 MB and cannot be a JPEG).
MAX_PIXELS = 40_000_000
MAX_SIDE = 12_000
MIN_SIDE = 16
MAX_ASPECT = 8  # a panorama of 8:1 at most


# What an upload may be: the file name's ending and the format Pillow finds inside.
UPLOAD_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


class PhotoError(ValueError):
    """The upload is not an image Pillow can read, or is too large."""


def check_upload(filename: str, data: bytes) -> None:
    """Refuse what is not a JPEG, PNG or WebP photo of an acceptable size, before storing."""
    limit = current_app.config["PHOTO_MAX_BYTES"]
    if len(data) > limit:
        raise PhotoError(f"The file is larger than {limit // (1024 * 1024)} MB.")
    ending = Path(filename or "").suffix.lower()
    if ending not in UPLOAD_FORMATS:
        raise PhotoError("Please upload a JPEG, PNG or WebP photo (.jpg, .jpeg, .png, .webp).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=OPENED_FORMATS) as probe:
                found = probe.format
                _check_shape(probe.size)
    except Image.DecompressionBombError as exc:
        raise PhotoError("The image has too many pixels; the limit is 40 megapixels.") from exc
    except (OSError, SyntaxError) as exc:
        raise PhotoError("The file is not an image we can read.") from exc
    if found != UPLOAD_FORMATS[ending]:
        raise PhotoError(f"The file's contents ({found or 'unknown'}) do not match its name.")


# The only formats Pillow is asked to open: its other decoders are never reached.
OPENED_FORMATS = sorted(set(UPLOAD_FORMATS.values()))


def _check_shape(size: tuple[int, int]) -> None:
    """Refuse, from the header alone (before decoding), sizes no news photo has."""
    width, height = size
    if width * height > MAX_PIXELS:
        raise PhotoError("The image has too many pixels; the limit is 40 megapixels.")
    if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
        raise PhotoError(
            f"The image is {width} x {height} pixels: each side must be between "
            f"{MIN_SIDE} and {MAX_SIDE:,}."
        )
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise PhotoError(
            f"The image is {width} x {height} pixels: no side may be more than "
            f"{MAX_ASPECT} times the other."
        )


def add_photo(
    data: bytes | Image.Image, *, caption: str = "", credit: str = "", alt_text: str = ""
) -> Photo:
    """Store an image as JPEG renditions and add its `Photo` to the session."""
    image = _open(data)
    widths = _widths_for(image.width)
    key = uuid.uuid4().hex
    folder = Path(current_app.config["MEDIA_ROOT"]) / "photos" / key
    try:
        folder.mkdir(parents=True, exist_ok=False)
        for width in widths:
            height = round(image.height * width / image.width)
            rendition = (
                image
                if width == image.width
                else image.resize((width, height), Image.Resampling.LANCZOS)
            )
            encoded = io.BytesIO()
            rendition.save(
                encoded,
                "JPEG",
                quality=current_app.config["PHOTO_JPEG_QUALITY"],
                optimize=True,
                progressive=True,
            )
            # Encoded in memory, written here: a write that fails (a full disk)
            # leaves no file open behind it.
            (folder / f"{width}.jpg").write_bytes(encoded.getvalue())
    except OSError as exc:
        # A full disk, say: nothing is left behind, and the editor is told.
        shutil.rmtree(folder, ignore_errors=True)
        raise PhotoError(
            "The photo could not be saved: the media disk is full or unavailable. "
            "Nothing was stored; please tell the site's administrator."
        ) from exc
    photo = Photo(
        key=key,
        width=image.width,
        height=image.height,
        widths_json=json.dumps(widths),
        caption=caption,
        credit=credit,
        alt_text=alt_text,
    )
    db.session.add(photo)
    return photo


def _open(data: bytes | Image.Image) -> Image.Image:
    if isinstance(data, Image.Image):
        image = data
    else:
        try:
            with warnings.catch_warnings():
                # Pillow only warns about large bombs; here they are refused.
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(data), formats=OPENED_FORMATS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise PhotoError("The image has too many pixels; the limit is 40 megapixels.") from exc
        except (OSError, SyntaxError) as exc:
            raise PhotoError("The file is not an image we can read.") from exc
        # Checked before decoding: a small file can claim billions of pixels.
        _check_shape(image.size)
        try:
            image.load()
        except (OSError, Image.DecompressionBombError, SyntaxError) as exc:
            raise PhotoError("The file is not an image we can read.") from exc
    # Apply the camera's rotation, then drop EXIF (it can carry the photographer's location).
    image = ImageOps.exif_transpose(image)
    return image.convert("RGB")


def _widths_for(original: int) -> list[int]:
    """The configured widths that fit the original, plus the original when smaller."""
    widths = [w for w in current_app.config["PHOTO_WIDTHS"] if w <= original]
    if not widths or original < max(current_app.config["PHOTO_WIDTHS"]):
        widths.append(original)
    return sorted(set(widths))
