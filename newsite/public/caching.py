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
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from flask import current_app, make_response, request
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from newsite import models, tokens, versions
from newsite.comments.rendering import own_state
from newsite.database import prepared
from newsite.extensions import cache
from newsite.models import (
    Article,
    ArticleStatus,
    ArticleVote,
    Author,
    Edition,
    Photo,
    Section,
    Tag,
    VoteChoice,
)

PUBLIC = "public, max-age=10, stale-while-revalidate=30"
PRIVATE = "private, no-cache"
# A random value stored in `site_setting`, replaced whenever an edition, section,
# author, photo or tag changes, or an article changes what its teaser shows (other
# articles' pages list it as related): every page shows some of these, so every
# cache key has it.
TAXONOMY_MODELS = (Edition, Section, Author, Photo, Tag)
TEASER_FIELDS = (
    "headline",
    "summary",
    "slug",
    "status",
    "published_at",
    "lead_photo_id",
    "edition_id",
    "section_id",
    "author_id",
    "tags",
)

# Bump when templates change in a way old cached pages must not survive.
PAGE_VERSION = 4


@sa.event.listens_for(Session, "after_flush")
def _taxonomy_changed(session: Session, _context: object) -> None:
    """Replace the taxonomy version in the transaction of any change to the taxonomy.

    A listener rather than a call in each view, so that the admin, the seed and
    the command line all invalidate the caches without having to remember to.
    """
    if not any(_shown_elsewhere(session, o) for o in session.new | session.deleted) and not any(
        _shown_elsewhere(session, o, dirty=True) for o in session.dirty
    ):
        return
    versions.bump(session.connection(), versions.TAXONOMY)


def _shown_elsewhere(session: Session, obj: object, dirty: bool = False) -> bool:
    if isinstance(obj, TAXONOMY_MODELS):
        return not dirty or session.is_modified(obj, include_collections=False)
    if isinstance(obj, Article):
        state = sa.inspect(obj)
        return not dirty or any(state.attrs[f].history.has_changes() for f in TEASER_FIELDS)
    return False


# The queries below are built once and run as prepared reads (`database.prepared`):
# building and executing a statement through SQLAlchemy costs more than running
# it, and these run on every page view. Their `now` is `models.utcnow()`, looked
# up when called, the clock that `Article.public()` reads.


@functools.cache
def _listing_version_query() -> sa.Select[Any]:
    """Everything listings show, in lookups whose cost does not grow with the archive:
    the versions above, and the newest publication time that has come of each public
    status (so an article scheduled for now shows without anything being written)."""

    def newest_public(status: ArticleStatus) -> sa.ScalarSelect[Any]:
        # max() over the (status, published_at) index: one probe, not a scan.
        return (
            sa.select(sa.func.max(Article.published_at))
            .where(Article.status == status, Article.published_at <= sa.bindparam("now"))
            .scalar_subquery()
        )

    return sa.select(
        versions.current(versions.TAXONOMY),
        versions.current(versions.COMMENT_COUNTS),
        newest_public(ArticleStatus.PUBLISHED),
        newest_public(ArticleStatus.SCHEDULED),
    )


def content_version() -> str:
    """A digest that changes whenever anything a listing shows changes, in one query."""
    stats = prepared(_listing_version_query).first(now=models.utcnow())
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:20]


class ArticleStamp(NamedTuple):
    """What the article page's cache key and the view need, read in one query."""

    id: int
    edition_slug: str
    section_slug: str
    language: str
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
            Edition.language,
            Article.revision,
            Article.updated_at,
            Article.activity,
            Article.comment_count,
            Article.votes_yes,
            Article.votes_no,
            Article.comments_closed,
            Article.published_at,
            versions.current(versions.TAXONOMY),
            my_vote,
            own_state(Article.id, reader),
        )
        .join(Edition, Edition.id == Article.edition_id)
        .join(Section, Section.id == Article.section_id)
        .where(Article.public_clause(sa.bindparam("now")), Article.slug == sa.bindparam("slug"))
    )


def article_stamp(slug: str, reader: str | None) -> ArticleStamp | None:
    """The public article with this slug, as its stamp; None when there is none."""
    row = prepared(_article_stamp_query).first(now=models.utcnow(), slug=slug, reader=reader)
    if row is None:
        return None
    stamp = ArticleStamp(*row)
    return stamp._replace(own_state=bool(stamp.own_state))


def page_key(stamp: ArticleStamp, comments_page: int, closed: bool) -> str:
    """Everything the shared article page shows, as a cache key."""
    shown = repr((stamp._replace(my_vote=None, own_state=False), _origin()))
    digest = hashlib.sha256(shown.encode()).hexdigest()[:24]
    return f"article-page:{PAGE_VERSION}:{stamp.id}:{comments_page}:{int(closed)}:{digest}"


def _origin() -> str:
    """The origin pages write into absolute URLs (canonical, Open Graph, feeds):
    the request's own when SITE_URL is unset, so one Host never caches for another."""
    return current_app.config["SITE_URL"] or f"{request.scheme}://{request.host}/"


def cached_page(key: str, render: Callable[[], str]) -> bytes:
    """The page from the cache (rendered once with token markers), with this reader's tokens."""
    parts = cache.get(key)
    if parts is None:
        with tokens.placeholders():
            parts = tokens.split(render())
        cache.set(key, parts)
    return tokens.fill_split(parts)


def public_page(
    view: Callable[..., Any] | None = None, *, shows: Callable[[], str] | None = None
) -> Any:
    """Serve a listing with a version ETag, answering 304 when the reader has it.

    `shows` names what else the page shows beyond the public articles (the
    "Most read" boxes), as a string that changes when that does.
    """
    if view is None:
        return functools.partial(public_page, shows=shows)

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Response:
        extra = shows() if shows else ""
        etag = hashlib.sha256(
            f"{content_version()}|{extra}|{_origin()}|{request.full_path}|"
            f"{request.headers.get('HX-Request')}".encode()
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
