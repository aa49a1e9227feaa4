"""Corrections and clarifications of an article: editors add them from the article's
page, admins alone remove one (with a reason, kept in the revisions). The rules live
in `newsite.corrections`."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.corrections import (
    NOTE_MAX,
    TEXT_MAX,
    CorrectionRefused,
    add_correction,
    corrections_of,
    remove_correction,
)
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Article, Correction, CorrectionKind, Role


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class CorrectionForm(FlaskForm):
    kind = RadioField(
        "Kind",
        choices=[
            SelectChoice(CorrectionKind.CORRECTION.value, "Correction (a fact was wrong)"),
            SelectChoice(
                CorrectionKind.CLARIFICATION.value, "Clarification (right, but could mislead)"
            ),
        ],
        default=CorrectionKind.CORRECTION.value,
    )
    text = TextAreaField(
        f"Text readers see (plain text, up to {TEXT_MAX} characters)",
        filters=[_stripped],
        validators=[
            DataRequired("Write what was wrong and what is right."),
            Length(max=TEXT_MAX, message=f"At most {TEXT_MAX} characters, please."),
        ],
    )
    placement = RadioField(
        "Where readers see it",
        choices=[
            SelectChoice("serious", "Above the story: a serious error"),
            SelectChoice("minor", "Below the story: a minor one"),
        ],
        default="minor",
    )


class RemovalForm(FlaskForm):
    reason = StringField(
        "Why remove it (kept in the revisions)",
        filters=[_stripped],
        validators=[
            DataRequired("Say why this correction is removed."),
            Length(max=NOTE_MAX, message=f"At most {NOTE_MAX} characters, please."),
        ],
    )


@bp.context_processor
def _correction_tools() -> dict[str, Any]:
    # What templates/admin/_corrections.html needs wherever it is included.
    return {
        "corrections_of": corrections_of,
        "new_correction_form": lambda: CorrectionForm(formdata=None),
    }


@bp.get("/articles/<id:article_id>/corrections")
@roles_required(Role.EDITOR)
def corrections(article_id: int) -> str:
    """An article's corrections, removed ones included, and the form to add one."""
    return render_template("admin/corrections.html", article=db.get_or_404(Article, article_id))


@bp.post("/articles/<id:article_id>/corrections")
@roles_required(Role.EDITOR)
def add_article_correction(article_id: int) -> Response | tuple[str, int]:
    """Publish a correction or clarification: the article's "Updated" time moves."""
    begin_write()
    article = db.get_or_404(Article, article_id)
    form = CorrectionForm()
    if form.validate():
        try:
            kind, serious = CorrectionKind(form.kind.data), form.placement.data == "serious"
            add_correction(article, kind, form.text.data, serious, current_user.id)
        except CorrectionRefused as refusal:
            form.text.errors = [str(refusal)]
        else:
            db.session.commit()
            flash(f"{kind.value.capitalize()} added: readers see it now.")
            return _back_to(article)
    db.session.rollback()
    page = render_template("admin/corrections.html", article=article, correction_form=form)
    return page, 422


@bp.post("/articles/<id:article_id>/corrections/<id:correction_id>/remove")
@roles_required(Role.ADMIN)
def remove_article_correction(article_id: int, correction_id: int) -> Response | tuple[str, int]:
    """Hide a correction from readers (admins only); the revisions keep it and why."""
    begin_write()
    correction = db.first_or_404(
        db.select(Correction).filter_by(id=correction_id, article_id=article_id)
    )
    if correction.removed_at is not None:  # a second click: nothing is left to do
        return _back_to(correction.article)
    form = RemovalForm()
    if form.validate():
        try:
            remove_correction(correction, form.reason.data, current_user.id)
        except CorrectionRefused as refusal:
            form.reason.errors = [str(refusal)]
        else:
            db.session.commit()
            flash("Correction removed; the revisions say why.")
            return _back_to(correction.article)
    db.session.rollback()
    page = render_template(
        "admin/corrections.html", article=correction.article, removal=(correction.id, form)
    )
    return page, 422


def _back_to(article: Article) -> Response:
    """Post/redirect/get: back to the article's page, at its corrections."""
    url = url_for("admin.edit_article", article_id=article.id, _anchor="corrections")
    return redirect(url, 303)
