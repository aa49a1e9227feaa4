"""Phones first, in Chromium: a short header with a search icon, five stories in the
first two screens, the Arabic edition's own front page, and chevrons that point the
way the line reads."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from newsite.demo.content import ANATOMY_ARTICLE_SLUG
from newsite.demo.content_ar import ANATOMY_TRANSLATION_SLUG

PHONE = {"width": 360, "height": 780}
ARTICLE = f"/iraq/security/{ANATOMY_ARTICLE_SLUG}"
ARABIC_ARTICLE = f"/arabic/security/{ANATOMY_TRANSLATION_SLUG}"


@pytest.mark.parametrize("path", ["/", ARTICLE, "/arabic/", ARABIC_ARTICLE])
def test_header_takes_at_most_120px_of_a_360_by_780_phone(page: Page, base_url: str, path: str):
    page.set_viewport_size(PHONE)
    page.goto(base_url + path)
    header = page.locator("header.site-header").bounding_box()
    assert header is not None and header["y"] + header["height"] <= 120
    # One bar of editions and sections, scrolling sideways rather than wrapping.
    bar = page.locator(".nav-bar")
    assert bar.evaluate("el => el.scrollWidth > el.clientWidth")
    assert bar.evaluate("el => getComputedStyle(el).overflowX") == "auto"


def test_search_icon_opens_the_search_form_on_a_phone(page: Page, base_url: str):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/")
    expect(page.locator("#site-search")).to_be_hidden()
    toggle = page.locator("button.search-toggle")
    expect(toggle).to_have_accessible_name("Search")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#site-search-q")).to_be_focused()
    page.keyboard.type("checkpoint")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=checkpoint$"))


def test_without_javascript_the_search_icon_is_a_link_to_the_search_page(
    browser: Browser, base_url: str
):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        link = page.locator("a.search-toggle")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", "/search")
        expect(page.locator("button.search-toggle")).to_be_hidden()
        link.click()
        expect(page.locator("h1")).to_have_text("Search")
    finally:
        context.close()


def _bottoms(page: Page, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().bottom + window.scrollY)"
    )


@pytest.mark.parametrize("path", ["/", "/iraq/", "/arabic/"])
def test_first_two_phone_screens_hold_at_least_five_stories(page: Page, base_url: str, path: str):
    page.set_viewport_size(PHONE)
    page.goto(base_url + path)
    in_two_screens = [b for b in _bottoms(page, ".teaser") if b <= 2 * PHONE["height"]]
    assert len(in_two_screens) >= 5


def test_phone_listing_shows_the_lead_large_and_the_rest_as_rows_with_thumbnails(
    page: Page, base_url: str
):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/iraq/")
    lead = page.locator(".teaser--lead .teaser-photo img").bounding_box()
    assert lead is not None and lead["width"] >= 300
    row = page.locator(".teaser:not(.teaser--lead)").first
    photo = row.locator(".teaser-photo img").bounding_box()
    headline = row.locator(".teaser-headline").bounding_box()
    assert photo is not None and headline is not None
    assert photo["width"] <= 120
    # Beside the headline, not above it.
    assert photo["y"] < headline["y"] + headline["height"] and photo["x"] < headline["x"]
    expect(row.locator(".teaser-summary")).to_be_hidden()


def test_arabic_masthead_and_home_link_go_to_the_arabic_front_page(page: Page, base_url: str):
    page.goto(base_url + ARABIC_ARTICLE)
    page.locator("a.site-name").click()
    expect(page).to_have_url(base_url + "/arabic/")
    page.goto(base_url + ARABIC_ARTICLE)
    page.locator(".site-footer").get_by_role("link", name="الرئيسية").click()
    expect(page).to_have_url(base_url + "/arabic/")
    page.goto(base_url + ARTICLE)
    page.locator("a.site-name").click()
    expect(page).to_have_url(base_url + "/")


def chevron_direction(page: Page, selector: str) -> str:
    """Which way the separator before the second part of a kicker or breadcrumb
    points, read from its pixels as drawn (grey, beside red words): the rows in the
    middle of a "›" reach further right than its top and bottom."""
    second = page.locator(selector).first.locator("span, li").nth(1)
    # In view: the clip below is of the window (a front page's lead may start near its fold).
    second.scroll_into_view_if_needed()
    box = second.bounding_box()
    assert box is not None
    rtl = second.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # The separator is drawn at the second part's start: its left edge, or its right in RTL.
    x = box["x"] + box["width"] - 24 if rtl else box["x"]
    shot = page.screenshot(clip={"x": x, "y": box["y"], "width": 24, "height": box["height"]})
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    width, height = image.size
    rows: dict[int, float] = {}
    for y in range(height):
        xs = [x for x in range(width) if _grey_ink(image.getpixel((x, y)))]
        if xs:
            rows[y] = sum(xs) / len(xs)
    assert len(rows) >= 12, f"no separator drawn in {selector}"
    ys = sorted(rows)
    third = len(ys) // 3
    edges = [rows[y] for y in ys[:third] + ys[-third:]]
    middle = [rows[y] for y in ys[third:-third]]
    return "right" if sum(middle) / len(middle) > sum(edges) / len(edges) else "left"


def _grey_ink(pixel: tuple[int, int, int]) -> bool:
    return max(pixel) < 200 and max(pixel) - min(pixel) < 24


@pytest.mark.parametrize(
    ("path", "selector", "direction"),
    [
        ("/iraq/", ".teaser .kicker", "right"),
        ("/arabic/", ".teaser .kicker", "left"),
        (ARTICLE, ".breadcrumb ol", "right"),
        (ARABIC_ARTICLE, ".breadcrumb ol", "left"),
    ],
)
def test_kicker_chevrons_point_the_way_the_line_reads(
    browser: Browser, base_url: str, path: str, selector: str, direction: str
):
    # Drawn four times larger, so the small glyph's shape is clear in its pixels.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=4)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        assert chevron_direction(page, selector) == direction
    finally:
        context.close()


def test_footer_sits_at_the_bottom_of_a_short_page(page: Page, base_url: str):
    # A tall window: other tests may add editions and sections, which the footer lists.
    page.set_viewport_size({"width": 1280, "height": 2000})
    page.goto(base_url + "/contact")
    footer = page.locator("footer.site-footer").bounding_box()
    assert footer is not None
    assert footer["y"] > 2000 / 2  # a short page: the footer was pushed down, not in flow
    assert abs(footer["y"] + footer["height"] - 2000) <= 1
