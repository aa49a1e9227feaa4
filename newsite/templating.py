"""What every template can use: site navigation, htmx's script tag, date formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g, url_for
from flask_babel import format_date, format_datetime

from newsite import photos
from newsite.extensions import db
from newsite.languages import select_locale
from newsite.models import Edition, Section

# htmx is pinned: package.json installs this version for local serving, and the
# SRI hash below is the sha384 of its dist/htmx.min.js (a test checks they agree).
HTMX_VERSION = "2.0.11"
HTMX_SRI = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
HTMX_CDN_URL = f"https://cdn.jsdelivr.net/npm/htmx.org@{HTMX_VERSION}/dist/htmx.min.js"


@dataclass(frozen=True)
class Script:
    src: str
    integrity: str | None = None


@dataclass(frozen=True)
class Navigation:
    """Rows with `id`, `slug` and `name`: plain tuples, cheaper than ORM objects."""

    editions: list[sa.Row[Any]]
    sections: list[sa.Row[Any]]


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"navigation": navigation, "htmx_script": htmx_script})
    # A global, not a context processor: macros imported without context call it.
    app.jinja_env.globals["photo_sources"] = photos.sources
    app.jinja_env.filters["isodate"] = isodate
    app.jinja_env.filters["longdate"] = longdate
    app.jinja_env.filters["shortdate"] = shortdate
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def navigation() -> Navigation:
    """Editions and sections for the header, read once per request."""
    if "navigation" not in g:
        g.navigation = Navigation(
            editions=_menu(Edition),
            sections=_menu(Section),
        )
    return g.navigation


def _menu(model: type[Edition] | type[Section]) -> list[sa.Row[Any]]:
    # Editions with their language (a link to one says it), sections with their names
    # in other languages (`section_name`).
    extra = model.language if model is Edition else model.translations
    query = sa.select(model.id, model.slug, model.name, extra).order_by(model.position, model.id)
    return list(db.session.execute(query))


def htmx_script() -> Script:
    """htmx from the CDN with SRI, or the local copy when HTMX_SOURCE is "local"."""
    if current_app.config["HTMX_SOURCE"] == "local":
        return Script(url_for("static", filename="vendor/htmx.min.js"))
    return Script(HTMX_CDN_URL, HTMX_SRI)


def isodate(value: datetime | None) -> str:
    """A UTC timestamp for `<time datetime>`."""
    return value.strftime("%Y-%m-%dT%H:%MZ") if value else ""


# Date patterns per language (CLDR syntax; Babel supplies month names and digits).
LONG_DATES = {"en": "d MMMM y, HH:mm 'UTC'", "ar": "d MMMM y، HH:mm 'بالتوقيت العالمي'"}
SHORT_DATES = {"en": "d MMM y", "ar": "d MMMM y"}


def longdate(value: datetime | None) -> str:
    """Day, month, year and time, in the page's language."""
    return format_datetime(value, LONG_DATES[select_locale()]) if value else ""


def shortdate(value: datetime | None, **_: Any) -> str:
    return format_date(value, SHORT_DATES[select_locale()]) if value else ""
