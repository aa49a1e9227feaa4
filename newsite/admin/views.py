"""Sign-in, sign-out and the dashboard."""

from __future__ import annotations

import hashlib

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from newsite.admin import bp
from newsite.admin.auth import authenticate, end_sessions, normalise_email, safe_next
from newsite.admin.forms import ButtonForm, SignInForm
from newsite.admin.workflow import budget_context
from newsite.clients import client_key
from newsite.database import begin_write
from newsite.extensions import cache, db, limiter
from newsite.models import Article, ArticleStatus, Comment, CommentStatus, utcnow

SIGN_IN_FAILED = "That email and password do not match an active account."


def _account_key() -> str:
    email = normalise_email(request.form.get("email", ""))
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def _sign_in_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


def _failed(response: Response) -> bool:
    if failed := response.status_code != 303:
        # Remember that this source failed on this account (see `_not_failing_here`).
        cache.set(_source_on_account(), True, timeout=FAILING_SOURCE_SECONDS)
    return failed


# How long a source that failed on an account stays subject to the account's limit.
FAILING_SOURCE_SECONDS = 15 * 60


def _source_on_account() -> str:
    return f"sign-in-failed:{_account_key()}:{client_key()}"


def _not_failing_here() -> bool:
    """Whether this source has not failed on this account lately: then the account's
    limit does not apply to it, so an attacker failing from many addresses can never
    lock the real editor out of their own account."""
    return not cache.get(_source_on_account())


# Two limits on failed sign-ins. Per source (address): whatever the accounts. Per
# account: counted from every source, applied only to sources that have themselves
# failed on it: once an account draws many failures, each new source gets one try.
@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, key_func=client_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(
    _sign_in_limit,
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_failed,
    exempt_when=_not_failing_here,
)
def sign_in() -> str | Response | tuple[str, int]:
    """Editors sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")), 303)
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("admin/sign_in.html", form=form), 422 if form.is_submitted() else 200
    begin_write()  # it reads the editor, then records the sign-in
    editor = authenticate(form.email.data, form.password.data)
    if editor is None:
        form.password.errors = [SIGN_IN_FAILED]
        return render_template("admin/sign_in.html", form=form), 422
    session.clear()  # a fresh session: nothing from before sign-in carries over
    editor.last_sign_in_at = utcnow()
    login_user(editor)
    db.session.commit()
    return redirect(safe_next(request.args.get("next")), 303)


@bp.post("/sign-out")
def sign_out() -> Response:
    """End this editor's sessions, here and wherever a copy of the cookie is."""
    if ButtonForm().validate_on_submit():
        end_sessions(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("admin.sign_in"), 303)


@bp.get("/")
def dashboard() -> str:
    """What waits for the newsroom: pending comments, and the story budget (today's desk)."""
    return render_template(
        "admin/dashboard.html",
        pending=_count(Comment, Comment.status == CommentStatus.PENDING),
        drafts=_count(Article, Article.status == ArticleStatus.DRAFT),
        scheduled=_count(
            Article, Article.status == ArticleStatus.SCHEDULED, Article.published_at > utcnow()
        ),
        **budget_context(),
    )


def _count(model: type, *where: object) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where)) or 0
