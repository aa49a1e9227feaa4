"""The one place that decides between a whole page and an htmx fragment."""

from __future__ import annotations

from flask import make_response, render_template, request
from werkzeug.wrappers import Response


def wants_fragment() -> bool:
    """True for htmx requests that swap part of a page (boosted ones want pages)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def vary_on_htmx(response: Response) -> Response:
    """Responses that differ for htmx say so, so no cache mixes page and fragment."""
    response.vary.add("HX-Request")
    return response


def alert(message: str, status: int, status_line: str | None = None) -> Response:
    """A short message fragment; with `status_line` (an element id) it goes there.

    Used where the swap target (a form with the reader's text in it) must stay
    as it is: htmx is told to put the message in the form's status line instead.
    """
    response = make_response(render_template("comments/_alert.html", message=message), status)
    if status_line:
        response.headers["HX-Retarget"] = f"#{status_line}"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


def target_status_line() -> str | None:
    """The id of the status line inside the element this htmx request swaps."""
    target = request.headers.get("HX-Target")
    return f"{target}-status" if target else None
