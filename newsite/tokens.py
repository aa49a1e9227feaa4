"""Per-reader tokens in cached HTML.

Pages and fragments that are the same for many readers are rendered once and
cached with markers where each reader's CSRF token and comment-form token go;
`fill` puts this request's tokens in. The markers hold a NUL character, which
no stored comment, name or headline can contain, so text never turns into one.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g, session

from newsite import signing
from newsite.readers import give_derived_csrf_secret

CSRF_MARKER = "\x00csrf\x00"
FORM_TOKEN_MARKER = "\x00form-token\x00"


@contextmanager
def placeholders() -> Iterator[None]:
    """Render with markers instead of this reader's tokens (for the cache)."""
    g.token_placeholders = g.get("token_placeholders", 0) + 1
    try:
        yield
    finally:
        g.token_placeholders -= 1


def csrf_field() -> str:
    """The CSRF token for a form: `csrf_token()` in every template."""
    return CSRF_MARKER if g.get("token_placeholders") else generate_csrf()


def form_token() -> str:
    """A fresh comment-form token (idempotency key and time shown)."""
    if g.get("token_placeholders"):
        return FORM_TOKEN_MARKER
    from newsite.comments.forms import new_form_token

    return new_form_token()


def fill(html: str) -> str:
    """Put this request's tokens where the markers are (unless still caching)."""
    if g.get("token_placeholders"):
        return html
    return _MARKERS.sub(lambda marker: _token(marker.group()), html)


def split(html: str) -> list[bytes]:
    """The page as UTF-8 cut at its markers, each marker its own item: what a page
    cache keeps, so that filling a long page (a thread of comments) is one join,
    without searching, copying or encoding the whole page on every request."""
    return [part.encode() for part in _MARKERS.split(html) if part]


def fill_split(parts: list[bytes]) -> bytes:
    """A `split` page with this request's tokens in, as the body to send."""
    csrf = None
    filled = []
    for part in parts:
        if part == _CSRF_BYTES:
            csrf = csrf or generate_csrf().encode()
            filled.append(csrf)
        elif part == _FORM_TOKEN_BYTES:
            filled.append(form_token().encode())
        else:
            filled.append(part)
    return b"".join(filled)


def generate_csrf() -> str:
    """This request's CSRF token, as Flask-WTF's `generate_csrf` makes it (and its
    `validate_csrf` checks it), with a serializer made once rather than per call."""
    if "csrf_token" not in g:
        # A reader made during this request (their first page) gets the derived secret
        # here; any other request's session was given it when it opened.
        if not give_derived_csrf_secret(session._get_current_object()) and (
            "csrf_token" not in session
        ):
            session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()
        secret = current_app.config.get("WTF_CSRF_SECRET_KEY")
        signer = signing.serializer("wtf-csrf-token", timed=True, secret=secret)
        g.csrf_token = signer.dumps(session["csrf_token"])
    return g.csrf_token


def _token(marker: str) -> str:
    # One form token per form: each is its own idempotency key. Flask-WTF keeps
    # the request's CSRF token, so every form gets the same one.
    return generate_csrf() if marker == CSRF_MARKER else form_token()


_MARKERS = re.compile(f"({re.escape(CSRF_MARKER)}|{re.escape(FORM_TOKEN_MARKER)})")
_CSRF_BYTES = CSRF_MARKER.encode()
_FORM_TOKEN_BYTES = FORM_TOKEN_MARKER.encode()
