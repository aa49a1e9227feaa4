"""The newsroom's own pages (About us, Ethics policy, ... `newsite.newsroom`): editors
write each in every language of the site, in Markdown; a language's row can be created,
edited or deleted (readers then get a 404 there)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from newsite import newsroom
from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.forms import ButtonForm
from newsite.database import begin_write
from newsite.extensions import db
from newsite.languages import LANGUAGES
from newsite.models import Page, Role

# Quoted: a bare "corrections-policy" is not a converter argument.
SLUG = "<any({}):slug>".format(", ".join(f'"{slug}"' for slug in newsroom.PAGE_SLUGS))
LANGUAGE = f"<any({', '.join(LANGUAGES)}):language>"
BODY_MAX = 50_000


class PageForm(FlaskForm):
    """One language of one page; its fields are prefixed with the language, so both
    languages' forms sit on one screen."""

    title = StringField(
        "Title", validators=[DataRequired("A page needs a title."), Length(max=200)]
    )
    body = TextAreaField(
        "Text (Markdown)", validators=[Length(max=BODY_MAX)], render_kw={"rows": 16}
    )


@bp.get("/pages")
@roles_required(Role.EDITOR)
def pages() -> str:
    """The newsroom's pages, and which languages each is written in."""
    rows = db.session.scalars(sa.select(Page))
    written = {(row.slug, row.language): row for row in rows}
    return render_template(
        "admin/pages.html", kinds=newsroom.PAGES, written=written, languages=LANGUAGES
    )


@bp.get(f"/pages/{SLUG}")
@roles_required(Role.EDITOR)
def page(slug: str) -> str:
    """One page in every language: a form for each (a missing language is written here)."""
    return _render(slug)


@bp.post(f"/pages/{SLUG}/{LANGUAGE}")
@roles_required(Role.EDITOR)
def save_page(slug: str, language: str) -> Response | tuple[str, int]:
    """Save one language of a page, creating it when it is not written yet."""
    begin_write()
    form = PageForm(prefix=language)
    if not form.validate_on_submit():
        return _render(slug, {language: form}), 422
    found = newsroom.find_page(slug, language) or Page(slug=slug, language=language)
    found.title, found.body = form.title.data.strip(), form.body.data or ""
    db.session.add(found)
    db.session.commit()
    flash(f"Saved “{found.title}” ({LANGUAGES[language].name}).")
    return redirect(url_for("admin.page", slug=slug), 303)


@bp.post(f"/pages/{SLUG}/{LANGUAGE}/delete")
@roles_required(Role.EDITOR)
def delete_page(slug: str, language: str) -> Response:
    """Delete one language of a page: readers get a 404 there, and no link to it."""
    begin_write()
    if not ButtonForm().validate_on_submit():
        abort(400)
    found = newsroom.find_page(slug, language)
    if found is None:
        abort(404)
    db.session.delete(found)
    db.session.commit()
    flash(f"Deleted “{found.title}” ({LANGUAGES[language].name}).")
    return redirect(url_for("admin.page", slug=slug), 303)


def _render(slug: str, sent: dict[str, PageForm] | None = None) -> str:
    """The page's screen: the form sent back with its errors, the others as stored."""
    rows = {code: newsroom.find_page(slug, code) for code in LANGUAGES}
    forms = {
        code: (sent or {}).get(code) or PageForm(prefix=code, obj=rows[code], formdata=None)
        for code in LANGUAGES
    }
    return render_template(
        "admin/page_form.html",
        kind=newsroom.KINDS[slug],
        rows=rows,
        forms=forms,
        languages=LANGUAGES,
        staff=newsroom.masthead() if slug == newsroom.MASTHEAD else [],
    )
