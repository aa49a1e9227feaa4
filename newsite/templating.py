"""What every template can use: site navigation, htmx's script tag, date formats."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from babel.dates import format_datetime, format_timedelta, get_timezone_location
from flask import Flask, current_app, g, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from newsite import banners, crops, models, newsroom, photos, versions
from newsite.extensions import cache, db
from newsite.languages import select_locale
from newsite.models import Edition, Section, utcnow

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
    """What the header and footer of every page show: editions and sections (rows with
    `id`, `slug` and `name`: plain tuples, cheaper than ORM objects), the newsroom's
    pages that are written ((slug, language) pairs) and the live breaking-news banners."""

    editions: list[sa.Row[Any]]
    sections: list[sa.Row[Any]]
    pages: frozenset[tuple[str, str]] = frozenset()
    banners: tuple[banners.LiveBanner, ...] = ()


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"navigation": navigation, "htmx_script": htmx_script})
    # A global, not a context processor: macros imported without context call it.
    app.jinja_env.globals["photo_sources"] = photos.sources
    app.jinja_env.globals["photo_picture"] = crops.picture
    # Every time a template shows goes through these (see "Times as readers say them").
    app.jinja_env.globals["time_tag"] = time_tag
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def navigation() -> Navigation:
    """What every page's header and footer show, read once per request, and made once
    per taxonomy version: everything in it is in the taxonomy (`newsite.public.caching`),
    so a page rendered again costs one cached lookup instead of four queries."""
    if "navigation" not in g:
        # The page's version has read it already (`newsite.public.caching`); else one lookup.
        version = g.get("taxonomy_version") or db.session.scalar(
            sa.select(versions.current(versions.TAXONOMY))
        )
        key = f"{_NAVIGATION_KEY}:{version}"
        found = cache.get(key) if version else None
        if found is None:
            found = Navigation(
                editions=_menu(Edition),
                sections=_menu(Section),
                pages=newsroom.existing_pages(),
                # Those live now; each page leaves out the ones that have run out since.
                banners=banners.live_banners(models.utcnow()),
            )
            if version:
                cache.set(key, found)
        g.navigation = found
    return g.navigation


# The cache key names the shape of what is kept, so a deploy that changes it never
# reads a copy kept by the code before (the shared cache outlives a deploy).
_NAVIGATION_KEY = (
    "navigation:"
    + hashlib.sha256(
        repr(([(f.name, f.type) for f in fields(Navigation)], banners.LiveBanner._fields)).encode()
    ).hexdigest()[:8]
)


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
    """A UTC timestamp for `<time datetime>`, to the second."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


# --- Times as readers say them ------------------------------------------------------
#
# Every time is shown in the time zone of the edition it belongs to (`Edition.time_zone`)
# and says which ("10:35 Baghdad time"); the `<time>` element carries the exact UTC time
# in `datetime` and the full local time in `title`. Teasers and comments from the last
# day say how long ago instead ("2 hours ago").
#
# Relative times in shared pages: public pages are cached (`newsite.public.caching`), and
# "2 hours ago" goes stale. So relative times are counted from `reference_time()`, the
# start of the current minute (RELATIVE_TIME_SECONDS), and that minute is part of the
# version of every page that can show one: a cached page is at most a minute behind, and
# two renderings under one version are the same bytes.

RELATIVE_FOR = timedelta(hours=24)

# CLDR patterns per language (Babel supplies month names and digits); the zone is added
# by `_with_zone`.
DATE_TIMES = {"en": "d MMMM y, HH:mm", "ar": "d MMMM y، HH:mm"}
SHORT_DATES = {"en": "d MMM y", "ar": "d MMMM y"}
ADMIN_TIMES = {"en": "d MMM y, HH:mm", "ar": "d MMM y، HH:mm"}
CLOCK_TIMES = {"en": "HH:mm", "ar": "HH:mm"}
STYLES = {"long": DATE_TIMES, "date": SHORT_DATES, "admin": ADMIN_TIMES, "clock": CLOCK_TIMES}


def reference_time() -> datetime:
    """What relative times count from: the start of this minute (RELATIVE_TIME_SECONDS),
    the same for the whole request."""
    if "reference_time" not in g:
        # Whole seconds: every request in the step gets the very same value.
        step = max(1, int(current_app.config["RELATIVE_TIME_SECONDS"]))
        now = int(utcnow().replace(tzinfo=UTC).timestamp())
        g.reference_time = datetime.fromtimestamp(now - now % step, UTC).replace(tzinfo=None)
    return g.reference_time


def _zone_name(where: Any) -> str:
    """The time zone of an edition (or an IANA name itself); UTC for nothing."""
    if isinstance(where, str):
        return where
    return getattr(where, "time_zone", None) or "UTC"


@functools.cache
def _city(zone: str, locale: str) -> str | None:
    """The city readers name the zone by ("Baghdad", "بغداد"); None for UTC.

    Babel's CLDR exemplar city: its zone names read "Iraq Time" or "Arabian Time",
    not how a reader in Baghdad says it.
    """
    if zone == "UTC" or zone.startswith("Etc/"):
        return None
    return get_timezone_location(zone, locale=locale, return_city=True)


def _with_zone(text: str, zone: str) -> str:
    city = _city(zone, select_locale())
    if city is None:
        return _("%(time)s UTC", time=text)
    return _("%(time)s %(city)s time", time=text, city=city)


def zone_label(where: Any) -> str:
    """The zone of `where` (an edition or a zone's name) with its offset now, for the
    admin (in English): "Baghdad time (UTC+03:00)"."""
    zone = _zone_name(where)
    offset = format_datetime(utcnow().replace(tzinfo=UTC), "xxx", tzinfo=ZoneInfo(zone))
    city = _city(zone, "en")
    return "UTC" if city is None else f"{city} time (UTC{offset})"


def local_time(value: datetime | None, where: Any = None, style: str = "long") -> str:
    """`value` (naive UTC) in the zone of `where` (an edition), in the page's language:
    "7 December 2026, 10:35 Baghdad time"; the "date" style is the day alone."""
    if value is None:
        return ""
    zone = _zone_name(where)
    locale = select_locale()
    text = format_datetime(
        value.replace(tzinfo=UTC), STYLES[style][locale], tzinfo=ZoneInfo(zone), locale=locale
    )
    return text if style == "date" else _with_zone(text, zone)


def relative_time(value: datetime) -> str | None:
    """ "2 hours ago" for a time in the last day, None for an older one."""
    age = reference_time() - value
    if age >= RELATIVE_FOR:
        return None
    if age < timedelta(minutes=1):
        return _("just now")
    # Whole minutes below an hour, whole hours above: "1 hour ago", not "60 minutes ago";
    # "23 hours ago" at most (Babel calls 24 hours "1 day").
    minutes = round(age.total_seconds() / 60)
    hours = min(23, round(minutes / 60))
    rounded = timedelta(minutes=minutes) if minutes < 60 else timedelta(hours=hours)
    return format_timedelta(-rounded, threshold=1, add_direction=True, locale=select_locale())


def time_tag(
    value: datetime | None, where: Any = None, style: str = "long", relative: bool = False
) -> Markup:
    """A `<time>` of `value` for readers: local to `where` (an edition) and naming its
    zone, or how long ago when `relative` and within the last day; the exact time in
    `datetime` (UTC) and `title` (local) either way."""
    if value is None:
        return Markup("")
    exact = local_time(value, where)
    shown = (relative and relative_time(value)) or (
        exact if style == "long" else local_time(value, where, style)
    )
    return Markup('<time datetime="{}" title="{}">{}</time>').format(isodate(value), exact, shown)
