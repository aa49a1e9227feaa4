"""Readers have no accounts: a random id in a signed cookie tells them apart.

The commenter cookie is set when a reader first posts a comment. It lets them
see their own comments that wait for moderation, and (later) keeps them from
liking their own comments. The id is random and says nothing about the reader.
"""

from __future__ import annotations

import secrets

from flask import current_app, g, request
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

COMMENTER_COOKIE = "commenter"
COOKIE_MAX_AGE = 365 * 24 * 3600


def _serializer(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"newsite.reader.{purpose}")


def commenter_id() -> str | None:
    """The id in this reader's commenter cookie, if it is there and untampered."""
    raw = request.cookies.get(COMMENTER_COOKIE)
    if not raw:
        return None
    try:
        value = _serializer(COMMENTER_COOKIE).loads(raw)
    except BadSignature:
        return None
    return value if isinstance(value, str) else None


def ensure_commenter_id() -> str:
    """This reader's commenter id, creating one (set on the response) when missing."""
    existing = commenter_id() or g.get("new_commenter_id")
    if existing:
        return existing
    g.new_commenter_id = secrets.token_urlsafe(24)
    return g.new_commenter_id


def set_cookies(response: Response) -> Response:
    """Write a commenter cookie created during this request."""
    if new_id := g.get("new_commenter_id"):
        response.set_cookie(
            COMMENTER_COOKIE,
            _serializer(COMMENTER_COOKIE).dumps(new_id),
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response
