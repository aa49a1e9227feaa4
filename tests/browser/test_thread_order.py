"""The order of a thread and new comments arriving, in Chromium (issue 15, items 4 and
5): choosing "Newest" or "Most liked" and paging on, with JavaScript and without it; a
second browser's comment arriving as "1 new comment" and shown in place once pressed."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect
from support import Factory, app_on
from werkzeug.serving import make_server

from newsite.extensions import db
from newsite.models import Comment


@pytest.fixture
def thread_site(migrated_template, tmp_path) -> Iterator[tuple[str, str]]:
    """An article with three comments (the second most liked), two a page, polled every
    second."""
    if migrated_template.startswith("postgresql"):
        pytest.skip("serves a SQLite copy of its own: the SQLite pass runs this")
    shutil.copy(migrated_template, tmp_path / "site.db")
    settings = {"COMMENTS_PER_PAGE": 2, "COMMENT_POLL_SECONDS": 1, "RATELIMIT_ENABLED": False}
    with app_on(f"sqlite:///{tmp_path / 'site.db'}", tmp_path / "media", **settings) as app:
        make = Factory(app)
        article = make.article(slug="ordered-thread")
        comments = [make.comment(article, body=f"Comment {n}.") for n in (1, 2, 3)]
        with app.app_context():
            db.session.execute(
                sa.update(Comment).where(Comment.id == comments[1].id).values(like_count=4)
            )
            db.session.commit()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            path = f"/{article.edition.slug}/{article.section.slug}/ordered-thread"
            yield f"http://127.0.0.1:{server.server_port}", path
        finally:
            server.shutdown()
            thread.join(timeout=5)


def bodies(page: Page):
    return page.locator("#comment-thread > li > article .comment-body")


def test_order_paging_and_a_comment_arriving(page: Page, browser: Browser, thread_site):
    base, path = thread_site
    page.goto(base + path)
    expect(bodies(page)).to_have_text(["Comment 1.", "Comment 2."])
    expect(page.locator("#order-oldest")).to_have_attribute("aria-current", "true")

    page.locator("#order-newest").click()
    expect(bodies(page)).to_have_text(["Comment 3.", "Comment 2."])
    expect(page).to_have_url(re.compile(r"\?order=newest$"))
    expect(page.locator("#order-newest")).to_have_attribute("aria-current", "true")
    expect(page.locator("#order-newest")).to_be_focused()
    page.get_by_text("Show more comments").click()
    expect(bodies(page)).to_have_text(["Comment 3.", "Comment 2.", "Comment 1."])

    # Remembered: the article's plain address opens in the reader's order.
    page.goto(base + path)
    expect(page).to_have_url(re.compile(r"\?order=newest$"))

    # Another reader comments; this page announces it, and shows it where it goes.
    other = browser.new_context()
    try:
        theirs = other.new_page()
        theirs.goto(base + path)
        theirs.get_by_label("Name").first.fill("Salma")
        theirs.locator("#comment-form-body").fill("A comment from elsewhere.")
        theirs.get_by_role("button", name="Post comment").click()
        expect(theirs.get_by_text("Your comment was posted.")).to_be_visible()
    finally:
        other.close()
    button = page.get_by_role("button", name="1 new comment")
    expect(button).to_be_visible(timeout=10_000)
    expect(page.locator("#comments-news")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#comment-count")).to_have_text("3 Comments")
    button.click()
    expect(bodies(page).first).to_have_text("A comment from elsewhere.")
    expect(page.locator("#comment-count")).to_have_text("4 Comments")
    expect(button).to_have_count(0)
    expect(page.locator("template.comments-arrived")).to_have_count(0)

    page.locator("#order-oldest").click()
    expect(page).to_have_url(base + path)
    expect(bodies(page)).to_have_text(["Comment 1.", "Comment 2."])


def test_order_and_paging_without_javascript(browser: Browser, thread_site):
    base, path = thread_site
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + path)
        page.get_by_role("link", name="Most liked").click()
        expect(page).to_have_url(re.compile(r"\?order=liked#comments$"))
        expect(bodies(page)).to_have_text(["Comment 2.", "Comment 1."])
        expect(page.locator("#order-liked")).to_have_attribute("aria-current", "true")
        expect(page.locator("#comments-news")).to_have_count(1)  # inert without JavaScript
        page.get_by_text("Show more comments").click()
        expect(bodies(page)).to_have_text(["Comment 3."])
        page.get_by_text("Back to the first comments").click()
        expect(page).to_have_url(re.compile(r"\?order=liked#comments$"))
        page.get_by_role("link", name="Oldest").click()
        expect(bodies(page)).to_have_text(["Comment 1.", "Comment 2."])
    finally:
        context.close()
