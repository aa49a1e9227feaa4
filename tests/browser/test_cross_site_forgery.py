"""Another website's page cannot make a reader's browser write to this site.

A second local HTTP server, on another origin, serves an attacker's pages: one
auto-submits a plain HTML form that posts a comment, the other fires `fetch` posts
(`no-cors`, with credentials) of a comment and a vote. In Chromium, with a victim who
already has a reader cookie, each lands on a 403 and nothing is stored; the site's
own page still posts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect

from newsite.extensions import db
from newsite.models import Article, ArticleVote, Comment

TARGET = "Night patrols added at Basra port after warehouse break-ins"
# Another article, where the victim votes first so that their browser holds a cookie.
ELSEWHERE = "Kirkuk council ends months of deadlock with a rotating chair"
REFUSED = "This request came from another website"

FORM_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>You won a prize</title></head>
<body>
<form id="forged" method="post" action="{site}/comments/articles/{article_id}">
  <input name="name" value="Forger">
  <textarea name="body">A comment the reader never wrote (form)</textarea>
</form>
<script>
window.addEventListener("load", () => setTimeout(() => {{
  document.getElementById("forged").submit();
}}, 0));
</script>
</body></html>
"""

FETCH_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cute cats</title></head>
<body>
<script>
const site = "{site}";
const comment = new URLSearchParams({{
  name: "Forger", body: "A comment the reader never wrote (fetch)", website: ""
}});
const vote = new FormData();
vote.append("choice", "yes");
const sent = {{method: "POST", mode: "no-cors", credentials: "include"}};
Promise.allSettled([
  fetch(site + "/comments/articles/{article_id}", {{...sent, body: comment}}),
  fetch(site + "/votes/articles/{article_id}", {{...sent, body: vote}}),
]).then(results => {{
  window.attackResults = results.map(
    r => r.status === "fulfilled" ? r.value.type : "failed: " + r.reason
  );
}});
</script>
</body></html>
"""


@dataclass
class Attacker:
    base_url: str
    pages: dict[str, str]


@pytest.fixture(params=["localhost", "127.0.0.1"], ids=["cross-site", "same-site-other-port"])
def attacker(request: pytest.FixtureRequest) -> Iterator[Attacker]:
    """A second HTTP server, another origin: `localhost` is another site than the live
    server's 127.0.0.1; 127.0.0.1 on another port is the same site but another origin
    (the reader's SameSite=Lax cookie is then sent along)."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            body = pages.get(urlsplit(self.path).path)
            if body is None:
                self.send_response(204)  # the favicon, anything else: nothing
                self.end_headers()
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Attacker(f"http://{request.param}:{server.server_port}", pages)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def find(site: Flask, headline: str) -> tuple[int, str]:
    """The article's id and path on the seeded site."""
    with site.app_context():
        article = db.session.scalar(sa.select(Article).filter_by(headline=headline))
        path = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
        return article.id, path


def stored(site: Flask, article_id: int) -> dict[str, object]:
    """What a write to the article could have changed, read from the database."""
    with site.app_context():
        article = db.session.get(Article, article_id)
        db.session.refresh(article)
        return {
            "comments": db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Comment)
                .where(Comment.article_id == article_id)
            ),
            "forged": db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Comment)
                .where(Comment.body.like("A comment the reader never wrote%"))
            ),
            "votes": db.session.scalar(
                sa.select(sa.func.count())
                .select_from(ArticleVote)
                .where(ArticleVote.article_id == article_id)
            ),
            "counters": (article.comment_count, article.votes_yes, article.votes_no),
        }


def become_a_reader(page: Page, base_url: str, path: str) -> None:
    """Vote once on the site, so the browser holds a reader cookie as a victim would."""
    page.goto(base_url + path)
    page.locator(".vote-button--no").click()
    expect(page.locator(".vote-button--no")).to_have_attribute("aria-pressed", "true")
    assert any(c["name"] == "reader" for c in page.context.cookies(base_url))


def test_another_sites_form_and_fetch_posts_are_refused_and_store_nothing(
    page: Page, base_url: str, site: Flask, attacker: Attacker
):
    article_id, path = find(site, TARGET)
    _, elsewhere = find(site, ELSEWHERE)
    become_a_reader(page, base_url, elsewhere)
    before = stored(site, article_id)
    attacker.pages["/form.html"] = FORM_PAGE.format(site=base_url, article_id=article_id)
    attacker.pages["/fetch.html"] = FETCH_PAGE.format(site=base_url, article_id=article_id)
    answers: list[tuple[str, str, int]] = []
    page.on(
        "response",
        lambda r: (
            answers.append((r.request.method, r.url, r.status))
            if r.request.method == "POST"
            else None
        ),
    )

    # (a) A plain form that submits itself: the reader lands on a 403 that says why.
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/comments/articles/" in r.url
    ) as refused:
        page.goto(attacker.base_url + "/form.html", wait_until="commit")
    assert refused.value.status == 403
    expect(page).to_have_url(f"{base_url}/comments/articles/{article_id}")
    expect(page.locator("main")).to_contain_text(REFUSED)
    expect(page.locator("main")).to_contain_text("nothing was saved")

    # (b) fetch posts of a comment and a vote, the reader's cookie included if allowed.
    page.goto(attacker.base_url + "/fetch.html")
    page.wait_for_function("window.attackResults !== undefined")
    # Both requests reached the site (an opaque answer, not a network error)...
    assert page.evaluate("window.attackResults") == ["opaque", "opaque"]
    # ...and the site refused them.
    fetched = [(m, u, s) for m, u, s in answers if "/fetch" not in u]
    assert (
        "POST",
        f"{base_url}/comments/articles/{article_id}",
        403,
    ) in fetched, answers
    assert ("POST", f"{base_url}/votes/articles/{article_id}", 403) in fetched, answers

    assert stored(site, article_id) == before
    assert before["forged"] == 0


def test_the_sites_own_page_still_posts_with_htmx(page: Page, base_url: str, site: Flask):
    article_id, path = find(site, TARGET)
    before = stored(site, article_id)
    page.goto(base_url + path)
    page.evaluate("window.notReloaded = true")

    page.fill("#comment-form-name", "Hadi")
    page.fill("#comment-form-body", "Written on the site itself, so it counts.")
    page.click("#comment-form-submit")

    expect(page.locator("#comment-thread > li").last).to_contain_text(
        "Written on the site itself, so it counts."
    )
    assert page.evaluate("window.notReloaded") is True
    after = stored(site, article_id)
    assert after["comments"] == before["comments"] + 1
