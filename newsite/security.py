"""Security headers on every response: pages, fragments, errors and static files."""

from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

from newsite.templating import HTMX_CDN_URL

HSTS_MAX_AGE = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)


def content_security_policy() -> str:
    """No inline script or style and no eval: htmx runs with allowEval false."""
    scripts = "'self'"
    if current_app.config["HTMX_SOURCE"] == "cdn":
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


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault(
            "Strict-Transport-Security", f"max-age={HSTS_MAX_AGE}; includeSubDomains"
        )
    return response
