"""One article page for every reader; each reader's own parts arrive after it.

In Chromium: a returning reader gets the shared page (publicly cacheable, the same
for everyone), and htmx then fills in their vote and their comment awaiting
moderation from `/mine/articles/<id>`; another reader sees neither.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from newsite.extensions import db
from newsite.models import Article

STORY = "Aleppo municipal council opens its monthly sessions to the public"
# A suspect word holds the comment for moderation (the site posts others at once).
HELD = "Will they discuss the casino licence in public too?"
AWAITING = "Your comment is awaiting moderation."


def path_of(site: Flask, headline: str) -> str:
    with site.app_context():
        article = db.session.scalar(sa.select(Article).filter_by(headline=headline))
        return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def yes(page: Page):
    return page.locator(".vote-button--yes")


def test_a_returning_reader_sees_their_vote_and_pending_comment_on_the_shared_page(
    page: Page, browser: Browser, base_url: str, site: Flask
):
    url = base_url + path_of(site, STORY)
    page.goto(url)
    yes(page).click()
    expect(yes(page)).to_have_attribute("aria-pressed", "true")
    page.fill("#comment-form-name", "Rima")
    page.fill("#comment-form-body", HELD)
    page.click("#comment-form-submit")
    expect(page.locator("#comment-thread")).to_contain_text(HELD)
    yes_count = yes(page).locator(".vote-count").inner_text()

    # Back later: the page is the shared one, their own parts come after it.
    with page.expect_response(lambda r: "/mine/articles/" in r.url) as mine:
        shared = page.reload()
    assert "public" in shared.headers["cache-control"]
    assert mine.value.status == 200
    assert "private" in mine.value.headers["cache-control"]
    expect(yes(page)).to_have_attribute("aria-pressed", "true")
    expect(yes(page).locator(".vote-count")).to_have_text(yes_count)
    own = page.locator("#comment-thread li", has_text=HELD)
    expect(own).to_have_count(1)
    expect(own).to_contain_text(AWAITING)

    # Another reader, another browser: the same page, without the first one's parts.
    other = browser.new_context()
    try:
        stranger = other.new_page()
        with stranger.expect_response(lambda r: "/mine/articles/" in r.url) as nothing:
            stranger.goto(url)
        assert nothing.value.status == 204
        expect(yes(stranger).locator(".vote-count")).to_have_text(yes_count)
        expect(yes(stranger)).to_have_attribute("aria-pressed", "false")
        expect(stranger.locator(".vote-button--no")).to_have_attribute("aria-pressed", "false")
        expect(stranger.locator("#comment-thread")).not_to_contain_text(HELD)
        expect(stranger.locator("main")).not_to_contain_text(AWAITING)
    finally:
        other.close()
