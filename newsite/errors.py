"""Branded error pages: every HTTP error renders in the site's own look."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, g, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException, InternalServerError

from newsite.extensions import db
from newsite.languages import use_language
from newsite.models import Edition


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
    _speak_the_edition_of_the_path()
    return render_template("errors/error.html", error=error), error.code


def _speak_the_edition_of_the_path() -> None:
    """A missing page under an edition's address answers in that edition's language."""
    if "language" in g:
        return
    first = request.path.strip("/").split("/", 1)[0]
    if first and len(first) <= 60 and first.isascii():
        try:
            language = db.session.scalar(sa.select(Edition.language).filter_by(slug=first))
        except sa.exc.SQLAlchemyError:
            return  # the error page must not fail on the database
        use_language(language)


def _server_error(error: InternalServerError) -> tuple[str, int]:
    """Render the 500 page without touching the database, which may be the cause."""
    db.session.rollback()
    return render_template("errors/error.html", error=error, minimal=True), 500
