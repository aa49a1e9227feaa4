"""Breaking news in Chromium: the demo's banners (Iraq News, العربية) under the header,
accessible, dismissed with and without JavaScript, in English and in Arabic."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from newsite.demo.content import ANATOMY_ARTICLE_SLUG
from newsite.demo.content_ar import ANATOMY_TRANSLATION_SLUG

WCAG_21_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}
# (front page, an article of the edition, what the banner says, its label, the button)
EDITIONS = {
    "en": ("/iraq/", f"/iraq/security/{ANATOMY_ARTICLE_SLUG}", "Breaking", "Dismiss"),
    "ar": ("/arabic/", f"/arabic/security/{ANATOMY_TRANSLATION_SLUG}", "عاجل", "إخفاء"),
}
REGION = {"en": "Breaking news", "ar": "أخبار عاجلة"}


def banner(page: Page, language: str):
    return page.get_by_role("region", name=REGION[language])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_dismissing_without_javascript_hides_the_banner_on_every_page(
    browser: Browser, base_url: str, language: str
):
    front, article, label, button = EDITIONS[language]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + front)
    region = banner(page, language)
    expect(region).to_be_visible()
    expect(region.locator(".breaking-label")).to_have_text(label)

    region.get_by_role("button", name=button).first.click()

    # Back on the same page, without the banner; the articles of the edition too.
    page.wait_for_url(base_url + front)
    expect(banner(page, language)).to_have_count(0)
    page.goto(base_url + article)
    expect(page.locator("h1")).to_be_visible()
    expect(banner(page, language)).to_have_count(0)
    # Another reader still sees it.
    other = browser.new_context(java_script_enabled=False).new_page()
    other.goto(base_url + article)
    expect(banner(other, language)).to_be_visible()
    context.close()
    other.context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_dismissing_with_javascript_removes_the_banner_in_place(
    page: Page, base_url: str, language: str
):
    front, article, label, button = EDITIONS[language]
    page.goto(base_url + article)
    region = banner(page, language)
    expect(region).to_be_visible()
    # Marks this very document: a reload or a navigation would lose it.
    page.evaluate("window.stillHere = true")

    region.get_by_role("button", name=button).first.focus()
    page.keyboard.press("Enter")

    expect(banner(page, language)).to_have_count(0)
    assert page.evaluate("window.stillHere") is True
    # The focus was on the button that went: it is on the page's content now.
    expect(page.locator("#main")).to_be_focused()
    assert page.url == base_url + article
    page.goto(base_url + front)
    expect(page.locator("h1")).to_be_visible()
    expect(banner(page, language)).to_have_count(0)


def test_the_arabic_banner_reads_right_to_left(page: Page, base_url: str):
    front, _article, label, _button = EDITIONS["ar"]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + front)
    region = banner(page, "ar")
    label_box = region.locator(".breaking-label").bounding_box()
    link_box = region.locator(".breaking-link").bounding_box()
    button_box = region.get_by_role("button").bounding_box()
    # The label first, at the right; the story to its left; the button last, at the left.
    assert label_box["x"] > link_box["x"] > button_box["x"]


@pytest.mark.parametrize("path", ["/iraq/", "/arabic/", "/masthead/ar", "/ethics"])
def test_a_page_with_a_banner_has_no_accessibility_violations(page: Page, base_url: str, path: str):
    page.goto(base_url + path)
    expect(page.locator("section.breaking")).to_be_visible()
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
