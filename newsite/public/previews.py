"""Shareable previews: an unpublished article shown to whoever holds a signed link.

An editor makes a link on the article's admin page (`newsite.admin.previews`). Its
token signs the link's id and random nonce with the app's secret, so it can be
neither guessed nor rebuilt; expiry and revocation live in the database. The page is
the article page readers will get (`render_article`), with a "not published" band
and without votes, comments or anyone's own parts; no cache keeps it (nginx and
browsers: `no-store`; the app's page cache: it never goes through it) and no search
engine indexes it. A forged token is a 404; an expired or revoked link a 410.
"""

from __future__ import annotations

import hmac

from flask import abort, after_this_request, current_app, make_response
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeSerializer
from werkzeug.wrappers import Response

from newsite.extensions import db
from newsite.languages import use_language
from newsite.models import Article, PreviewLink, utcnow
from newsite.public import bp
from newsite.public.views import render_article

SALT = "newsite.preview-link"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def token_for(link: PreviewLink) -> str:
    """The signed token of a preview link's address."""
    return _serializer().dumps([link.id, link.nonce])


def link_from(token: str) -> PreviewLink | None:
    """The preview link a token names, or None for a forged or tampered one."""
    try:
        payload = _serializer().loads(token)
    except BadData:
        return None
    if not (
        isinstance(payload, list)
        and len(payload) == 2
        and isinstance(payload[0], int)
        and isinstance(payload[1], str)
    ):
        return None
    link = db.session.get(PreviewLink, payload[0])
    if link is None or not hmac.compare_digest(link.nonce, payload[1]):
        return None
    return link


def is_live(link: PreviewLink) -> bool:
    """Neither revoked nor expired: the link still shows its article."""
    return link.revoked_at is None and utcnow() < link.expires_at


def _unshared(response: Response) -> Response:
    # Every answer here, the 404 and the 410 too: kept by no cache, indexed by no
    # engine. (The site's Referrer-Policy already sends no other site the token.)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/preview/<token>")
def preview(token: str) -> Response:
    """An unpublished article as readers will see it, for whoever holds a live link."""
    after_this_request(_unshared)
    link = link_from(token)
    if link is None:
        abort(404)
    article = db.get_or_404(Article, link.article_id)
    use_language(article.edition.language)  # the 410 too speaks the article's language
    if not is_live(link):
        abort(
            410,
            description=_(
                "This page is no longer available. If someone sent you a preview link, it "
                "has expired or been withdrawn: ask them for a new one."
            ),
        )
    return make_response(render_article(article, outside=True))
