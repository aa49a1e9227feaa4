"""Who a comment form speaks for: a signed-in editor (staff), or a commenter whose
name and email this device remembers.

Staff: an editor signed in to the admin comments under their own name with a badge
(`newsite.comments.services.staff_identity`); finding them costs readers nothing
(`newsite.readers.signed_in_editor`).

Remember me: a commenter's name and email kept on their device.

A commenter who ticks "Remember my name and email on this device" gets a cookie of
its own holding them (signed with its own salt, HttpOnly, SameSite=Lax, a year);
posting again without the tick forgets them. The article page is shared by every
reader (newsite/public/caching.py), so it never holds them: the reader's private
fragment (`public.article_mine`) swaps the filled fields into the page, and the
private answers (a reply form, the form after a post, `?mine=1`) read the cookie
themselves. Reading it costs no query.

A tampered cookie is ignored. What it holds is only ever a form's starting values:
a post of them is checked like typed ones (a name that has since become a staff
member's is refused then).
"""

from __future__ import annotations

from typing import NamedTuple

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from newsite.comments import rules
from newsite.comments.services import Staff, staff_identity
from newsite.readers import signed_in_editor

COMMENTER_COOKIE = "commenter"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Far more than a name and an email can make (Arabic ones too): a bigger cookie is not ours.
_LONGEST_COOKIE = 3000


def current_staff(article_author_id: int | None) -> Staff | None:
    """The staff identity of the editor signed in to the admin in this browser, on an
    article by `article_author_id`; None for readers."""
    editor = signed_in_editor()
    return None if editor is None else staff_identity(editor, article_author_id)


class Remembered(NamedTuple):
    name: str
    email: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="newsite.commenter")


def remembered() -> Remembered | None:
    """The name and email this device asked us to remember, if its cookie is ours."""
    raw = request.cookies.get(COMMENTER_COOKIE)
    if not raw or len(raw) > _LONGEST_COOKIE:
        return None
    try:
        value = _serializer().loads(raw, max_age=COOKIE_MAX_AGE)
    except BadSignature:  # tampered, forged or expired
        return None
    if not (isinstance(value, list) and len(value) == 2):
        return None
    name, email = value
    if not (isinstance(name, str) and isinstance(email, str)):
        return None
    if rules.text_length(name) > rules.NAME_MAX or rules.text_length(email) > rules.EMAIL_MAX:
        return None
    if rules.has_control_characters(name + email, allow_newlines=False):
        return None
    return Remembered(name, email)


def remember(response: Response, name: str, email: str | None) -> None:
    """Keep `name` and `email` on this device for a year."""
    response.set_cookie(
        COMMENTER_COOKIE,
        _serializer().dumps([name, email or ""]),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def forget(response: Response) -> None:
    """Forget the name and email kept on this device (if any were)."""
    if COMMENTER_COOKIE in request.cookies:
        response.delete_cookie(
            COMMENTER_COOKIE,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
