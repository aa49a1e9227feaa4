"""Full bylines and story labels in Chromium: the contributors editor with JavaScript
off, the Arabic byline read right to left, and axe on labelled stories."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from support import Factory

PASSWORD = "a long newsroom passphrase"
WCAG_21_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}
ANALYSIS = "/iraq/economy/why-half-the-stalls-in-erbil-s-new-wholesale-market-are-still-empty"
SPONSORED = "/iraq/culture/a-basra-workshop-teaches-the-old-craft-of-hand-made-tiles-again"
ARABIC_OPINION = "/arabic/politics/ar-opinion-baghdad-must-publish-full-contracts"
ARABIC_TWO_WRITERS = "/arabic/politics/ar-baghdad-council-spending-records-online"


@pytest.fixture(scope="module")
def desk_editor(site):
    return Factory(site).editor("editor", email="bylines@newsroom.example", password=PASSWORD)


@pytest.fixture
def no_script(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page in a browser with JavaScript turned off."""
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def row(page: Page, n: int):
    return page.locator(".contributor-row").nth(n)


def test_contributors_are_added_reordered_removed_and_saved_without_javascript(
    no_script: Page, desk_editor
):
    page = no_script
    page.goto("/admin/")
    page.fill("#email", desk_editor.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")

    page.goto("/admin/articles/new")
    page.fill("#headline", "Ferry timetable returns to the Shatt al-Arab")
    page.fill("#summary", "Written in a browser without JavaScript.")
    page.fill("#body", "The ferries run again.")
    page.fill("#dateline", "Basra")
    page.select_option("#edition_id", label="Iraq News")
    page.select_option("#section_id", label="Economy")
    page.select_option("#status", "published")
    # Long ago: the shared demo site's front pages (and later tests of them) keep their
    # newest stories.
    page.fill("#published_at", "2020-01-06T09:00")
    page.select_option("#contributors-0-author_id", label="Nadia Karim")

    page.click("button:has-text('Add a contributor')")
    expect(page.locator(".contributor-row")).to_have_count(2)
    # The form came back as typed, with the new row's author list focused.
    expect(page.locator("#headline")).to_have_value("Ferry timetable returns to the Shatt al-Arab")
    expect(page.locator("#contributors-1-author_id")).to_be_focused()
    page.select_option("#contributors-1-author_id", label="Omar Haddad")

    page.click("button:has-text('Add a contributor')")
    page.select_option("#contributors-2-author_id", label="Salim Aboud")
    page.select_option("#contributors-2-role", label="Photos")
    page.click("button:has-text('Add a contributor')")
    page.select_option("#contributors-3-author_id", label="Layla Aziz")
    expect(page.locator(".contributor-row")).to_have_count(4)

    # Omar leads the byline; Layla's row was one too many.
    row(page, 1).locator("button:has-text('Move up')").click()
    expect(page.locator("#contributors-0-author_id option:checked")).to_have_text("Omar Haddad")
    expect(page.locator("#contributors-1-author_id option:checked")).to_have_text("Nadia Karim")
    row(page, 3).locator("button:has-text('Remove')").click()
    expect(page.locator(".contributor-row")).to_have_count(3)
    expect(page.locator("#summary")).to_have_value("Written in a browser without JavaScript.")

    # Enter in a text field saves (the form's first button is a Save).
    page.locator("#dateline").press("Enter")
    expect(page.locator(".flash")).to_contain_text("Saved")

    page.goto("/iraq/economy/ferry-timetable-returns-to-the-shatt-al-arab")
    expect(page.locator(".byline")).to_contain_text("By Omar Haddad and Nadia Karim in Basra")
    expect(page.locator(".credits")).to_have_text("Photos by Salim Aboud")


def test_the_arabic_byline_reads_right_to_left(page: Page, base_url: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + ARABIC_TWO_WRITERS)
    byline = page.locator(".byline")
    expect(byline).to_contain_text("بقلم سحر سلمان وكريم العبيدي")
    assert byline.evaluate("el => getComputedStyle(el).direction") == "rtl"
    first, second = byline.locator("a").nth(0), byline.locator("a").nth(1)
    # The first writer is read first: at the right, the second to its left.
    assert first.bounding_box()["x"] > second.bounding_box()["x"]
    # The byline starts at the right edge of the column, as the headline does.
    headline = page.locator("h1").bounding_box()
    box = byline.bounding_box()
    assert abs((headline["x"] + headline["width"]) - (box["x"] + box["width"])) < 4


@pytest.mark.parametrize(
    ("path", "label"),
    [(ANALYSIS, "Analysis"), (SPONSORED, "Sponsored"), (ARABIC_OPINION, "رأي")],
)
def test_axe_finds_nothing_on_labelled_stories(page: Page, base_url: str, path: str, label: str):
    page.goto(base_url + path)
    expect(page.locator(".story-type")).to_have_text(label)
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
