"""Photos: Pillow renders a few widths once, when a photo is added."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from newsite.photos import PhotoError, add_photo


def files_of(app, photo, extension: str = "jpg") -> dict[int, Image.Image]:
    """The rendered files of `photo` in one format, by width, loaded into memory."""
    folder = Path(app.config["MEDIA_ROOT"]) / "photos" / photo.key
    renditions = {}
    for path in folder.glob(f"*.{extension}"):
        with Image.open(path) as image:
            image.load()
            renditions[int(path.stem)] = image
    return renditions


def test_adding_a_photo_renders_each_configured_width(app, make):
    photo = make.photo(size=(2400, 1500))
    renditions = files_of(app, photo)

    assert photo.widths == [480, 720, 960, 1280, 1600]
    assert {w: img.size for w, img in renditions.items()} == {
        480: (480, 300),
        720: (720, 450),
        960: (960, 600),
        1280: (1280, 800),
        1600: (1600, 1000),
    }
    assert all(img.format == "JPEG" for img in renditions.values())


def test_a_small_photo_is_never_upscaled(app, make):
    photo = make.photo(size=(700, 400))
    assert photo.widths == [480, 700]  # not 720
    assert max(files_of(app, photo)) == 700


def test_renditions_are_served_with_a_long_cache_life(client, make):
    photo = make.photo()
    with client.get(f"/media/photos/{photo.key}/480.jpg") as response:
        assert response.status_code == 200 and response.mimetype == "image/jpeg"
        assert "max-age=31536000" in response.headers["Cache-Control"]


def test_camera_location_is_not_published(app, make):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # any tag: none may survive
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "navy").save(buffer, "JPEG", exif=exif)

    with app.app_context():
        photo = add_photo(buffer.getvalue())
    for extension in ("jpg", "webp", "avif"):
        renditions = files_of(app, photo, extension)
        assert renditions
        for image in renditions.values():
            assert not image.getexif()
            assert "exif" not in image.info


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_error(app):
    with app.app_context(), pytest.raises(PhotoError, match="not an image"):
        add_photo(b"<html>not a photo</html>")
