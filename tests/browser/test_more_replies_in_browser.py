"""'Show more replies' in Chromium: the next replies arrive in place, each under what
it answers, in order, with no script error (the `page` fixture fails on any)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from support import Factory, app_on
from werkzeug.serving import make_server


@pytest.fixture
def thread_site(migrated_template, tmp_path) -> Iterator[tuple[str, str]]:
    if migrated_template.startswith("postgresql"):
        pytest.skip("serves a SQLite copy of its own: the SQLite pass runs this")
    shutil.copy(migrated_template, tmp_path / "site.db")
    settings = {"REPLIES_PER_THREAD": 2, "RATELIMIT_ENABLED": False}
    with app_on(f"sqlite:///{tmp_path / 'site.db'}", tmp_path / "media", **settings) as app:
        make = Factory(app)
        article = make.article(slug="long-thread")
        top = make.comment(article, body="Opening comment.")
        first = make.comment(article, parent=top, body="Reply 1.")
        for n in range(2, 6):
            make.comment(article, parent=first if n == 4 else top, body=f"Reply {n}.")
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            path = f"/{article.edition.slug}/{article.section.slug}/long-thread"
            yield f"http://127.0.0.1:{server.server_port}", path
        finally:
            server.shutdown()
            thread.join(timeout=5)


def test_show_more_replies_brings_them_in_place_and_in_order(page: Page, thread_site):
    base, path = thread_site
    page.goto(base + path)
    bodies = page.locator(".comment-body")
    expect(bodies).to_have_text(["Opening comment.", "Reply 1.", "Reply 2."])
    page.get_by_text("Show 3 more replies").click()
    expect(page.get_by_text("Show 1 more reply")).to_be_visible()
    page.get_by_text("Show 1 more reply").click()
    expect(page.locator(".more-replies")).to_have_count(0)
    # Reply 4 answers reply 1: it is under it; the others follow in time.
    expect(bodies).to_have_text(
        ["Opening comment.", "Reply 1.", "Reply 4.", "Reply 2.", "Reply 3.", "Reply 5."]
    )
