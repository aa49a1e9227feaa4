"""Autosave: the article form as an editor was typing it, kept apart from the article.

The open form posts its text every AUTOSAVE_SECONDS while it changes (htmx; without
JavaScript there is no autosave and nothing else changes). One row per article and
editor; the article itself is never touched. Opening the form again offers the
autosave back when it differs from the saved article; restoring fills the form (saved
only by Save), "Discard" deletes it, and a successful Save deletes it too.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.editing import editor_name, upsert
from newsite.admin.workflow import editable
from newsite.corrections import record_revision
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Article, ArticleRevision, Autosave, Editor, Role, utcnow

# The form's fields an autosave keeps (its hidden `revision` too, so a restored text
# saved over a newer version meets the stale-save conflict).
FIELDS = ("headline", "slug", "summary", "body", "dateline", "tags", "sponsor")


def _saved_fields(article: Article) -> dict[str, str]:
    """The article's fields as its form shows them when opened."""
    values = {name: getattr(article, name) or "" for name in FIELDS if name != "tags"}
    return values | {"tags": ", ".join(tag.name for tag in article.tags)}


def _same(one: str, other: str) -> bool:
    # Browsers send a textarea's lines ending in CRLF.
    return one.replace("\r\n", "\n").strip() == other.replace("\r\n", "\n").strip()


def differs(data: dict[str, str], article: Article) -> bool:
    """Whether autosaved `data` says anything the saved article does not."""
    saved = _saved_fields(article)
    return any(not _same(str(data.get(name, "")), saved[name]) for name in FIELDS)


def _load(row: Autosave) -> dict[str, Any]:
    try:
        data = json.loads(row.data)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _mine(article_id: int, editor_id: int | None = None) -> Autosave | None:
    return db.session.scalar(
        sa.select(Autosave).filter_by(article_id=article_id, editor_id=editor_id or current_user.id)
    )


@bp.app_template_global()
def autosave_offer(article: Article) -> Autosave | None:
    """The signed-in editor's autosave of `article` to offer back: only when it differs
    from the saved article (and is not already in the form)."""
    if article.id is None or "autosave_restored" in g:
        return None
    row = _mine(article.id)
    return row if row is not None and differs(_load(row), article) else None


@bp.app_template_global()
def autosave_restored() -> Autosave | None:
    """The autosave `restore_if_asked` put in the form, if any."""
    return g.get("autosave_restored")


def restore_if_asked(form: Any, article: Article) -> None:
    """`?autosave=restore`: fill the opened form with this editor's autosave (saved
    only when they press Save). Reading it changes nothing, hence a GET."""
    if article.id is None or request.args.get("autosave") != "restore":
        return
    row = _mine(article.id)
    if row is None:
        return
    data = _load(row)
    for name in FIELDS:
        if isinstance(data.get(name), str):
            getattr(form, name).data = data[name]
    if isinstance(data.get("revision"), str) and data["revision"].isdigit():
        form.revision.data = data["revision"]
    g.autosave_restored = row


def discard_mine(article_id: int) -> None:
    """A successful Save: this editor's autosave of the article is no longer needed."""
    db.session.execute(
        sa.delete(Autosave).filter_by(article_id=article_id, editor_id=current_user.id)
    )


def keep_as_revision(article: Article, holder: Editor, taken_by: Editor) -> None:
    """Taking over: the holder's unsaved autosave becomes a revision of the article
    (moving its revision, so the holder's open form meets the stale-save conflict)."""
    row = _mine(article.id, holder.id)
    if row is None:
        return
    data = _load(row)
    db.session.delete(row)
    if not differs(data, article):
        return
    note = f"Autosaved draft of {editor_name(holder)}, taken over by {editor_name(taken_by)}"
    revision = record_revision(article, holder.id, note)
    for name in ("headline", "summary", "body", "dateline"):
        limit = getattr(ArticleRevision, name).type.length
        text = str(data.get(name, ""))
        setattr(revision, name, text[:limit] if limit else text)


@bp.post("/articles/<id:article_id>/autosave")
@roles_required(Role.EDITOR, Role.REPORTER)
def autosave(article_id: int) -> str:
    """Keep the form as typed (htmx, while the editor types); answers with when."""
    article = editable(db.get_or_404(Article, article_id))
    data = {name: request.form.get(name, "") for name in (*FIELDS, "revision")}
    text = json.dumps(data, ensure_ascii=False)
    kept = _mine(article.id)
    saved_at = kept.saved_at if kept is not None else None
    if not differs(data, article):
        saved_at = None
        if kept is not None:  # typed back to what is saved: nothing to offer later
            begin_write()
            discard_mine(article.id)
    elif kept is None or kept.data != text:
        # Written only when the text changed: an idle open form costs no write.
        saved_at = utcnow()
        begin_write()
        upsert(
            Autosave.__table__,
            {
                "article_id": article.id,
                "editor_id": current_user.id,
                "data": text,
                "saved_at": saved_at,
            },
            keys=["article_id", "editor_id"],
            update={"data": text, "saved_at": saved_at},
        )
    db.session.commit()
    return render_template("admin/_autosave_status.html", article=article, saved_at=saved_at)


@bp.post("/articles/<id:article_id>/autosave/discard")
@roles_required(Role.EDITOR, Role.REPORTER)
def discard_autosave(article_id: int) -> Response:
    """Delete this editor's autosave of the article."""
    begin_write()
    article = editable(db.get_or_404(Article, article_id))
    discard_mine(article.id)
    db.session.commit()
    flash("The autosaved version was discarded.")
    return redirect(url_for("admin.edit_article", article_id=article.id), 303)
