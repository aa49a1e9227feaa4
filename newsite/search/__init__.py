"""Site search: one `search()` over public articles, FTS5 on SQLite, tsvector on PostgreSQL."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from newsite.search import views  # noqa: E402,F401  (registers the routes)
