"""The desk on an article's page: submit, approve, send back (with a note), and the
status history; plus the hooks the article form calls (`editable`, `fit_form`,
`record_save`). The rules are in `newsite.workflow`."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice, TextAreaField
from wtforms.validators import Length

from newsite import workflow
from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Article, ArticleStatus, Edition, Role, Section, utcnow
from newsite.routing import id_from
from newsite.templating import zone_label


class MoveForm(FlaskForm):
    back_note = TextAreaField(
        "Note for the reporter (what to change)",
        validators=[Length(max=workflow.NOTE_MAX, message="At most 2000 characters, please.")],
    )


def editable(article: Article) -> Article:
    """`article`, if the signed-in account may open it; else 403."""
    if not workflow.may_open(current_user, article):
        abort(403)
    return article


def fit_form(form: FlaskForm) -> None:
    """The Status choices this account may set; a status beyond them posted is refused."""
    allowed = workflow.statuses_for(current_user)
    wanted = form.status.data if request.method == "POST" else None
    if wanted in set(ArticleStatus) and wanted not in allowed:
        abort(403)  # a status the role may not set; anything else is just a bad choice
    form.status.choices = [SelectChoice(s.value, workflow.label(s)) for s in allowed]


def status_before(article: Article) -> str:
    return "" if article.id is None else str(article.status)


def record_save(article: Article, was: str) -> None:
    """A save that changed the status (or created the article) is written down."""
    workflow.record(article, current_user, was)


@bp.app_template_global()
def desk_panel(article: Article, form: MoveForm | None = None) -> dict[str, object]:
    """What the article's page shows of the desk: status, buttons, history, last note back."""
    return {
        "label": workflow.label(article.status),
        "moves": workflow.moves_for(current_user, article),
        "history": workflow.history(article),
        "note_back": workflow.last_note_back(article),
        "form": form or MoveForm(formdata=None),
    }


@bp.app_template_global()
def status_label(status: str) -> str:
    return workflow.label(status)


@bp.post("/articles/<id:article_id>/desk/<any(submit, approve, 'send-back'):move>")
@roles_required(Role.EDITOR, Role.REPORTER)
def move_article(article_id: int, move: str) -> Response | tuple[str, int]:
    """Submit a draft, approve it, or send it back to its reporter with a note."""
    begin_write()
    article = editable(db.get_or_404(Article, article_id))
    step = workflow.MOVES[move]
    if not current_user.can(*step.roles):
        abort(403)
    form = MoveForm()
    if not form.validate_on_submit() or not _note_given(form, step):
        if form.csrf_token.errors:
            abort(400)
        return render_template("admin/desk_form.html", article=article, form=form), 422
    if article.status not in step.sources:
        flash(f"Not done: the story is now “{workflow.label(article.status)}”.")
        return redirect(url_for("admin.edit_article", article_id=article.id), 303)
    was = str(article.status)
    article.status = step.target
    workflow.record(article, current_user, was, (form.back_note.data or "").strip())
    db.session.commit()
    flash(f"“{article.headline}”: {workflow.label(article.status)}.")
    if not workflow.may_open(current_user, article):
        return redirect(url_for("admin.dashboard"), 303)
    return redirect(url_for("admin.edit_article", article_id=article.id, _anchor="desk"), 303)


def _note_given(form: MoveForm, step: workflow.Move) -> bool:
    if step.needs_note and not (form.back_note.data or "").strip():
        form.back_note.errors = ["Tell the reporter what to change."]
        return False
    return True


def budget_context() -> dict[str, object]:
    """The story budget on the dashboard: today's desk, filtered by the GET form's
    edition and section; a reporter's own stories only; and the notes naming this
    account. A fixed number of queries, whatever the number of stories."""
    if not current_user.can(Role.EDITOR, Role.REPORTER):
        return {"budget": None, "notes_for_you": []}
    choices = {
        "editions": list(db.session.scalars(sa.select(Edition).order_by(Edition.position))),
        "sections": list(db.session.scalars(sa.select(Section).order_by(Section.position))),
    }
    filters = {key: id_from(request.args.get(key, "")) for key in ("edition", "section")}
    edition = next((e for e in choices["editions"] if e.id == filters["edition"]), None)
    now = utcnow()
    since = workflow.day_start(now, edition)
    query = workflow.budget_query(
        now,
        since,
        edition_id=filters["edition"],
        section_id=filters["section"],
        creator=None if current_user.can(Role.EDITOR) else current_user.id,
    )
    return {
        "budget": workflow.budget(query, now),
        "budget_filters": filters,
        "budget_day": f"since midnight {zone_label(edition)}" if edition else "since midnight UTC",
        "notes_for_you": workflow.notes_for(current_user),
        **choices,
    }
