"""Moderation: visible, pending or removed; modes, held and banned words, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsite.comments.services import approve_comment, remove_comment
from newsite.extensions import db
from newsite.models import Article, Comment, CommentStatus, utcnow


def stored(app, article) -> list[Comment]:
    with app.app_context():
        return list(db.session.scalars(db.select(Comment).filter_by(article_id=article.id)))


def test_post_moderation_shows_a_comment_at_once(app, reader, make):
    article = make.article()
    reader.post(article, body="Straight through")
    assert stored(app, article)[0].status == CommentStatus.VISIBLE


def test_pre_moderation_holds_comments_and_tells_the_commenter(app, client, reader, make):
    app.config["COMMENT_MODERATION"] = "pre"
    article = make.article()

    response = reader.post(article, htmx=True, body="Please approve me")

    [comment] = stored(app, article)
    assert comment.status == CommentStatus.PENDING and comment.held_reason == "pre-moderation"
    assert "Your comment is awaiting moderation." in response.text
    own_view = reader.page(article, mine=1)  # where the commenter lands without JavaScript
    assert "Please approve me" in own_view and "Your comment is awaiting moderation." in own_view
    assert "0 Comments" in own_view
    own_parts = client.get(f"/mine/articles/{article.id}?last=1", headers={"HX-Request": "true"})
    assert "Please approve me" in own_parts.text  # what htmx adds to the shared page
    assert "Please approve me" not in reader.page(article)  # the page every reader shares

    stranger = app.test_client()
    assert "Please approve me" not in stranger.get(reader.url(article)).text
    assert "Please approve me" not in stranger.get(reader.url(article, mine=1)).text


@pytest.mark.parametrize(
    ("site", "article_mode", "status"),
    [
        ("pre", "post", CommentStatus.VISIBLE),
        ("post", "pre", CommentStatus.PENDING),
    ],
)
def test_an_article_can_override_the_site_moderation_mode(
    app, reader, make, site, article_mode, status
):
    app.config["COMMENT_MODERATION"] = site
    article = make.article(comment_moderation=article_mode)
    reader.post(article)
    assert stored(app, article)[0].status == status


def test_approving_a_held_comment_makes_it_count(app, reader, make):
    app.config["COMMENT_MODERATION"] = "pre"
    article = make.article()
    reader.post(article, body="Held then approved")
    with app.app_context():
        approve_comment(db.session.scalars(db.select(Comment)).one())
    assert "1 Comment" in app.test_client().get(reader.url(article)).text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("See https://a.test and https://b.test and https://c.test", "too many links"),
        ("Best CASINO bonus here", "suspect words: casino"),
    ],
)
def test_comments_with_many_links_or_suspect_words_are_held(app, reader, make, body, reason):
    article = make.article()
    reader.post(article, body=body)
    [comment] = stored(app, article)
    assert comment.status == CommentStatus.PENDING and comment.held_reason == reason


def test_two_links_are_fine(app, reader, make):
    article = make.article()
    reader.post(article, body="Compare https://a.test with https://b.test")
    assert stored(app, article)[0].status == CommentStatus.VISIBLE


def test_a_suspect_word_inside_another_word_is_not_suspect(app, reader, make):
    article = make.article()
    reader.post(
        article, body="The casinos of the old town were closed in 1990."
    )  # "casinos" != "casino"
    assert stored(app, article)[0].status == CommentStatus.VISIBLE


@pytest.mark.parametrize("htmx", [True, False])
def test_a_banned_word_refuses_the_comment_with_a_clear_message(app, reader, make, htmx):
    article = make.article()
    response = reader.post(article, htmx=htmx, body="You should go die, honestly")
    assert response.status_code == 422
    assert "Your comment contains words we do not publish (go die)" in response.text
    assert "You should go die, honestly" in response.text  # kept to edit
    assert stored(app, article) == []


def test_the_honeypot_holds_a_bot(app, reader, make):
    article = make.article()
    reader.post(article, website="http://spam.test")
    assert stored(app, article)[0].held_reason == "honeypot"


def test_closed_comments_show_a_notice_and_refuse_posts(app, reader, make):
    article = make.article(comments_closed=True)
    page = reader.page(article)
    assert "Comments are closed." in page and 'id="comment-form"' not in page
    assert "reply-link" not in page

    response = reader.post(article, body="Too late")
    assert response.status_code == 422 and "Comments are closed." in response.text
    assert stored(app, article) == []


def test_comments_close_automatically_after_the_set_number_of_days(app, reader, make):
    app.config["COMMENTS_CLOSE_AFTER_DAYS"] = 7
    fresh = make.article(published_at=utcnow() - timedelta(days=6))
    old = make.article(published_at=utcnow() - timedelta(days=8))
    assert 'id="comment-form"' in reader.page(fresh)
    assert "Comments are closed." in reader.page(old)


def test_removing_a_comment_with_replies_leaves_a_tombstone(app, reader, make):
    article = make.article()
    parent = make.comment(article, body="Something regrettable")
    make.comment(article, parent=parent, body="A reply that needs context")
    with app.app_context():
        remove_comment(db.session.get(Comment, parent.id))

    page = reader.page(article)
    assert "This comment was removed." in page and "Something regrettable" not in page
    assert "A reply that needs context" in page and "1 Comment" in page


def test_a_removed_comment_without_replies_disappears(app, reader, make):
    article = make.article()
    lone = make.comment(article, body="Gone without a trace")
    with app.app_context():
        remove_comment(db.session.get(Comment, lone.id))
        assert db.session.get(Article, article.id).comment_count == 0
    page = reader.page(article)
    assert "Gone without a trace" not in page and "This comment was removed." not in page


def test_nobody_can_reply_to_a_removed_or_pending_comment(app, reader, make):
    article = make.article()
    parent = make.comment(article)
    with app.app_context():
        remove_comment(db.session.get(Comment, parent.id))
    response = reader.post(article, parent_id=str(parent.id), body="Replying anyway")
    assert response.status_code == 422
    assert "no longer available" in response.text and "Replying anyway" in response.text


def test_removing_twice_at_once_counts_once(app, make):
    from newsite.comments.services import remove_comment

    article = make.article()
    comment = make.comment(article)
    make.comment(article)
    with app.app_context():
        first = db.session.get(Comment, comment.id)
        remove_comment(first)
        remove_comment(first)  # a double click: the second finds nothing to change
        assert db.session.get(Article, article.id).comment_count == 1
