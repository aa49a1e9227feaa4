"""Branded error pages: every HTTP error renders in the site's own look."""

from __future__ import annotations

from flask import Flask, g, render_template
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException, InternalServerError

from newsite.extensions import db
from newsite.public.queries import speak_for_the_address


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)


def _http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    """Render a 4xx/5xx in the site's layout; redirects and the like pass through."""
    if error.code is None or error.code < 400:
        return error
    if request_ctx.url_adapter is None:
        # No URLs can be built (an untrusted Host): a plain answer, no layout.
        return error
    if "language" not in g:  # a view that got far enough has said already
        speak_for_the_address()
    return render_template("errors/error.html", error=error), error.code


def _server_error(error: InternalServerError) -> tuple[str, int]:
    """Render the 500 page without touching the database, which may be the cause."""
    db.session.rollback()
    return render_template("errors/error.html", error=error, minimal=True), 500
