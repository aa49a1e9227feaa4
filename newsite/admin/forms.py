"""Admin forms."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length, ValidationError

from newsite.admin.auth import PASSWORD_MAX
from newsite.text import slugify


def slug_check(_form: FlaskForm, field: Any) -> None:
    """A slug as addresses take it: lowercase letters, digits and single hyphens."""
    if field.data != slugify(field.data):
        raise ValidationError("Use lowercase letters, digits and single hyphens.")


class SignInForm(FlaskForm):
    # type="email" and autocomplete hints: phones show the right keyboard, password
    # managers fill both fields.
    email = EmailField(
        "Email",
        validators=[DataRequired("Please enter your email.")],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Please enter your password."), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )


class ButtonForm(FlaskForm):
    """No fields: a CSRF token for POST-only buttons."""
