"""Branded error pages: every HTTP error renders in the site's own look."""

from __future__ import annotations

import math
import time
from urllib.parse import urlsplit

from flask import Flask, current_app, g, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError
from werkzeug.wrappers import Response

from newsite.extensions import db, limiter
from newsite.htmx import alert_where_asked, wants_fragment
from newsite.public.queries import speak_for_the_address


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
    app.after_request(_retry_after_on_429)


def seconds_until_allowed() -> int:
    """Seconds until the rate limit this request broke lets its client in again."""
    limit = limiter.current_limit
    if limit is None:
        return 60
    return max(1, math.ceil(limit.reset_at - time.time()))


def try_again_in() -> str:
    """When to try again, for a refused reader or editor: in whole minutes."""
    minutes = max(1, round(seconds_until_allowed() / 60))
    return ngettext(
        "Please try again in %(num)d minute.", "Please try again in %(num)d minutes.", minutes
    )


def _retry_after_on_429(response: Response) -> Response:
    """Every 429, whichever handler wrote it, says when to come back."""
    if response.status_code == 429 and "Retry-After" not in response.headers:
        response.headers["Retry-After"] = str(seconds_until_allowed())
    return response


def _http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    """Render a 4xx/5xx in the site's layout; redirects and the like pass through."""
    if error.code is None or error.code < 400:
        return error
    if isinstance(error, SecurityError):
        return _unknown_host(error)
    if request_ctx.url_adapter is None:
        # No URLs can be built: a plain answer, no layout.
        return error
    if "language" not in g:  # a view that got far enough has said already
        speak_for_the_address()
    message = try_again_in() if error.code == 429 else None
    return render_template("errors/error.html", error=error, message=message), error.code


def _unknown_host(error: SecurityError) -> tuple[str, int] | HTTPException:
    """A `Host` this site does not answer to (TRUSTED_HOSTS): the branded 400, its links
    built for the site's own host, without reading the database."""
    app = current_app
    own = app.config["TRUSTED_HOSTS"] or []
    host = urlsplit(app.config["SITE_URL"] or "").netloc or next((h.lstrip(".") for h in own), None)
    if host is None:
        return error
    request_ctx.url_adapter = app.url_map.bind(host, script_name=request.script_root or None)
    error.description = UNKNOWN_HOST_MESSAGE
    return render_template("errors/error.html", error=error, minimal=True), 400


UNKNOWN_HOST_MESSAGE = _l(
    "This site does not answer to the address your browser asked for. Check the address, "
    "or follow the link below to our front page."
)


def _server_error(error: InternalServerError) -> tuple[str, int] | Response:
    """Render the 500 page without touching the database, which may be the cause; to
    htmx, the same words where the reader is looking."""
    db.session.rollback()
    if wants_fragment():
        return alert_where_asked(SERVER_ERROR_MESSAGE, 500)
    return render_template("errors/error.html", error=error, minimal=True), 500


SERVER_ERROR_MESSAGE = _l(
    "Our server had a problem showing this page. We have been told, and we are on it. "
    "Please try again in a moment."
)
