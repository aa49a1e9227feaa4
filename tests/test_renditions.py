"""Renditions fit for phones: AVIF and WebP beside JPEG in a <picture>, colours kept
from the upload's profile, transparency on white, and `flask photos rerender`
(issue 14, item 6)."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms, features

from newsite.extensions import db
from newsite.models import Photo
from newsite.photos import add_photo

# --- Colour profiles, built here: an ICC v2 display profile from its primaries -------

D50 = (0.9642, 1.0, 0.8249)
# Colorants adapted to D50 (Bradford), as in the published profiles, by column: R, G, B.
DISPLAY_P3 = ((0.5151, 0.2412, -0.0011), (0.2920, 0.6922, 0.0419), (0.1571, 0.0666, 0.7841))
ADOBE_RGB = ((0.6097, 0.3111, 0.0195), (0.2053, 0.6257, 0.0609), (0.1492, 0.0632, 0.7446))
SRGB = ((0.4360, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141))
GAMMA = 563 / 256  # 2.2 as the profile stores it (u8Fixed8)


def icc_profile(name: str, colorants: tuple[tuple[float, float, float], ...]) -> bytes:
    """A minimal matrix/TRC ICC v2 monitor profile: what a camera or phone embeds."""

    def xyz(values: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in values)

    text = name.encode() + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(GAMMA * 256)) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"cprt", b"text\0\0\0\0" + b"none\0"),
        (b"wtpt", xyz(D50)),
        (b"rXYZ", xyz(colorants[0])),
        (b"gXYZ", xyz(colorants[1])),
        (b"bXYZ", xyz(colorants[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I4sI4s4s4s", size, b"lcms", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
        + bytes(12)
        + b"acsp"
        + bytes(24)
        + struct.pack(">I", 0)
        + b"".join(struct.pack(">i", round(v * 65536)) for v in D50)
        + bytes(48)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def solve(m: tuple[tuple[float, ...], ...], v: tuple[float, float, float]) -> list[float]:
    """x with M x = v, for M given by columns (Cramer's rule)."""
    a = [[m[c][r] for c in range(3)] for r in range(3)]

    def det(x: list[list[float]]) -> float:
        return (
            x[0][0] * (x[1][1] * x[2][2] - x[1][2] * x[2][1])
            - x[0][1] * (x[1][0] * x[2][2] - x[1][2] * x[2][0])
            + x[0][2] * (x[1][0] * x[2][1] - x[1][1] * x[2][0])
        )

    d = det(a)
    return [
        det([[v[r] if c == k else a[r][c] for c in range(3)] for r in range(3)]) / d
        for k in range(3)
    ]


def expected_srgb(colour: tuple[int, int, int], colorants) -> tuple[int, int, int]:
    """`colour` in the profile's space, worked out by hand in sRGB (8 bits)."""
    linear = [(c / 255) ** GAMMA for c in colour]
    xyz = tuple(sum(colorants[c][r] * linear[c] for c in range(3)) for r in range(3))
    out = solve(SRGB, xyz)
    assert all(0 <= v <= 1 for v in out), "choose a colour sRGB can show"

    def encode(v: float) -> int:
        v = 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
        return round(v * 255)

    return tuple(encode(v) for v in out)


def tagged_jpeg(colour: tuple[int, int, int], profile: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), colour).save(buffer, "JPEG", quality=95, icc_profile=profile)
    return buffer.getvalue()


def rendition(app, photo, name: str) -> Image.Image:
    with Image.open(Path(app.config["MEDIA_ROOT"]) / "photos" / photo.key / name) as image:
        image.load()
        return image


# --- Formats and the <picture> ------------------------------------------------------

WRITABLE = ["jpg", "webp"] + (["avif"] if features.check("avif") else [])


def test_every_width_is_written_in_every_format(app, make):
    photo = make.photo(size=(2000, 1250))
    folder = Path(app.config["MEDIA_ROOT"]) / "photos" / photo.key
    names = {p.name for p in folder.iterdir()}
    assert names == {f"{w}.{ext}" for w in [480, 720, 960, 1280, 1600] for ext in WRITABLE}
    assert rendition(app, photo, "720.webp").format == "WEBP"
    if "avif" in WRITABLE:
        assert rendition(app, photo, "1280.avif").size == (1280, 800)


