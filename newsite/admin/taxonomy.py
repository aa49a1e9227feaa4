"""Editions, sections and authors: create, edit, reorder, delete (only when unused)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.forms import ButtonForm
from newsite.database import begin_write
from newsite.extensions import db
from newsite.languages import DEFAULT, LANGUAGES
from newsite.models import RESERVED_SLUGS, Article, Author, Edition, Role, Section, time_zones
from newsite.templating import zone_label
from newsite.text import slugify


def _slug_check(_form: FlaskForm, field: Any) -> None:
    if field.data != slugify(field.data):
        raise ValidationError("Use lowercase letters, digits and single hyphens.")


class EditionForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=80)])
    slug = StringField("Slug", validators=[DataRequired(), Length(max=60), _slug_check])
    description = StringField("Description", validators=[Length(max=300)])
    language = SelectField(
        "Language (of its pages and interface)",
        default=DEFAULT,
        choices=[SelectChoice(code, f"{lang.name} ({code})") for code, lang in LANGUAGES.items()],
    )
    time_zone = SelectField(
        "Time zone (its pages show times in it; its articles are scheduled in it)",
        default="UTC",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Made per form: a zone's offset changes with daylight saving time.
        self.time_zone.choices = [
            SelectChoice(name, f"{name} – {zone_label(name)}") for name in sorted(time_zones())
        ]
        # A new edition, or a form posted without the field: UTC, as the column says.
        self.time_zone.data = self.time_zone.data or "UTC"

    def validate_slug(self, field: Any) -> None:
        if field.data in RESERVED_SLUGS:
            raise ValidationError(f"“{field.data}” is a path the site uses; choose another.")


class SectionForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=80)])
    arabic_name = StringField(
        "Name in Arabic (in the Arabic edition; the name above when empty)",
        validators=[Length(max=80)],
    )
    slug = StringField("Slug", validators=[DataRequired(), Length(max=60), _slug_check])


class AuthorForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    slug = StringField("Slug", validators=[DataRequired(), Length(max=80), _slug_check])
    bio = TextAreaField("Short biography", validators=[Length(max=2000)])
    # The masthead (newsite/newsroom.py): staff marked here, in this order.
    is_staff = BooleanField("On the masthead (a member of staff)")
    masthead_position = IntegerField(
        "Place on the masthead (smaller first)",
        filters=[lambda value: value or 0],
        validators=[Optional(), NumberRange(min=0, max=999)],
    )


@dataclass(frozen=True)
class Kind:
    model: Any
    form: type[FlaskForm]
    article_key: Any  # the article column that points at it
    title: str
    ordered: bool  # has a navigation order


KINDS = {
    "editions": Kind(Edition, EditionForm, Article.edition_id, "Editions", True),
    "sections": Kind(Section, SectionForm, Article.section_id, "Sections", True),
    "authors": Kind(Author, AuthorForm, Article.author_id, "Authors", False),
}
KIND = "<any(editions, sections, authors):kind>"


@bp.get(f"/{KIND}")
@roles_required(Role.ADMIN)
def taxonomy(kind: str) -> str:
    """Editions, sections or authors, in navigation order."""
    spec = KINDS[kind]
    order = (spec.model.position, spec.model.id) if spec.ordered else (spec.model.name,)
    rows = list(db.session.scalars(sa.select(spec.model).order_by(*order)))
    counts = dict(
        db.session.execute(
            sa.select(spec.article_key, sa.func.count()).group_by(spec.article_key)
        ).all()
    )
    return render_template(
        "admin/taxonomy.html", kind=kind, spec=spec, rows=rows, counts=counts, button=ButtonForm()
    )


@bp.route(f"/{KIND}/new", methods=["GET", "POST"])
@bp.route(f"/{KIND}/<id:item_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def taxonomy_item(kind: str, item_id: int | None = None) -> str | Response | tuple[str, int]:
    """Create or edit one edition, section or author."""
    spec = KINDS[kind]
    if request.method == "POST":
        begin_write()
    item = db.get_or_404(spec.model, item_id) if item_id else spec.model()
    form = spec.form(obj=item)
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template(
            "admin/taxonomy_form.html", kind=kind, spec=spec, item=item, form=form
        ), status
    taken = db.session.scalar(
        sa.select(spec.model.id).where(spec.model.slug == form.slug.data, spec.model.id != item.id)
    )
    if taken:
        form.slug.errors = [f"“{form.slug.data}” is already used."]
        return render_template(
            "admin/taxonomy_form.html", kind=kind, spec=spec, item=item, form=form
        ), 422
    form.populate_obj(item)
    if spec.ordered and item.id is None:
        item.position = (db.session.scalar(sa.select(sa.func.max(spec.model.position))) or 0) + 1
    db.session.add(item)
    db.session.commit()
    flash(f"Saved “{item.name}”.")
    return redirect(url_for("admin.taxonomy", kind=kind), 303)


@bp.post(f"/{KIND}/<id:item_id>/move")
@roles_required(Role.ADMIN)
def taxonomy_move(kind: str, item_id: int) -> Response:
    """Move an edition or section up or down the navigation."""
    spec = KINDS[kind]
    if not spec.ordered or not ButtonForm().validate_on_submit():
        abort(400)
    begin_write()
    rows = list(
        db.session.scalars(sa.select(spec.model).order_by(spec.model.position, spec.model.id))
    )
    index = next((i for i, row in enumerate(rows) if row.id == item_id), None)
    if index is None:
        abort(404)
    other = index - 1 if request.form.get("direction") == "up" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        row.position = position
    db.session.commit()
    return redirect(url_for("admin.taxonomy", kind=kind), 303)


@bp.post(f"/{KIND}/<id:item_id>/delete")
@roles_required(Role.ADMIN)
def taxonomy_delete(kind: str, item_id: int) -> Response:
    """Delete one that no article uses; otherwise say how many do."""
    spec = KINDS[kind]
    begin_write()
    item = db.get_or_404(spec.model, item_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    used = db.session.scalar(
        sa.select(sa.func.count()).select_from(Article).where(spec.article_key == item.id)
    )
    if used:
        flash(f"“{item.name}” still has {used} article(s); move them first.")
    else:
        db.session.delete(item)
        db.session.commit()
        flash(f"Deleted “{item.name}”.")
    return redirect(url_for("admin.taxonomy", kind=kind), 303)
