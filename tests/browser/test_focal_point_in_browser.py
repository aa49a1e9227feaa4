"""A photo's focal point set in Chromium: by a click on the photo, then by typing the
numbers; both crops follow. The photo is one of the demo gallery's, which no other
browser test looks at, and its point is put back at the end."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from support import Factory

from newsite.demo import desk_photos
from newsite.extensions import db
from newsite.models import Photo

PASSWORD = "a long newsroom passphrase"


@pytest.fixture(scope="module")
def photo_editor(site):
    return Factory(site).editor("editor", email="photos@newsroom.example", password=PASSWORD)


@pytest.fixture
def gallery_photo(site):
    """The last photo of the demo gallery, and its focal point to restore."""
    caption = desk_photos.GALLERY[-1][2]
    with site.app_context():
        photo = db.session.scalar(db.select(Photo).filter_by(caption=caption))
        return photo.id, (photo.focal_x, photo.focal_y)


def set_by_numbers(page: Page, x: str, y: str) -> None:
    page.fill("#focal_x", x)
    page.fill("#focal_y", y)
    page.click("#focal-form button[type=submit]")


def test_an_editor_sets_a_focal_point_by_clicking_and_by_typing(
    page: Page, base_url: str, photo_editor, gallery_photo
):
    photo_id, (x0, y0) = gallery_photo
    page.goto(base_url + "/admin/")
    page.fill("#email", photo_editor.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{base_url}/admin/photos/{photo_id}")
    try:
        photo = page.locator(".focal-photo img")
        box = photo.bounding_box()
        assert box is not None
        photo.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
        expect(page.locator(".flash")).to_contain_text("Focal point set")
        across, down = map(int, re.findall(r"(\d+)%", page.locator(".flash").inner_text())[:2])
        assert abs(across - 25) <= 1 and abs(down - 75) <= 1
        # Cross hairs through the point, whatever the photo's shape.
        across_line, down_line = page.locator(".focal-x"), page.locator(".focal-y")
        assert across_line.get_attribute("x1") == str(across)

        set_by_numbers(page, "60", "40")
        expect(page.locator(".flash")).to_contain_text("60% across, 40% down")
        assert across_line.get_attribute("x1") == "60" and down_line.get_attribute("y1") == "40"
        for crop in page.locator(".focal-crops img").all():
            crop.scroll_into_view_if_needed()
            expect(crop).to_have_js_property("complete", True)
            assert crop.evaluate("img => img.naturalWidth") > 0

        set_by_numbers(page, "150", "40")
        expect(page.locator("#focal_x-error")).to_contain_text("from 0 to 100")
        expect(page.locator("#focal_x")).to_have_value("150")
    finally:
        page.goto(f"{base_url}/admin/photos/{photo_id}")
        set_by_numbers(page, str(x0), str(y0))
        expect(page.locator(".flash")).to_contain_text(f"{x0}% across, {y0}% down")
