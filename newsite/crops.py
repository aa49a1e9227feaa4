"""Photos that crop right: each photo's 3:2 (teasers, galleries) and 16:9 (the
article's lead) crops, cut around its focal point.

The crop box is the largest of its shape that fits the photo, centred on the focal
point, then moved inside the photo where it would overhang. Crops are written once
per focal point, when a photo is uploaded or its focal point changes (never while a
reader waits), at the photo's widths that fit the box, in every format the photo
has. Their files are named after `Photo.crops_version`
(`c<version>-<shape>-<width>.<ext>`): a new focal point makes new names, so no
cache serves an old crop, and the old files are removed.

A photo whose crops were never made (`crops_version` 0: added before crops
existed) shows its whole renditions, framed by the CSS, until
`flask --app app photos crops` makes them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app, url_for
from flask.cli import with_appcontext
from PIL import Image

from newsite.extensions import db
from newsite.models import Photo
from newsite.photos import RESAMPLING, PhotoError, Source, each_photo, formats

# The shapes templates ask for, by name: the ratio of width to height.
SHAPES = {"3:2": Fraction(3, 2), "16:9": Fraction(16, 9)}


def crop_box(
    size: tuple[int, int], focal: tuple[float, float], ratio: Fraction
) -> tuple[int, int, int, int]:
    """The largest box of `ratio` inside an image of `size`, centred on `focal` (in
    percent of the width and height) as far as the image's edges allow."""
    width, height = size
    if width * ratio.denominator >= height * ratio.numerator:  # wider than the shape
        box_w, box_h = min(width, round(height * ratio)), height
    else:
        box_w, box_h = width, min(height, round(width / ratio))
    left = _clamp(round(width * focal[0] / 100 - box_w / 2), width - box_w)
    top = _clamp(round(height * focal[1] / 100 - box_h / 2), height - box_h)
    return left, top, left + box_w, top + box_h


def _clamp(value: int, largest: int) -> int:
    return max(0, min(value, largest))


def _base_size(photo: Photo) -> tuple[int, int]:
    """The size of the largest rendition, what crops are cut from."""
    width = photo.widths[-1]
    return width, round(photo.height * width / photo.width)


def crop_widths(photo: Photo, shape: str) -> list[int]:
    """The widths `photo`'s crop of `shape` is written at: its widths that fit the box."""
    left, _, right, _ = crop_box(_base_size(photo), (50, 50), SHAPES[shape])
    box_w = right - left
    return [w for w in photo.widths if w <= box_w] or [box_w]


def _name(photo: Photo, shape: str, width: int, extension: str) -> str:
    return f"c{photo.crops_version}-{shape.replace(':', 'x')}-{width}.{extension}"


def _folder(photo: Photo) -> Path:
    return Path(current_app.config["MEDIA_ROOT"]) / "photos" / photo.key


def write_crops(photo: Photo, image: Image.Image | None = None) -> int:
    """Give `photo` a new `crops_version` and write its crops at its focal point, from
    `image` (the upload) or else its largest JPEG; return how many files were written.
    Call before committing, and `remove_old_crops` after: on failure the new files are
    removed and `PhotoError` raised, and the old crops stay in place."""
    folder = _folder(photo)
    if image is None:
        source = folder / f"{photo.widths[-1]}.jpg"
        try:
            with Image.open(source, formats=["JPEG"]) as opened:
                image = opened.convert("RGB")
        except OSError as exc:
            raise PhotoError(f"Photo {photo.id} ({photo.key}) has no JPEG to crop.") from exc
    base = _base_size(photo)
    if image.size != base:
        image = image.resize(base, RESAMPLING)
    old = photo.crops_version or 0  # None: a photo not yet flushed
    photo.crops_version = old + 1
    focal = tuple(50 if v is None else v for v in (photo.focal_x, photo.focal_y))
    written: list[Path] = []
    try:
        for shape, ratio in SHAPES.items():
            cropped = image.crop(crop_box(base, focal, ratio))
            for width in crop_widths(photo, shape):
                size = (width, round(width / ratio))
                rendition = cropped.resize(size, RESAMPLING)
                for fmt in formats():
                    options = fmt.options
                    if fmt.pillow_name == "JPEG":
                        options = options | {"quality": current_app.config["PHOTO_JPEG_QUALITY"]}
                    encoded = io.BytesIO()
                    rendition.save(encoded, fmt.pillow_name, **options)
                    final = folder / _name(photo, shape, width, fmt.extension)
                    partial = final.with_name(f".{final.name}.partial")
                    partial.write_bytes(encoded.getvalue())
                    partial.replace(final)
                    written.append(final)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        photo.crops_version = old
        raise PhotoError(
            "The photo's crops could not be saved: the media disk is full or unavailable."
        ) from exc
    return len(written)


def remove_old_crops(photo: Photo) -> None:
    """Delete crop files of any version but the photo's current one."""
    keep = f"c{photo.crops_version}-"
    for path in _folder(photo).glob("c*-*"):
        if not path.name.startswith(keep):
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Picture:
    """What a `<picture>` of a photo in one shape needs: its `<source>`s, the JPEG
    `srcset`, a fallback `src` and the rendition's intrinsic size."""

    sources: list[Source]
    srcset: str
    src: str
    width: int
    height: int


def picture(photo: Photo, shape: str | None, largest: int | None, fallback: int) -> Picture:
    """`photo` cropped to `shape` ("3:2", "16:9"), or whole when `shape` is None or
    its crops were never made; renditions up to `largest` px, `fallback` the `src`'s."""
    from newsite.photos import sources

    if shape is None or not photo.crops_version:
        return Picture(
            sources(photo, largest), photo.srcset(largest), photo.url(fallback),
            photo.width, photo.height,
        )  # fmt: skip
    ratio = SHAPES[shape]
    widths = crop_widths(photo, shape)
    offered = [w for w in widths if largest is None or w <= largest] or widths[:1]
    url = url_for("public.media", filename=f"photos/{photo.key}/")
    folder = _folder(photo)

    def srcset(extension: str) -> str:
        return ", ".join(f"{url}{_name(photo, shape, w, extension)} {w}w" for w in offered)

    # Like `newsite.photos.sources`: only formats on disk (a format added since).
    better = [
        Source(f.media_type, srcset(f.extension))
        for f in formats()
        if f.pillow_name != "JPEG"
        and (folder / _name(photo, shape, widths[-1], f.extension)).exists()
    ]
    src_width = ([w for w in widths if w <= fallback] or widths[:1])[-1]
    return Picture(
        better,
        srcset("jpg"),
        f"{url}{_name(photo, shape, src_width, 'jpg')}",
        widths[-1],
        round(widths[-1] / ratio),
    )


@click.command("crops")
@with_appcontext
@click.option("--all", "every", is_flag=True, help="Cut every photo's crops again.")
def crops_command(every: bool) -> None:
    """Make the 3:2 and 16:9 crops of photos that have none (`--all`: of every photo).

    Safe on a live site and to run again: each photo is committed as it is done, and
    its older crops removed after.
    """
    query = sa.select(Photo.id).order_by(Photo.id)
    if not every:
        query = query.where(Photo.crops_version == 0)
    ids = db.session.scalars(query).all()
    done = 0
    failed: list[str] = []
    for photo in each_photo(ids):
        try:
            write_crops(photo)
        except PhotoError as error:
            db.session.rollback()
            failed.append(str(error))
            continue
        db.session.commit()
        remove_old_crops(photo)
        done += 1
    click.echo(f"Made the crops of {done} of {len(ids)} photos.")
    if failed:
        raise click.ClickException("\n".join(["Some photos could not be cropped:", *failed]))
