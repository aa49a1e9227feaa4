"""Photos that crop right (issue 17, item 8): a focal point per photo, and 3:2 and 16:9
crops cut around it, made when it changes and never while a reader waits."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from support import csrf_from

from newsite.crops import SHAPES, crop_box
from newsite.extensions import db
from newsite.models import Article, Photo, utcnow
from newsite.photos import add_photo

RED = (220, 20, 20)


def marked(size: tuple[int, int], mark: tuple[float, float]) -> Image.Image:
    """A grey picture with a red square (4% of the width) at `mark`, in percent."""
    image = Image.new("RGB", size, (128, 128, 128))
    x, y = size[0] * mark[0] / 100, size[1] * mark[1] / 100
    half = size[0] * 0.02
    ImageDraw.Draw(image).rectangle((x - half, y - half, x + half, y + half), fill=RED)
    return image


def has_red(image: Image.Image) -> bool:
    data = image.convert("RGB").resize((image.width // 4, image.height // 4)).tobytes()
    return any(
        data[i] > 180 and data[i + 1] < 80 and data[i + 2] < 80 for i in range(0, len(data), 3)
    )


def folder(app, photo: Photo) -> Path:
    return Path(app.config["MEDIA_ROOT"]) / "photos" / photo.key


def crop_files(app, photo: Photo, shape: str) -> list[Path]:
    name = shape.replace(":", "x")
    return sorted(
        folder(app, photo).glob(f"c*-{name}-*.jpg"), key=lambda p: int(p.stem.split("-")[-1])
    )


@pytest.fixture
def editor(signed_in):
    return signed_in("editor")


def add(app, image: Image.Image) -> Photo:
    with app.app_context():
        photo = add_photo(image, caption="Mark", credit="Staff", alt_text="A red mark", crop=True)
        db.session.commit()
        db.session.refresh(photo)
        db.session.expunge(photo)
        return photo


def set_focal(client, photo: Photo, x: str, y: str, token: str | None = None):
    if token is None:
        token = csrf_from(client.get(f"/admin/photos/{photo.id}").text)
    return client.post(
        f"/admin/photos/{photo.id}/focal",
        data={"csrf_token": token, "focal_x": x, "focal_y": y},
    )


def reload(app, photo: Photo) -> Photo:
    with app.app_context():
        fresh = db.session.get(Photo, photo.id)
        db.session.expunge(fresh)
        return fresh


@pytest.mark.parametrize(
    ("size", "mark"),
    [((1600, 1000), (85, 15)), ((1000, 1600), (20, 90)), ((2400, 600), (95, 50))],
)
def test_both_crops_keep_the_mark_at_the_focal_point_in_their_shapes(app, editor, size, mark):
    photo = add(app, marked(size, mark))
    assert set_focal(editor, photo, str(mark[0]), str(mark[1])).status_code == 303
    photo = reload(app, photo)
    assert photo.crops_version == 2
    for shape, ratio in SHAPES.items():
        files = crop_files(app, photo, shape)
        assert files and all(f.name.startswith("c2-") for f in files)
        for path in files:
            with Image.open(path) as crop:
                assert abs(crop.width / crop.height - float(ratio)) < 0.01, path.name
                assert has_red(crop), path.name


def test_a_centred_crop_of_an_off_centre_mark_loses_it(app):
    """The control of the test above: without the focal point the mark is cut off."""
    image = marked((1600, 1000), (99, 50))
    box = crop_box(image.size, (50, 50), Fraction(3, 2))
    assert not has_red(image.crop(box))


@pytest.mark.parametrize(
    ("size", "focal", "ratio", "box"),
    [
        ((1600, 1000), (50, 50), Fraction(3, 2), (50, 0, 1550, 1000)),
        ((1600, 1000), (0, 0), Fraction(16, 9), (0, 0, 1600, 900)),
        ((1600, 1000), (100, 100), Fraction(16, 9), (0, 100, 1600, 1000)),
        ((1000, 1600), (30, 75), Fraction(3, 2), (0, 866, 1000, 1533)),
    ],
)
def test_the_crop_box_is_centred_on_the_point_and_clamped_inside(size, focal, ratio, box):
    assert crop_box(size, focal, ratio) == box


def test_a_new_focal_point_makes_new_file_names_and_removes_the_old_crops(app, editor):
    photo = add(app, marked((1600, 1000), (50, 50)))
    old = [p.name for p in folder(app, photo).glob("c1-*")]
    assert old
    set_focal(editor, photo, "30", "40")
    names = {p.name for p in folder(app, photo).glob("c*")}
    assert not names & set(old)
    assert all(n.startswith("c2-") for n in names)
    # Widths are kept: the renditions of the whole photo are untouched.
    assert (folder(app, photo) / "1600.jpg").exists()


def test_a_click_position_with_decimals_is_rounded(app, editor):
    photo = add(app, marked((1600, 1000), (50, 50)))
    assert set_focal(editor, photo, "33.6", "12.4").status_code == 303
    assert (reload(app, photo).focal_x, reload(app, photo).focal_y) == (34, 12)


def test_the_same_point_again_cuts_nothing(app, editor):
    photo = add(app, marked((1600, 1000), (50, 50)))
    assert set_focal(editor, photo, "50", "50").status_code == 303
    assert reload(app, photo).crops_version == 1


@pytest.mark.parametrize(
    ("x", "y", "bad"),
    [("101", "50", "x"), ("50", "-1", "y"), ("abc", "50", "x"), ("50", "", "y"), ("nan", "5", "x")],
)
def test_a_point_outside_0_to_100_or_not_a_number_is_refused_by_its_field(app, editor, x, y, bad):
    photo = add(app, marked((1600, 1000), (50, 50)))
    response = set_focal(editor, photo, x, y)
    assert response.status_code == 422
    assert f'id="focal_{bad}-error"' in response.text
    assert "Type a number from 0 to 100" in response.text
    assert f'value="{x}"' in response.text
    after = reload(app, photo)
    assert (after.focal_x, after.focal_y, after.crops_version) == (50, 50, 1)


def test_setting_a_focal_point_needs_the_csrf_token_and_an_editor(app, editor, signed_in):
    photo = add(app, marked((1600, 1000), (50, 50)))
    assert set_focal(editor, photo, "10", "10", token="forged").status_code == 400
    moderator = signed_in("moderator")
    token = csrf_from(moderator.get("/admin/").text)
    assert set_focal(moderator, photo, "10", "10", token=token).status_code == 403
    assert reload(app, photo).crops_version == 1


def test_the_photo_page_shows_the_point_and_both_crops(app, editor):
    photo = add(app, marked((1600, 1000), (50, 50)))
    set_focal(editor, photo, "70", "30")
    page = editor.get(f"/admin/photos/{photo.id}").text
    assert 'class="focal-x" x1="70"' in page and 'class="focal-y" x1="0" y1="30"' in page
    assert "c2-3x2-" in page and "c2-16x9-" in page
    assert "js/focal.js" in page
    assert f"/admin/photos/{photo.id}" in editor.get("/admin/photos").text


def img_tags(html: str) -> list[str]:
    return re.findall(r"<img [^>]*>", html)


def test_teasers_use_3_2_crops_and_the_lead_16_9_with_their_sizes(app, client, make):
    photo = add(app, marked((1600, 1000), (50, 50)))
    article = make.article(lead_photo_id=photo.id, published_at=utcnow() - timedelta(hours=1))
    url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
    lead = next(t for t in img_tags(client.get(url).text) if photo.key in t)
    assert "c1-16x9-" in lead and 'width="1600" height="900"' in lead
    teaser = next(t for t in img_tags(client.get("/").text) if photo.key in t)
    assert "c1-3x2-" in teaser and 'width="1280" height="853"' in teaser
    # Every file named exists: no image is a 404.
    for name in re.findall(rf"{photo.key}/([\w.-]+)", lead + teaser):
        assert (folder(app, photo) / name).exists(), name


def test_a_photo_without_crops_shows_its_whole_renditions(app, client, make):
    photo = make.photo()
    article = make.article(lead_photo_id=photo.id)
    url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
    lead = next(t for t in img_tags(client.get(url).text) if photo.key in t)
    assert "/c" not in lead.split(photo.key)[1][:3]
    assert 'width="1600" height="1000"' in lead


def test_the_cli_makes_crops_for_photos_that_have_none(app, make):
    photo = make.photo()
    assert not list(folder(app, photo).glob("c*"))
    result = app.test_cli_runner().invoke(args=["photos", "crops"])
    assert result.exit_code == 0, result.output
    assert "1 of 1" in result.output
    assert reload(app, photo).crops_version == 1
    assert crop_files(app, photo, "3:2") and crop_files(app, photo, "16:9")
    again = app.test_cli_runner().invoke(args=["photos", "crops"])
    assert "0 of 0" in again.output


def test_an_upload_in_the_library_makes_its_crops(app, editor):
    buffer = io.BytesIO()
    marked((900, 600), (50, 50)).save(buffer, "JPEG")
    token = csrf_from(editor.get("/admin/photos").text)
    form = {
        "csrf_token": token,
        "file": (io.BytesIO(buffer.getvalue()), "a.jpg"),
        "caption": "A caption",
        "credit": "Staff",
        "alt_text": "Alt",
    }
    assert (
        editor.post("/admin/photos", data=form, content_type="multipart/form-data").status_code
        == 303
    )
    with app.app_context():
        photo = db.session.scalar(db.select(Photo))
        assert photo.crops_version == 1
        assert crop_files(app, photo, "3:2") and crop_files(app, photo, "16:9")


def test_the_demo_has_crops_focal_points_a_gallery_and_an_expired_story(site, site_client):
    from newsite.demo import desk_photos

    with site.test_request_context():
        photos = db.session.scalars(db.select(Photo)).all()
        assert all(p.crops_version >= 1 for p in photos)
        assert len({(p.focal_x, p.focal_y) for p in photos}) > 3
        article = db.session.scalar(db.select(Article).filter_by(slug=desk_photos.GALLERY_ARTICLE))
        url = article.url()
        expired = db.session.scalar(db.select(Article).filter_by(slug=desk_photos.EXPIRED_SLUG))
        expired_url = expired.url()
    page = site_client.get(url).text
    assert page.count("<figcaption>") >= len(desk_photos.GALLERY)
    assert site_client.get(expired_url).status_code == 410
    assert desk_photos.EXPIRED_SLUG not in site_client.get("/").text
