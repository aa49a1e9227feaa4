"""The comment thread as HTML, cached for readers who have nothing of their own in it.

Most readers see the same thread: it is rendered once per version of the
article's thread (`Article.activity`) and page, and kept in the fragment cache.
A reader with a comment, a like or an open reply form in this thread gets it
rendered for them. The like buttons' CSRF fields hold markers in the cached
HTML and get each reader's token per request (see `newsite.tokens`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import render_template
from markupsafe import Markup

from newsite import tokens
from newsite.comments.forms import CommentForm
from newsite.comments.services import ThreadPage, thread_page
from newsite.extensions import cache, db
from newsite.models import Article, Comment, CommentLike
from newsite.votes.services import liked_comments

# Bump when the thread's templates change in a way old cache entries must not survive.
TEMPLATE_VERSION = 2


@dataclass
class RenderedThread:
    html: Markup
    shown: bool  # False when the page has no comments at all
    names: dict[int, str]  # comments on the page, for replies' "in reply to"


def thread_html(
    article: Article,
    page: int,
    reader: str | None,
    closed: bool,
    reply_to: int = 0,
    reply_form: CommentForm | None = None,
    personal: bool | None = None,
) -> RenderedThread:
    """The rendered thread for this reader: from the cache when it can be shared.

    `personal` says whether the reader has something of their own in it; None
    looks it up.
    """
    if personal is None:
        personal = bool(reply_to) or has_own_state(article.id, reader)
    if personal:
        thread = thread_page(article, page, reader)
        liked = liked_comments(list(thread.names), reader)
        html = _render(article, thread, closed, reader, liked, reply_to, reply_form)
        return RenderedThread(html, bool(thread.top), thread.names)
    # The thread's links carry the article's URL: its slugs are part of the key.
    where = f"{article.edition.slug}/{article.section.slug}/{article.slug}"
    language = article.edition.language
    key = (
        f"thread:{TEMPLATE_VERSION}:{language}:{article.id}:{where}:{article.activity}:"
        f"{page}:{int(closed)}"
    )
    cached = cache.get(key)
    if cached is None:
        thread = thread_page(article, page, None)
        with tokens.placeholders():
            html = _render(article, thread, closed, None, set(), 0, None)
        cached = (str(html), bool(thread.top), thread.names)
        cache.set(key, cached)
    html, shown, names = cached
    return RenderedThread(Markup(tokens.fill(html)), shown, names)


def _render(
    article: Article,
    thread: ThreadPage,
    closed: bool,
    reader: str | None,
    liked: set[int],
    reply_to: int,
    reply_form: CommentForm | None,
) -> Markup:
    return Markup(
        render_template(
            "comments/_thread.html",
            article=article,
            thread=thread,
            closed=closed,
            reader=reader,
            liked=liked,
            reply_to=reply_to,
            reply_form=reply_form,
        )
    )


def has_own_state(article_id: int, reader: str | None) -> bool:
    """Whether this reader commented on or liked a comment of this article."""
    if reader is None:
        return False
    return bool(db.session.scalar(sa.select(own_state(article_id, reader))))


def own_state(article_id: Any, reader: Any) -> sa.ColumnElement[bool]:
    """`has_own_state` as SQL, for ids that may be columns or bound parameters."""
    own = (
        sa.select(Comment.id)
        .where(Comment.article_id == article_id, Comment.commenter_id == reader)
        .exists()
    )
    liked = (
        sa.select(CommentLike.id)
        .join(Comment, Comment.id == CommentLike.comment_id)
        .where(Comment.article_id == article_id, CommentLike.voter_id == reader)
        .exists()
    )
    return sa.or_(own, liked)
