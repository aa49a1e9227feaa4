"""Photo library: Pillow renders each photo's widths once, when it is added."""

from __future__ import annotations

import io
import json
import shutil
import uuid
from pathlib import Path

from flask import current_app
from PIL import Image, ImageOps

from newsite.extensions import db
from newsite.models import Photo

# Refuse decompression bombs well before Pillow's own warning threshold.
MAX_PIXELS = 40_000_000


class PhotoError(ValueError):
    """The upload is not an image Pillow can read, or is too large."""


def add_photo(
    data: bytes | Image.Image, *, caption: str = "", credit: str = "", alt_text: str = ""
) -> Photo:
    """Store an image as JPEG renditions and add its `Photo` to the session."""
    image = _open(data)
    widths = _widths_for(image.width)
    key = uuid.uuid4().hex
    folder = Path(current_app.config["MEDIA_ROOT"]) / "photos" / key
    folder.mkdir(parents=True, exist_ok=False)
    try:
        for width in widths:
            height = round(image.height * width / image.width)
            rendition = (
                image
                if width == image.width
                else image.resize((width, height), Image.Resampling.LANCZOS)
            )
            rendition.save(
                folder / f"{width}.jpg",
                "JPEG",
                quality=current_app.config["PHOTO_JPEG_QUALITY"],
                optimize=True,
                progressive=True,
            )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
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
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError("The image is too large; the limit is 40 megapixels.")
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