def test_avif_and_webp_are_much_smaller_than_the_jpeg(app):
    # A picture with detail (flat test colours compress to almost nothing in any format).
    from newsite.demo.images import render

    with app.app_context():
        photo = add_photo(render("checkpoint", "noon", seed="sizes"))
    folder = Path(app.config["MEDIA_ROOT"]) / "photos" / photo.key
    jpeg = (folder / "960.jpg").stat().st_size
    for ext in WRITABLE[1:]:
        assert (folder / f"960.{ext}").stat().st_size < jpeg / 2, ext


@pytest.mark.parametrize("ext", WRITABLE)
def test_renditions_are_served_with_their_own_media_type(client, make, ext):
    photo = make.photo()
    with client.get(f"/media/photos/{photo.key}/480.{ext}") as response:
        assert response.status_code == 200
        assert response.mimetype == {"jpg": "image/jpeg"}.get(ext, f"image/{ext}")
        assert Image.open(io.BytesIO(response.data)).format == {"jpg": "JPEG"}.get(ext, ext.upper())


def pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def test_the_article_photo_is_a_picture_offering_avif_and_webp_before_the_jpeg(client, make):
    article = make.article(lead_photo=make.photo())
    html = client.get(_url(client, article)).text
    [picture] = pictures(html)
    types = re.findall(r'<source type="([^"]+)"', picture)
    assert types == [f"image/{ext}" for ext in reversed(WRITABLE[1:])]  # AVIF first
    for media_type in types:
        ext = media_type.split("/")[1]
        srcset = re.search(rf'type="{media_type}" srcset="([^"]+)"', picture).group(1)
        assert [c.split()[1] for c in srcset.split(", ")] == [
            "480w",
            "720w",
            "960w",
            "1280w",
            "1600w",
        ]
        assert all(c.split()[0].endswith(f".{ext}") for c in srcset.split(", "))
    # The <img> is the JPEG fallback, and every candidate list has the same `sizes`.
    assert re.search(r'<img src="[^"]+\.jpg"', picture)
    assert len(set(re.findall(r'sizes="([^"]+)"', picture))) == 1
    assert 'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"' in picture


def _url(client, article) -> str:
    with client.application.test_request_context():
        return article.url()


# --- Colours ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "colorants"),
    [("Display P3", DISPLAY_P3), ("Adobe RGB (1998)", ADOBE_RGB)],
)
def test_a_wide_gamut_photo_keeps_its_colours_in_srgb(app, profile, colorants):
    icc = icc_profile(profile, colorants)
    assert ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).strip() == (
        profile
    )
    colour = (190, 120, 70)  # a warm skin tone: sRGB shows it, with other numbers
    want = expected_srgb(colour, colorants)
    # The test would catch a site that ignores profiles: the numbers differ plainly.
    assert max(abs(a - b) for a, b in zip(want, colour, strict=True)) > 10

    with app.app_context():
        photo = add_photo(tagged_jpeg(colour, icc))
    for name in ("480.jpg", f"720.{WRITABLE[-1]}"):
        got = rendition(app, photo, name).convert("RGB").getpixel((100, 100))
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 4, (name, got, want)
        # No profile is embedded: browsers take an untagged image as sRGB.
        assert not rendition(app, photo, name).info.get("icc_profile")


def test_an_srgb_photo_keeps_its_numbers(app):
    colour = (190, 120, 70)
    with app.app_context():
        photo = add_photo(tagged_jpeg(colour, icc_profile("sRGB-like", SRGB)))
    got = rendition(app, photo, "480.jpg").getpixel((100, 100))
    assert max(abs(a - b) for a, b in zip(got, colour, strict=True)) <= 3


def test_a_photo_with_a_broken_profile_is_still_accepted_as_srgb(app):
    colour = (190, 120, 70)
    with app.app_context():
        photo = add_photo(tagged_jpeg(colour, b"not a profile at all" * 10))
    got = rendition(app, photo, "480.jpg").getpixel((100, 100))
    assert max(abs(a - b) for a, b in zip(got, colour, strict=True)) <= 3


