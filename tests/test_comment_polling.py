"""New comments arrive (issue 15, item 5): an open article page asks every
COMMENT_POLL_SECONDS whether comments by others became visible; nothing new is a 204
without a query while the worker's copy is fresh, something new a button "N new
comments" that brings them in with the new count."""

from __future__ import annotations

import re

import pytest

from newsite.comments.services import time_number
from newsite.extensions import cache, db
from newsite.models import Article, Comment

pytestmark = pytest.mark.db

HX = {"HX-Request": "true"}


def poller_url(html: str) -> str:
    found = re.search(r'id="comments-news"[^>]*data-hx-get="([^"]+)"', html)
    assert found, "no poller on the page"
    return found.group(1).replace("&amp;", "&")


def last_comment_number(app, article) -> int:
    with app.app_context():
        return time_number(db.session.get(Article, article.id).last_comment_at)


@pytest.fixture
def article(make):
    article = make.article()
    make.comment(article, body="The first comment.")
    return article


def test_an_open_thread_polls_politely_every_30_seconds(app, reader, article):
    page = reader.page(article)
    poller = re.search(r'<div id="comments-news"[^>]*>', page).group(0)
    assert 'role="status"' in poller and 'aria-live="polite"' in poller
    assert 'data-hx-trigger="every 30s"' in poller
    since = last_comment_number(app, article)
    assert poller_url(page) == f"/comments/articles/{article.id}/new?since={since}"
    assert poller_url(reader.page(article, order="newest")).endswith("&order=newest")


def test_no_poller_on_a_closed_thread_or_when_turned_off(app, make, reader, article):
    closed = make.article(comments_closed=True)
    assert 'id="comments-news"' not in reader.page(closed)
    app.config["COMMENT_POLL_SECONDS"] = 0
    assert 'id="comments-news"' not in reader.page(article)


def test_nothing_new_is_a_204_without_a_query_that_nginx_may_share(
    app, reader, article, count_queries
):
    url = poller_url(reader.page(article))
    first = reader.client.get(url, headers=HX)
    assert first.status_code == 204
    # The same for every reader: shared caches keep it a second (deploy/newsite-proxy.conf).
    assert first.headers["Cache-Control"] == "public, max-age=0, s-maxage=1"
    assert "Cookie" not in first.headers.get("Vary", "")
    assert "Set-Cookie" not in first.headers and "Content-Encoding" not in first.headers
    with count_queries() as queries:
        for _ in range(3):
            assert reader.client.get(url, headers=HX).status_code == 204
    assert queries == []


def test_a_comment_by_someone_else_shows_a_button(app, make, reader, article, count_queries):
    url = poller_url(reader.page(article))
    assert reader.client.get(url, headers=HX).status_code == 204  # this worker's copy
    make.comment(article, body="A second voice.")  # becoming visible clears the copy
    with count_queries() as queries:
        answer = reader.client.get(url, headers=HX)
    assert answer.status_code == 200
    assert "1 new comment<" in answer.text
    assert len(queries) == 2  # the article's newest time, then the count
    make.comment(article, body="A third voice.")
    with count_queries() as queries:
        answer = reader.client.get(url, headers=HX)
    assert "2 new comments" in answer.text
    assert len(queries) == 2
    # The copy is fresh again: only the count is asked for.
    with count_queries() as queries:
        reader.client.get(url, headers=HX)
    assert len(queries) == 1


def test_the_readers_own_comments_are_not_news_to_them(app, reader, article):
    url = poller_url(reader.page(article))
    reader.post(article, body="My own words.", htmx=True)
    answer = reader.client.get(url, headers=HX)
    assert answer.status_code == 204
    # Nothing new to this reader only: no cache shares that.
    assert answer.headers["Cache-Control"] == "private, no-store"


def test_held_comments_are_not_news(app, make, reader, article):
    url = poller_url(reader.page(article))
    make.comment(article, body="Go to the casino now.")  # a suspect word holds it
    assert reader.client.get(url, headers=HX).status_code == 204


def test_an_approved_comment_is_news(app, make, reader, article):
    from newsite.comments.services import approve_comment

    held = make.comment(article, body="Go to the casino now.")
    url = poller_url(reader.page(article))
    with app.app_context():
        approve_comment(db.session.get(Comment, held.id))
    assert "1 new comment" in reader.client.get(url, headers=HX).text


