"""HTTP caching for readers' pages: the one place that states the rule.

Every public page (home, listings, articles) is the same bytes for every reader:
nothing in it belongs to one reader, no cookie is set when it is read, and no
token is written into it. So any cache may share it: nginx in front
(deploy/newsite-proxy.conf), a CDN, the browser, and the app's own cache of
rendered pages (Flask-Caching: per process, or Redis shared by all workers).

What keys a page is its **version**, a digest of everything it shows:

- an article page: the article's stamp (`ArticleStamp`: its revision, edit time,
  comment activity, counts, whether comments are closed, its URL) and the
  taxonomy version (editions, sections, authors, photos, tags, and every
  article's teaser fields: the "More to read" list and the translation link);
- a listing: the listing version (`content_version`) and what else it shows
  (the "Most read" boxes);
- for both: the page's address and the site's origin, and `TEMPLATES_VERSION`,
  a digest of every template and translation catalog, so a deploy that changes
  how a page looks never serves an old rendering.
- the minute relative times count from (`newsite.templating.reference_time`), on
  pages that can show one ("2 hours ago": teasers, and comments on an article that
  has any): such a page is never more than a minute behind, and is rendered again at
  most once a minute. Only pages that ask for it (`public_page(relative_times=True)`)
  have it: feeds, sitemaps and static pages keep their version, and their 304s.

The version is the page's `ETag` (a matching `If-None-Match` gets a 304) and its
key in the app's cache. **Adding anything to a public page means adding it to its
version**: a value the stamp or the listing version already covers, or a new
field of the stamp.

For `SHARED_PAGE_SECONDS` (one) after a page was made, a request for the same
address gets that copy without the version being read again (`recent_copy`): the
freshness every shared cache is already allowed (`s-maxage=1`), so a spike on one
page costs the database one query a second per worker. Tests set it to 0.

A reader's own parts (their vote, likes, pending comments, open reply form) are
never in a public page: htmx fetches them as a private fragment after the page
(`public.article_mine`), and readers without JavaScript land, after acting, on
the private variant `?mine=1` (`private, no-store`).

Breaking-news banners are part of the shared page (`newsite.banners`). A reader who
dismissed one carries a cookie naming it: the pages that would show it are rendered
for them without it, marked private and cached in the app under a version that names
the banners hidden (`hidden_banners`); nginx passes requests with that cookie by.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from flask import current_app, g, make_response, request
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from newsite import banners, config, models, versions
from newsite.database import prepared
from newsite.extensions import cache
from newsite.htmx import wants_fragment
from newsite.models import (
    Article,
    ArticleContributor,
    ArticleStatus,
    Author,
    Banner,
    Correction,
    Edition,
    FrontBlock,
    FrontPage,
    FrontSlot,
    Page,
    Photo,
    Section,
    Tag,
)
from newsite.templating import navigation, reference_time

# Listings: briefly fresh everywhere. Articles: shared caches keep them a second
# (a spike is served from nginx), browsers revalidate every time (a 304 is cheap).
LISTING = "public, max-age=10, stale-while-revalidate=30"
ARTICLE = "public, max-age=0, must-revalidate, s-maxage=1"
PRIVATE = "private, no-store"

# A random value stored in `site_setting`, replaced whenever an edition, section,
# author, photo or tag changes, or an article changes what its teaser shows (other
# articles' pages list it as related): every page shows some of these, so every
# cache key has it. So are the newsroom's rarer writes that many pages show:
# bylines (author pages), corrections (/corrections), the newsroom's pages (the
# footer and the site's JSON-LD), front-page curation and breaking-news banners.
TAXONOMY_MODELS = (
    Edition,
    Section,
    Author,
    Photo,
    Tag,
    ArticleContributor,
    Correction,
    Page,
    FrontPage,
    FrontSlot,
    FrontBlock,
    Banner,
)
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
    "story_type",
    "sponsor",
    # The "Updated" time: feeds' <updated> and sitemaps' <lastmod> show it.
    "modified_at",
    # When it leaves the public pages by itself.
    "unpublish_at",
)


def _templates_version() -> str:
    """A digest of every template and translation catalog: what renders the pages."""
    root = config.project_root()
    digest = hashlib.sha256()
    for folder in (root / "templates", root / "newsite" / "translations"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".html", ".xml", ".txt", ".po"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


TEMPLATES_VERSION = _templates_version()


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


# The two queries below run on every page view but those served from a recent copy
# (a busy page; the long tail of articles is read less than once a second), and a
# cached page costs little else: each is built once and run as a prepared read
# (`newsite.database`), which costs a fifth of running it through SQLAlchemy's
# Connection or session.


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
        _next_banner_expiry(),
        _next_unpublish(),
        # A pinned story's time runs out: the front page falls back to the newest.
        sa.select(sa.func.min(FrontSlot.until))
        .where(FrontSlot.until > sa.bindparam("now"))
        .scalar_subquery(),
    )


def _next_banner_expiry() -> sa.ScalarSelect[Any]:
    """When the next breaking-news banner runs out: every page shows the banners, and
    one that expires must leave them with nothing written (creating or taking one
    down replaces the taxonomy version). One probe of the expiry index."""
    return (
        sa.select(sa.func.min(Banner.expires_at))
        .where(Banner.expires_at > sa.bindparam("now"))
        .scalar_subquery()
    )


def _next_unpublish() -> sa.ScalarSelect[Any]:
    """When the next article's "Unpublish at" time comes: it must leave every listing,
    "more to read" and the like at that moment, with nothing written. One probe of
    `ix_article_unpublish_at`."""
    return (
        sa.select(sa.func.min(Article.unpublish_at))
        .where(Article.unpublish_at > sa.bindparam("now"))
        .scalar_subquery()
    )


def content_version() -> str:
    """A digest that changes whenever anything a listing shows changes, in one query."""
    stats = prepared(_listing_version_query).first(now=models.utcnow())
    g.taxonomy_version = stats[0]  # the navigation is kept under it (newsite.templating)
    return hashlib.sha256(repr(tuple(stats)).encode()).hexdigest()[:20]


class ArticleStamp(NamedTuple):
    """What the article page's version and the view need, read in one query."""

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
    next_banner_expiry: datetime | None
    next_unpublish: datetime | None


