"""The comment form, shared by new comments and replies."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Optional, ValidationError

from newsite.comments import names, rules
from newsite.comments.identity import Remembered
from newsite.comments.services import Staff
from newsite.models import ReportReason
from newsite.routing import MAX_ID, id_from


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _utf16_max(limit: int, message: Any) -> Any:
    """A length check; `message` (lazy) has %(limit)d and %(length)d placeholders."""

    def check(_form: FlaskForm, field: Any) -> None:
        length = rules.text_length(field.data or "")
        if length > limit:
            raise ValidationError(str(message) % {"limit": limit, "length": length})

    return check


def _no_control_characters(allow_newlines: bool) -> Any:
    def check(_form: FlaskForm, field: Any) -> None:
        if rules.has_control_characters(field.data or "", allow_newlines=allow_newlines):
            raise ValidationError(_("This contains characters we cannot accept; please retype it."))

    return check


def _no_invisible_characters(_form: FlaskForm, field: Any) -> None:
    if rules.has_invisible_characters(field.data or ""):
        raise ValidationError(_("Names cannot contain invisible or direction-changing characters."))
    if rules.is_blank(field.data or ""):
        raise ValidationError(_("Please enter your name."))


def _not_passing_for_the_newsroom(_form: FlaskForm, field: Any) -> None:
    name = field.data or ""
    if names.is_email_like(name):
        raise ValidationError(_("Please enter a name, not an email address."))
    if names.takes_a_role(name) or names.imitates_staff(name):
        raise ValidationError(
            _("This name belongs to the newsroom or its staff; please choose another.")
        )


class CommentForm(FlaskForm):
    """Name, optional email (remembered on request) and comment; hidden: the comment
    it answers.

    No CSRF token (the cross-origin check guards readers' writes, `newsite.security`)
    and no per-render token: the page that shows this form is the same for everyone.

    With `staff` (an editor signed in to the admin) the name and email are the
    editor's: whatever the form says of them is ignored, and not checked.
    """

    class Meta:
        csrf = False

    def __init__(self, *args: Any, staff: Staff | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Messages about the whole post (comments closed, sent too often), shown
        # in the form's status line.
        self.problems: list[str] = []
        self.staff = staff
        if staff is not None:
            self.name.data, self.email.data, self.remember.data = staff.name, staff.email, False
            # Per instance: the class's fields keep their checks for everyone else.
            self.name.validators = self.email.validators = ()

    name = StringField(
        _l("Name"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Please enter your name.")),
            _utf16_max(
                rules.NAME_MAX,
                _l("Your name can be at most %(limit)d characters; this one has %(length)d."),
            ),
            _no_control_characters(allow_newlines=False),
            _no_invisible_characters,
            _not_passing_for_the_newsroom,
        ],
    )
    email = EmailField(
        _l("Email"),
        filters=[_strip],
        validators=[
            Optional(),
            Email(_l("Please enter a valid email address, or leave it empty.")),
            _utf16_max(
                rules.EMAIL_MAX,
                _l("Email can be at most %(limit)d characters; this one has %(length)d."),
            ),
        ],
    )
    body = TextAreaField(
        _l("Comment"),
        # Newlines first: the counter and this check must agree.
        filters=[rules.normalise_newlines],
        validators=[
            _utf16_max(
                rules.BODY_MAX,
                _l("Your comment can be at most %(limit)d characters; this one has %(length)d."),
            ),
            _no_control_characters(allow_newlines=True),
        ],
    )
    remember = BooleanField(_l("Remember my name and email on this device"))
    parent_id = HiddenField()
    # Left empty by people; bots that fill every field get held for moderation.
    website = StringField(_l("Leave this field empty"))

    def validate_body(self, field: Any) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_("Please write a comment."))

    def validate_parent_id(self, field: Any) -> None:
        if field.data and self.parent is None:
            raise ValidationError(_("The comment you are replying to was not found."))

    @property
    def parent(self) -> int | None:
        """The id of the comment answered, if the field holds one."""
        raw = self.parent_id.data or ""
        if not (raw.isascii() and raw.isdigit() and len(raw) < 11):
            return None
        return int(raw) if 1 <= int(raw) <= MAX_ID else None


def blank_comment_form(
    parent_id: int | None = None,
    *,
    staff: Staff | None = None,
    remembered: Remembered | None = None,
) -> CommentForm:
    """An empty form, new comment or reply: for an editor, as staff; for a commenter
    this device remembers, with their name and email filled in (and kept so)."""
    form = CommentForm(formdata=None, staff=staff)
    form.parent_id.data = str(parent_id) if parent_id else ""
    if remembered is not None and staff is None:
        form.name.data, form.email.data, form.remember.data = (*remembered, True)
    return form


class EditForm(FlaskForm):
    """A commenter's new text for their comment (the same rules as a new one's), and the
    comment's edit secret (`services.edit_secret`)."""

    class Meta:
        csrf = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[str] = []

    # The comment it changes (set by the view; not a field).
    comment_id: int | None = None
    body = CommentForm.body
    secret = HiddenField()
    validate_body = CommentForm.validate_body


def blank_edit_form(comment: Any) -> EditForm:
    """The edit form of a comment, holding its text."""
    form = EditForm(formdata=None)
    form.body.data = comment.body
    form.comment_id = comment.id
    return form


# A report's note: enough to say what is wrong, short enough for a moderator to read.
NOTE_MAX = 300

REPORT_REASONS = (
    (ReportReason.SPAM, _l("Spam")),
    (ReportReason.ABUSE, _l("Abuse or harassment")),
    (ReportReason.OFF_TOPIC, _l("Off topic")),
    (ReportReason.OTHER, _l("Something else")),
)


class ReportForm(FlaskForm):
    """Why a reader reports a comment, and an optional note; hidden: the article whose
    page they report it on. No CSRF token, as for comments: the cross-origin check
    guards readers' writes."""

    class Meta:
        csrf = False

    note_max = NOTE_MAX

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[str] = []

    # Checked below, with our own message, rather than by WTForms' untranslated one.
    reason = RadioField(
        _l("Why are you reporting this comment?"),
        choices=[SelectChoice(value.value, label) for value, label in REPORT_REASONS],
        validate_choice=False,
    )
    note = TextAreaField(
        _l("Note for the moderators (optional)"),
        filters=[rules.normalise_newlines],
        validators=[
            _utf16_max(
                NOTE_MAX,
                _l("Your note can be at most %(limit)d characters; this one has %(length)d."),
            ),
            _no_control_characters(allow_newlines=True),
        ],
    )
    article_id = HiddenField()

    def validate_reason(self, field: Any) -> None:
        if field.data not in {reason.value for reason in ReportReason}:
            raise ValidationError(_("Please choose one of the reasons."))

    @property
    def article(self) -> int | None:
        """The id of the article the form was sent from, if the field holds one."""
        return id_from(self.article_id.data)


def blank_report_form(article_id: int) -> ReportForm:
    form = ReportForm(formdata=None)
    form.article_id.data = str(article_id)
    return form
