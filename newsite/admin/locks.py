"""The soft lock on an article's edit form: who has it open, and taking it over.

Opening the form takes the lock when it is free; the open form renews it by polling
(htmx, every EDIT_LOCK_POLL_SECONDS); a lock not renewed for EDIT_LOCK_SECONDS is
free. A second editor is told who is editing and since when, and may take over: the
first editor's unsaved autosave is then kept as a revision, and their next poll tells
them. The lock only warns: two editors who ignore it still meet the stale-save
conflict (`admin.articles._edit`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from newsite.admin import autosaves, bp
from newsite.admin.auth import roles_required
from newsite.admin.editing import editor_name, upsert
from newsite.admin.workflow import editable
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Article, EditLock, Editor, Role, utcnow
from newsite.routing import id_from


@dataclass(frozen=True)
class LockState:
    """What the form says about its lock: `holder` (None: free) and since when."""

    article: Article
    holder: Editor | None
    since: datetime | None
    mine: bool
    # The lock was this editor's when their form last asked, and someone took it.
    taken_over: bool = False


def _stale_before() -> datetime:
    return utcnow() - timedelta(seconds=current_app.config["EDIT_LOCK_SECONDS"])


def take(article_id: int, editor_id: int, over: int | None = None) -> bool:
    """Take or renew the lock on an article in one statement; True if it is now
    `editor_id`'s. A lock held by someone else is taken only when stale or, taking
    over, while `over` (the holder the editor saw) still holds it."""
    now, lock = utcnow(), EditLock.__table__.c
    free = lock.renewed_at < _stale_before()
    mine = lock.editor_id == editor_id
    allowed = [mine, free] + ([lock.editor_id == over] if over is not None else [])
    return upsert(
        EditLock.__table__,
        {"article_id": article_id, "editor_id": editor_id, "since": now, "renewed_at": now},
        keys=["article_id"],
        update={
            "editor_id": lambda new: new.editor_id,
            "renewed_at": lambda new: new.renewed_at,
            # A renewal keeps the time the editor opened the form.
            "since": lambda new: sa.case((sa.and_(mine, ~free), lock.since), else_=new.since),
        },
        where=sa.or_(*allowed),
    )


@bp.app_template_global("edit_lock")
def state(article: Article, *, was_mine: bool = False) -> LockState:
    """Who holds the article's lock now, as the signed-in editor's form shows it."""
    held = db.session.scalar(
        sa.select(EditLock).where(
            EditLock.article_id == article.id, EditLock.renewed_at >= _stale_before()
        )
    )
    if held is None:
        return LockState(article, None, None, False)
    mine = held.editor_id == current_user.id
    return LockState(article, held.editor, held.since, mine, taken_over=was_mine and not mine)


def open_form(article: Article) -> None:
    """Opening the edit form takes the lock if it is free (or renews this editor's)."""
    if article.id is None:
        return
    begin_write()
    take(article.id, current_user.id)
    db.session.commit()


@bp.post("/articles/<id:article_id>/lock")
@roles_required(Role.EDITOR, Role.REPORTER)
def renew_lock(article_id: int) -> str:
    """The open form's poll: renew this editor's lock (or take it once free) and say
    who holds it now."""
    begin_write()
    article = editable(db.get_or_404(Article, article_id))
    take(article.id, current_user.id)
    db.session.commit()
    return render_template(
        "admin/_lock.html", lock=state(article, was_mine=request.form.get("held") == "1")
    )


@bp.post("/articles/<id:article_id>/lock/take-over")
@roles_required(Role.EDITOR, Role.REPORTER)
def take_over(article_id: int) -> Response:
    """Take the lock from the editor holding it, keeping their unsaved autosave as a
    revision."""
    begin_write()
    article = editable(db.get_or_404(Article, article_id))
    holder_id = id_from(request.form.get("holder", ""))
    holder = db.session.get(Editor, holder_id) if holder_id is not None else None
    if not take(article.id, current_user.id, over=holder_id):
        db.session.rollback()
        flash("Someone else took this article meanwhile: see who is editing it now.")
        return redirect(url_for("admin.edit_article", article_id=article_id), 303)
    if holder is not None and holder.id != current_user.id:
        autosaves.keep_as_revision(article, holder, taken_by=current_user)
        flash(f"You took over this article from {editor_name(holder)}.")
    db.session.commit()
    return redirect(url_for("admin.edit_article", article_id=article_id), 303)