@functools.cache
def _article_stamp_query() -> sa.Select[Any]:
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
            _next_banner_expiry(),
            _next_unpublish(),
        )
        .join(Edition, Edition.id == Article.edition_id)
        .join(Section, Section.id == Article.section_id)
        .where(Article.public_clause(sa.bindparam("now")), Article.slug == sa.bindparam("slug"))
    )


def article_stamp(slug: str) -> ArticleStamp | None:
    """The public article with this slug, as its stamp; None when there is none."""
    # A prepared read (newsite.database): the article page is served from the cache
    # on this query alone, and through SQLAlchemy's Connection it cost more than all
    # the rest of the request (measured: bench/pages, docs/PERFORMANCE.md).
    row = prepared(_article_stamp_query).first(now=models.utcnow(), slug=slug)
    if row is None:
        return None
    stamp = ArticleStamp(*row)
    g.taxonomy_version = stamp.taxonomy_version  # the navigation's key (newsite.templating)
    return stamp


def recent_copy(address: str, make: Callable[[], Response]) -> Response:
    """The shared page at `address` as made in the last `SHARED_PAGE_SECONDS`, or
    `make()`'s answer, kept that long when it is a page (200).

    `address` is what the page shows beyond its version: its path and the query
    arguments it reads (and for listings, whether htmx asked).
    """
    # A reader who dismissed a banner may get a page of their own (`hidden_banners`):
    # neither the copy everyone shares nor one to keep for others.
    seconds = 0 if banners.dismissed() else current_app.config["SHARED_PAGE_SECONDS"]
    key = f"recent:{_origin().rstrip('/')}{address}"
    kept = cache.get(key) if seconds else None
    if kept is None:
        response = make()
        if seconds and response.status_code == 200:
            kept = (response.get_etag()[0], response.get_data(), list(response.headers.items()))
            cache.set(key, kept, timeout=seconds)
        return response
    etag, body, headers = kept
    if etag in request.if_none_match:
        return Response(status=304, headers=[(k, v) for k, v in headers if k in _KEPT_ON_304])
    return Response(body, headers=headers)


# What a 304 repeats of the page's headers (RFC 9110, section 15.4.5).
_KEPT_ON_304 = ("ETag", "Cache-Control", "Vary")


