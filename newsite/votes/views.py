"""Vote buttons: htmx swaps the widget in place; without JavaScript each button
is a small form that redirects (303) back to where the reader was."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from newsite.clients import client_key
from newsite.database import begin_write
from newsite.errors import try_again_in
from newsite.extensions import db, limiter
from newsite.htmx import alert_where_asked, private_fragment, wants_fragment
from newsite.models import Comment, CommentStatus, VoteChoice
from newsite.public.queries import public_article_or_404, speak_for_the_address
from newsite.readers import acting_reader_id
from newsite.votes import bp
from newsite.votes.services import (
    article_vote_of,
    liked_comments,
    set_article_vote,
    set_comment_like,
)

# Every answer here belongs to one reader's page: no shared cache keeps it.
bp.after_request(private_fragment)


def _vote_limit() -> str:
    return current_app.config["VOTE_RATE_LIMIT"]


def _per_target() -> str:
    # The flood guard counts per client (hashed, rotating daily) and per target.
    return f"{client_key()}:{request.path}"


@bp.post("/articles/<id:article_id>")
@limiter.limit(_vote_limit, key_func=_per_target)
def article_vote(article_id: int) -> str | Response:
    """Set, move or withdraw the reader's answer to "Do you like this article?"."""
    raw = request.form.get("choice", "")
    if raw not in ("yes", "no", ""):
        abort(400, description=_("That is not an answer this question takes."))
    begin_write()
    article = public_article_or_404(article_id)
    choice = VoteChoice(raw) if raw else None
    # A double click on a first vote (no cookie yet) counts once: the first request's,
    # whose reader this answer's cookie names too.
    voter = acting_reader_id(f"vote:{article.id}:{raw}")
    set_article_vote(article.id, voter, choice)
    if not wants_fragment():
        return redirect(article.url(mine=1, _anchor="article-vote"), 303)
    db.session.refresh(article)
    return render_template(
        "votes/_article_vote.html",
        article=article,
        my_vote=article_vote_of(article.id, voter),
        announce=True,
    )


@bp.post("/comments/<id:comment_id>")
@limiter.limit(_vote_limit, key_func=_per_target)
def comment_like(comment_id: int) -> str | Response:
    """Like or unlike a comment; nobody likes their own."""
    raw = request.form.get("like", "")
    if raw not in ("1", ""):
        abort(400, description=_("That is not something a like button sends."))
    begin_write()
    comment = db.get_or_404(Comment, comment_id)
    article = public_article_or_404(comment.article_id)
    if comment.status != CommentStatus.VISIBLE:
        abort(404)
    voter = acting_reader_id(f"like:{comment.id}:{raw}")
    if comment.commenter_id == voter:
        abort(403, description=_("You cannot like your own comment."))
    set_comment_like(comment.id, voter, liked=raw == "1")
    if not wants_fragment():
        return redirect(article.url(mine=1, _anchor=f"comment-{comment.id}"), 303)
    db.session.refresh(comment)
    return render_template(
        "votes/_like.html",
        comment=comment,
        liked=liked_comments([comment.id], voter),
        reader=voter,
    )


@bp.errorhandler(400)
@bp.errorhandler(403)
@bp.errorhandler(429)
def _refused(error: HTTPException) -> tuple[str, int] | Response:
    """A refused vote: a message in the widget's status line (htmx) or a page."""
    speak_for_the_address()
    code = error.code or 400
    message = error.description
    if code == 429:
        message = _("You have voted many times in a short while.") + " " + try_again_in()
    if wants_fragment():
        return alert_where_asked(message, code)
    return render_template("errors/error.html", error=error, message=message), code
