"""What a commenter sees in Chromium (issue 14): the posted comment brought into view,
highlighted and focused, wherever the thread puts it; a paste past the limit kept
whole, with the overflow shown, the submit refused and the count spoken only at
thresholds."""

from __future__ import annotations

import secrets

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from support import Factory

from newsite.models import Article

PHONE = {"width": 360, "height": 780}


@pytest.fixture
def long_thread(site: Flask) -> tuple[Factory, Article, str]:
    """A fresh article whose comments run far below its form."""
    make = Factory(site)
    tag = secrets.token_hex(4)
    article = make.article(
        edition=make.edition(slug=f"ux-{tag}", name=f"UX {tag}", position=10_000),
        section=make.section(slug=f"ux-section-{tag}", name=f"UX section {tag}"),
        author=make.author(slug=f"ux-author-{tag}", name=f"Writer {tag}"),
        slug=f"ux-story-{tag}",
    )
    for n in range(3):
        make.comment(article, body=f"Long comment {n}. " + "A line of thought.\n" * 40)
    return make, article, f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def test_a_posted_comment_is_brought_into_view_highlighted_and_focused(
    page: Page, base_url: str, long_thread
):
    _make, _article, url = long_thread
    page.set_viewport_size(PHONE)
    page.goto(base_url + url)

    page.fill("#comment-form-name", "Noor")
    page.fill("#comment-form-body", "Seen where I look.")
    page.click("#comment-form-submit")

    posted = page.locator(".comment--posted")
    expect(posted).to_contain_text("Seen where I look.")
    note = posted.locator(".posted-note")
    expect(note).to_have_text("Your comment was posted.")
    expect(note).to_be_focused()
    expect(posted).to_be_in_viewport()
    # Highlighted for a few seconds: an animation, not a lasting style.
    animation = posted.locator("article").evaluate("el => getComputedStyle(el).animationName")
    assert animation == "comment-arrives"

    # The note stays until the reader's next action, here a like.
    page.wait_for_timeout(300)
    expect(note).to_be_visible()
    page.locator(".like-button").first.click()
    expect(page.locator(".posted-note")).to_have_count(0)


def test_a_comment_posted_before_the_later_pages_are_loaded_is_shown_once(
    page: Page, base_url: str, long_thread
):
    make, article, url = long_thread
    make.comment(article, body="The first comment of page two.")
    page.goto(base_url + url)

    page.fill("#comment-form-name", "Samir")
    page.fill("#comment-form-body", "Posted from page one.")
    page.click("#comment-form-submit")
    posted = page.locator(".comment--posted")
    expect(posted).to_be_in_viewport()
    comment_id = posted.get_attribute("id")

    page.get_by_role("link", name="Show more comments").click()
    expect(page.get_by_text("The first comment of page two.")).to_be_visible()
    # Once, in its place: after page two's first comment (oldest first).
    expect(page.locator(f'[id="{comment_id}"]')).to_have_count(1)
    order = page.locator("#comment-thread > li").evaluate_all("els => els.map(el => el.id)")
    assert order[-1] == comment_id


def test_a_reply_deep_in_a_long_thread_is_brought_into_view(page: Page, base_url: str, long_thread):
    make, article, url = long_thread
    first = make.comment(article, body="Answer me.")
    for n in range(6):
        make.comment(article, parent=first, body=f"Reply {n}. " + "More words here.\n" * 20)
    page.set_viewport_size(PHONE)
    page.goto(base_url + url + "?comments_page=2")

    thread = page.locator(f"#comment-{first.id}")
    thread.locator(".reply-link").first.click()
    form = thread.locator(".reply-form")
    expect(form.locator("input[name=name]")).to_be_focused()
    form.locator("input[name=name]").fill("Rami")
    form.locator("textarea").fill("Thanks!")
    form.locator("button[type=submit]").click()

    posted = page.locator(".comment--posted")
    expect(posted).to_contain_text("Thanks!")
    expect(posted.locator(".posted-note")).to_be_focused()
    expect(posted).to_be_in_viewport()
    # Under the comment it answers, after its earlier replies.
    assert posted.evaluate(f"el => el.closest('#comment-{first.id}') !== null")


def test_a_pending_comment_says_so_where_the_posted_note_would_be(
    page: Page, base_url: str, site: Flask, long_thread
):
    _make, article, url = long_thread
    from newsite.extensions import db

    with site.app_context():
        db.session.get(Article, article.id).comment_moderation = "pre"
        db.session.commit()
    page.set_viewport_size(PHONE)
    page.goto(base_url + url)

    page.fill("#comment-form-name", "Huda")
    page.fill("#comment-form-body", "Held for a moderator.")
    page.click("#comment-form-submit")

    posted = page.locator(".comment--posted")
    note = posted.locator(".pending-note")
    expect(note).to_have_text("Your comment is awaiting moderation.")
    expect(note).to_be_focused()
    expect(posted).to_be_in_viewport()


def test_a_paste_past_the_limit_is_kept_whole_and_the_submit_refused(
    page: Page, base_url: str, long_thread
):
    _make, _article, url = long_thread
    page.goto(base_url + url)
    box = page.locator("#comment-form-body")
    counter = page.locator("#comment-form-counter")
    announcer = page.locator("#comment-form-announcer")

    box.focus()
    page.keyboard.insert_text("Short start. ")
    expect(counter).to_have_text("1487 characters left")
    # Typing with plenty left is not read out after every pause.
    expect(announcer).to_have_text("")

    # A paste, as the browser inserts it (maxlength would cut it at 1500).
    page.keyboard.insert_text("p" * 1499)
    assert box.evaluate("el => el.value.length") == 1512
    expect(counter).to_have_text("-12 characters left")
    expect(counter).to_have_class("counter counter--over")
    expect(announcer).to_have_text("12 characters too many")
    expect(page.locator("#comment-form-submit")).to_be_disabled()
    assert counter.get_attribute("aria-live") is None

    # Cutting back under the limit lets the reader post again, and says so.
    page.keyboard.press("Control+End")
    for _ in range(20):
        page.keyboard.press("Backspace")
    expect(counter).to_have_text("8 characters left")
    expect(announcer).to_have_text("8 characters left")
    expect(page.locator("#comment-form-submit")).to_be_enabled()
