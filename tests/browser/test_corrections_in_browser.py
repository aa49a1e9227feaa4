"""Corrections in Chromium: an editor adds one without JavaScript and readers see it,
headed in the article's language; pages with corrections pass axe."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from support import Factory

from newsite.extensions import db
from newsite.models import Article

PASSWORD = "a long newsroom passphrase"
WCAG_21_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}
# Seeded (newsite/demo/seed.py): a serious correction, a minor Arabic one, an update.
PAGES = {
    "serious-correction": "/iraq/security/"
    "night-patrols-added-at-basra-port-after-warehouse-break-ins",
    "arabic-correction": "/arabic/security/ar-basra-shatt-al-arab-rescue-points",
    "substantive-update": "/syria/economy/"
    "latakia-port-reports-its-busiest-month-for-containers-in-two-years",
    "corrections": "/corrections",
    "arabic-corrections": "/corrections/ar",
}


@pytest.fixture(scope="module")
def desk_editor(site):
    return Factory(site).editor("editor", email="corrections@newsroom.example", password=PASSWORD)


def article(site, slug: str) -> tuple[int, str]:
    """The id and address of a seeded article."""
    with site.test_request_context():
        found = db.session.scalar(db.select(Article).filter_by(slug=slug))
        return found.id, found.url()


def add_correction(page: Page, base_url: str, article_id: int, kind: str, where: str, text: str):
    """Fill the edit page's "Add a correction" form and send it, as an editor does."""
    page.goto(f"{base_url}/admin/articles/{article_id}")
    form = page.locator("form.correction-form")
    form.get_by_label(kind).check()
    form.get_by_label(where).check()
    form.get_by_label("Text readers see").fill(text)
    form.get_by_role("button", name="Add").click()
    expect(page.locator(".flash")).to_contain_text("added: readers see it now")


def test_an_editor_adds_corrections_without_javascript_and_readers_see_them(
    browser: Browser, base_url: str, site, desk_editor
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "/admin/")
        page.fill("#email", desk_editor.email)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Dashboard")

        english_id, english_url = article(
            site, "kirkuk-council-ends-months-of-deadlock-with-a-rotating-chair"
        )
        text = "An earlier version of this article gave the wrong month for the vote."
        add_correction(page, base_url, english_id, "Correction (a fact", "Above the story", text)
        expect(page.locator(".correction-list")).to_contain_text(text)
        page.goto(base_url + english_url)
        serious = page.locator("aside.corrections--serious")
        expect(serious.locator("h2")).to_have_text("Correction")
        expect(serious).to_contain_text(text)
        expect(page.locator(".byline .updated")).to_contain_text("Updated")

        arabic_id, arabic_url = article(site, "ar-choir-returns-to-restored-damascus-cinema")
        arabic = "أوضحنا أن الجوقة تضم هواة ومحترفين معاً."
        add_correction(page, base_url, arabic_id, "Clarification", "Below the story", arabic)
        page.goto(base_url + arabic_url)
        minor = page.locator("aside.corrections--minor")
        expect(minor.locator("h2")).to_have_text("توضيح")
        expect(minor).to_contain_text(arabic)
        expect(page.locator(".byline .updated")).to_contain_text("حُدِّث")
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_pages_with_corrections_have_no_accessibility_violations(
    page: Page, base_url: str, name: str
):
    page.goto(base_url + PAGES[name])
    expect(page.locator(".correction, .corrections-list li, .update-note").first).to_be_visible()
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
