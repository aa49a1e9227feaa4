"""Admin forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from newsite.admin.auth import PASSWORD_MAX


class SignInForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired("Please enter your email.")])
    password = PasswordField(
        "Password",
        validators=[DataRequired("Please enter your password."), Length(max=PASSWORD_MAX)],
    )


class ButtonForm(FlaskForm):
    """No fields: a CSRF token for POST-only buttons."""
