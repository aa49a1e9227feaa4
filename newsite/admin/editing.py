"""What the editors' desk shares: the edit form's access rule, and one-statement upserts."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.extensions import db
from newsite.models import Editor, Role


def as_article_editor(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let through whoever may open the article's edit form: the rule of
    `admin.edit_article` itself (its `roles_required`), read when asked, so the lock,
    autosave and preview links follow whatever that view allows."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        edit = current_app.view_functions["admin.edit_article"]
        roles = getattr(edit, "required_roles", (Role.EDITOR,))
        return roles_required(*roles)(view)(*args, **kwargs)

    return wrapped


def upsert(
    table: sa.Table,
    values: dict[str, Any],
    keys: list[str],
    update: dict[str, Any],
    where: sa.ColumnElement[bool] | None = None,
) -> bool:
    """INSERT `values`, or when a row with the same `keys` exists UPDATE it with
    `update` (only if `where` holds): one statement, so two requests racing for the
    same row cannot both win. Whether a row was written (False: `where` refused)."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(table).values(**values)
    update = {k: (v(insert.excluded) if callable(v) else v) for k, v in update.items()}
    statement = insert.on_conflict_do_update(index_elements=keys, set_=update, where=where)
    # RETURNING, not rowcount: drivers do not all count an upsert's rows alike.
    written = db.session.execute(statement.returning(sa.literal(1))).first()
    return written is not None


@bp.app_template_global()
def editor_name(editor: Editor | None) -> str:
    """How the desk names a colleague: their name, else their email."""
    if editor is None:
        return "A former editor"
    return editor.name or editor.email
