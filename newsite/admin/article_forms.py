"""The article form: everything an editor sets on a story."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from newsite.admin import contributors
from newsite.admin.gallery import GalleryFields
from newsite.admin.unpublish import UnpublishFields
from newsite.corrections import NOTE_MAX
from newsite.models import ArticleStatus, StoryType
from newsite.story_types import NAMES as STORY_TYPE_NAMES
from newsite.text import SLUG_MAX, slugify

MAX_TAGS = 10
TAG_MAX = 80


def tag_names(text: str | None) -> list[str]:
    """The tag names typed, trimmed, without repeats (whatever their case)."""
    names: dict[str, str] = {}
    for raw in (text or "").split(","):
        name = " ".join(raw.split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


COMMENT_SETTINGS = [
    SelectChoice("", "Site default"),
    SelectChoice("post", "Open, visible at once"),
    SelectChoice("pre", "Open, held for moderation"),
    SelectChoice("closed", "Closed"),
]


class ArticleForm(UnpublishFields, GalleryFields, FlaskForm):
    headline = StringField(
        "Headline", validators=[DataRequired("A headline is needed."), Length(max=200)]
    )
    slug = StringField(
        "Slug (the last part of the address; made from the headline when empty)",
        validators=[Optional(), Length(max=SLUG_MAX)],
    )
    summary = TextAreaField("Summary", validators=[Length(max=500)])
    body = TextAreaField("Body (Markdown)")
    dateline = StringField("Dateline city", validators=[Length(max=80)])
    # Only from a post without contributor rows (an older form, a script): the lead
    # writer, the other contributors kept (`newsite.bylines.with_lead_writer`).
    author_id = SelectField("Author", coerce=int, validate_choice=False)
    # Everyone credited, in byline order (newsite/admin/contributors.py).
    contributors = FieldList(FormField(contributors.ContributorRow), label="Contributors")
    story_type = SelectField(
        "Story type",
        default=StoryType.NEWS.value,
        choices=[SelectChoice(t.value, name) for t, name in STORY_TYPE_NAMES.items()],
    )
    sponsor = StringField("Sponsor (who paid for a sponsored story)", validators=[Length(max=120)])
    edition_id = SelectField("Edition", coerce=int)
    section_id = SelectField("Section", coerce=int)
    status = SelectField(
        "Status", choices=[SelectChoice(s.value, s.value.capitalize()) for s in ArticleStatus]
    )
    # In the time zone of the edition chosen (`newsite.admin.articles` converts).
    published_at = DateTimeLocalField(
        "Publication time (the edition's local time)",
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
    )
    photo_id = SelectField("Lead photo from the library", coerce=int)
    upload = FileField("…or upload a new photo (JPEG, PNG or WebP)")
    caption = StringField("Caption", validators=[Length(max=500)])
    credit = StringField("Credit (shown in brackets)", validators=[Length(max=200)])
    alt_text = StringField(
        "Alt text (describes the photo for screen readers)", validators=[Length(max=300)]
    )
    tags = StringField(
        "Tags (topics, separated by commas, e.g. “Water, Elections”)",
        validators=[Length(max=500)],
    )
    translation = StringField(
        "Translation (the address or slug of the same story in another language's edition)",
        validators=[Length(max=300)],
    )
    comments = SelectField("Comments", choices=COMMENT_SETTINGS)
    # A published article's save moves its "Updated" time only when ticked
    # (`newsite.corrections.substantive_update`); typo fixes leave it alone.
    substantive = BooleanField("Substantive update (readers see the new “Updated” time)")
    what_changed = StringField(
        "What changed (optional, shown to readers under the byline)",
        validators=[Length(max=NOTE_MAX)],
    )
    # The article's revision when the form was loaded: a newer one means someone saved since.
    revision = HiddenField()

    def validate_slug(self, field: Any) -> None:
        if field.data and field.data != slugify(field.data):
            raise ValidationError(
                "Use lowercase letters, digits and single hyphens, e.g. "
                f"“{slugify(field.data) or 'road-reopens'}”."
            )

    def validate_tags(self, field: Any) -> None:
        names = tag_names(field.data)
        if len(names) > MAX_TAGS:
            raise ValidationError(f"At most {MAX_TAGS} tags, please.")
        for name in names:
            if len(name) > TAG_MAX or not slugify(name):
                raise ValidationError(
                    f"“{name[:TAG_MAX]}” is not a tag: up to {TAG_MAX} characters, "
                    "with at least one letter or digit."
                )

    def validate_what_changed(self, field: Any) -> None:
        if (field.data or "").strip() and not self.substantive.data:
            raise ValidationError(
                "Readers see this note only with a substantive update: tick the box above, "
                "or leave it empty."
            )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Messages about the contributors list as a whole ("needs a writer").
        self.contributors_errors: list[str] = []

    def validate_sponsor(self, field: Any) -> None:
        sponsored = self.story_type.data == StoryType.SPONSORED
        if sponsored and not (field.data or "").strip():
            raise ValidationError("A sponsored story names its sponsor.")
        if not sponsored and (field.data or "").strip():
            raise ValidationError("Only a sponsored story has a sponsor; clear this field.")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        valid = contributors.check(self) and valid
        # Here, not in a field validator: Optional() stops those when the time is empty.
        if self.status.data == ArticleStatus.SCHEDULED and self.published_at.data is None:
            self.published_at.errors = [
                *self.published_at.errors,
                "A scheduled article needs a publication time.",
            ]
            return False
        return valid
