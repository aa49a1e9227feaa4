"""The photo library: upload, search, reuse; a photo in use cannot be deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.forms import ButtonForm
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Article, GalleryItem, Photo, Role
from newsite.photos import PhotoError, add_photo, check_upload


class UploadForm(FlaskForm):
    file = FileField("Photo (JPEG, PNG or WebP)")
    # Every photo readers see carries all three (the issue of the desk keeps them required).
    caption = StringField(
        "Caption", validators=[InputRequired("Write a caption."), Length(max=500)]
    )
    credit = StringField(
        "Credit", validators=[InputRequired("Say who took or owns it."), Length(max=200)]
    )
    alt_text = StringField(
        "Alt text",
        validators=[
            InputRequired("Describe the photo for readers who cannot see it."),
            Length(max=300),
        ],
    )


@bp.route("/photos", methods=["GET", "POST"])
@roles_required(Role.EDITOR)
def photos() -> str | Response | tuple[str, int]:
    """Search the library and upload new photos."""
    form = UploadForm()
    if request.method == "POST":
        if form.validate() and _upload(form):
            return redirect(url_for("admin.photos"), 303)
        status = 422
    else:
        status = 200
    query = sa.select(Photo).order_by(Photo.created_at.desc(), Photo.id.desc())
    if q := request.args.get("q", "").strip():
        like = f"%{q}%"
        query = query.where(
            sa.or_(Photo.caption.ilike(like), Photo.credit.ilike(like), Photo.alt_text.ilike(like))
        )
    page = db.paginate(query, per_page=24, error_out=False)
    shown = [p.id for p in page.items]
    used = set(
        db.session.scalars(
            sa.union(
                sa.select(Article.lead_photo_id).where(Article.lead_photo_id.in_(shown)),
                sa.select(GalleryItem.photo_id).where(GalleryItem.photo_id.in_(shown)),
            )
        )
    )
    return render_template(
        "admin/photos.html", form=form, page=page, q=q, used=used, button=ButtonForm()
    ), status


@bp.post("/photos/<id:photo_id>/delete")
@roles_required(Role.EDITOR)
def delete_photo(photo_id: int) -> Response:
    """Delete an unused photo and its files."""
    begin_write()
    photo = db.get_or_404(Photo, photo_id)
    in_use = db.session.scalar(
        sa.select(sa.func.count()).select_from(Article).where(Article.lead_photo_id == photo.id)
    )
    in_galleries = db.session.scalar(
        sa.select(sa.func.count()).select_from(GalleryItem).where(GalleryItem.photo_id == photo.id)
    )
    if not ButtonForm().validate_on_submit():
        flash("Your session expired; please try again.")
    elif in_use:
        flash(f"This photo leads {in_use} article(s); choose another photo for them first.")
    elif in_galleries:
        flash(f"This photo is in {in_galleries} gallery(ies); remove it from them first.")
    else:
        db.session.delete(photo)
        db.session.commit()
        shutil.rmtree(
            Path(current_app.config["MEDIA_ROOT"]) / "photos" / photo.key, ignore_errors=True
        )
        flash("Photo deleted.")
    return redirect(url_for("admin.photos"), 303)


def _upload(form: UploadForm) -> bool:
    upload = form.file.data
    if not upload or not upload.filename:
        form.file.errors = ["Please choose a file."]
        return False
    data = upload.read()
    try:
        check_upload(upload.filename, data)
        add_photo(
            data,
            caption=form.caption.data,
            credit=form.credit.data,
            alt_text=form.alt_text.data,
            crop=True,
        )
    except PhotoError as error:
        form.file.errors = [str(error)]
        return False
    db.session.commit()
    flash("Photo added to the library.")
    return True
