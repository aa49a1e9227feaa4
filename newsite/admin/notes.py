"""The desk's private notes on an article, and the "@name" mentions in them.

Notes are plain text for the newsroom only: no reader's page, preview, feed or search
reads this table. Mentions ("@lina") are found by `newsite.workflow.add_note`.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import make_response, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from newsite import workflow
from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.workflow import editable
from newsite.database import begin_write
from newsite.extensions import db
from newsite.htmx import wants_fragment
from newsite.models import Article, EditorialNote, Role


class NoteForm(FlaskForm):
    note_text = TextAreaField(
        "Add a note (private to the newsroom; “@lina” tells lina@…)",
        validators=[
            DataRequired("Write the note first."),
            Length(max=workflow.NOTE_MAX, message="A note is at most 2000 characters."),
        ],
    )


def notes_of(article: Article) -> list[EditorialNote]:
    """The article's notes, oldest first (the newest is last, by the form)."""
    return list(
        db.session.scalars(
            sa.select(EditorialNote)
            .options(joinedload(EditorialNote.editor))
            .where(EditorialNote.article_id == article.id)
            .order_by(EditorialNote.created_at, EditorialNote.id)
        )
    )


@bp.app_template_global()
def notes_panel(article: Article, form: NoteForm | None = None) -> dict[str, object]:
    return {"notes": notes_of(article), "form": form or NoteForm(formdata=None)}


@bp.post("/articles/<id:article_id>/notes")
@roles_required(Role.EDITOR, Role.REPORTER)
def add_article_note(article_id: int) -> Response:
    """Add a private note for the desk; htmx swaps the notes list in place."""
    begin_write()
    article = editable(db.get_or_404(Article, article_id))
    form = NoteForm()
    fragment = wants_fragment()
    if not form.validate_on_submit():
        page = "admin/_notes.html" if fragment else "admin/notes.html"
        status = 400 if form.csrf_token.errors else 422
        return _varying(
            make_response(render_template(page, article=article, note_form=form), status)
        )
    workflow.add_note(article, current_user, form.note_text.data.strip())
    db.session.commit()
    if fragment:
        return _varying(make_response(render_template("admin/_notes.html", article=article)))
    return _varying(
        redirect(url_for("admin.edit_article", article_id=article.id, _anchor="notes"), 303)
    )


def _varying(response: Response) -> Response:
    """Page or fragment, by the HX-Request header: caches must tell them apart."""
    response.vary.add("HX-Request")
    return response
