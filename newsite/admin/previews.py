"""Preview links: made, listed and revoked from an article's admin page.

The links' page and tokens are in `newsite.public.previews`. A link works for a
chosen time, from an hour to seven days, until it expires or is revoked.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectField
from wtforms.validators import ValidationError

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.forms import ButtonForm
from newsite.database import begin_write
from newsite.extensions import db
from newsite.htmx import wants_fragment
from newsite.models import Article, PreviewLink, Role, utcnow
from newsite.public.previews import is_live, token_for
from newsite.templating import local_time

MIN_HOURS, MAX_HOURS = 1, 7 * 24
LASTS = [
    SelectChoice("1", "1 hour"),
    SelectChoice("6", "6 hours"),
    SelectChoice("24", "1 day"),
    SelectChoice("72", "3 days"),
    SelectChoice("168", "7 days"),
]


class PreviewLinkForm(FlaskForm):
    hours = SelectField("The link works for", choices=LASTS, default="24", validate_choice=False)

    def validate_hours(self, field: Any) -> None:
        raw = field.data or ""
        if not raw.isascii() or not raw.isdigit() or not MIN_HOURS <= int(raw) <= MAX_HOURS:
            raise ValidationError("Choose from 1 hour to 7 days.")


def _form(blank: bool = True) -> PreviewLinkForm:
    # Its own prefix: its fields share the article page with the article form's.
    return (
        PreviewLinkForm(formdata=None, prefix="preview")
        if blank
        else PreviewLinkForm(prefix="preview")
    )


def links_of(article: Article) -> list[PreviewLink]:
    """The article's preview links, newest first."""
    return list(
        db.session.scalars(
            sa.select(PreviewLink)
            .filter_by(article_id=article.id)
            .order_by(PreviewLink.created_at.desc(), PreviewLink.id.desc())
        )
    )


@bp.app_template_global()
def preview_url(link: PreviewLink) -> str:
    """The address to send: on SITE_URL's origin when set, else this request's."""
    origin = (current_app.config["SITE_URL"] or request.host_url).rstrip("/")
    return origin + url_for("public.preview", token=token_for(link))


@bp.app_template_global()
def preview_links(article: Article) -> dict[str, Any]:
    """What the article page's "Preview links" section shows."""
    return {"links": links_of(article), "live": is_live, "form": _form(), "notice": ""}


def make_link(article: Article, editor_id: int | None, hours: int) -> PreviewLink:
    """A new preview link to `article` working for `hours`."""
    link = PreviewLink(
        article_id=article.id,
        nonce=secrets.token_urlsafe(32),
        editor_id=editor_id,
        expires_at=utcnow() + timedelta(hours=hours),
    )
    db.session.add(link)
    return link


def _section(article: Article, form: PreviewLinkForm, status: int = 200, notice: str = "") -> Any:
    """The section again: the fragment to htmx, else the whole page (for errors)."""
    shown = {"links": links_of(article), "live": is_live, "form": form, "notice": notice}
    template = "admin/_previews.html" if wants_fragment() else "admin/previews.html"
    return render_template(template, article=article, previews=shown), status


def _back(article: Article, notice: str) -> Any:
    if wants_fragment():
        return _section(article, _form(), notice=notice)
    flash(notice)
    return redirect(url_for("admin.edit_article", article_id=article.id, _anchor="previews"), 303)


@bp.get("/articles/<id:article_id>/previews")
@roles_required(Role.EDITOR)
def previews(article_id: int) -> Any:
    """An article's preview links, made and revoked here."""
    return _section(db.get_or_404(Article, article_id), _form())


@bp.post("/articles/<id:article_id>/previews")
@roles_required(Role.EDITOR)
def create_preview(article_id: int) -> Response | Any:
    """Make a preview link to send outside the newsroom."""
    begin_write()
    article = db.get_or_404(Article, article_id)
    form = _form(blank=False)
    if not form.validate():
        db.session.rollback()
        return _section(article, form, 422)
    link = make_link(article, current_user.id, int(form.hours.data))
    db.session.commit()
    until = local_time(link.expires_at, article.edition, "admin")
    return _back(article, f"Preview link made: it works until {until}.")


@bp.post("/articles/<id:article_id>/previews/<id:link_id>/revoke")
@roles_required(Role.EDITOR)
def revoke_preview(article_id: int, link_id: int) -> Response | Any:
    """Stop a preview link working, before it expires."""
    begin_write()
    article = db.get_or_404(Article, article_id)
    link = db.first_or_404(sa.select(PreviewLink).filter_by(id=link_id, article_id=article.id))
    if not ButtonForm().validate():
        return _section(article, _form(), 400)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
    db.session.commit()
    return _back(article, "The preview link was revoked: it no longer works.")
