"""Readers' pages: home, editions, sections, articles, authors, the comment policy."""

from flask import Blueprint
from werkzeug.routing import BaseConverter

from newsite.text import SLUG_PATTERN


class SlugConverter(BaseConverter):
    """Only well-formed slugs reach a view: odd characters are a 404 at routing."""

    regex = SLUG_PATTERN


bp = Blueprint("public", __name__)
bp.record_once(lambda state: state.app.url_map.converters.update(slug=SlugConverter))

from newsite.public import views  # noqa: E402,F401  (registers the routes)
