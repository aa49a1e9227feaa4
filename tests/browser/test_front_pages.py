"""Front pages in Chromium: home and the Arabic front page (curated by the demo seed) keep
their hierarchy, fill every row at phone and desktop widths without sideways scrolling,
and pass axe; the admin's "Front page" screen works without JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from support import Factory, sideways_overflow

from newsite.extensions import db
from newsite.models import Edition, FrontPage

WCAG_21_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}
FRONTS = {"home": "/", "arabic-front": "/arabic/"}

# Every row of boxes in a front page's grids, as [where, row's start gap, end gap] when a
# row does not reach both edges of its grid: a box beside empty space, or an empty slot.
UNFILLED_ROWS = """() => {
  const gaps = [];
  for (const grid of document.querySelectorAll('.front-top, .front-block, .ranked-boxes')) {
    const box = grid.getBoundingClientRect();
    const style = getComputedStyle(grid);
    const left = box.left + parseFloat(style.paddingLeft);
    const right = box.right - parseFloat(style.paddingRight);
    const rows = new Map();
    for (const child of grid.children) {
      const r = child.getBoundingClientRect();
      if (r.width < 2 || getComputedStyle(child).position === 'absolute') continue;
      const key = Math.round(r.top / 4);
      const row = rows.get(key) || {left: Infinity, right: -Infinity};
      rows.set(key, {left: Math.min(row.left, r.left), right: Math.max(row.right, r.right)});
    }
    for (const row of rows.values()) {
      if (Math.abs(row.left - left) > 2 || Math.abs(right - row.right) > 2) {
        gaps.push([grid.className, Math.round(row.left - left), Math.round(right - row.right)]);
      }
    }
  }
  return gaps;
}"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", FRONTS)
def test_a_front_page_fits_the_screen_and_fills_every_row(
    page: Page, base_url: str, name: str, width: int
):
    assert sideways_overflow(page, base_url + FRONTS[name], name, width) <= 0
    assert page.locator(".front-block").count() >= 1
    assert page.evaluate(UNFILLED_ROWS) == []


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", FRONTS)
def test_the_lead_is_large_and_the_top_stories_have_small_thumbnails(
    page: Page, base_url: str, name: str, width: int
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + FRONTS[name])
    lead = page.locator(".lead-story .teaser-photo img").bounding_box()
    thumbnails = page.locator(".front-secondary .teaser-photo img")
    assert lead is not None and lead["width"] >= min(300, width - 40)
    assert thumbnails.count() >= 2
    for thumbnail in thumbnails.all():
        box = thumbnail.bounding_box()
        assert box is not None and box["width"] <= 120
    # In this order down the page: the lead, the top stories, "Latest", the blocks.
    tops = [
        page.locator(selector).first.bounding_box()["y"]
        for selector in (".lead-story", ".front-secondary", ".front-latest", ".section-block")
    ]
    if width >= 1280:
        # Side by side on a desktop, starting from the line's start (right in Arabic).
        assert tops[0] == tops[1] == tops[2] < tops[3]
        xs = [page.locator(s).bounding_box()["x"] for s in (".lead-story", ".front-secondary")]
        assert xs[0] < xs[1] if name == "home" else xs[0] > xs[1]
    else:
        assert tops == sorted(tops)
    # "Latest" tells when each story came out.
    expect(page.locator(".front-latest li time").first).to_be_visible()


@pytest.mark.parametrize("name", FRONTS)
def test_a_front_page_has_no_accessibility_violations(page: Page, base_url: str, name: str):
    page.goto(base_url + FRONTS[name])
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


PASSWORD = "a long front page passphrase"


@pytest.fixture(scope="module")
def desk_editor(site):
    return Factory(site).editor("editor", email="desk@newsroom.example", password=PASSWORD)


def sign_in(page: Page, base_url: str, editor) -> None:
    page.goto(base_url + "/admin/")
    page.fill("#email", editor.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_the_front_page_screen_has_no_accessibility_violations(
    page: Page, base_url: str, desk_editor
):
    # With JavaScript on: axe is a script (the screen itself needs none).
    sign_in(page, base_url, desk_editor)
    page.goto(base_url + "/admin/front-page/editions/arabic")
    results = Axe().run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def syria_front(site):
    """The Syria edition's front page, curated by the test and put back as it was."""
    yield "/syria/"
    with site.app_context():
        edition = db.session.scalar(db.select(Edition).filter_by(slug="syria"))
        db.session.execute(db.delete(FrontPage).where(FrontPage.edition_id == edition.id))
        db.session.commit()


def test_an_editor_curates_a_front_page_without_javascript(
    browser: Browser, base_url: str, desk_editor, syria_front: str
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, base_url, desk_editor)
        page.get_by_role("link", name="Front page").click()
        page.get_by_role("navigation", name="Front pages").get_by_role(
            "link", name="Syria News"
        ).click()
        expect(page.locator("h1")).to_have_text("Front page: Syria News")

        # A pin until a time gone by is refused by its field, and nothing is pinned.
        lead, first = page.locator(".front-slot").nth(0), page.locator(".front-slot").nth(1)
        first.locator("select").select_option(index=3)
        first.get_by_label("Until").fill("2020-01-01T10:00")
        first.get_by_role("button", name="Pin").click()
        expect(page.locator("#slot1-until-error")).to_have_text(
            "That time has passed: choose a later one, or leave it empty."
        )
        expect(page.locator("#slot1-until")).to_have_value("2020-01-01T10:00")

        # Pin an older story as the lead.
        story = "Hama residents ask for a say in the water rationing timetable"
        lead = page.locator(".front-slot").nth(0)
        lead.locator("select").select_option(label=story)
        lead.get_by_role("button", name="Pin").click()
        expect(page.locator(".flash")).to_contain_text(f"Pinned “{story}” as Lead story.")
        expect(page.locator(".front-slot").nth(0)).to_contain_text("pinned")

        # Two blocks, then the second moved above the first. Syria's ten stories are all
        # shown higher up: its blocks show them again (else, empty, they are left out).
        for section in ("Sport", "Culture"):
            page.select_option("#block-section_id", label=section)
            page.check("#block-allow_repeats")
            page.get_by_role("button", name="Add block").click()
            expect(page.locator(".flash")).to_contain_text(f"Added the {section} block.")
        page.get_by_role("button", name="Move up Culture").click()
        expect(page.locator(".front-blocks tbody th")).to_have_text(["Culture", "Sport"])

        page.goto(base_url + syria_front)
        expect(page.locator(".lead-story .teaser-headline")).to_have_text(story)
        expect(page.locator(".section-block .block-heading")).to_have_text(["Culture", "Sport"])
    finally:
        context.close()
