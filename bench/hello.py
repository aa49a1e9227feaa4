"""The reference for `bench/pages`: the smallest Flask app, served by the same gunicorn.

Its requests per second are the yardstick: a page's figure divided by this one says
how much the page costs beyond Flask and gunicorn themselves, on whatever machine ran it.
"""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """Answer every request with the same short text."""
    return "Hello, World!"
