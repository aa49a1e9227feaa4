"""The one place that decides between a whole page and an htmx fragment."""

from __future__ import annotations

from flask import make_response, render_template, request
from werkzeug.wrappers import Response


def wants_fragment() -> bool:
    """True for htmx requests that swap part of a page.

    Boosted requests want pages, and so does htmx restoring a page from history
    after Back when its own history cache has lost it (`HX-History-Restore-Request`).
    """
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and not headers.get("HX-Boosted")
        and not headers.get("HX-History-Restore-Request")
    )


def private_fragment(response: Response) -> Response:
    """A fragment of one reader's (their vote, likes, comments, forms): no shared
    cache may keep it, and no browser cache either, since it changes as they act.

    An answer its view marked public is the same for every reader (the new-comments
    poll's "nothing new"): it is left as it is, for nginx to share."""
    if response.cache_control.public:
        return response
    response.headers.setdefault("Cache-Control", "private, no-store")
    response.vary.update(("Cookie", "HX-Request"))
    return response


def alert(
    message: str, status: int, status_line: str | None = None, swap: str = "innerHTML"
) -> Response:
    """A short message fragment; with `status_line` (an element id) it goes there.

    Used where the swap target (a form with the reader's text in it) must stay
    as it is: htmx is told to put the message in the form's status line instead
    (or, with `swap="beforeend"`, at the end of an element that has none).
    """
    response = make_response(render_template("comments/_alert.html", message=message), status)
    if status_line:
        response.headers["HX-Retarget"] = f"#{status_line}"
        response.headers["HX-Reswap"] = swap
    return response


def target_status_line() -> str | None:
    """The id of the status line inside the element this htmx request swaps."""
    target = request.headers.get("HX-Target")
    return f"{target}-status" if target else None


def alert_where_asked(message: str, status: int) -> Response:
    """A message for an htmx request that failed, where the reader is looking: the
    status line of the form or widget that asked (its text stays as it is), or, for a
    like button, which has none (a long thread repeats it), just after it."""
    target = request.headers.get("HX-Target", "")
    if target.startswith("like-"):
        return alert(message, status, target, swap="afterend")
    return alert(message, status, target_status_line())
