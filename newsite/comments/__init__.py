"""Commenting: the thread, posting, replies, the live counter."""

from flask import Blueprint

bp = Blueprint("comments", __name__, url_prefix="/comments")

from newsite.comments import views  # noqa: E402,F401  (registers the routes)
