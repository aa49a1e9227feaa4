"""The article form's gallery: photos from the library the article ends with, in
order, each with its own caption and credit, edited without JavaScript.

As with the contributors (newsite/admin/contributors.py), "Add a photo", "Remove",
"Move up" and "Move down" are submit buttons, here named `gallery_action`: the form
comes back with the change, everything typed kept, nothing saved. A row left without
a photo is skipped; a photo that is no longer in the library is refused by its row.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import request
from wtforms import FieldList, Form, FormField, SelectChoice, SelectField, StringField
from wtforms.validators import Length

from newsite.extensions import db
from newsite.models import Article, GalleryItem, Photo
from newsite.routing import id_from

ACTION = "gallery_action"
NO_PHOTO = 0  # the empty choice: a row added and not filled in, skipped
NOT_AN_ID = -1  # what cannot be a photo's id: refused by its row
MAX_ITEMS = 40


def _photo_id(value: Any) -> int:
    if isinstance(value, int):
        return value
    if value in (None, "", str(NO_PHOTO)):
        return NO_PHOTO
    return id_from(str(value)) or NOT_AN_ID


class GalleryRow(Form):
    """One photo of the gallery (a plain Form: the article form has the token)."""

    photo_id = SelectField("Photo", coerce=_photo_id, validate_choice=False)
    caption = StringField("Caption (empty: the photo's own)", validators=[Length(max=500)])
    credit = StringField("Credit (empty: the photo's own)", validators=[Length(max=200)])


class GalleryFields:
    """Mixed into the article form."""

    gallery = FieldList(FormField(GalleryRow), label="Gallery", max_entries=MAX_ITEMS)


def fill_choices(form: Any, photos: list[Photo]) -> None:
    """Every row's photo list: an empty choice, then the library's recent photos (and
    any photo a row holds that is older)."""
    held = {e.form.photo_id.data for e in form.gallery} - {p.id for p in photos}
    older = db.session.scalars(sa.select(Photo).where(Photo.id.in_(held))) if held else []
    choices = [SelectChoice(NO_PHOTO, "Choose a photo…")] + [
        SelectChoice(p.id, (p.caption or p.alt_text or f"Photo {p.id}")[:80])
        for p in [*photos, *older]
    ]
    form.gallery_choices = choices
    for entry in form.gallery:
        entry.form.photo_id.choices = choices


def load(form: Any, article: Article) -> None:
    """The stored gallery, for the form."""
    set_rows(
        form,
        [
            {"photo_id": item.photo_id, "caption": item.caption, "credit": item.credit}
            for item in article.gallery
        ],
    )


def rows_of(form: Any) -> list[dict[str, Any]]:
    return [
        {
            "photo_id": entry.form.photo_id.data or NO_PHOTO,
            "caption": entry.form.caption.data or "",
            "credit": entry.form.credit.data or "",
        }
        for entry in form.gallery
    ]


def set_rows(form: Any, rows: list[dict[str, Any]]) -> None:
    """Rebuild the list with these rows (renumbered from 0)."""
    field = form.gallery
    field.entries = []
    field.last_index = -1
    for row in rows:
        field.append_entry(row).form.photo_id.choices = getattr(form, "gallery_choices", [])


def pressed_action() -> str | None:
    """The gallery button pressed, if the form was posted by one."""
    return request.form.get(ACTION) if request.method == "POST" else None


def apply_action(form: Any, action: str) -> None:
    """Add, remove or move a row as the button pressed says."""
    rows = rows_of(form)
    verb, _, number = action.partition("-")
    index = int(number) if number.isdigit() else -1
    if verb == "add" and len(rows) < MAX_ITEMS:
        rows.append({"photo_id": NO_PHOTO, "caption": "", "credit": ""})
    elif 0 <= index < len(rows):
        if verb == "remove":
            del rows[index]
        elif verb in ("up", "down"):
            other = index - 1 if verb == "up" else index + 1
            if 0 <= other < len(rows):
                rows[index], rows[other] = rows[other], rows[index]
    set_rows(form, rows)
    form.gallery_focus = index if verb != "add" else len(rows) - 1


def check(form: Any) -> bool:
    """Each filled row names a photo in the library; a message by the row if not."""
    wanted = {e.form.photo_id.data for e in form.gallery} - {NO_PHOTO}
    known = set(db.session.scalars(sa.select(Photo.id).where(Photo.id.in_(wanted))))
    ok = True
    for entry in form.gallery:
        field = entry.form.photo_id
        if field.data != NO_PHOTO and field.data not in known:
            field.errors = [
                *field.errors,
                "This photo is no longer in the library: choose another, or remove the row.",
            ]
            ok = False
    return ok


def save(form: Any, article: Article) -> None:
    """Replace the article's gallery with the form's filled rows, in order; an empty
    caption or credit takes the photo's own."""
    rows = [r for r in rows_of(form) if r["photo_id"] != NO_PHOTO]
    photos = {p.id: p for p in db.session.scalars(
        sa.select(Photo).where(Photo.id.in_([r["photo_id"] for r in rows]))
    )}  # fmt: skip
    article.gallery = [
        GalleryItem(
            photo=photos[row["photo_id"]],
            position=position,
            caption=row["caption"].strip() or photos[row["photo_id"]].caption,
            credit=row["credit"].strip() or photos[row["photo_id"]].credit,
        )
        for position, row in enumerate(rows)
    ]
