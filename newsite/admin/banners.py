"""Breaking-news banners in the admin: raised from an article's edit page
(templates/admin/_banners.html), taken down, and listed (the "Banners" screen).
The rules readers' pages follow are in `newsite.banners`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response
from wtforms import DateTimeLocalField, StringField
from wtforms.validators import DataRequired, Length, Optional

from newsite import banners
from newsite.admin import bp
from newsite.admin.auth import roles_required, safe_next
from newsite.admin.forms import ButtonForm
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Article, Banner, Editor, Role, utcnow
from newsite.templating import local_time, zone_label

# The "Banners" screen lists those raised this long ago at most (and every live one).
RECENT = timedelta(days=7)


class BannerForm(FlaskForm):
    text = StringField(
        "Banner text (after “Breaking”, linking this article)",
        validators=[
            DataRequired("Give the banner a short text."),
            Length(max=banners.TEXT_MAX, message="At most 200 characters, please."),
        ],
        # Its own id: the correction form on the same page has a `text` too.
        id="banner-text",
    )
    # In the time zone of the article's edition (converted by `raise_banner`).
    expires_at = DateTimeLocalField(
        "Expires at (the edition's local time)",
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        id="banner-expires-at",
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # Here, not in a field validator: Optional() stops those when the time is empty.
        if self.expires_at.data is None and not self.expires_at.errors:
            self.expires_at.errors = ["Give the banner an expiry time: at most 24 hours ahead."]
            return False
        return valid


@bp.app_template_global()
def banner_panel(article: Article, form: BannerForm | None = None) -> dict[str, Any]:
    """What an article's edit page shows of breaking news: the form to raise a banner
    (the headline as its text) and the article's live banners."""
    if form is None:
        form = BannerForm(formdata=None, text=article.headline)
    now = utcnow()
    live = db.session.scalars(
        sa.select(Banner)
        .where(
            Banner.article_id == article.id,
            Banner.taken_down_at.is_(None),
            Banner.expires_at > now,
        )
        .order_by(Banner.expires_at)
    )
    latest = local_time(now + banners.MAX_DURATION, article.edition, "admin")
    return {"form": form, "live": list(live), "zone": zone_label(article.edition), "latest": latest}


@bp.post("/articles/<id:article_id>/banners")
@roles_required(Role.EDITOR)
def raise_banner(article_id: int) -> Response | tuple[str, int]:
    """Raise a "Breaking" banner on the article's edition, linking the article."""
    begin_write()
    article = db.get_or_404(Article, article_id)
    form = BannerForm()
    if not form.validate_on_submit() or not _may_raise(form, article):
        return render_template("admin/banner_form.html", article=article, form=form), 422
    banner = Banner(
        edition_id=article.edition_id,
        article_id=article.id,
        text=form.text.data.strip(),
        expires_at=article.edition.from_local(form.expires_at.data),
        editor_id=current_user.id,
    )
    db.session.add(banner)
    db.session.commit()
    flash(f"The banner is up on {article.edition.name} until {_until(banner)}.")
    return redirect(url_for("admin.edit_article", article_id=article.id, _anchor="breaking"), 303)


def _may_raise(form: BannerForm, article: Article) -> bool:
    """Whether the article may have this banner; if not, says why by the field."""
    now = utcnow()
    if not article.is_public:
        form.text.errors = ["Publish the article first: readers could not open it."]
        return False
    problem = banners.expiry_problem(article.edition.from_local(form.expires_at.data), now)
    if problem:
        latest = local_time(now + banners.MAX_DURATION, article.edition, "admin")
        form.expires_at.errors = [f"{problem} It can last until {latest} at the latest."]
        return False
    return True


@bp.post("/banners/<id:banner_id>/take-down")
@roles_required(Role.EDITOR)
def take_down_banner(banner_id: int) -> Response:
    """Take a banner down now: it leaves every page at once."""
    begin_write()
    if not ButtonForm().validate_on_submit():
        abort(400)
    banner = db.get_or_404(Banner, banner_id)
    now = utcnow()
    if banner.taken_down_at is None and banner.expires_at > now:
        banners.take_down(banner, now)
        db.session.commit()
        flash(f"Taken down: “{banner.text}”.")
    return redirect(safe_next(request.form.get("next") or url_for("admin.banner_list")), 303)


@bp.get("/banners")
@roles_required(Role.EDITOR)
def banner_list() -> str:
    """The banners live now and those of the last week, newest first."""
    now = utcnow()
    rows = db.session.execute(
        sa.select(Banner, Editor.name)
        .outerjoin(Editor, Editor.id == Banner.editor_id)
        .options(joinedload(Banner.article), joinedload(Banner.edition))
        .where(sa.or_(Banner.created_at >= now - RECENT, Banner.expires_at > now))
        .order_by(Banner.created_at.desc(), Banner.id.desc())
        .limit(200)
    ).all()
    return render_template("admin/banners.html", rows=rows, now=now, button=ButtonForm())


def _until(banner: Banner) -> str:
    return local_time(banner.expires_at, banner.edition, "admin")