def test_pressing_the_button_brings_the_new_comments_and_the_count(app, make, reader, article):
    url = poller_url(reader.page(article, order="newest"))
    top = make.comment(article, body="A second voice.")
    make.comment(article, parent=top, body="An answer to it.")
    button = reader.client.get(url, headers=HX).text
    fetch = re.search(r'data-hx-get="([^"]+)"', button).group(1).replace("&amp;", "&")
    assert fetch.startswith(f"/comments/articles/{article.id}/arrived?since=")
    answer = reader.client.get(fetch, headers=HX)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "private, no-store"
    html = answer.text
    assert '<template class="comments-arrived" data-place="start">' in html
    assert html.index("A second voice.") < html.index("An answer to it.")
    assert f'<ol data-parent="{top.id}">' in html
    assert '<span id="comment-count" data-hx-swap-oob="true">3 Comments</span>' in html
    # A poller counting from now: nothing new since.
    since = last_comment_number(app, article)
    assert poller_url(html) == f"/comments/articles/{article.id}/new?since={since}&order=newest"
    assert reader.client.get(poller_url(html), headers=HX).status_code == 204
    # Without JavaScript there is nothing to fetch in place: the article shows them.
    assert reader.client.get(fetch).status_code == 303


def test_oldest_first_puts_new_comments_at_the_end(make, reader, article):
    url = poller_url(reader.page(article))
    make.comment(article, body="A second voice.")
    since = url.split("since=")[1]
    answer = reader.client.get(f"/comments/articles/{article.id}/arrived?since={since}", headers=HX)
    assert 'data-place="end"' in answer.text


def test_the_button_counts_in_the_articles_language(make, reader):
    edition = make.edition(language="ar", slug="ar-news", name="أخبار")
    article = make.article(edition=edition)
    url = poller_url(reader.page(article))
    for n in range(3):
        make.comment(article, body=f"تعليق جديد رقم {n}.")
    answer = reader.client.get(url, headers=HX)
    assert answer.status_code == 200
    # ngettext with the number: Arabic's six plural forms pick from it.
    assert re.search(r">[^<]*3[^<]*</button>", answer.text)


@pytest.mark.parametrize(
    "query", ["", "?since=", "?since=-1", "?since=abc", "?since=1e9", "?since=" + "9" * 30]
)
def test_a_malformed_since_is_a_404(reader, article, query):
    assert reader.client.get(f"/comments/articles/{article.id}/new{query}").status_code == 404
    arrived = f"/comments/articles/{article.id}/arrived{query}"
    assert reader.client.get(arrived, headers=HX).status_code == 404


def test_a_poll_for_an_article_that_is_not_public_is_a_404_and_stops_htmx(app, make, reader):
    draft = make.article(status="draft")
    assert reader.client.get(f"/comments/articles/{draft.id}/new?since=0").status_code == 404
    assert reader.client.get("/comments/articles/99999999/new?since=0").status_code == 404
    # An open page's poller is told to stop (htmx stops polling on a 286), not logged.
    stop = reader.client.get(f"/comments/articles/{draft.id}/new?since=0", headers=HX)
    assert stop.status_code == 286 and stop.data == b""
    with app.app_context():
        cache.clear()


def test_an_unknown_order_in_the_poll_is_a_404(make, reader, article):
    make.comment(article, body="A second voice.")
    answer = reader.client.get(f"/comments/articles/{article.id}/new?since=0&order=x")
    assert answer.status_code == 404


def test_the_shared_page_changes_with_the_poll_setting(app, reader, article):
    before = reader.client.get(reader.url(article)).headers["ETag"]
    app.config["COMMENT_POLL_SECONDS"] = 5
    page = reader.client.get(reader.url(article))
    assert page.headers["ETag"] != before
    assert 'data-hx-trigger="every 5s"' in page.text


def test_an_article_whose_comments_became_visible_is_rendered_again(app, make, reader, article):
    first = poller_url(reader.page(article))
    make.comment(article, body="A second voice.")
    assert poller_url(reader.page(article)) != first
