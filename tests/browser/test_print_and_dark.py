"""Print and dark mode in Chromium: the printed story alone on at most three A4 pages,
and axe-core (from npm) finding nothing in the light or the dark theme."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from newsite.config import project_root
from newsite.demo.content import ANATOMY_ARTICLE_SLUG
from newsite.demo.content_ar import ANATOMY_TRANSLATION_SLUG

ARTICLE = f"/iraq/security/{ANATOMY_ARTICLE_SLUG}"
ARABIC_ARTICLE = f"/arabic/security/{ANATOMY_TRANSLATION_SLUG}"
AXE = project_root() / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF Chromium wrote: its page objects (not the /Pages tree nodes)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_anatomy_article_prints_on_at_most_three_a4_pages(page: Page, base_url: str):
    page.goto(base_url + ARTICLE)
    pages = pdf_pages(page.pdf(format="A4"))
    assert 1 <= pages <= 3


@pytest.mark.parametrize("path", [ARTICLE, ARABIC_ARTICLE])
def test_print_shows_the_story_alone_and_its_address(page: Page, base_url: str, path: str):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    for shown in ("h1", ".byline", ".lead-photo img", ".story-body"):
        expect(page.locator(shown)).to_be_visible()
    expect(page.locator(".print-only")).to_be_visible()
    expect(page.locator(".print-only")).to_contain_text(base_url + path)
    for hidden in (
        "header.site-header",
        "footer.site-footer",
        "nav",
        "form",
        "button",
        ".comments",
    ):
        expect(page.locator(f"{hidden} >> visible=true")).to_have_count(0)
    expect(page.locator(".article-vote")).to_be_hidden()
    expect(page.locator(".share")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".print-only")).to_be_hidden()


def run_axe(page: Page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is missing from node_modules: run `make setup-test`.")
    # Evaluated by the DevTools protocol, so the page's CSP (no inline script) allows it.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", ARTICLE, "/arabic/", ARABIC_ARTICLE])
def test_axe_finds_no_violations_in_light_and_dark(
    page: Page, base_url: str, path: str, scheme: str
):
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert run_axe(page) == []


def _luminance(css_colour: str) -> float:
    r, g, b = (int(c) for c in re.findall(r"\d+", css_colour)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_dark_theme_is_dark_declares_both_schemes_and_leaves_photos_alone(
    page: Page, base_url: str
):
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + ARTICLE)
    root = page.locator("html")
    assert root.evaluate("el => getComputedStyle(el).colorScheme") == "light dark"
    body = page.locator("body")
    assert _luminance(body.evaluate("el => getComputedStyle(el).backgroundColor")) < 0.1
    assert _luminance(body.evaluate("el => getComputedStyle(el).color")) > 0.8
    photo = page.locator(".lead-photo img")
    assert photo.evaluate("el => getComputedStyle(el).filter") == "none"
    assert photo.evaluate("el => getComputedStyle(el).mixBlendMode") == "normal"
    page.emulate_media(color_scheme="light")
    assert _luminance(body.evaluate("el => getComputedStyle(el).backgroundColor")) > 0.9
