"""Photo library: Pillow renders each photo's widths once, when it is added.

Every width is written as AVIF and WebP (what browsers choose from `<picture>`,
a third to a fifth of the JPEG's bytes) and as JPEG (the `<img>` every browser
understands). Uploads are converted to sRGB from their embedded colour profile, so
a Display P3 or Adobe RGB photo keeps its colours on every screen, and transparent
images are flattened on white.
"""

from __future__ import annotations

import functools
import io
import json
import shutil
import uuid
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from flask import current_app, url_for
from PIL import Image, ImageCms, ImageOps, features

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


RESAMPLING = Image.Resampling.LANCZOS


@dataclass(frozen=True)
class Format:
    """A format renditions are written in: its file name ending, media type, and how
    Pillow encodes it."""

    extension: str
    media_type: str
    pillow_name: str
    options: dict[str, Any] = field(default_factory=dict)


# Best first: the order of the `<source>`s, JPEG last (the `<img>`). Qualities chosen so
# that the demo's photos keep at least WebP 75's fidelity (PSNR about 37.5 dB at 1280 px,
# against JPEG 82's 39): AVIF 45 is a fifth of the JPEG's bytes. Speeds chosen for the
# upload (fifteen files): AVIF at 8 and WebP at method 2 make files within about 5% of
# their slowest settings' in a third to a half of the time.
ALL_FORMATS = (
    Format("avif", "image/avif", "AVIF", {"quality": 45, "speed": 8}),
    Format("webp", "image/webp", "WEBP", {"quality": 75, "method": 2}),
    Format("jpg", "image/jpeg", "JPEG", {"optimize": True, "progressive": True}),
)
MEDIA_TYPES = {f".{f.extension}": f.media_type for f in ALL_FORMATS}


@functools.cache
def formats() -> tuple[Format, ...]:
    """The formats this Pillow can write (AVIF needs Pillow 11.3 or a plugin)."""
    return tuple(
        f for f in ALL_FORMATS if f.pillow_name == "JPEG" or features.check(f.extension[:4])
    )


def media_type(filename: str) -> str:
    """The media type of a rendition, from its name."""
    return MEDIA_TYPES.get(Path(filename).suffix.lower(), "application/octet-stream")


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
    data: bytes | Image.Image,
    *,
    caption: str = "",
    credit: str = "",
    alt_text: str = "",
    crop: bool = False,
) -> Photo:
    """Store an image as renditions (JPEG, WebP, AVIF) and add its `Photo` to the session;
    with `crop`, its 3:2 and 16:9 crops too (`newsite.crops`)."""
    image = _open(data)
    widths = _widths_for(image.width)
    key = uuid.uuid4().hex
    folder = Path(current_app.config["MEDIA_ROOT"]) / "photos" / key
    try:
        folder.mkdir(parents=True, exist_ok=False)
        _render(image, folder, widths)
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
    if crop:
        from newsite.crops import write_crops  # it builds on this module

        try:
            write_crops(photo, image)
        except PhotoError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    db.session.add(photo)
    return photo


