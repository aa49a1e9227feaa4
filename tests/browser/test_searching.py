"""Searching the demo site in Chromium: live with JavaScript, a plain form without it."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

WCAG_21_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}


def test_search_from_the_header_then_results_follow_typing_and_the_url(page: Page, base_url: str):
    page.goto(base_url + "/")
    page.get_by_role("searchbox", name="Search articles").fill("checkpoint")
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page).to_have_url(re.compile(r"/search\?q=checkpoint$"))
    expect(page.locator("h1")).to_have_text("Search")
    expect(page.locator(".search-hit-headline").first).to_contain_text("Checkpoint reopens")
    expect(page.locator(".search-hit-headline mark").first).to_have_text(
        re.compile("checkpoint", re.I)
    )

    # On the search page the box is live: results and the address follow typing,
    # without a page load (the marker set on window survives only without one).
    page.evaluate("window.__stillHere = true")
    box = page.get_by_role("searchbox", name="Words to find")
    box.fill("")
    box.press_sequentially("lantern", delay=30)
    expect(page.locator(".search-hit-headline").first).to_contain_text("Lantern walk")
    expect(page).to_have_url(re.compile(r"/search\?q=lantern"))
    expect(page.locator("#search-status")).to_contain_text("for ‘lantern’")
    assert page.evaluate("window.__stillHere") is True

    # A filter change also updates the results and the address.
    page.get_by_label("Section", exact=True).select_option(index=1)
    expect(page).to_have_url(re.compile(r"section="))
    assert page.evaluate("window.__stillHere") is True


def test_search_works_without_javascript(browser: Browser, base_url: str):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        page.get_by_role("searchbox", name="Search articles").fill("basra")
        page.get_by_role("button", name="Search", exact=True).click()
        expect(page).to_have_url(re.compile(r"/search\?q=basra$"))
        expect(page.locator("#search-status")).to_contain_text(re.compile(r"\d+ results? for"))
        expect(page.locator(".search-hit").first).to_be_visible()

        # The page's own form, with a filter, is a plain GET too.
        page.get_by_role("searchbox", name="Words to find").fill("council")
        page.get_by_role("button", name="Search", exact=True).last.click()
        expect(page).to_have_url(re.compile(r"q=council"))
        expect(page.locator(".search-hit-headline").first).to_contain_text("council")
    finally:
        context.close()


def test_search_page_has_no_accessibility_violations(page: Page, base_url: str):
    page.goto(base_url + "/search?q=basra")
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_search_page_fits_a_phone_screen(page: Page, base_url: str):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base_url + "/search?q=basra")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
