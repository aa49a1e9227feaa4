"""Editors' sign-in: argon2 passwords, versioned sessions, roles, safe redirects."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from newsite.extensions import db, login_manager
from newsite.models import Editor, Role
from newsite.routing import site_path

PASSWORD_MAX = 128


def _hashing() -> tuple[PasswordHasher, str]:
    """The app's argon2 hasher, made once: argon2-cffi's defaults (RFC 9106's low-memory
    profile) unless PASSWORD_HASHING names other parameters; and a hash to verify
    against when the email is unknown, so both failures take as long."""
    made = current_app.extensions.get("password_hasher")
    if made is None:
        hasher = PasswordHasher(**current_app.config["PASSWORD_HASHING"])
        made = current_app.extensions["password_hasher"] = (hasher, hasher.hash("not real"))
    return made


def hash_password(password: str) -> str:
    return _hashing()[0].hash(password)


def authenticate(email: str, password: str) -> Editor | None:
    """The active editor with this email and password; None tells nothing more."""
    email = normalise_email(email)
    # A NUL byte cannot be in anyone's email, and PostgreSQL refuses it in a query.
    editor = (
        None if "\x00" in email else db.session.scalar(db.select(Editor).filter_by(email=email))
    )
    hasher, dummy_hash = _hashing()
    try:
        hasher.verify(editor.password_hash if editor else dummy_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if editor is None or not editor.active:
        return None
    if hasher.check_needs_rehash(editor.password_hash):
        # Hashing parameters changed since this password was set: upgrade it now.
        editor.password_hash = hash_password(password)
    return editor


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def end_sessions(editor: Editor) -> None:
    """Invalidate every session of `editor`, including copies of old cookies."""
    editor.session_version += 1


def safe_next(target: str | None) -> str:
    """`target` if it is a path on this site, else the dashboard."""
    return site_path(target) or url_for("admin.dashboard")


def roles_required(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Let through signed-in editors with one of `roles` (admins always)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.can(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles  # type: ignore[attr-defined]
        return wrapped

    return decorate


@login_manager.user_loader
def _load_editor(user_id: str) -> Editor | None:
    editor_id, _, version = user_id.partition(":")
    if not editor_id.isdigit() or not version.isdigit():
        return None
    editor = db.session.get(Editor, int(editor_id))
    if editor is None or not editor.active or editor.session_version != int(version):
        return None
    return editor


@login_manager.unauthorized_handler
def _unauthorized() -> Any:
    if request.method != "GET":
        abort(401)
    return redirect(url_for("admin.sign_in", next=request.full_path.rstrip("?")))
