"""Votes on two kinds of target: articles (yes / no) and comments (like).

The vote rows are the truth: one per reader and target, by a unique
constraint. The counters shown on pages move in the same transaction as the
rows, with atomic SQL (`n = n + 1`), never read-modify-write in Python.
Every change is conditional on what the reader's row held when read, so two
requests from one reader at once (a double click) cannot both apply.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from newsite.comments.services import touch_thread
from newsite.database import begin_write, prepared
from newsite.extensions import db
from newsite.models import (
    Article,
    ArticleVote,
    Comment,
    CommentLike,
    Edition,
    VoteChoice,
    counter_update,
    utcnow,
)

LIKE = "like"


class VoteConflict(Exception):
    """The reader's row changed between reading and writing it: try again."""


@dataclass(frozen=True)
class Kind:
    """How one kind of target stores its votes and counts them."""

    vote: Any  # the vote model
    target_key: str  # its foreign key to the target
    counted: Any  # the target model, which carries the counters
    counters: dict[str, str]  # choice -> counter column on the target

    def row(self, target_id: int, voter_id: str) -> sa.ColumnElement[bool]:
        return sa.and_(
            getattr(self.vote, self.target_key) == target_id, self.vote.voter_id == voter_id
        )


ARTICLE = Kind(ArticleVote, "article_id", Article, {"yes": "votes_yes", "no": "votes_no"})
COMMENT = Kind(CommentLike, "comment_id", Comment, {LIKE: "like_count"})


def set_article_vote(article_id: int, voter_id: str, choice: VoteChoice | None) -> None:
    """Make the reader's answer `choice`; None withdraws it."""
    _set(ARTICLE, article_id, voter_id, choice.value if choice else None)


def set_comment_like(comment_id: int, voter_id: str, liked: bool) -> None:
    _set(COMMENT, comment_id, voter_id, LIKE if liked else None)


def article_vote_of(article_id: int, voter_id: str | None) -> VoteChoice | None:
    if voter_id is None:
        return None
    return db.session.scalar(sa.select(ArticleVote.choice).where(ARTICLE.row(article_id, voter_id)))


class ArticleVotes(NamedTuple):
    """What the vote widget shows, and the language it speaks."""

    id: int
    votes_yes: int
    votes_no: int
    language: str
    my_vote: VoteChoice | None
    # What the reader's comment form needs (newsite.comments: closed? an author's badge).
    author_id: int | None
    comments_closed: bool
    published_at: datetime | None


def article_with_vote(article_id: int, voter_id: str) -> ArticleVotes | None:
    """The public article with this id and the reader's vote, in one query; None if
    there is no such article. A prepared read (`newsite.database`): it runs for every
    returning reader's article page view."""
    values = {"article_id": article_id, "voter": voter_id, "now": utcnow()}
    row = prepared(_article_with_vote_query).first(**values)
    return None if row is None else ArticleVotes(*row)


@functools.cache
def _article_with_vote_query() -> sa.Select[Any]:
    vote = (
        sa.select(ArticleVote.choice)
        .where(ArticleVote.article_id == Article.id, ArticleVote.voter_id == sa.bindparam("voter"))
        .scalar_subquery()
    )
    return (
        sa.select(
            Article.id,
            Article.votes_yes,
            Article.votes_no,
            Edition.language,
            vote.label("my_vote"),
            Article.author_id,
            Article.comments_closed,
            Article.published_at,
        )
        .join(Edition, Edition.id == Article.edition_id)
        .where(Article.public_clause(sa.bindparam("now")), Article.id == sa.bindparam("article_id"))
    )


def liked_comments(comment_ids: list[int], voter_id: str | None) -> set[int]:
    """Which of these comments the reader likes, in one query."""
    if voter_id is None or not comment_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(CommentLike.comment_id).where(
                CommentLike.voter_id == voter_id, CommentLike.comment_id.in_(comment_ids)
            )
        )
    )


def _set(kind: Kind, target_id: int, voter_id: str, choice: str | None) -> None:
    """Apply the change and commit; a race with the same reader is retried once."""
    for attempt in range(3):
        try:
            _apply(kind, target_id, voter_id, choice)
            db.session.commit()
            return
        except (sa.exc.IntegrityError, VoteConflict):
            # Another request of the same reader got in first; read again.
            db.session.rollback()
            if attempt == 2:
                raise
            begin_write()


def _apply(kind: Kind, target_id: int, voter_id: str, choice: str | None) -> None:
    row = kind.row(target_id, voter_id)
    has_choice = hasattr(kind.vote, "choice")
    current = db.session.execute(
        sa.select(kind.vote.choice if has_choice else sa.literal(LIKE)).where(row)
    ).scalar()
    if current is not None and not isinstance(current, str):
        current = current.value
    if current == choice:
        return  # already so: a repeated click changes nothing
    if current is not None:
        guard = sa.and_(row, kind.vote.choice == VoteChoice(current)) if has_choice else row
        if choice is None or not has_choice:
            changed = db.session.execute(sa.delete(kind.vote).where(guard))
        else:
            changed = db.session.execute(
                sa.update(kind.vote).where(guard).values(choice=VoteChoice(choice))
            )
        if changed.rowcount != 1:
            raise VoteConflict
        _count(kind, target_id, current, -1)
    if choice is not None:
        if current is None:
            values = {kind.target_key: target_id, "voter_id": voter_id}
            if has_choice:
                values["choice"] = VoteChoice(choice)
            db.session.execute(sa.insert(kind.vote).values(**values))
        _count(kind, target_id, choice, +1)


def _count(kind: Kind, target_id: int, choice: str, delta: int) -> None:
    column = getattr(kind.counted, kind.counters[choice])
    db.session.execute(
        counter_update(kind.counted)
        .where(kind.counted.id == target_id)
        .values({column: column + delta})
        .execution_options(synchronize_session=False)
    )
    if kind is COMMENT:
        # A like count is part of the thread's cached rendering.
        touch_thread(sa.select(Comment.article_id).where(Comment.id == target_id).scalar_subquery())
