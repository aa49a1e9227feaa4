"""The author profile form: the byline's name, and what readers see on the author's page
and under their stories (title, photo, contact links), and the masthead's marks."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from newsite.admin.forms import slug_check
from newsite.extensions import db
from newsite.models import Author, Photo

MAX_LINKS = 10
LABEL_MAX = 60
URL_MAX = 300
PHOTO_CHOICES = 200


def link_problem(url: str) -> str | None:
    """Why `url` cannot be a contact link (None: it can): only web addresses and email."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # a malformed address ("https://[oops")
        return f"“{url}” is not an address."
    if parts.scheme in ("http", "https") and "." in host:
        return None
    if parts.scheme == "mailto" and "@" in parts.path.strip("@"):
        return None
    return f"“{url}” is not an https://, http:// or mailto: address."


class ContactLinksField(TextAreaField):
    """Contact links typed one a line, a label then the address ("Email
    mailto:nadia@example.org"), stored as [{"label": ..., "url": ...}]."""

    def _value(self) -> str:
        if isinstance(self.data, str):
            return self.data  # sent back as typed, with its error
        return "\n".join(f"{link['label']} {link['url']}" for link in self.data or [])

    def process_data(self, value: Any) -> None:
        self.data = list(value or [])

    def process_formdata(self, valuelist: list[Any]) -> None:
        if valuelist:
            self.data = valuelist[0]

    def pre_validate(self, form: Any) -> None:
        if not isinstance(self.data, str):
            return
        links = []
        for line in self.data.splitlines():
            line = " ".join(line.split())
            if not line:
                continue
            label, _, url = line.rpartition(" ")
            if not label:
                raise ValidationError(
                    f"“{line}”: write a label, then the address (Email mailto:name@example.org)."
                )
            if len(label) > LABEL_MAX or len(url) > URL_MAX:
                raise ValidationError(
                    f"“{line[:80]}”: labels up to {LABEL_MAX} characters, "
                    f"addresses up to {URL_MAX}."
                )
            if problem := link_problem(url):
                raise ValidationError(problem)
            links.append({"label": label, "url": url})
        if len(links) > MAX_LINKS:
            raise ValidationError(f"At most {MAX_LINKS} contact links, please.")
        self.data = links


def _photo_id(value: Any) -> int | None:
    return None if value in (None, "", "None") else int(value)


class AuthorForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    slug = StringField("Slug", validators=[DataRequired(), Length(max=80), slug_check])
    title = StringField(
        "Title (their job, shown with their stories and on the masthead: “Baghdad correspondent”)",
        validators=[Length(max=120)],
    )
    bio = TextAreaField("Short biography", validators=[Length(max=2000)])
    photo_id = SelectField("Photo (from the photo library, shown small)", coerce=_photo_id)
    contact_links = ContactLinksField(
        "Contact links, one a line: a label, then the address "
        "(“Email mailto:name@example.org”, “Website https://…”)"
    )
    is_guest = BooleanField(
        "Guest contributor (from outside the newsroom: no staff title, not on the masthead)"
    )
    is_staff = BooleanField("On the masthead")
    masthead_position = IntegerField(
        "Masthead position (smaller first)",
        default=0,
        validators=[Optional(), NumberRange(min=0, max=10_000)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        photos = list(
            db.session.scalars(
                sa.select(Photo).order_by(Photo.created_at.desc()).limit(PHOTO_CHOICES)
            )
        )
        current = self.photo_id.data
        if current is not None and current not in {p.id for p in photos}:
            # An older photo still in use stays selectable.
            photos += list(db.session.scalars(sa.select(Photo).where(Photo.id == current)))
        self.photo_id.choices = [SelectChoice("", "No photo")] + [
            SelectChoice(p.id, (p.caption or p.alt_text or f"Photo {p.id}")[:80]) for p in photos
        ]

    def validate_title(self, field: Any) -> None:
        if self.is_guest.data and (field.data or "").strip():
            raise ValidationError("Guests have no staff title.")

    def validate_is_staff(self, field: Any) -> None:
        if self.is_guest.data and field.data:
            raise ValidationError("A guest is not on the masthead.")

    def populate_obj(self, obj: Author) -> None:
        super().populate_obj(obj)
        obj.title = (obj.title or "").strip()
        obj.masthead_position = obj.masthead_position or 0
