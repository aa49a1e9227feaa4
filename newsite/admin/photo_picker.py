"""Choosing a photo by its picture: a grid of thumbnails with radio buttons (a plain
list without scripts), narrowed by a search that htmx sends to `photo_picker`.

The article form's lead photo uses it; any form with a photo field can
(`fill(form.field, current)`, then include templates/admin/_photo_picker.html).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import render_template, request
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.extensions import db
from newsite.models import Photo, Role
from newsite.routing import id_from

# Thumbnails in the grid at once: the newest, or the newest that match the search.
SHOWN = 48
_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]{0,39}")


@dataclass
class Picker:
    """What the grid shows: its field's name, the photos, the one chosen, the search."""

    name: str
    photos: list[Photo] = field(default_factory=list)
    chosen: int = 0
    q: str = ""
    allow_none: bool = True


def matching(q: str = "", chosen: int = 0) -> list[Photo]:
    """The newest photos whose caption, credit or alt text has `q`; the chosen photo first
    when it is not among them, so a search never loses the editor's choice."""
    query = sa.select(Photo).order_by(Photo.created_at.desc(), Photo.id.desc()).limit(SHOWN)
    if q := q.strip():
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            sa.or_(
                *(c.ilike(like, escape="\\") for c in (Photo.caption, Photo.credit, Photo.alt_text))
            )
        )
    photos = list(db.session.scalars(query))
    if chosen and all(p.id != chosen for p in photos) and (photo := db.session.get(Photo, chosen)):
        photos.insert(0, photo)
    return photos


def fill(photo_field: SelectField, current: Photo | None = None) -> None:
    """Give a photo field its choices (no photo, the grid's photos, the chosen one) and
    the grid to show (as `photo_field.picker`)."""
    chosen = photo_field.data if isinstance(photo_field.data, int) and photo_field.data else 0
    chosen = chosen or (current.id if current is not None else 0)
    photos = matching("", chosen)
    photo_field.choices = [SelectChoice(0, "No photo")] + [
        SelectChoice(p.id, label(p)) for p in photos
    ]
    photo_field.picker = Picker(photo_field.name, photos, chosen)


def label(photo: Photo) -> str:
    return (photo.caption or photo.alt_text or f"Photo {photo.id}")[:80]


@bp.get("/photos/picker")
@roles_required(Role.EDITOR)
def photo_picker() -> str:
    """The picker's grid for a search (htmx swaps it in); the chosen photo stays."""
    name = request.args.get("name", "photo_id")
    if not _FIELD_NAME.fullmatch(name):
        name = "photo_id"
    chosen = id_from(request.args.get(name)) or 0
    q = request.args.get("photo_q", "")[:100]
    picker = Picker(name, matching(q, chosen), chosen, q)
    return render_template("admin/_photo_picker_grid.html", picker=picker)
