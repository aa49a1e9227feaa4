"""What a commenter meets (issue 14): the posted comment shown and announced where
they look, a counter that never cuts, focus sent where it helps, and no rule that
holds a quick reply."""

from __future__ import annotations

import re

from newsite.extensions import db
from newsite.models import Comment, CommentStatus


def statuses(app, article) -> dict[str, CommentStatus]:
    with app.app_context():
        rows = db.session.scalars(db.select(Comment).filter_by(article_id=article.id))
        return {comment.body: comment.status for comment in rows}


def test_a_reply_written_at_once_is_not_held_for_its_speed(app, client, reader, make):
    article = make.article()
    parent = make.comment(article)
    # The page and the reply form, then "Thanks!" within the same second.
    reader.page(article)
    client.get(f"/comments/{parent.id}/reply", headers={"HX-Request": "true"})
    reply = reader.post(article, htmx=True, parent_id=str(parent.id), body="Thanks!")
    first = reader.post(article, htmx=True, body="Quick first word.")

    assert reply.status_code == 200 and first.status_code == 200
    assert statuses(app, article)["Thanks!"] == CommentStatus.VISIBLE
    assert statuses(app, article)["Quick first word."] == CommentStatus.VISIBLE
    assert not re.search(r"awaiting moderation", reply.text)
