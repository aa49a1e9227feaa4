"""Editor accounts, for admins: create, change role, disable (ending sessions), and
link to the author byline the editor writes under (their comments on its articles
carry "Author" rather than "Staff")."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from newsite.admin import bp
from newsite.admin.auth import (
    PASSWORD_MAX,
    end_sessions,
    hash_password,
    normalise_email,
    roles_required,
)
from newsite.admin.forms import ButtonForm
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Author, Editor, Role

ROLE_CHOICES = [
    SelectChoice(Role.EDITOR.value, "Editor: articles and photos"),
    SelectChoice(Role.REPORTER.value, "Reporter: their own drafts, up to “Ready for edit”"),
    SelectChoice(Role.MODERATOR.value, "Moderator: comments"),
    SelectChoice(Role.ADMIN.value, "Admin: everything"),
]


class NewEditorForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField("Name", validators=[Length(max=120)])
    role = SelectField("Role", choices=ROLE_CHOICES)
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(min=8, max=PASSWORD_MAX)]
    )


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)


class BylineForm(FlaskForm):
    # The choices are the authors of the moment (`_bylines`); "" is none.
    author_id = SelectField("Author profile", choices=[])


def _bylines() -> list[SelectChoice]:
    authors = db.session.execute(sa.select(Author.id, Author.name).order_by(Author.name))
    return [SelectChoice("", "None"), *(SelectChoice(str(i), name) for i, name in authors)]


@bp.route("/editors", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def editors() -> str | Response | tuple[str, int]:
    """Accounts: add one, change a role, disable or enable."""
    form = NewEditorForm()
    if form.validate_on_submit():
        begin_write()
        email = normalise_email(form.email.data)
        if db.session.scalar(sa.select(Editor.id).filter_by(email=email)):
            form.email.errors = [f"{email} already has an account."]
        else:
            db.session.add(
                Editor(
                    email=email,
                    name=form.name.data,
                    role=Role(form.role.data),
                    password_hash=hash_password(form.password.data),
                )
            )
            db.session.commit()
            flash(f"Account created for {email}.")
            return redirect(url_for("admin.editors"), 303)
    accounts = db.session.scalars(sa.select(Editor).order_by(Editor.email))
    return render_template(
        "admin/editors.html",
        form=form,
        accounts=accounts,
        button=ButtonForm(),
        role_form=RoleForm(),
        bylines=_bylines(),
    ), 422 if form.is_submitted() else 200


@bp.post("/editors/<id:editor_id>/<any(disable, enable, role):change>")
@roles_required(Role.ADMIN)
def change_editor(editor_id: int, change: str) -> Response:
    """Disable (ending every session), enable, or give another role."""
    begin_write()
    editor = db.get_or_404(Editor, editor_id)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    if editor.id == current_user.id:
        flash("You cannot change your own account here; ask another admin.")
        return redirect(url_for("admin.editors"), 303)
    if change == "role":
        editor.role = Role(form.role.data)
        end_sessions(editor)  # a narrower role applies at once
    else:
        editor.active = change == "enable"
        end_sessions(editor)
    db.session.commit()
    flash(f"{editor.email}: {'role changed' if change == 'role' else change + 'd'}.")
    return redirect(url_for("admin.editors"), 303)


@bp.post("/editors/<id:editor_id>/author")
@roles_required(Role.ADMIN)
def link_author(editor_id: int) -> Response:
    """Link an account to the author byline it writes under, or to none."""
    begin_write()
    editor = db.get_or_404(Editor, editor_id)
    form = BylineForm()
    form.author_id.choices = _bylines()
    # An author deleted meanwhile, or a forged value, is not among the choices.
    if not form.validate_on_submit():
        abort(400)
    editor.author_id = int(form.author_id.data) if form.author_id.data else None
    db.session.commit()
    flash(f"{editor.email}: author profile {'linked' if editor.author_id else 'unlinked'}.")
    return redirect(url_for("admin.editors"), 303)