def _render(image: Image.Image, folder: Path, widths: list[int]) -> int:
    """Write every rendition of `image` at `widths` that `folder` does not hold yet, each
    format from the same resized picture; return how many files were written.

    Files are never rewritten: they are served with a year's cache life under their name.
    """
    written = 0
    for width in widths:
        missing = [f for f in formats() if not (folder / f"{width}.{f.extension}").exists()]
        if not missing:
            continue
        height = round(image.height * width / image.width)
        rendition = image if width == image.width else image.resize((width, height), RESAMPLING)
        for fmt in missing:
            encoded = io.BytesIO()
            options = fmt.options
            if fmt.pillow_name == "JPEG":
                options = options | {"quality": current_app.config["PHOTO_JPEG_QUALITY"]}
            rendition.save(encoded, fmt.pillow_name, **options)
            # Encoded in memory, written under a temporary name, then renamed: a write
            # that fails (a full disk) leaves no file open behind it, and a reader never
            # gets half a file.
            final = folder / f"{width}.{fmt.extension}"
            partial = final.with_name(f".{final.name}.partial")
            partial.write_bytes(encoded.getvalue())
            partial.replace(final)
            written += 1
    return written


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
    profile = image.info.get("icc_profile")
    # Apply the camera's rotation; what is returned carries no EXIF (it can hold the
    # photographer's location) nor any other metadata: `info` is emptied below.
    image = _to_srgb(_flatten(ImageOps.exif_transpose(image)), profile)
    image.info = {}
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """A transparent image on white (a dark page would show a black background)."""
    if image.mode in ("P", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "RGBa", "LA", "La"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    """`image`'s colours in sRGB, what browsers assume of an image without a profile.

    Relative colorimetric with black point compensation, as browsers and editors
    convert for the web: colours sRGB can show are kept exactly, the few a wide-gamut
    photo has beyond it are brought to its edge. A profile that cannot be read or
    does not fit the image (a grey profile on colour pixels) is ignored: the pixels
    are then taken as sRGB, as a browser would.
    """
    if profile:
        try:
            return ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                _srgb(),
                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                outputMode="RGB",
                flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
            current_app.logger.warning("Colour profile ignored: %s", exc)
    return image.convert("RGB")


def _widths_for(original: int) -> list[int]:
    """The configured widths that fit the original, plus the original when smaller."""
    widths = [w for w in current_app.config["PHOTO_WIDTHS"] if w <= original]
    if not widths or original < max(current_app.config["PHOTO_WIDTHS"]):
        widths.append(original)
    return sorted(set(widths))


class Source(NamedTuple):
    """One `<source>` of a `<picture>`: a format and its renditions."""

    media_type: str
    srcset: str


def sources(photo: Photo, largest: int | None = None) -> list[Source]:
    """The formats better than JPEG that `photo` has on disk, best first, in the
    widths up to `largest` px.

    Photos added before a format was offered have only JPEGs until `flask photos
    rerender` writes the rest: a `<source>` naming files that are not there would
    leave the reader with a broken image. Pages are rendered once per version, so
    this looks at the disk once per page version, not per reader.
    """
    folder = Path(current_app.config["MEDIA_ROOT"]) / "photos" / photo.key
    url = url_for("public.media", filename=f"photos/{photo.key}/")
    widths = photo.widths_up_to(largest)
    return [
        Source(f.media_type, ", ".join(f"{url}{w}.{f.extension} {w}w" for w in widths))
        for f in formats()
        if f.pillow_name != "JPEG" and (folder / f"{photo.widths[-1]}.{f.extension}").exists()
    ]


def each_photo(ids: Iterable[int]) -> Iterator[Photo]:
    """The photos with these ids, one at a time, skipping any deleted meanwhile: for
    commands that work through the library committing photo by photo."""
    for photo_id in ids:
        if (photo := db.session.get(Photo, photo_id)) is not None:
            yield photo


def rerender(photo: Photo) -> int:
    """Write the renditions `photo` lacks (widths and formats added since it was
    uploaded) and return how many files were written.

    The original upload is not kept, so the largest JPEG stored is the source: new
    widths are never larger than it, and existing files are left as they are (they
    are cached for a year under their names).
    """
    folder = Path(current_app.config["MEDIA_ROOT"]) / "photos" / photo.key
    stored = [w for w in photo.widths if (folder / f"{w}.jpg").is_file()]
    if not stored:
        raise PhotoError(f"Photo {photo.id} ({photo.key}) has no JPEG to render from.")
    with Image.open(folder / f"{max(stored)}.jpg", formats=["JPEG"]) as source:
        image = source.convert("RGB")
    image.info = {}
    widths = sorted(set(stored) | {w for w in _widths_for(photo.width) if w <= image.width})
    try:
        written = _render(image, folder, widths)
    except OSError as exc:
        raise PhotoError(f"Photo {photo.id} ({photo.key}) could not be written: {exc}") from exc
    if widths != photo.widths:
        photo.widths_json = json.dumps(widths)
    return written
