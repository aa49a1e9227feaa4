"""The one place that decides between a whole page and an htmx fragment."""

from __future__ import annotations

from flask import request
from werkzeug.wrappers import Response


def wants_fragment() -> bool:
    """True for htmx requests that swap part of a page (boosted ones want pages)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def vary_on_htmx(response: Response) -> Response:
    """Responses that differ for htmx say so, so no cache mixes page and fragment."""
    response.vary.add("HX-Request")
    return response
