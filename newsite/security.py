"""Security headers on every response: pages, fragments, errors and static files."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.wrappers import Response

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
        # A view may have set its own (a stricter policy, say): that one stays.
        headers.extend([(name, value) for name, value in fixed if name not in headers])
        if request.is_secure and hsts[0] not in headers:
            headers.add(*hsts)
        return response

    app.after_request(add_security_headers)


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
            "connect-src 'self'",
            "font-src 'self'",
            "form-action 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )
