"""The order a reader reads a thread in: oldest first (the default), newest first, or
most liked first.

The order is in the article's URL (`?order=newest`, `?order=liked`; oldest has no
argument), so each order is its own shared, cached page. A reader's choice is also
kept in a cookie, set only by the choice itself (`comments.choose_order`, a private
answer): a reader with the cookie who opens an article without `?order=` is
redirected to their order before any cache answers (`public.article`, and nginx
passes such requests by: deploy/newsite-proxy.conf).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from flask import abort, current_app, request
from werkzeug.wrappers import Response

OLDEST, NEWEST, LIKED = "oldest", "newest", "liked"
ORDERS = (OLDEST, NEWEST, LIKED)
COOKIE = "comment_order"
COOKIE_MAX_AGE = 365 * 24 * 3600


def requested_order() -> str:
    """The order `?order=` asks for: oldest without it; an unknown value is a 404."""
    raw = request.args.get("order")
    if raw is None:
        return OLDEST
    if raw not in ORDERS:
        abort(404)
    return raw


def page_order() -> str:
    """The order of the page an htmx request came from (`HX-Current-URL`): where a
    comment just posted goes in it."""
    query = urlsplit(request.headers.get("HX-Current-URL", "")).query
    value = parse_qs(query).get("order", [""])[0]
    return value if value in ORDERS else OLDEST


def remembered_order() -> str | None:
    """The order this reader chose before (their cookie), unless it is the default."""
    value = request.cookies.get(COOKIE)
    return value if value in (NEWEST, LIKED) else None


def order_argument(order: str) -> str | None:
    """The value of `?order=` for `order` in a URL: none for the default."""
    return None if order == OLDEST else order


def remember(response: Response, order: str) -> Response:
    """Keep the reader's choice in their cookie (the default needs none: it is cleared)."""
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    if order == OLDEST:
        response.delete_cookie(COOKIE, httponly=True, samesite="Lax", secure=secure)
    else:
        response.set_cookie(
            COOKIE, order, max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax", secure=secure
        )
    return response
