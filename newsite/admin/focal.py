"""A photo's focal point: the editor clicks the photo (static/js/focal.js) or types
X and Y in percent; its 3:2 and 16:9 crops are cut again around it (`newsite.crops`)."""

from __future__ import annotations

import math
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import ValidationError

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.crops import SHAPES, remove_old_crops, write_crops
from newsite.database import begin_write
from newsite.extensions import db
from newsite.models import Photo, Role
from newsite.photos import PhotoError


def percent(_form: FlaskForm, field: Any) -> None:
    """A number from 0 to 100 (a click's position has decimals; they are rounded)."""
    try:
        value = float((field.data or "").strip().replace(",", "."))
    except ValueError:
        value = math.nan
    if not 0 <= value <= 100:  # NaN fails too
        raise ValidationError("Type a number from 0 to 100 (percent).")
    field.value = round(value)


class FocalForm(FlaskForm):
    focal_x = StringField("X: percent of the width, from the left", validators=[percent])
    focal_y = StringField("Y: percent of the height, from the top", validators=[percent])


@bp.get("/photos/<id:photo_id>")
@roles_required(Role.EDITOR)
def photo_focal(photo_id: int) -> str:
    """One photo: its focal point and the crops cut around it."""
    photo = db.get_or_404(Photo, photo_id)
    form = FocalForm(data={"focal_x": str(photo.focal_x), "focal_y": str(photo.focal_y)})
    return render_template("admin/photo_focal.html", photo=photo, form=form, shapes=SHAPES)


@bp.post("/photos/<id:photo_id>/focal")
@roles_required(Role.EDITOR)
def set_focal(photo_id: int) -> Response | tuple[str, int]:
    """Move the focal point and cut the crops again (nothing changes on a bad value)."""
    begin_write()
    photo = db.get_or_404(Photo, photo_id)
    form = FocalForm()
    if not form.validate():
        page = render_template("admin/photo_focal.html", photo=photo, form=form, shapes=SHAPES)
        return page, 400 if form.csrf_token.errors else 422
    point = (form.focal_x.value, form.focal_y.value)
    if point != (photo.focal_x, photo.focal_y) or not photo.crops_version:
        photo.focal_x, photo.focal_y = point
        try:
            write_crops(photo)
        except PhotoError as error:
            db.session.rollback()
            form.focal_x.errors = [str(error)]
            page = render_template("admin/photo_focal.html", photo=photo, form=form, shapes=SHAPES)
            return page, 422
        db.session.commit()
        remove_old_crops(photo)
    flash(f"Focal point set at {photo.focal_x}% across, {photo.focal_y}% down.")
    return redirect(url_for("admin.photo_focal", photo_id=photo.id), 303)
