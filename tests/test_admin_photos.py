"""Photo uploads: only real JPEG, PNG or WebP photos of a sane size are stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Photo


@pytest.fixture
def library(app, make):
    editor = make.editor("editor")
    client = app.test_client()
    sign_in(client, editor.email)
    return client


def image_bytes(fmt: str, size=(900, 600), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, fmt)
    return buffer.getvalue()


def upload(client, data: bytes, name: str, **fields):
    token = csrf_from(client.get("/admin/photos").text)
    form = {
        "csrf_token": token,
        "file": (io.BytesIO(data), name),
        "caption": "A caption",
        "credit": "Staff photographer",
        "alt_text": "A grey test card",
    } | fields
    return client.post("/admin/photos", data=form, content_type="multipart/form-data")


def stored(app) -> tuple[int, int]:
    """(photo rows, width renditions on disk); crops (c*.jpg) are test_focal_points'."""
    with app.app_context():
        rows = db.session.scalar(db.select(db.func.count()).select_from(Photo))
    files = [f for f in Path(app.config["MEDIA_ROOT"]).rglob("*.jpg") if f.name[0].isdigit()]
    return rows, len(files)


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "a.jpg"), ("PNG", "b.png"), ("WEBP", "c.webp")])
def test_jpeg_png_and_webp_photos_are_accepted_and_re_encoded(app, library, fmt, name):
    response = upload(library, image_bytes(fmt), name)
    assert response.status_code == 303
    assert stored(app) == (1, 3)  # 480, 720 and the 900-pixel original


def decompression_bomb() -> bytes:
    # 30,000 x 30,000 one-bit pixels: a few kilobytes on disk, 900 megapixels decoded.
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, "PNG")
    return buffer.getvalue()


REFUSED = {
    "svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "x.svg",
        "Please upload a JPEG, PNG or WebP",
    ),
    "svg named jpg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        "x.jpg",
        "not an image we can read",
    ),
    "html named png": (
        b"<!doctype html><script>alert(1)</script>",
        "x.png",
        "not an image we can read",
    ),
    "text named webp": (b"just some text", "x.webp", "not an image we can read"),
    "png named jpg": (image_bytes("PNG"), "x.jpg", "do not match its name"),
    "gif polyglot": (
        b"GIF89a/*" + b"\x00" * 20 + b"*/=alert(1)//",
        "x.gif",
        "Please upload a JPEG",
    ),
    # Pillow is not even asked to read a GIF: only JPEG, PNG and WebP decoders are used.
    "gif named jpg": (image_bytes("GIF", mode="P"), "x.jpg", "not an image we can read"),
    "no extension": (image_bytes("JPEG"), "photo", "Please upload a JPEG"),
    "bomb": (decompression_bomb(), "bomb.png", "too many pixels"),
}


@pytest.mark.parametrize(("data", "name", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_disguised_or_dangerous_uploads_are_refused_and_nothing_is_written(
    app, library, data, name, message
):
    response = upload(library, data, name)
    assert response.status_code == 422 and message in response.text
    assert stored(app) == (0, 0)


def test_an_oversized_file_is_refused(app, library):
    app.config["PHOTO_MAX_BYTES"] = 10_000
    response = upload(
        library, image_bytes("PNG", size=(1500, 1500), mode="RGB") + b"\0" * 10_000, "big.png"
    )
    assert response.status_code == 422 and "larger than" in response.text
    assert stored(app) == (0, 0)


def test_the_library_searches_and_a_photo_in_use_cannot_be_deleted(app, library, make):
    used = make.photo(caption="Harbour cranes at dusk")
    make.article(lead_photo=used)
    spare = make.photo(caption="An empty street")

    found = library.get("/admin/photos?q=cranes").text
    assert "Harbour cranes at dusk" in found and "An empty street" not in found

    token = csrf_from(found)
    refused = library.post(
        f"/admin/photos/{used.id}/delete", data={"csrf_token": token}, follow_redirects=True
    )
    assert "leads 1 article" in refused.text
    library.post(f"/admin/photos/{spare.id}/delete", data={"csrf_token": token})
    with app.app_context():
        assert (
            db.session.get(Photo, used.id) is not None and db.session.get(Photo, spare.id) is None
        )
    assert not (Path(app.config["MEDIA_ROOT"]) / "photos" / spare.key).exists()


@pytest.mark.parametrize("missing", ["caption", "credit", "alt_text"])
def test_a_photo_needs_its_caption_credit_and_alt_text(app, library, missing):
    response = upload(library, image_bytes("JPEG"), "a.jpg", **{missing: ""})
    assert response.status_code == 422
    assert stored(app) == (0, 0)
    # What was typed in the other two fields is kept.
    kept = {"caption": "A caption", "credit": "Staff photographer", "alt_text": "A grey test card"}
    for field, value in kept.items():
        if field != missing:
            assert f'value="{value}"' in response.text