def shared_article(
    stamp: ArticleStamp, shown: tuple[int, ...], closed: bool, render: Callable[[], str]
) -> Response:
    """The article page every reader gets: its version as ETag (304 when the reader
    has it), from the app's cache or rendered once by `render`.

    Of its query string only what it shows changes it (`shown`: the order of comments,
    their page and the thread shown further, as numbers): readers who arrive with a sharing
    app's tracking arguments share the one cached copy.
    """
    # Comments from the last day say how long ago: an article with comments is a new
    # page every minute.
    minute = reference_time() if stamp.comment_count else None
    # The poll's interval is written into the page (its new-comments poller).
    poll = current_app.config["COMMENT_POLL_SECONDS"]
    hidden = hidden_banners()
    etag = _digest(repr(stamp), closed, minute, poll, hidden, address=f"{request.path}?{shown}")
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        html = cache.get(f"article:{etag}")
        if html is None:
            html = render().encode()
            cache.set(f"article:{etag}", html)
        response = make_response(html)
    response.set_etag(etag)
    response.headers["Cache-Control"] = ARTICLE
    return private_page(response) if hidden else response


def _digest(*shown: object, address: str | None = None) -> str:
    """A page's version: what it shows, where (`address`: the request's path and
    query string unless given), and with which templates."""
    where = (_origin(), address or request.full_path, TEMPLATES_VERSION)
    return hashlib.sha256(repr((shown, where)).encode()).hexdigest()[:24]


def _arguments(names: tuple[str, ...]) -> str:
    return "&".join(f"{name}={value}" for name, value in read_arguments(names))


def read_arguments(names: tuple[str, ...]) -> list[tuple[str, str]]:
    """The query arguments a page reads, as it reads them (the first of each name),
    with spacing and a page number's leading zeros made one."""
    values = []
    for name in names:
        value = " ".join(request.args.get(name, "").split())
        if name == "page" and value.isascii() and value.isdigit():
            value = value.lstrip("0") or "0"
        values.append((name, value))
    return values


def _origin() -> str:
    """The origin pages write into absolute URLs (canonical, Open Graph, feeds):
    the request's own when SITE_URL is unset, so one Host never caches for another."""
    return current_app.config["SITE_URL"] or f"{request.scheme}://{request.host}/"


def public_page(
    view: Callable[..., Any] | None = None,
    *,
    shows: Callable[[], str] | None = None,
    reads: tuple[str, ...] = ("page",),
    relative_times: bool = False,
) -> Any:
    """Serve a listing with a version ETag, answering 304 when the reader has it.

    `shows` names what else the page shows beyond the public articles (the
    "Most read" boxes), as a string that changes when that does. `reads` names
    the query arguments the view reads: only they are part of the version, so
    `/?x=1`, `/?x=2` ... (or a sharing app's tracking arguments) share one entry
    instead of each storing a copy. `relative_times=True` for a page that shows
    "2 hours ago" (teasers): its version then moves on each minute; other pages
    (feeds, sitemaps, static pages) keep theirs, and their readers their 304s.
    """
    if view is None:
        return functools.partial(
            public_page, shows=shows, reads=reads, relative_times=relative_times
        )

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Response:
        # The search page answers htmx with its results alone: that is another page.
        address = f"{request.path}?{_arguments(reads)}&htmx={wants_fragment()}"
        return recent_copy(address, lambda: versioned(*args, **kwargs))

    def versioned(*args: Any, **kwargs: Any) -> Response:
        g.page_reads = reads  # what `canonical_url` may keep of the query string
        version = content_version()
        hidden = hidden_banners()
        etag = _digest(
            version,
            shows() if shows else "",
            wants_fragment(),
            reference_time() if relative_times else None,
            hidden,
            address=f"{request.path}?{_arguments(reads)}",
        )
        if etag in request.if_none_match:
            response = Response(status=304)
        else:
            # The ETag names everything the page shows: the rendered page is cached under it.
            html = cache.get(f"listing:{etag}")
            if html is None:
                html = view(*args, **kwargs)
                cache.set(f"listing:{etag}", html)
            response = make_response(html)
        response.set_etag(etag)
        response.headers["Cache-Control"] = LISTING
        response.vary.add("HX-Request")
        return private_page(response) if hidden else response

    return wrapped


def hidden_banners() -> tuple[int, ...]:
    """The live banners this reader dismissed (`newsite.banners`): a page without them
    is theirs alone, so its version (its ETag and key in the app's cache) names them
    and it is marked private. Empty for every reader without the cookie, at no cost.

    Called after the page's version was read, whose taxonomy version keys the
    navigation that lists the live banners: one cached lookup, no query."""
    dismissed = banners.dismissed()
    if not dismissed:
        return ()
    now = models.utcnow()
    live = {b.id for b in navigation().banners if b.expires_at > now}
    return tuple(sorted(dismissed & live))


def private_page(response: Response) -> Response:
    """Mark a page that carries one reader's own parts (`?mine=1`, an open reply form)."""
    response.headers["Cache-Control"] = PRIVATE
    response.vary.add("Cookie")
    return response
