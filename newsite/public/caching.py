"""HTTP caching for readers' pages.

Listings (home, editions, sections, authors, the policy) carry nothing that
belongs to one reader: they are public, briefly cacheable by any cache, and
answer `If-None-Match` with 304. Their ETag comes from the versions of what they
show (articles, their counts, the navigation), never from a hash of the body.

The article page carries the reader's CSRF token, vote and pending comments: it
says `private, no-cache` and varies on Cookie, so no shared cache keeps it.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from flask import make_response, request
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from newsite import models, tokens
from newsite.comments.rendering import own_state
from newsite.extensions import cache, db
from newsite.models import (
    Article,
    ArticleVote,
    Author,
    Edition,
    Photo,
    Section,
    SiteSetting,
    Tag,
    VoteChoice,
)

PUBLIC = "public, max-age=10, stale-while-revalidate=30"
PRIVATE = "private, no-cache"
# A random value stored in `site_setting`, replaced whenever an edition, section,
# author, photo or tag changes: every page shows some of them, so every cache key has it.
TAXONOMY_VERSION = "TAXONOMY_VERSION"
TAXONOMY_MODELS = (Edition, Section, Author, Photo, Tag)

# Bump when templates change in a way old cached pages must not survive.
PAGE_VERSION = 2


@sa.event.listens_for(Session, "after_flush")
def _taxonomy_changed(session: Session, _context: object) -> None:
    """Replace the taxonomy version in the transaction of any change to the taxonomy.

    A listener rather than a call in each view, so that the admin, the seed and
    the command line all invalidate the caches without having to remember to.
    """
    changed = itertools.chain(
        session.new,
        session.deleted,
        (o for o in session.dirty if session.is_modified(o, include_collections=False)),
    )
    if not any(isinstance(o, TAXONOMY_MODELS) for o in changed):
        return
    table = SiteSetting.__table__
    value = json.dumps(uuid.uuid4().hex)
    connection = session.connection()
    updated = connection.execute(
        sa.update(table).where(table.c.key == TAXONOMY_VERSION).values(value_json=value)
    )
    if not updated.rowcount:
        connection.execute(sa.insert(table).values(key=TAXONOMY_VERSION, value_json=value))


def _taxonomy_version() -> sa.ScalarSelect[Any]:
    table = SiteSetting.__table__
    return sa.select(table.c.value_json).where(table.c.key == TAXONOMY_VERSION).scalar_subquery()


# The queries below are built once and run with parameters: building a statement
# costs more than running it, and these run on every page view. Their `now` is
# `models.utcnow()`, looked up when called, the clock that `Article.public()` reads.


@functools.cache
def _listing_version_query() -> sa.Select[Any]:
    public = (
        sa.select(Article.id, Article.updated_at, Article.published_at, Article.comment_count)
        .where(Article.public_clause(sa.bindparam("now")))
        .subquery()
    )
    return sa.select(
        sa.func.count(public.c.id),
        sa.func.max(public.c.updated_at),
        sa.func.max(public.c.published_at),
        sa.func.coalesce(sa.func.sum(public.c.comment_count), 0),
        _taxonomy_version(),
    )


def content_version() -> str:
    """A digest that changes whenever anything a listing shows changes, in one query.

    Over the public articles only, so a scheduled article going live changes it;
    plus the taxonomy version, which covers the navigation, authors and photos.
    """
    stats = (
        db.session.connection().execute(_listing_version_query(), {"now": models.utcnow()}).one()
    )
    return hashlib.sha256(repr(tuple(stats)).encode()).hexdigest()[:20]


class ArticleStamp(NamedTuple):
    """What the article page's cache key and the view need, read in one query."""

    id: int
    edition_slug: str
    section_slug: str
    revision: int
    updated_at: datetime
    activity: int
    comment_count: int
    votes_yes: int
    votes_no: int
    comments_closed: bool
    published_at: datetime
    taxonomy_version: str | None
    my_vote: VoteChoice | None  # this reader's answer to "Do you like this article?"
    own_state: bool  # this reader commented on or liked a comment here


@functools.cache
def _article_stamp_query() -> sa.Select[Any]:
    reader = sa.bindparam("reader", type_=sa.String)
    my_vote = (
        sa.select(ArticleVote.choice)
        .where(ArticleVote.article_id == Article.id, ArticleVote.voter_id == reader)
        .scalar_subquery()
    )
    return (
        sa.select(
            Article.id,
            Edition.slug,
            Section.slug,
            Article.revision,
            Article.updated_at,
            Article.activity,
            Article.comment_count,
            Article.votes_yes,
            Article.votes_no,
            Article.comments_closed,
            Article.published_at,
            _taxonomy_version(),
            my_vote,
            own_state(Article.id, reader),
        )
        .join(Edition, Edition.id == Article.edition_id)
        .join(Section, Section.id == Article.section_id)
        .where(Article.public_clause(sa.bindparam("now")), Article.slug == sa.bindparam("slug"))
    )


def article_stamp(slug: str, reader: str | None) -> ArticleStamp | None:
    """The public article with this slug, as its stamp; None when there is none."""
    # On the connection: columns only, so the ORM's result processing is not needed.
    row = (
        db.session.connection()
        .execute(_article_stamp_query(), {"now": models.utcnow(), "slug": slug, "reader": reader})
        .first()
    )
    if row is None:
        return None
    stamp = ArticleStamp(*row)
    return stamp._replace(own_state=bool(stamp.own_state))


def page_key(stamp: ArticleStamp, comments_page: int, closed: bool) -> str:
    """Everything the shared article page shows, as a cache key."""
    shown = repr(stamp._replace(my_vote=None, own_state=False))
    digest = hashlib.sha256(shown.encode()).hexdigest()[:24]
    return f"article-page:{PAGE_VERSION}:{stamp.id}:{comments_page}:{int(closed)}:{digest}"


def cached_page(key: str, render: Callable[[], str]) -> bytes:
    """The page from the cache (rendered once with token markers), with this reader's tokens."""
    parts = cache.get(key)
    if parts is None:
        with tokens.placeholders():
            parts = tokens.split(render())
        cache.set(key, parts)
    return tokens.fill_split(parts)


def public_page(view: Callable[..., Any]) -> Callable[..., Response]:
    """Serve a listing with a version ETag, answering 304 when the reader has it."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Response:
        etag = hashlib.sha256(
            f"{content_version()}|{request.full_path}|{request.headers.get('HX-Request')}".encode()
        ).hexdigest()[:24]
        if etag in request.if_none_match:
            response = Response(status=304)
        else:
            # The ETag names everything the page shows: the rendered page is cached under it.
            html = cache.get(f"listing:{PAGE_VERSION}:{etag}")
            if html is None:
                html = view(*args, **kwargs)
                cache.set(f"listing:{PAGE_VERSION}:{etag}", html)
            response = make_response(html)
        response.set_etag(etag)
        response.headers["Cache-Control"] = PUBLIC
        response.vary.add("HX-Request")
        return response

    return wrapped


def private_page(response: Response) -> Response:
    """Mark a response that carries one reader's data."""
    response.headers["Cache-Control"] = PRIVATE
    response.vary.update(("Cookie", "HX-Request"))
    return response
