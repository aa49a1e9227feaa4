"""The Arabic edition in Chromium: mirrored, accessible, and commenting in Arabic works."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from support import sideways_overflow

from newsite.demo.content_ar import ANATOMY_TRANSLATION_SLUG

WCAG_21_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}
ARTICLE = f"/arabic/security/{ANATOMY_TRANSLATION_SLUG}"
PAGES = {
    "arabic-edition": "/arabic/",
    "arabic-section": "/arabic/economy/",
    "arabic-article": ARTICLE,
    "arabic-policy": "/comment-policy/ar",
}


def _x(locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["x"]


def test_arabic_layout_is_mirrored(page: Page, base_url: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + ARTICLE)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"

    crumbs = page.locator(".breadcrumb li")
    # The edition, the first crumb, sits at the right; the section follows to its left.
    assert _x(crumbs.nth(0)) > _x(crumbs.nth(1))
    editions = page.locator(".editions-nav li")
    assert _x(editions.nth(0)) > _x(editions.nth(1))
    # The byline and the headline start at the right edge of the column.
    headline = page.locator("h1").bounding_box()
    byline = page.locator(".byline").bounding_box()
    assert abs((headline["x"] + headline["width"]) - (byline["x"] + byline["width"])) < 4
    # Replies are indented from the right: their rule is on the right side.
    replies = page.locator(".replies").first
    assert replies.evaluate("el => parseFloat(getComputedStyle(el).marginRight)") > 0
    assert replies.evaluate("el => parseFloat(getComputedStyle(el).marginLeft)") == 0
    # The Yes button comes before (to the right of) No.
    yes, no = (
        page.locator(".article-vote button").nth(0),
        page.locator(".article-vote button").nth(1),
    )
    assert _x(yes) > _x(no)


def test_posting_and_replying_in_arabic_with_the_counter(page: Page, base_url: str):
    page.goto(base_url + ARTICLE)
    counter = page.locator("#comment-form-counter")
    expect(counter).to_have_text(re.compile(r"^1500\D"))
    text = "شُكْرًا عَلَى التَّقْرِيرِ، مررت من هناك الساعة 7:30 صباحاً"

    page.fill("#comment-form-name", "Sara من البصرة")
    page.fill("#comment-form-body", text)
    length = page.locator("#comment-form-body").evaluate("el => el.value.length")
    expect(counter).to_have_text(re.compile(rf"^{1500 - length}\D"))
    page.click("#comment-form-submit")

    new = page.locator("#comment-thread > li").last
    expect(new).to_contain_text(text)
    expect(new.locator(".comment-author")).to_have_text("Sara من البصرة")
    expect(page.locator("#comment-form-body")).to_have_value("")

    new.locator(".reply-link").first.click()
    form = new.locator(".reply-form")
    expect(form.locator("input[name=name]")).to_be_focused()
    form.locator("input[name=name]").fill("أبو علي 77")
    form.locator("textarea").fill("وأنا أيضاً")
    expect(form.locator(".counter")).to_have_text(re.compile(r"^1490\D"))
    form.locator("button[type=submit]").click()
    expect(new.locator(".replies").first).to_contain_text("وأنا أيضاً")


def test_an_arabic_error_shows_in_arabic_and_keeps_the_text(page: Page, base_url: str):
    page.goto(base_url + ARTICLE)
    page.fill("#comment-form-body", "كلمات لا أريد أن أفقدها")
    page.click("#comment-form-submit")
    error = page.locator("#comment-form-name-error")
    expect(error).to_be_visible()
    assert not re.search(r"[A-Za-z]", error.inner_text())
    expect(page.locator("#comment-form-body")).to_have_value("كلمات لا أريد أن أفقدها")


@pytest.mark.parametrize("name", PAGES)
def test_arabic_page_has_no_accessibility_violations(page: Page, base_url: str, name: str):
    page.goto(base_url + PAGES[name])
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", ["arabic-edition", "arabic-article"])
def test_arabic_page_fits_the_screen(page: Page, base_url: str, name: str, width: int):
    assert sideways_overflow(page, base_url + PAGES[name], name, width) <= 0
