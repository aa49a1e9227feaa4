"""Links to one comment (issue 15, item 10): a comment's time links to `/comments/<id>`,
which redirects to the page of the article that shows it in the reader's order,
anchored at it; comments not shown to everyone are the branded 404."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from newsite.comments.services import remove_comment
from newsite.extensions import db
from newsite.models import Article, ArticleStatus, Comment, CommentStatus

pytestmark = pytest.mark.db


@pytest.fixture
def thread(app, make):
    """Five top-level comments, two a page; the first has four replies."""
    app.config.update(COMMENTS_PER_PAGE=2, REPLIES_PER_THREAD=2)
    article = make.article()
    tops = [make.comment(article, body=f"Top number {n}.") for n in range(1, 6)]
    replies = [make.comment(article, parent=tops[0], body=f"Reply {n}.") for n in range(1, 5)]
    return article, tops, replies


def location(client, comment_id: int) -> str:
    answer = client.get(f"/comments/{comment_id}")
    assert answer.status_code == 302
    assert answer.headers["Cache-Control"] == "private, no-store"
    return answer.headers["Location"]


def test_the_time_of_a_comment_links_to_it(reader, thread):
    article, tops, _ = thread
    page = reader.page(article)
    assert f'<a href="/comments/{tops[0].id}"><time' in page


def test_a_link_leads_to_the_page_that_shows_the_comment(reader, thread):
    article, tops, _ = thread
    assert location(reader.client, tops[0].id) == reader.url(article) + f"#comment-{tops[0].id}"
    third = location(reader.client, tops[2].id)
    assert third == reader.url(article, comments_page=2) + f"#comment-{tops[2].id}"
    assert f'id="comment-{tops[2].id}"' in reader.client.get(third.split("#")[0]).text


def test_a_link_follows_the_readers_order(reader, thread):
    article, tops, _ = thread
    reader.client.get(f"/comments/articles/{article.id}/order/newest")
    first = location(reader.client, tops[0].id)
    assert first == reader.url(article, comments_page=3, order="newest") + f"#comment-{tops[0].id}"
    last = location(reader.client, tops[4].id)
    assert last == reader.url(article, order="newest") + f"#comment-{tops[4].id}"


def test_a_link_to_a_reply_opens_its_thread_far_enough(reader, thread):
    article, tops, replies = thread
    shown = location(reader.client, replies[1].id)
    assert shown == reader.url(article) + f"#comment-{replies[1].id}"
    hidden = location(reader.client, replies[3].id)
    expected = reader.url(article, replies_of=tops[0].id, replies_shown=4)
    assert hidden == f"{expected}#comment-{replies[3].id}"
    assert "Reply 4." in reader.client.get(hidden.split("#")[0]).text


def test_a_link_survives_the_articles_move(app, make, reader, thread):
    article, tops, _ = thread
    elsewhere = make.section(slug="elsewhere")
    with app.app_context():
        db.session.execute(
            sa.update(Article).where(Article.id == article.id).values(section_id=elsewhere.id)
        )
        db.session.commit()
    assert location(reader.client, tops[0].id).startswith(
        f"/{article.edition.slug}/elsewhere/{article.slug}"
    )


def test_removed_held_and_unpublished_comments_are_a_branded_404(app, make, reader, thread):
    article, tops, _ = thread
    held = make.comment(article, body="Go to the casino now.")
    with app.app_context():
        remove_comment(db.session.get(Comment, tops[1].id))
        db.session.execute(
            sa.update(Comment).where(Comment.id == tops[3].id).values(status=CommentStatus.REVIEW)
        )
        db.session.commit()
    for comment_id in (held.id, tops[1].id, tops[3].id, 99999, 2**31 - 1):
        answer = reader.client.get(f"/comments/{comment_id}")
        assert answer.status_code == 404
        assert 'class="site-header' in answer.text or "<header" in answer.text
    with app.app_context():
        db.session.execute(
            sa.update(Article).where(Article.id == article.id).values(status=ArticleStatus.DRAFT)
        )
        db.session.commit()
    assert reader.client.get(f"/comments/{tops[0].id}").status_code == 404


@pytest.mark.parametrize("path", ["/comments/0", "/comments/-1", "/comments/" + "9" * 30])
def test_malformed_ids_are_a_404(reader, thread, path):
    assert reader.client.get(path).status_code == 404


def test_a_pending_comment_links_to_itself_on_its_page(reader, thread):
    article, _, _ = thread
    reader.post(article, body="Mine, held.", website="filled")
    mine = reader.client.get(reader.url(article, mine=1, comments_page=3)).text
    held = re.search(r'<li class="comment comment--pending" id="comment-(\d+)"', mine).group(1)
    assert f'<a href="#comment-{held}"><time' in mine
