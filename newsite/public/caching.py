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
import json
import uuid
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import make_response, request
from werkzeug.wrappers import Response

from newsite import tokens
from newsite.extensions import cache, db
from newsite.models import Article, SiteSetting
from newsite.templating import navigation

PUBLIC = "public, max-age=10, stale-while-revalidate=30"
TAXONOMY_VERSION = "TAXONOMY_VERSION"
PRIVATE = "private, no-cache"


def content_version() -> str:
    """A digest that changes whenever anything a listing shows changes.

    Over the public articles only, so a scheduled article going live changes it;
    plus the taxonomy version that every edit of an edition, section or author bumps.
    """
    public = Article.public().order_by(None).subquery()
    stats = db.session.execute(
        sa.select(
            sa.func.count(public.c.id),
            sa.func.max(public.c.updated_at),
            sa.func.max(public.c.published_at),
            sa.func.coalesce(sa.func.sum(public.c.comment_count), 0),
            sa.select(SiteSetting.value_json)
            .where(SiteSetting.key == TAXONOMY_VERSION)
            .scalar_subquery(),
        )
    ).one()
    nav = navigation()
    parts = [
        repr(tuple(stats)),
        repr([tuple(r) for r in nav.editions]),
        repr([tuple(r) for r in nav.sections]),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def taxonomy_changed() -> None:
    """Call when an edition, section or author is saved or deleted (the caller commits)."""
    db.session.merge(SiteSetting(key=TAXONOMY_VERSION, value_json=json.dumps(uuid.uuid4().hex)))


# Bump when templates change in a way old cached pages must not survive.
PAGE_VERSION = 1


def page_key(article: Article, comments_page: int, closed: bool) -> str:
    """Everything the shared article page shows, as a cache key."""
    photo = article.lead_photo
    shown = repr(
        (
            article.revision,
            article.updated_at,
            article.activity,
            article.comment_count,
            article.votes_yes,
            article.votes_no,
            article.author.name,
            article.author.bio,
            article.edition.name,
            article.section.name,
            (photo.key, photo.caption, photo.credit, photo.alt_text) if photo else None,
            [tuple(r) for r in navigation().editions],
            [tuple(r) for r in navigation().sections],
        )
    )
    digest = hashlib.sha256(shown.encode()).hexdigest()[:24]
    return f"article-page:{PAGE_VERSION}:{article.id}:{comments_page}:{int(closed)}:{digest}"


def cached_page(key: str, render: Callable[[], str]) -> str:
    """The page from the cache (rendered once with token markers), with this reader's tokens."""
    html = cache.get(key)
    if html is None:
        with tokens.placeholders():
            html = render()
        cache.set(key, html)
    return tokens.fill(html)


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
