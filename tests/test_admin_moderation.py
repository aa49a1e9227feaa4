"""Moderation: the queue, approve/remove/restore (one or many), settings and blocks."""

from __future__ import annotations

import re

import pytest
from support import Reader, csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Article, Comment, CommentStatus


@pytest.fixture
def desk(signed_in):
    return signed_in("moderator")


def status_of(app, comment) -> str:
    with app.app_context():
        return db.session.get(Comment, comment.id).status


def count_of(app, article) -> int:
    with app.app_context():
        return db.session.get(Article, article.id).comment_count


def act(desk, comment, action, htmx=True):
    token = csrf_from(desk.get("/admin/comments").text)
    headers = {"HX-Request": "true"} if htmx else {}
    return desk.post(
        f"/admin/comments/{comment.id}/{action}", data={"csrf_token": token}, headers=headers
    )


def test_the_queue_shows_pending_first_with_why_and_who(app, desk, make):
    article = make.article(headline="Story with comments")
    make.comment(article, body="An ordinary comment")
    held = make.comment(
        article, body="Cheap casino here", email="spam@example.test", client_hash="abcdef0123456789"
    )
    page = desk.get("/admin/comments").text
    assert page.index("Cheap casino here") < page.index("An ordinary comment")
    row = re.search(rf'<tr id="mod-comment-{held.id}".*?</tr>', page, re.S).group(0)
    assert "held: suspect words: casino" in row and "spam@example.test" in row
    assert "source abcdef01" in row and "Story with comments" in row
    assert "An ordinary comment" not in desk.get("/admin/comments?status=held").text


def test_approving_in_place_makes_the_comment_visible_and_counted(app, desk, make):
    app.config["COMMENT_MODERATION"] = "pre"
    article = make.article()
    comment = make.comment(article)
    response = act(desk, comment, "approve")
    assert response.status_code == 200 and response.text.lstrip().startswith(
        f'<tr id="mod-comment-{comment.id}"'
    )
    assert "status--visible" in response.text
    assert status_of(app, comment) == CommentStatus.VISIBLE and count_of(app, article) == 1


def test_removing_offers_an_undo(app, desk, make):
    article = make.article()
    comment = make.comment(article)
    removed = act(desk, comment, "remove")
    assert ">Undo<" in removed.text and status_of(app, comment) == CommentStatus.REMOVED
    assert count_of(app, article) == 0
    act(desk, comment, "restore")
    assert status_of(app, comment) == CommentStatus.VISIBLE and count_of(app, article) == 1


def test_bulk_actions_apply_to_the_ticked_comments(app, desk, make):
    article = make.article()
    first, second, third = (make.comment(article) for _ in range(3))
    token = csrf_from(desk.get("/admin/comments").text)
    response = desk.post(
        "/admin/comments/bulk",
        headers={"HX-Request": "true"},
        data={"csrf_token": token, "action": "remove", "ids": [first.id, third.id]},
    )
    assert response.status_code == 200 and response.text.count("<tr") == 2
    assert [status_of(app, c) for c in (first, second, third)] == ["removed", "visible", "removed"]
    assert count_of(app, article) == 1


def test_without_javascript_actions_redirect_back_to_the_queue(app, desk, make):
    comment = make.comment(make.article())
    response = act(desk, comment, "remove", htmx=False)
    assert response.status_code == 303 and status_of(app, comment) == CommentStatus.REMOVED


def test_moderation_settings_change_the_mode_and_the_word_lists(app, desk, make):
    token = csrf_from(desk.get("/admin/comments/settings").text)
    desk.post(
        "/admin/comments/settings",
        data={
            "csrf_token": token,
            "mode": "pre",
            "banned": "forbidden phrase\n",
            "suspect": "bargain",
        },
    )
    article = make.article()
    reader = Reader(app.test_client())
    reader.post(article, body="Plain words")
    refused = reader.post(article, body="This has a forbidden phrase in it")
    assert refused.status_code == 422 and "forbidden phrase" in refused.text
    with app.app_context():
        [comment] = db.session.scalars(db.select(Comment)).all()
        assert comment.status == CommentStatus.PENDING
    page = desk.get("/admin/comments/settings").text
    assert (
        re.search(r'<option (selected )?value="pre"( selected)?>', page).group(0).count("selected")
    )
    assert "bargain" in page


def test_a_blocked_email_or_source_cannot_comment(app, desk, make):
    article = make.article()
    reader = Reader(app.test_client())
    reader.post(article, email="troll@mail.example.org", body="First")
    with app.app_context():
        comment = db.session.scalars(db.select(Comment)).one()
    token = csrf_from(desk.get("/admin/comments").text)
    desk.post(f"/admin/comments/{comment.id}/block/email", data={"csrf_token": token})

    again = reader.post(article, email="TROLL@mail.example.org", body="Second")
    assert again.status_code == 422 and "not accepted" in again.text

    desk.post(f"/admin/comments/{comment.id}/block/client", data={"csrf_token": token})
    anonymous = reader.post(article, body="Third, no email")
    assert anonymous.status_code == 422


def test_per_article_comment_settings_are_on_the_article_form(app, make):
    editor = make.editor("editor")
    client = app.test_client()
    sign_in(client, editor.email)
    article = make.article()
    page = client.get(f"/admin/articles/{article.id}").text
    assert 'name="comments"' in page and "Closed" in page and "held for moderation" in page


def test_the_dashboard_shows_pending_counts(app, desk, make):
    app.config["COMMENT_MODERATION"] = "pre"
    article = make.article()
    make.comment(article)
    make.comment(article)
    assert "<strong>2</strong> comments waiting for moderation" in desk.get("/admin/").text


def test_comment_text_is_escaped_in_the_queue(desk, make):
    make.comment(make.article(), body="<img src=x onerror=alert(1)>", name="<b>bold</b>")
    page = desk.get("/admin/comments").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>bold</b>" not in page
