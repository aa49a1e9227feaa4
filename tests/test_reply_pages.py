"""Replies are paged as threads are (issue 13, item 6): a thread shows its first
replies and "Show N more replies", with htmx in place and without JavaScript as a
link, so ten thousand replies never make one enormous page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.db


@pytest.fixture
def long_thread(app, make):
    app.config["REPLIES_PER_THREAD"] = 3
    article = make.article()
    top = make.comment(article, body="The first word.")
    first = make.comment(article, parent=top, body="Reply number 1.")
    for n in range(2, 8):
        # Reply 5 answers reply 1, so it sits under it, one level down.
        parent = first if n == 5 else top
        make.comment(article, parent=parent, body=f"Reply number {n}.")
    return article, top


def replies_in(html: str) -> list[int]:
    return sorted(int(n) for n in re.findall(r"Reply number (\d+)\.", html))


def test_a_long_thread_shows_its_first_replies_and_how_many_more(reader, long_thread):
    article, top = long_thread
    page = reader.page(article)
    assert replies_in(page) == [1, 2, 3]
    assert "Show 4 more replies" in page
    link = re.search(r'class="more-replies"[^>]*><a href="([^"]+)"', page).group(1)
    assert link == f"?replies_of={top.id}&amp;replies_shown=6#comment-{top.id}"


def test_htmx_brings_the_next_replies_in_place_of_the_link(reader, long_thread):
    article, top = long_thread
    headers = {"HX-Request": "true"}
    first = reader.client.get(f"/comments/{top.id}/replies?shown=3", headers=headers)
    assert first.status_code == 200
    assert replies_in(first.text) == [4, 5, 6]
    # Reply 5 answers reply 1, already on the page: it goes under it.
    assert 'data-hx-swap-oob="beforeend:#comment-' in first.text
    assert "Show 1 more reply" in first.text
    last = reader.client.get(f"/comments/{top.id}/replies?shown=6", headers=headers)
    assert replies_in(last.text) == [7]
    assert "more repl" not in last.text


def test_without_javascript_the_link_shows_the_thread_further(reader, long_thread):
    article, top = long_thread
    further = reader.page(article, replies_of=top.id, replies_shown=6)
    assert replies_in(further) == [1, 2, 3, 4, 5, 6]
    assert "Show 1 more reply" in further
    redirected = reader.client.get(f"/comments/{top.id}/replies?shown=3")
    assert redirected.status_code == 303
    assert f"replies_of={top.id}&replies_shown=6" in redirected.headers["Location"]


def test_replies_of_a_reply_or_a_bad_count_are_not_found(reader, long_thread, app):
    article, top = long_thread
    page = reader.page(article)
    reply_id = int(
        re.search(r'id="comment-(\d+)"', page.split("Reply number 1.")[0][-400:]).group(1)
    )
    assert reader.client.get(f"/comments/{reply_id}/replies?shown=1").status_code == 404
    assert reader.client.get(f"/comments/{top.id}/replies?shown=x").status_code == 404