# --- Transparency -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_a_transparent_image_is_flattened_on_white(app, fmt):
    image = Image.new("RGBA", (800, 500), (0, 0, 0, 0))  # transparent black
    image.paste((200, 30, 30, 255), (0, 0, 400, 500))  # opaque red on the left
    image.paste((0, 0, 0, 128), (400, 0, 600, 500))  # half-transparent black
    buffer = io.BytesIO()
    image.save(buffer, fmt, lossless=True)

    with app.app_context():
        photo = add_photo(buffer.getvalue())
    for name in ("800.jpg", "800.webp"):
        flat = rendition(app, photo, name).convert("RGB")
        assert _near(flat.getpixel((100, 250)), (200, 30, 30)), name
        assert _near(flat.getpixel((500, 250)), (127, 127, 127)), name  # grey, not black
        assert _near(flat.getpixel((700, 250)), (255, 255, 255)), name  # white, not black


def test_a_palette_image_with_a_transparent_colour_is_flattened_on_white(app):
    image = Image.new("P", (400, 300), 0)
    image.putpalette([0, 0, 0, 40, 90, 160] + [0] * 762)
    image.paste(1, (0, 0, 200, 300))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)

    with app.app_context():
        photo = add_photo(buffer.getvalue())
    flat = rendition(app, photo, "400.jpg")
    assert _near(flat.getpixel((100, 150)), (40, 90, 160))
    assert _near(flat.getpixel((300, 150)), (255, 255, 255))


def _near(got: tuple[int, ...], want: tuple[int, ...], tolerance: int = 4) -> bool:
    return max(abs(a - b) for a, b in zip(got, want, strict=True)) <= tolerance


# --- Existing photos: `flask photos rerender` ---------------------------------------


def as_before_issue_14(app, photo) -> None:
    """Leave `photo` as uploads were before: JPEGs at 480, 960 and 1600 px only."""
    folder = Path(app.config["MEDIA_ROOT"]) / "photos" / photo.key
    for path in folder.iterdir():
        width = int(path.stem)
        if path.suffix != ".jpg" or width not in (480, 960, 1600):
            path.unlink()
    with app.app_context():
        db.session.get(Photo, photo.id).widths_json = "[480, 960, 1600]"
        db.session.commit()


def test_rerender_gives_existing_photos_the_new_widths_and_formats(app, client, make, runner):
    article = make.article(lead_photo=make.photo(size=(2400, 1500)))
    photo = article.lead_photo
    as_before_issue_14(app, photo)
    folder = Path(app.config["MEDIA_ROOT"]) / "photos" / photo.key
    kept = {p.name: p.read_bytes() for p in folder.iterdir()}
    url = _url(client, article)
    # Until it is re-rendered, the page offers only what is on disk: no broken <source>.
    [before] = pictures(client.get(url).text)
    assert "<source" not in before and "720w" not in before

    result = runner.invoke(args=["photos", "rerender"])
    assert result.exit_code == 0, result.output
    written = 2 + 5 * (len(WRITABLE) - 1)  # JPEGs at 720 and 1280, every width in the others
    assert f"Wrote {written} files for 1 of 1 photos." in result.output

    assert {p.name for p in folder.iterdir()} == {
        f"{w}.{ext}" for w in [480, 720, 960, 1280, 1600] for ext in WRITABLE
    }
    # Files already served (cached for a year under their names) are not rewritten.
    assert all((folder / name).read_bytes() == data for name, data in kept.items())
    with app.app_context():
        assert db.session.get(Photo, photo.id).widths == [480, 720, 960, 1280, 1600]
    [after] = pictures(client.get(url).text)  # a new version: the cached page is not served
    assert after.count("<source") == len(WRITABLE) - 1 and "720w" in after

    again = runner.invoke(args=["photos", "rerender"])
    assert again.exit_code == 0 and "Wrote 0 files for 0 of 1 photos." in again.output


def test_rerender_reports_a_photo_whose_files_are_gone_and_goes_on(app, make, runner):
    lost, fine = make.photo(), make.photo()
    for path in (Path(app.config["MEDIA_ROOT"]) / "photos" / lost.key).iterdir():
        path.unlink()
    as_before_issue_14(app, fine)

    result = runner.invoke(args=["photos", "rerender"])
    assert result.exit_code == 1
    assert f"Photo {lost.id} ({lost.key}) has no JPEG to render from." in result.output
    assert (Path(app.config["MEDIA_ROOT"]) / "photos" / fine.key / "720.jpg").is_file()
