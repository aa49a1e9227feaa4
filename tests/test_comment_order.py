"""Readers choose the order of a thread (issue 15, item 4): oldest first (no argument),
newest first or most liked first, in the URL (each a shared, cached page), paged on in
that order, and remembered in a cookie that only the choice sets."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from newsite.extensions import db
from newsite.models import Comment

pytestmark = pytest.mark.db

HX = {"HX-Request": "true"}


@pytest.fixture
def thread(app, make):
    """Four top-level comments (the third most liked), a reply to the first."""
    article = make.article()
    tops = [make.comment(article, body=f"Top number {n}.") for n in range(1, 5)]
    make.comment(article, parent=tops[0], body="Reply number 1.")
    with app.app_context():
        for comment, likes in zip(tops, (1, 0, 5, 1), strict=True):
            db.session.execute(
                sa.update(Comment).where(Comment.id == comment.id).values(like_count=likes)
            )
        db.session.commit()
    return article


def tops_in(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"Top number (\d+)\.", html)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [({}, [1, 2, 3, 4]), ({"order": "newest"}, [4, 3, 2, 1]), ({"order": "liked"}, [3, 1, 4, 2])],
)
def test_the_order_in_the_url_orders_top_level_comments(reader, thread, query, expected):
    page = reader.page(thread, **query)
    assert tops_in(page) == expected
    # Replies stay under their parent in every order.
    assert page.index("Top number 1.") < page.index("Reply number 1.")


def test_the_chosen_order_is_marked_and_each_choice_is_a_link(reader, thread):
    page = reader.page(thread, order="liked")
    current = re.findall(r'<a id="order-(\w+)"[^>]*aria-current="true"', page)
    assert current == ["liked"]
    for order in ("oldest", "newest", "liked"):
        choose = f"/comments/articles/{thread.id}/order/{order}"
        assert f'href="{choose}" data-hx-get="{choose}"' in page
    assert f'data-hx-push-url="{reader.url(thread, order="newest")}"' in page
    assert f'data-hx-push-url="{reader.url(thread)}"' in page


def test_each_order_is_its_own_shared_page(reader, thread):
    oldest = reader.client.get(reader.url(thread))
    newest = reader.client.get(reader.url(thread, order="newest"))
    assert oldest.headers["Cache-Control"].startswith("public")
    assert newest.headers["Cache-Control"].startswith("public")
    assert oldest.headers["ETag"] != newest.headers["ETag"]
    assert "Set-Cookie" not in oldest.headers and "Set-Cookie" not in newest.headers
    # Arguments the page does not read share its copy.
    tracked = reader.client.get(reader.url(thread, order="newest", utm_source="x"))
    assert tracked.headers["ETag"] == newest.headers["ETag"]


@pytest.mark.parametrize("value", ["random", "", "NEWEST", "oldest%00"])
def test_an_unknown_order_is_a_404(reader, thread, value):
    assert reader.client.get(reader.url(thread, order=value)).status_code == 404


def test_choosing_with_htmx_answers_the_first_page_and_sets_the_cookie(reader, thread):
    answer = reader.client.get(f"/comments/articles/{thread.id}/order/newest", headers=HX)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "private, no-store"
    assert 'id="comment-threads"' in answer.text
    assert tops_in(answer.text) == [4, 3, 2, 1]
    assert "comment_order=newest" in answer.headers["Set-Cookie"]
    assert "HttpOnly" in answer.headers["Set-Cookie"]


def test_choosing_without_javascript_redirects_to_the_article_in_that_order(reader, thread):
    answer = reader.client.get(f"/comments/articles/{thread.id}/order/liked")
    assert answer.status_code == 303
    assert answer.headers["Location"] == reader.url(thread, order="liked") + "#comments"
    assert "comment_order=liked" in answer.headers["Set-Cookie"]


def test_a_reader_with_an_order_is_sent_to_it_before_any_cache(reader, thread):
    reader.client.get(f"/comments/articles/{thread.id}/order/newest")
    answer = reader.client.get(reader.url(thread, comments_page=1, utm_source="x"))
    assert answer.status_code == 302
    assert answer.headers["Location"] == reader.url(thread, comments_page=1, order="newest")
    assert answer.headers["Cache-Control"] == "private, no-store"
    # With an order in the URL, the page is the shared one whatever the cookie says.
    assert tops_in(reader.page(thread, order="liked")) == [3, 1, 4, 2]


def test_choosing_oldest_again_clears_the_cookie(reader, thread):
    reader.client.get(f"/comments/articles/{thread.id}/order/newest")
    answer = reader.client.get(f"/comments/articles/{thread.id}/order/oldest")
    assert answer.headers["Location"] == reader.url(thread) + "#comments"
    assert "comment_order=;" in answer.headers["Set-Cookie"]
    assert reader.client.get(reader.url(thread)).status_code == 200


def test_a_forged_cookie_value_is_ignored(reader, thread, client):
    client.set_cookie("comment_order", "<script>")
    assert client.get(reader.url(thread)).status_code == 200


def test_choosing_for_an_unknown_article_or_order_is_a_404(reader, thread):
    assert reader.client.get("/comments/articles/99999/order/newest").status_code == 404
    assert reader.client.get(f"/comments/articles/{thread.id}/order/best").status_code == 404


def test_show_more_comments_continues_in_the_chosen_order(app, reader, thread):
    app.config["COMMENTS_PER_PAGE"] = 2
    first = reader.page(thread, order="newest")
    assert tops_in(first) == [4, 3]
    more = f"/comments/articles/{thread.id}/page/2?order=newest"
    assert f'data-hx-get="{more}"' in first
    assert reader.url(thread, comments_page=2, order="newest") in first.replace("&amp;", "&")
    fragment = reader.client.get(more, headers=HX)
    assert tops_in(fragment.text) == [2, 1]
    # Without JavaScript: the page itself, and the fragment's address redirects to it.
    assert tops_in(reader.page(thread, order="liked", comments_page=2)) == [4, 2]
    redirected = reader.client.get(f"/comments/articles/{thread.id}/page/2?order=liked")
    assert redirected.headers["Location"].endswith("comments_page=2&order=liked#comments")
    assert reader.client.get(f"{more[:-6]}bad", headers=HX).status_code == 404


def test_the_readers_own_parts_follow_the_order(reader, thread):
    reader.post(thread, body="My own words, held.", website="filled")
    newest = reader.client.get(f"/mine/articles/{thread.id}?order=newest&last=1", headers=HX)
    assert "My own words, held." in newest.text
    assert 'data-hx-swap-oob="afterbegin:#comment-thread"' in newest.text
    oldest = reader.client.get(f"/mine/articles/{thread.id}?last=1", headers=HX)
    assert 'data-hx-swap-oob="beforeend:#comment-thread"' in oldest.text
    page = reader.page(thread, order="newest")
    assert f"/mine/articles/{thread.id}?last=1&amp;order=newest" in page
