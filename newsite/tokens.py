"""Per-reader tokens in cached HTML.

Pages and fragments that are the same for many readers are rendered once and
cached with markers where each reader's CSRF token and comment-form token go;
`fill` puts this request's tokens in. The markers hold a NUL character, which
no stored comment, name or headline can contain, so text never turns into one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import g
from flask_wtf.csrf import generate_csrf

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
    if CSRF_MARKER in html:
        html = html.replace(CSRF_MARKER, generate_csrf())
    while FORM_TOKEN_MARKER in html:
        # One token per form: each is its own idempotency key.
        html = html.replace(FORM_TOKEN_MARKER, form_token(), 1)
    return html
