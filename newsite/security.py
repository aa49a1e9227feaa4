"""Security on every request: cross-origin writes refused, and security headers on
every response (pages, fragments, errors and static files).

Cross-site request forgery is stopped by asking the browser where a write comes
from, as Go's `net/http.CrossOriginProtection` does, rather than with tokens in
the page, so that public pages carry nothing of one reader's and any cache can
share them:

1. GET, HEAD and OPTIONS are never refused: they change nothing.
2. `Sec-Fetch-Site` (every current browser sends it): `same-origin` or `none`
   (typed in the address bar, a bookmark) pass; anything else is refused unless
   `Origin` is a trusted origin.
3. Without it (older browsers), `Origin`: absent passes, the site's own host
   passes, a trusted origin passes, anything else is refused.
4. A request with neither header passes: forgery needs a victim's browser, and
   every browser that could be one sends one of them. Scripts and feeds
   readers are judged by the usual rules (rate limits, honeypot, moderation).

Trusted origins are SITE_URL's and TRUSTED_ORIGINS. The admin keeps Flask-WTF's
CSRF token as a second layer.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from newsite.embeds import PLAYER_ORIGINS
from newsite.templating import HTMX_CDN_URL

HSTS_MAX_AGE = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    # The same on every response of this app: built once, not per request.
    fixed = [
        ("Content-Security-Policy", content_security_policy(app.config["HTMX_SOURCE"])),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    hsts = ("Strict-Transport-Security", f"max-age={HSTS_MAX_AGE}; includeSubDomains")

    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        # A view may have set its own (a stricter policy, say): that one stays. The
        # names present are read once: asking `headers` name by name costs more.
        present = {name.lower() for name, _value in headers}
        headers.extend([(name, value) for name, value in fixed if name.lower() not in present])
        if request.is_secure and hsts[0].lower() not in present:
            headers.add(*hsts)
        return response

    app.after_request(add_security_headers)


SAFE_METHODS = frozenset(("GET", "HEAD", "OPTIONS"))
CROSS_ORIGIN_MESSAGE = _l(
    "This request came from another website, so it was refused and nothing was saved. "
    "If you meant to do this, do it again from this site's own page."
)


def refuse_cross_origin() -> None:
    """Refuse a write a browser sent from another site (403); see the module's docstring."""
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        if fetch_site in ("same-origin", "none") or _trusted(origin):
            return
    elif origin is None or _same_host(origin) or _trusted(origin):
        return
    abort(403, description=CROSS_ORIGIN_MESSAGE)


def _same_host(origin: str) -> bool:
    # As Go compares it: the Origin's host and port against the request's Host header.
    # (Behind a proxy that rewrites Host, set SITE_URL or TRUSTED_ORIGINS.)
    return urlsplit(origin).netloc.lower() == request.host.lower()


def _trusted(origin: str | None) -> bool:
    if not origin or origin == "null":
        return False
    config = current_app.config
    trusted = [config["SITE_URL"], *(config["TRUSTED_ORIGINS"] or [])]
    return any(_origin_of(url) == origin.lower() for url in trusted if url)


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def content_security_policy(htmx_source: str) -> str:
    """No inline script or style and no eval: htmx runs with allowEval false."""
    scripts = "'self'"
    if htmx_source == "cdn":
        scripts += " " + HTMX_CDN_URL
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            # Only the players a reader asks for (newsite/embeds.py), from hosts that
            # set no tracking cookies.
            f"frame-src {' '.join(PLAYER_ORIGINS)}",
            "connect-src 'self'",
            "font-src 'self'",
            "form-action 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )
