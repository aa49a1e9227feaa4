"""Reading the demo site in Chromium: accessible, readable on phones and desktops."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from support import sideways_overflow

from newsite.demo.content import ANATOMY_ARTICLE_SLUG

WCAG_21_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}


def anatomy_url(page: Page, base_url: str) -> str:
    page.goto(base_url + "/")
    return page.locator(f"a[href$='/{ANATOMY_ARTICLE_SLUG}']").first.get_attribute("href")


def pages_to_check(page: Page, base_url: str) -> dict[str, str]:
    return {
        "home": "/",
        "section": "/sections/security/",
        "edition-section": "/iraq/security/",
        "article": anatomy_url(page, base_url),
    }


@pytest.mark.parametrize("name", ["home", "section", "edition-section", "article"])
def test_page_has_no_accessibility_violations(page: Page, base_url: str, name: str):
    page.goto(base_url + pages_to_check(page, base_url)[name])
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", ["home", "section", "article"])
def test_page_fits_the_screen_without_sideways_scrolling(
    page: Page, base_url: str, name: str, width: int
):
    url = base_url + pages_to_check(page, base_url)[name]
    assert sideways_overflow(page, url, name, width) <= 0


def test_reader_goes_from_home_to_an_article_and_back_to_its_section(page: Page, base_url: str):
    page.goto(base_url + "/")
    lead = page.locator(".lead-story .teaser-headline a")
    headline = lead.text_content().strip()
    lead.click()

    expect(page.locator("h1")).to_have_text(headline)
    section = page.locator(".breadcrumb li").nth(1)
    section_name = section.text_content().strip()
    section.locator("a").click()
    expect(page.locator("h1")).to_have_text(section_name)
    # In the section's list (it may also be in the "Most read" box beside it).
    expect(page.locator(".teaser-list").get_by_role("link", name=headline)).to_be_visible()


def test_lead_photo_loads_and_teasers_below_the_fold_wait(page: Page, base_url: str):
    page.goto(base_url + anatomy_url(page, base_url))
    lead = page.locator("figure.lead-photo img")
    expect(lead).to_have_attribute("fetchpriority", "high")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", lead.element_handle())

    page.goto(base_url + "/iraq/")
    lazy = page.locator("img[loading=lazy]")
    assert lazy.count() > 0


def test_htmx_is_loaded_and_configured_safely(page: Page, base_url: str):
    page.goto(base_url + "/")
    config = page.evaluate("() => window.htmx && htmx.config")
    assert config["selfRequestsOnly"] is True
    assert config["allowEval"] is False and config["allowScriptTags"] is False
