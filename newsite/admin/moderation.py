"""Comment moderation: the queue, one-click and bulk actions, settings, blocks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectField, TextAreaField

from newsite import settings
from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.forms import ButtonForm
from newsite.comments.forms import REPORT_REASONS
from newsite.comments.services import (
    CommentRefused,
    approve_comment,
    feature_comment,
    remove_comment,
    restore_comment,
    revisions_of,
)
from newsite.database import begin_write
from newsite.extensions import db
from newsite.htmx import wants_fragment
from newsite.languages import use_language
from newsite.models import Comment, CommentBlock, CommentReport, CommentStatus, Role
from newsite.routing import id_from

ACTIONS = {"approve": approve_comment, "remove": remove_comment, "restore": restore_comment}
FILTERS = {
    "pending": Comment.status == CommentStatus.PENDING,
    "held": sa.and_(
        Comment.status == CommentStatus.PENDING, Comment.held_reason != "pre-moderation"
    ),
    "visible": Comment.status == CommentStatus.VISIBLE,
    "removed": Comment.status == CommentStatus.REMOVED,
}


@dataclass
class Reports:
    """What readers said of one comment, in the reports not yet dismissed."""

    readers: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def _undismissed() -> sa.Subquery:
    """Per comment with reports not dismissed: when the oldest of them came."""
    return (
        sa.select(CommentReport.comment_id, sa.func.min(CommentReport.created_at).label("first"))
        .where(CommentReport.dismissed_at.is_(None))
        .group_by(CommentReport.comment_id)
        .subquery()
    )


def _reports_of(comment_ids: list[int]) -> dict[int, Reports]:
    """The undismissed reports of these comments, summed up per comment (one query)."""
    found: dict[int, Reports] = {}
    labels = {reason.value: str(label) for reason, label in REPORT_REASONS}
    rows = db.session.execute(
        sa.select(CommentReport.comment_id, CommentReport.reason, CommentReport.note)
        .where(CommentReport.comment_id.in_(comment_ids), CommentReport.dismissed_at.is_(None))
        .order_by(CommentReport.created_at, CommentReport.id)
    )
    for comment_id, reason, note in rows:
        summary = found.setdefault(comment_id, Reports())
        # One report per reader and comment (a unique key): reports are readers.
        summary.readers += 1
        summary.reasons[labels.get(reason, reason)] += 1
        if note:
            summary.notes.append(note)
    return found


class ModerationSettingsForm(FlaskForm):
    mode = SelectField(
        "Moderation",
        choices=[
            SelectChoice("post", "Post-moderation: comments appear at once"),
            SelectChoice("pre", "Pre-moderation: comments wait for approval"),
        ],
    )
    banned = TextAreaField("Banned words or phrases (one per line): the comment is refused")
    suspect = TextAreaField("Suspect words or phrases (one per line): the comment is held")


@bp.get("/comments")
@roles_required(Role.MODERATOR)
def comments() -> str:
    """The moderation queue: held comments (pending, or in review after reports) first,
    then the newest; "Reported": comments with reports to decide, oldest report first."""
    held = sa.or_(Comment.status == CommentStatus.PENDING, Comment.status == CommentStatus.REVIEW)
    query = sa.select(Comment).order_by(sa.case((held, 0), else_=1), Comment.created_at.desc())
    status = request.args.get("status", "")
    if status in FILTERS:
        query = query.where(FILTERS[status])
    elif status == "reported":
        first = _undismissed()
        query = (
            sa.select(Comment)
            .join(first, first.c.comment_id == Comment.id)
            # Still to decide: shown, or held for review (a removed one is decided).
            .where(
                sa.or_(
                    Comment.status == CommentStatus.VISIBLE, Comment.status == CommentStatus.REVIEW
                )
            )
            .order_by(first.c.first, Comment.id)
        )
    if (article_id := id_from(request.args.get("article"))) is not None:
        query = query.where(Comment.article_id == article_id)
    page = db.paginate(query, per_page=50, error_out=False)
    return render_template(
        "admin/comments.html",
        page=page,
        status=status,
        button=ButtonForm(),
        reports=_reports_of([c.id for c in page.items]),
        select_all=request.args.get("select") == "all",  # "Select all" without scripts
    )


@bp.post("/comments/<id:comment_id>/<any(approve, remove, restore):action>")
@roles_required(Role.MODERATOR)
def moderate(comment_id: int, action: str) -> str | Response:
    """Approve, remove or restore one comment; htmx gets the row back."""
    begin_write()
    comment = db.get_or_404(Comment, comment_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    ACTIONS[action](comment)
    if wants_fragment():
        return render_template(
            "admin/_comment_row.html", comment=comment, button=ButtonForm(), undo=action == "remove"
        )
    return redirect(
        request.referrer if _is_admin_url(request.referrer) else url_for("admin.comments"), 303
    )


@bp.post("/comments/<id:comment_id>/<any(feature, unfeature):action>")
@roles_required(Role.MODERATOR)
def feature(comment_id: int, action: str) -> str | Response | tuple[str, int]:
    """Feature a comment (labelled, and listed above its article's thread) or stop;
    from the queue, or from the article page (htmx, the button in `#feature-N`)."""
    begin_write()
    comment = db.get_or_404(Comment, comment_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    problem = None
    try:
        feature_comment(comment, featured=action == "feature")
    except CommentRefused as refused:
        problem = refused.message
    status = 422 if problem else 200
    if wants_fragment() and request.headers.get("HX-Target", "").startswith("feature-"):
        # The button on the article page: it speaks the article's language.
        use_language(comment.article.edition.language)
        html = render_template(
            "comments/_feature.html", comment=comment, problem=problem, changed=not problem
        )
        return html, status
    if wants_fragment():
        html = render_template(
            "admin/_comment_row.html", comment=comment, button=ButtonForm(), problem=problem
        )
        return html, status
    if problem:
        flash(problem)
    return redirect(
        request.referrer if _is_admin_url(request.referrer) else url_for("admin.comments"), 303
    )


@bp.post("/comments/bulk")
@roles_required(Role.MODERATOR)
def moderate_bulk() -> str | Response:
    """Apply one action to the ticked comments."""
    begin_write()
    action = request.form.get("action", "")
    ids = [i for i in map(id_from, request.form.getlist("ids")) if i is not None]
    if action not in ACTIONS or not ButtonForm().validate_on_submit():
        abort(400)
    chosen = list(db.session.scalars(sa.select(Comment).where(Comment.id.in_(ids))))
    for comment in chosen:
        ACTIONS[action](comment)
    if wants_fragment():
        return render_template("admin/_comment_rows.html", comments=chosen, button=ButtonForm())
    flash(f"{len(chosen)} comment(s): {action} done.")
    return redirect(url_for("admin.comments"), 303)


@bp.post("/comments/<id:comment_id>/block/<any(email, client):kind>")
@roles_required(Role.MODERATOR)
def block(comment_id: int, kind: str) -> Response:
    """Stop this comment's email address or source from commenting again."""
    begin_write()
    comment = db.get_or_404(Comment, comment_id)
    if kind == "email":
        value = comment.author_email.casefold() if comment.author_email else None
    else:
        value = comment.client_hash
    if not ButtonForm().validate_on_submit() or not value:
        abort(400)
    if db.session.scalar(sa.select(CommentBlock.id).filter_by(kind=kind, value=value)) is None:
        db.session.add(CommentBlock(kind=kind, value=value))
        db.session.commit()
    flash("Blocked: new comments from there are refused.")
    return redirect(url_for("admin.moderation_settings"), 303)


@bp.post("/comments/blocks/<id:block_id>/delete")
@roles_required(Role.MODERATOR)
def unblock(block_id: int) -> Response:
    begin_write()
    entry = db.get_or_404(CommentBlock, block_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    db.session.delete(entry)
    db.session.commit()
    flash("Block lifted.")
    return redirect(url_for("admin.moderation_settings"), 303)


@bp.route("/comments/settings", methods=["GET", "POST"])
@roles_required(Role.MODERATOR)
def moderation_settings() -> str | Response | tuple[str, int]:
    """The moderation mode and word lists; the list of blocks."""
    form = ModerationSettingsForm()
    if form.validate_on_submit():
        begin_write()
        settings.put("COMMENT_MODERATION", form.mode.data)
        settings.put("COMMENT_BANNED_WORDS", _lines(form.banned.data))
        settings.put("COMMENT_SUSPECT_WORDS", _lines(form.suspect.data))
        db.session.commit()
        flash("Moderation settings saved.")
        return redirect(url_for("admin.moderation_settings"), 303)
    if not form.is_submitted():
        form.mode.data = settings.get("COMMENT_MODERATION")
        form.banned.data = "\n".join(settings.get("COMMENT_BANNED_WORDS"))
        form.suspect.data = "\n".join(settings.get("COMMENT_SUSPECT_WORDS"))
    blocks = db.session.scalars(sa.select(CommentBlock).order_by(CommentBlock.created_at.desc()))
    return render_template(
        "admin/moderation_settings.html", form=form, blocks=blocks, button=ButtonForm()
    ), 422 if form.is_submitted() else 200


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()][:500]


def _is_admin_url(url: str | None) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url or "")
    return parts.netloc == request.host and parts.path.startswith("/admin/")


# The moderation queue shows an edited comment's earlier texts (a query for those only).
bp.add_app_template_global(revisions_of, "comment_revisions")
