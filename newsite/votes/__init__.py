"""Votes: "Do you like this article?" and comment likes."""

from flask import Blueprint

bp = Blueprint("votes", __name__, url_prefix="/votes")

from newsite.votes import views  # noqa: E402,F401  (registers the routes)
