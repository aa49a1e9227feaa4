"""How the site is found and shared: Atom feeds, sitemaps, robots.txt and page metadata."""

from flask import Blueprint

bp = Blueprint("discovery", __name__)

from newsite.discovery import metadata, views  # noqa: E402,F401  (registers routes and helpers)
