"""htmx readers see every error (issue 13, item 3): a locked database while posting a
comment or voting, and a site that cannot be reached, each answered where the reader
is looking, with what they typed kept."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page, expect
from support import Factory, app_on
from werkzeug.serving import make_server


@pytest.fixture
def lockable_site(migrated_template, tmp_path) -> Iterator[tuple[str, str, str]]:
    """A site of its own on a SQLite file the test can lock: (base URL, article path, file)."""
    if migrated_template.startswith("postgresql"):
        pytest.skip("locks a SQLite file: the SQLite pass runs this")
    database = tmp_path / "site.db"
    shutil.copy(migrated_template, database)
    settings = {"SQLITE_BUSY_TIMEOUT": 0.2, "RATELIMIT_ENABLED": False}
    with app_on(f"sqlite:///{database}", tmp_path / "media", **settings) as app:
        article = Factory(app).article(slug="locked-story")
        path = f"/{article.edition.slug}/{article.section.slug}/locked-story"
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", path, str(database)
        finally:
            server.shutdown()
            thread.join(timeout=5)


@contextmanager
def locked(database: str) -> Iterator[None]:
    """Another process's write transaction holds the database: writers wait, then fail."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def new_page(browser: Browser) -> Page:
    # Chromium logs the 503s and the failed request as console errors: they are what
    # this test provokes, so it uses a page of its own rather than the `page` fixture,
    # whose check fails on any console error.
    return browser.new_context().new_page()


def test_a_locked_database_while_posting_shows_the_message_and_keeps_the_text(
    browser: Browser, lockable_site
):
    base, path, database = lockable_site
    page = new_page(browser)
    page.goto(base + path)
    page.fill("#comment-form-name", "Nadia")
    page.fill("#comment-form-body", "Written while the database was busy.")
    with locked(database):
        page.click("#comment-form-submit")
        expect(page.locator("#comment-form-status")).to_contain_text(
            "Your comment is still in the box."
        )
    expect(page.locator("#comment-form-body")).to_have_value("Written while the database was busy.")
    page.context.close()


def test_a_locked_database_while_voting_says_so_by_the_buttons(browser: Browser, lockable_site):
    base, path, database = lockable_site
    page = new_page(browser)
    page.goto(base + path)
    with locked(database):
        page.click(".vote-button--yes")
        expect(page.locator("#article-vote-status")).to_contain_text("We could not save")
    expect(page.locator(".vote-button--yes")).to_have_attribute("aria-pressed", "false")
    page.context.close()


def test_a_site_that_cannot_be_reached_is_said_so_with_the_text_kept(
    browser: Browser, base_url: str
):
    page = new_page(browser)
    page.goto(base_url + "/iraq/security/checkpoint-reopens-on-the-road-to-the-northern-crossing")
    page.route("**/comments/articles/**", lambda route: route.abort("internetdisconnected"))
    page.fill("#comment-form-name", "Omar")
    page.fill("#comment-form-body", "Typed on a train going into a tunnel.")
    page.click("#comment-form-submit")
    expect(page.locator("#comment-form-status")).to_contain_text("could not be reached")
    expect(page.locator("#comment-form-body")).to_have_value(
        "Typed on a train going into a tunnel."
    )
    page.context.close()
