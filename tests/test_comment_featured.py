"""Featured comments (chosen by moderators, at most three an article) and trusted
commenters (published at once under pre-moderation)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from support import csrf_from

from newsite.comments.services import approve_comment, remove_comment
from newsite.extensions import db
from newsite.models import Comment, CommentStatus, utcnow

BLOCK = "Featured comments"


@pytest.fixture
def desk(signed_in):
    return signed_in("moderator")


def feature(desk, comment, action="feature", from_page=False):
    token = csrf_from(desk.get("/admin/comments").text)
    target = f"feature-{comment.id}" if from_page else f"mod-comment-{comment.id}"
    return desk.post(
        f"/admin/comments/{comment.id}/{action}",
        data={"csrf_token": token},
        headers={"HX-Request": "true", "HX-Target": target},
    )


def featured_at(app, comment):
    with app.app_context():
        return db.session.get(Comment, comment.id).featured_at


def test_a_featured_comment_is_labelled_and_listed_above_the_thread(app, desk, reader, make):
    article = make.article()
    make.comment(article, body="An ordinary comment")
    chosen = make.comment(article, body="A comment worth reading")
    assert BLOCK not in reader.page(article)
    response = feature(desk, chosen)
    assert response.status_code == 200 and ">Unfeature<" in response.text  # the queue's row
    page = reader.page(article)  # the shared page changed with the thread
    block = re.search(r'<section class="featured-comments".*?</section>', page, re.S).group(0)
    assert BLOCK in block and "A comment worth reading" in block
    assert "An ordinary comment" not in block and f'href="#comment-{chosen.id}"' in block
    item = re.search(rf'<li class="comment[^"]*" id="comment-{chosen.id}".*?</article>', page, re.S)
    assert "comment--featured" in item.group(0) and "Featured</span>" in item.group(0)
    feature(desk, chosen, "unfeature")
    assert featured_at(app, chosen) is None
    assert BLOCK not in reader.page(article)


def test_at_most_three_comments_of_an_article_are_featured(app, desk, make):
    article = make.article()
    comments = [make.comment(article) for _ in range(4)]
    for comment in comments[:3]:
        assert feature(desk, comment).status_code == 200
    refused = feature(desk, comments[3])
    assert refused.status_code == 422
    assert "An article can have at most 3 featured comments. Unfeature one first." in refused.text
    assert featured_at(app, comments[3]) is None
    other = make.comment(make.article())  # another article has its own three
    assert feature(desk, other).status_code == 200
    feature(desk, comments[0], "unfeature")
    assert feature(desk, comments[3]).status_code == 200


def test_only_a_shown_comment_is_featured(app, desk, make):
    article = make.article()
    held = make.comment(article, body="Cheap casino")
    refused = feature(desk, held)
    assert refused.status_code == 422 and "Only a comment that is shown can be featured." in (
        refused.text
    )
    assert featured_at(app, held) is None


def test_a_removed_featured_comment_leaves_the_block(app, desk, reader, make):
    article = make.article()
    chosen = make.comment(article, body="Featured then removed")
    feature(desk, chosen)
    with app.app_context():
        remove_comment(db.session.get(Comment, chosen.id))
    assert BLOCK not in reader.page(article)


def test_only_moderators_feature(app, make, signed_in):
    comment = make.comment(make.article())
    editor = signed_in("editor")
    token = csrf_from(editor.get("/admin/articles").text)
    response = editor.post(f"/admin/comments/{comment.id}/feature", data={"csrf_token": token})
    assert response.status_code == 403
    stranger = app.test_client()
    assert stranger.post(f"/admin/comments/{comment.id}/feature").status_code in (400, 401)
    assert featured_at(app, comment) is None


def test_featuring_needs_the_csrf_token(app, desk, make):
    comment = make.comment(make.article())
    response = desk.post(f"/admin/comments/{comment.id}/feature", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert featured_at(app, comment) is None


def test_a_moderator_gets_feature_buttons_on_the_article_page(app, desk, reader, make):
    article = make.article()
    top = make.comment(article)
    reply = make.comment(article, parent=top)
    held = make.comment(article, body="Cheap casino")
    mine = desk.get(f"/mine/articles/{article.id}", headers={"HX-Request": "true"})
    assert mine.status_code == 200 and "no-store" in mine.headers["Cache-Control"]
    for comment in (top, reply):
        button = re.search(
            rf'<form class="feature-form" id="feature-{comment.id}".*?</form>', mine.text, re.S
        )
        assert "csrf_token" in button.group(0) and ">Feature<" in button.group(0)
        # Just after the comment's "Report", which every visible comment has.
        assert f'<div data-hx-swap-oob="afterend:#report-{comment.id}">' in mine.text
    assert f'id="feature-{held.id}"' not in mine.text
    page = reader.page(article)
    assert f'<a id="report-{top.id}"' in page  # where they go
    assert "feature-form" not in page and "csrf_token" not in page

    pressed = feature(desk, top, from_page=True)
    assert pressed.status_code == 200
    assert pressed.text.lstrip().startswith(f'<form class="feature-form" id="feature-{top.id}"')
    assert ">Unfeature<" in pressed.text and "Featured." in pressed.text


def test_readers_and_other_editors_get_no_feature_buttons(make, reader, signed_in):
    article = make.article()
    make.comment(article)
    reader.post(article, body="Mine")
    assert "feature-form" not in reader.own_parts(article).text
    editor = signed_in("editor")
    mine = editor.get(f"/mine/articles/{article.id}", headers={"HX-Request": "true"})
    assert "feature-form" not in mine.text


def test_a_fourth_feature_from_the_page_says_why_in_place(app, desk, make):
    article = make.article()
    comments = [make.comment(article) for _ in range(4)]
    for comment in comments[:3]:
        feature(desk, comment)
    refused = feature(desk, comments[3], from_page=True)
    assert refused.status_code == 422
    assert refused.text.lstrip().startswith(
        f'<form class="feature-form" id="feature-{comments[3].id}"'
    )
    assert "at most 3 featured comments" in refused.text


# Trusted commenters


def post_as(reader, article, email="amal@example.org", **fields):
    return reader.post(article, email=email, **fields)


def comments_by(app):
    with app.app_context():
        return list(db.session.scalars(db.select(Comment).order_by(Comment.id)))


def approve_all(app):
    with app.app_context():
        for comment in db.session.scalars(db.select(Comment)).all():
            approve_comment(comment)


@pytest.fixture
def returning(app, reader, make):
    """A commenter with two approved comments under pre-moderation."""
    app.config["COMMENT_MODERATION"] = "pre"
    article = make.article()
    post_as(reader, article, body="First thoughts")
    post_as(reader, article, body="Second thoughts")
    approve_all(app)
    return article


def test_a_trusted_commenter_is_published_at_once(app, reader, returning):
    response = post_as(reader, returning, email="AMAL@Example.ORG", body="Third thoughts")
    assert response.status_code == 303
    latest = comments_by(app)[-1]
    assert latest.status == CommentStatus.VISIBLE
    assert latest.published_reason == "trusted commenter" and latest.held_reason is None


def test_the_queue_shows_why_a_comment_was_published(app, reader, returning, desk):
    post_as(reader, returning, body="Third thoughts")
    page = desk.get("/admin/comments").text
    row = re.search(r'<tr id="mod-comment-3".*?</tr>', page, re.S).group(0)
    assert "published: trusted commenter" in row


@pytest.mark.parametrize(
    "change",
    ["another email", "no email", "another browser", "setting off", "links", "one approved"],
)
def test_trust_needs_the_same_reader_and_email_and_two_approved(
    app, reader, make, returning, change
):
    fields = {"body": "Third thoughts"}
    if change == "another email":
        fields["email"] = "someone@example.org"
    elif change == "no email":
        fields["email"] = ""
    elif change == "another browser":
        reader.client.delete_cookie("reader")
    elif change == "setting off":
        app.config["COMMENT_TRUST_RETURNING"] = False
    elif change == "links":
        fields["body"] = "See https://a.test and https://b.test and https://c.test"
    elif change == "one approved":
        with app.app_context():
            remove_comment(db.session.scalars(db.select(Comment)).first())
            restore = db.session.scalars(db.select(Comment)).first()
            # Removed by a moderator long ago does not count against; it is not approved.
            restore.created_at = utcnow() - timedelta(days=200)
            db.session.commit()
    post_as(reader, returning, **fields)
    latest = comments_by(app)[-1]
    assert latest.status == CommentStatus.PENDING
    assert latest.published_reason is None and latest.held_reason is not None


def test_a_recent_removal_ends_the_trust(app, reader, make, returning):
    post_as(reader, returning, body="Third thoughts")  # trusted: visible
    with app.app_context():
        remove_comment(db.session.scalars(db.select(Comment).order_by(Comment.id.desc())).first())
    post_as(reader, returning, body="Fourth thoughts")
    assert comments_by(app)[-1].status == CommentStatus.PENDING


def test_an_old_removal_does_not_end_the_trust(app, reader, make, returning):
    post_as(reader, returning, body="Third thoughts")
    with app.app_context():
        third = db.session.scalars(db.select(Comment).order_by(Comment.id.desc())).first()
        remove_comment(third)
        third.created_at = utcnow() - timedelta(days=91)
        db.session.commit()
    post_as(reader, returning, body="Fourth thoughts")
    assert comments_by(app)[-1].status == CommentStatus.VISIBLE
