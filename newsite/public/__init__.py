"""Readers' pages: home, editions, sections, articles, authors, the comment policy."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from newsite.public import banners, corrections, previews, views  # noqa: E402,F401  (registers the routes)
