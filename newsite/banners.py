"""Breaking-news banners: which are live, which a page shows, and who dismissed one.

An editor raises a banner from an article (`newsite.admin.banners`) for the article's
edition, with a short text and an expiry at most a day ahead; it is live until it
expires or is taken down. Every page of that edition shows it under the header (the
edition's front page, its section pages and its articles); pages of no edition (home,
sections across editions, tags, authors, search, the newsroom's pages) show those of
the editions written in the page's language.

Caching: the banners are part of the page every reader shares. Raising or taking one
down replaces the taxonomy version, and the next expiry is in the listing version and
the article stamp (`newsite.public.caching`), so a banner leaves every page the moment
it runs out, with nothing written. The live banners are read with the navigation,
once per taxonomy version (`newsite.templating`).

Dismissing (`newsite.public.banners`): the banners a reader dismissed are listed in a
cookie. A page that would show one of them is that reader's alone (`private,
no-store`, kept in the app's cache under a key that names them), and nginx passes
requests that carry the cookie by; readers without it keep the shared page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app, request, url_for
from sqlalchemy.orm import aliased
from werkzeug.wrappers import Response

from newsite.extensions import db
from newsite.models import Article, Banner, Edition, Section
from newsite.routing import MAX_ID

# A banner lasts at most this long (what the admin's form accepts).
MAX_DURATION = timedelta(hours=24)
TEXT_MAX = 200

# Named in deploy/newsite-proxy.conf (`$cookie_dismissed_banners`): change both together.
COOKIE = "dismissed_banners"
# A cookie naming more than this many is cut: a reader cannot make it grow for ever.
MAX_DISMISSED = 20


class LiveBanner(NamedTuple):
    """A live banner as pages show it: plain values, kept in the app's cache."""

    id: int
    edition_id: int
    language: str  # its edition's
    text: str
    url: str  # of its article
    expires_at: datetime


def live_banners(now: datetime) -> tuple[LiveBanner, ...]:
    """Banners neither taken down nor expired whose article is public, newest first.

    One query, read with the navigation (`newsite.templating.navigation`)."""
    home = aliased(Edition)  # the article's edition, for its address
    query = (
        sa.select(
            Banner.id,
            Banner.edition_id,
            Edition.language,
            Banner.text,
            Banner.expires_at,
            home.slug,
            Section.slug,
            Article.slug,
        )
        .join(Edition, Edition.id == Banner.edition_id)
        .join(Article, Article.id == Banner.article_id)
        .join(home, home.id == Article.edition_id)
        .join(Section, Section.id == Article.section_id)
        .where(
            Banner.taken_down_at.is_(None),
            Banner.expires_at > now,
            Article.public_clause(now),
        )
        .order_by(Banner.created_at.desc(), Banner.id.desc())
    )
    return tuple(
        LiveBanner(
            id=id_,
            edition_id=edition_id,
            language=language,
            text=text,
            url=url_for("public.article", edition=edition, section=section, slug=slug),
            expires_at=expires_at,
        )
        for id_, edition_id, language, text, expires_at, edition, section, slug in (
            db.session.execute(query)
        )
    )


def shown_on(
    banners: Iterable[LiveBanner], now: datetime, edition_id: int | None, language: str
) -> list[LiveBanner]:
    """The banners a page shows: its edition's, or on a page of no edition those of
    the editions written in its language. Expired ones are left out here, since the
    list is kept until the taxonomy changes."""
    return [
        b
        for b in banners
        if b.expires_at > now
        and (b.edition_id == edition_id if edition_id is not None else b.language == language)
    ]


def dismissed() -> frozenset[int]:
    """The banners this reader dismissed (their cookie); anything unreadable is ignored.

    Reading a cookie costs nothing: every reader's cached page asks."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return frozenset()
    ids = set()
    for part in raw.split(".")[:MAX_DISMISSED]:
        if part.isascii() and part.isdigit() and len(part) <= 10 and 1 <= int(part) <= MAX_ID:
            ids.add(int(part))
    return frozenset(ids)


def remember_dismissed(response: Response, banners: list[LiveBanner], now: datetime) -> None:
    """Keep the dismissed `banners` (live ones) in the reader's cookie until the last of
    them expires; with none left, the cookie goes."""
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    if not banners:
        response.delete_cookie(COOKIE, httponly=True, samesite="Lax", secure=secure)
        return
    kept = sorted(banners, key=lambda b: b.expires_at)[-MAX_DISMISSED:]
    seconds = max(1, int((kept[-1].expires_at - now).total_seconds()) + 1)
    response.set_cookie(
        COOKIE,
        ".".join(str(b.id) for b in sorted(kept, key=lambda b: b.id)),
        max_age=seconds,
        httponly=True,
        samesite="Lax",
        secure=secure,
    )


def expiry_problem(expires_at: datetime, now: datetime) -> str | None:
    """Why a banner may not expire at `expires_at` (UTC), or None when it may."""
    if expires_at <= now:
        return "The expiry must be in the future."
    if expires_at > now + MAX_DURATION:
        return "A banner lasts at most 24 hours."
    return None


def take_down(banner: Banner, now: datetime) -> None:
    """End a banner now. Its expiry moves to now as well: the pages' versions read the
    next expiry from its index, and a banner that is down has none to come."""
    banner.taken_down_at = now
    banner.expires_at = min(banner.expires_at, now)
