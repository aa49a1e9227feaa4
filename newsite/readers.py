"""Readers have no accounts: a random id in a signed cookie tells them apart.

The reader cookie is set when a reader first acts (votes, likes, posts), never
on reading: every reader who has done nothing gets the same public pages, which
any cache may share. The id lets them see their own comments that wait for
moderation, keeps their vote and likes (one per reader and target) and stops
them liking their own comments. It is random and says nothing about the reader;
a tampered or forged cookie is ignored, and its bearer gets a new id, never
someone else's.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from flask import current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

from newsite.clients import client_key
from newsite.extensions import cache
from newsite.models import Editor

READER_COOKIE = "reader"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Two cookie-less requests from one client to one target this close together are
# one action (a double click on a first vote before its cookie came back).
FIRST_ACTION_WINDOW = 1


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="newsite.reader")


def reader_id() -> str | None:
    """The id in this reader's cookie (or made during this request), if any."""
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


def acting_reader_id(what: str) -> str:
    """The id of the reader doing `what` (the target and what was sent): their
    cookie's, or for a reader without one, a new id that the answer sets as a cookie.

    Only an action calls this (a vote, a like, a post): reading never sets a cookie.
    A double click on a reader's very first vote sends two requests before the first
    answer's cookie arrives: a cookie-less request repeating the same client's same
    action less than a second ago gets the first one's id, so the two are one
    reader's and count once. The client is its hashed address and browser
    (`User-Agent`), in the shared cache, so every worker sees it (with Redis;
    SimpleCache is per process). `cache.add` is atomic: of two requests at once,
    exactly one is first. The entry keeps its own time, since the cache's expiry
    counts whole seconds.
    """
    if existing := reader_id():
        return existing
    g.new_reader_id = secrets.token_urlsafe(24)
    agent = request.headers.get("User-Agent", "")
    digest = hashlib.sha256(f"{client_key()}|{agent}|{what}".encode()).hexdigest()[:32]
    key = f"first-action:{digest}"
    mine = (g.new_reader_id, time.time())
    if not cache.add(key, mine, timeout=FIRST_ACTION_WINDOW + 1):
        first = cache.get(key)
        if first is not None and time.time() - first[1] < FIRST_ACTION_WINDOW:
            g.new_reader_id = first[0]
        else:
            cache.set(key, mine, timeout=FIRST_ACTION_WINDOW + 1)
    return g.new_reader_id


def signed_in_editor() -> Editor | None:
    """The newsroom account signed in to the admin in this browser, on a public page
    (a staff comment, a moderator's controls), or None.

    Readers have no session cookie: for them this is free. Only a request that
    carries one loads the account (Flask-Login, one query).
    """
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return None
    user = current_user._get_current_object()
    return user if isinstance(user, Editor) and user.is_authenticated else None


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
