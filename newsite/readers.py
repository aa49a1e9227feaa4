"""Readers have no accounts: a random id in a signed cookie tells them apart.

The reader cookie is set on a reader's first article page (so that even a
double click on their first vote is one voter). It lets
them see their own comments that wait for moderation, keeps their vote and
likes (one per reader and target) and stops them liking their own comments.
The id is random and says nothing about the reader; a tampered or forged
cookie is ignored, and its bearer gets a new id, never someone else's.

Client addresses are never stored: rate limits count a keyed hash of the
address whose key changes every day.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from typing import Any

from flask import current_app, g, request
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature
from werkzeug.wrappers import Response

from newsite import signing

READER_COOKIE = "reader"
COOKIE_MAX_AGE = 365 * 24 * 3600


def _serializer() -> signing.Serializer:
    return signing.serializer("newsite.reader")


def reader_id() -> str | None:
    """The id in this reader's cookie, if it is there and untampered."""
    if new_id := g.get("new_reader_id"):
        return new_id
    if "cookie_reader_id" not in g:
        g.cookie_reader_id = _from_cookie(request.cookies.get(READER_COOKIE))
    return g.cookie_reader_id


def _from_cookie(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        value = _serializer().loads(raw)
    except BadSignature:
        return None
    return value if isinstance(value, str) and 16 <= len(value) <= 64 else None


def csrf_secret(reader: str) -> str:
    """The CSRF secret of a reader who has no session: derived from their id.

    A reader's pages and posts then need no session cookie at all (one signature
    and one Set-Cookie less on a new reader's first page); what the token proves
    is the same, since only this reader's browser holds the id.
    """
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"csrf:" + reader.encode(), hashlib.sha256).hexdigest()[:40]


def give_derived_csrf_secret(session: Any) -> bool:
    """Put a known reader's derived CSRF secret in a session that has none; whether
    it did. Put in place, not stored: nothing changed, so no session cookie is sent."""
    if "csrf_token" in session or not (reader := reader_id()):
        return False
    dict.__setitem__(session, "csrf_token", csrf_secret(reader))
    return True


class ReaderSessions(signing.CookieSessions):
    """Sessions as `CookieSessions`; a reader without one gets their derived CSRF secret."""

    def open_session(self, app: Any, request: Any) -> Any:
        session = super().open_session(app, request)
        # For every method: a GET that builds a form (the reply form) must find the
        # same secret the reader's cached pages were filled with.
        if session is not None:
            give_derived_csrf_secret(session)
        return session


def ensure_reader_id() -> str:
    """This reader's id, creating one (sent with the response) when missing."""
    if existing := reader_id():
        return existing
    g.new_reader_id = secrets.token_urlsafe(24)
    return g.new_reader_id


def set_cookies(response: Response) -> Response:
    """Write a reader cookie created during this request."""
    if new_id := g.get("new_reader_id"):
        response.set_cookie(
            READER_COOKIE,
            _serializer().dumps(new_id),
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def client_key() -> str:
    """A keyed hash of the client address that rotates daily: rate limits count this."""
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), day.encode(), hashlib.sha256).digest()
    return hmac.new(key, get_remote_address().encode(), hashlib.sha256).hexdigest()[:32]


def client_marker() -> str:
    """A stable keyed hash of the client address: moderators see and block this."""
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"client-marker", hashlib.sha256)
    return hmac.new(key.digest(), get_remote_address().encode(), hashlib.sha256).hexdigest()[:16]
