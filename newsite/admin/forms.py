"""Admin forms."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from newsite.admin.auth import PASSWORD_MAX
from newsite.text import slugify


def slug_check(_form: FlaskForm, field: Any) -> None:
    """A slug as addresses take it: lowercase letters, digits and single hyphens."""
    if field.data != slugify(field.data):
        raise ValidationError("Use lowercase letters, digits and single hyphens.")


class SignInForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired("Please enter your email.")])
    password = PasswordField(
        "Password",
        validators=[DataRequired("Please enter your password."), Length(max=PASSWORD_MAX)],
    )


class ButtonForm(FlaskForm):
    """No fields: a CSRF token for POST-only buttons."""
