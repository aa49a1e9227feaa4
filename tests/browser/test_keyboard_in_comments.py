"""The comment section from the keyboard in Chromium (issue 14, item 3): focus stays on
a pressed vote or like, a failed post focuses the first field in error, Escape closes
a reply form back onto its "Reply", the focus ring reaches 3:1 on every background it
meets, and tap targets are at least 24 by 24 px, in Arabic too."""

from __future__ import annotations

import secrets

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from support import Factory

from newsite.demo.content_ar import ANATOMY_TRANSLATION_SLUG

ARABIC_ARTICLE = f"/arabic/security/{ANATOMY_TRANSLATION_SLUG}"

# WCAG's contrast ratio of two CSS colours, and the background an element sits on
# (the first ancestor, itself included, with an opaque background).
CONTRAST = """
([first, second]) => {
  const rgb = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (css) => {
    const [r, g, b] = rgb(css).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(first), lum(second)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""
RING = """
(el) => {
  const backdrop = (node) => {
    for (; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg && !bg.startsWith("rgba(0, 0, 0, 0)") && bg !== "transparent") return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const style = getComputedStyle(el);
  return {
    ring: style.outlineColor,
    width: parseFloat(style.outlineWidth),
    halo: (style.boxShadow.match(/rgba?\\([^)]*\\)/) || [""])[0],
    around: backdrop(el.parentElement),
    inside: backdrop(el),
  };
}
"""


@pytest.fixture
def article_url(site: Flask) -> tuple[Factory, object, str]:
    make = Factory(site)
    tag = secrets.token_hex(4)
    article = make.article(
        edition=make.edition(slug=f"kb-{tag}", name=f"KB {tag}", position=10_000),
        section=make.section(slug=f"kb-section-{tag}", name=f"KB section {tag}"),
        author=make.author(slug=f"kb-author-{tag}", name=f"Keyboard writer {tag}"),
        slug=f"kb-story-{tag}",
    )
    make.comment(article, body="A comment to like and answer.")
    return make, article, f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def test_voting_keeps_the_focus_on_the_pressed_button(page: Page, base_url: str, article_url):
    page.goto(base_url + article_url[2], wait_until="networkidle")  # own parts come first
    yes = page.locator("#article-vote-yes")
    yes.focus()
    page.keyboard.press("Enter")
    expect(yes).to_have_attribute("aria-pressed", "true")
    expect(yes).to_be_focused()

    no = page.locator("#article-vote-no")
    page.keyboard.press("Tab")
    expect(no).to_be_focused()
    page.keyboard.press("Space")
    expect(no).to_have_attribute("aria-pressed", "true")
    expect(no).to_be_focused()


def test_liking_keeps_the_focus_on_the_like_button(page: Page, base_url: str, article_url):
    # Once the reader's own parts have come (they replace the like buttons they show).
    page.goto(base_url + article_url[2], wait_until="networkidle")
    like = page.locator(".like-button").first
    like.focus()
    page.keyboard.press("Enter")
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like).to_be_focused()
    # The second press once the first has settled (htmx's classes gone), as a reader's
    # would come; two presses within htmx's 20 ms of settling are not covered.
    expect(page.locator(".htmx-request, .htmx-settling, .htmx-swapping")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like).to_be_focused()


def test_a_failed_post_moves_the_focus_to_the_first_field_in_error(
    page: Page, base_url: str, article_url
):
    page.goto(base_url + article_url[2])
    page.fill("#comment-form-body", "No name yet")
    page.locator("#comment-form-submit").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#comment-form-name")).to_be_focused()
    expect(page.locator("#comment-form-body")).to_have_value("No name yet")

    # The name now fine, the email wrong: the focus goes to the email.
    page.keyboard.type("Laith")
    page.fill("#comment-form-email", "not an address")
    page.locator("#comment-form-submit").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#comment-form-email")).to_be_focused()
    expect(page.locator("#comment-form-email")).to_have_attribute("aria-invalid", "true")


def test_escape_closes_the_reply_form_and_returns_to_its_reply(
    page: Page, base_url: str, article_url
):
    page.goto(base_url + article_url[2])
    reply = page.locator(".reply-link").first
    reply.focus()
    page.keyboard.press("Enter")
    name = page.locator(".reply-form input[name=name]")
    expect(name).to_be_focused()
    page.keyboard.type("Mona")

    page.keyboard.press("Escape")
    expect(page.locator(".reply-form")).to_have_count(0)
    expect(reply).to_be_focused()

    # Cancel does the same.
    page.keyboard.press("Enter")
    expect(name).to_be_focused()
    page.locator(".cancel-reply").click()
    expect(page.locator(".reply-form")).to_have_count(0)
    expect(reply).to_be_focused()


def test_the_focus_ring_reaches_3_to_1_on_every_background(page: Page, base_url: str, article_url):
    page.goto(base_url + article_url[2])
    page.locator("#article-vote-yes").click()  # a pressed (dark) button too
    expect(page.locator("#article-vote-yes")).to_have_attribute("aria-pressed", "true")
    controls = [
        ".skip-link",
        "#article-vote-yes",
        "#article-vote-no",
        ".like-button",
        ".reply-link",
        "#comment-form-name",
        "#comment-form-submit",
    ]
    for selector in controls:
        control = page.locator(selector).first
        control.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focused from the keyboard: :focus-visible
        expect(control).to_be_focused()
        ring = control.evaluate(RING)
        assert ring["width"] >= 2, selector
        # The dark ring against what surrounds the control, and the light halo between
        # the ring and the control itself, whatever colour the control is.
        assert page.evaluate(CONTRAST, [ring["ring"], ring["around"]]) >= 3, (selector, ring)
        assert page.evaluate(CONTRAST, [ring["ring"], ring["halo"]]) >= 3, (selector, ring)


@pytest.mark.parametrize("url", ["english", "arabic"])
def test_comment_controls_are_at_least_24_px_square(
    page: Page, base_url: str, article_url, url: str
):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(base_url + (ARABIC_ARTICLE if url == "arabic" else article_url[2]))
    reply = page.locator(".reply-link").first
    if url == "arabic":
        expect(reply).to_contain_text("رد")
    reply.click()
    expect(page.locator(".reply-form")).to_be_visible()
    targets = [".reply-link", ".like-button", ".comment-meta a", ".cancel-reply", ".vote-button"]
    for selector in targets:
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["width"] >= 24 and box["height"] >= 24, (selector, box)
