"""URL converters: only well-formed slugs and ids reach a view; anything else is a 404."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from werkzeug.routing import BaseConverter, IntegerConverter

from newsite.text import SLUG_PATTERN

# The largest id a 32-bit integer column (PostgreSQL's `integer`) holds.
MAX_ID = 2**31 - 1


class SlugConverter(BaseConverter):
    regex = SLUG_PATTERN


class IdConverter(IntegerConverter):
    """A row id: 1 to MAX_ID, so no URL asks the database for an impossible number."""

    def __init__(self, url_map: object, *args: object, **kwargs: object) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)


def init_app(app: Flask) -> None:
    app.url_map.converters.update(slug=SlugConverter, id=IdConverter)


def id_from(raw: str | None) -> int | None:
    """A row id typed into a query string or form field, or None when it cannot be one
    (not digits, or beyond what an id column holds: no query ever gets it)."""
    if raw is None or not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_ID)):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def site_path(target: str | None) -> str | None:
    """`target` when it is a path on this site (where a form may send a reader back
    to), else None: never another host, whatever a browser would make of it."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and "\\" not in target:
            return target
    return None
