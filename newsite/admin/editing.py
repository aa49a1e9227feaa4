"""What the editors' desk shares: the edit form's access rule, and one-statement upserts."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.extensions import db
from newsite.models import Editor, Role

# The views that follow the edit form's rule (`as_article_editor`).
_FOLLOWERS: list[Any] = []


def as_article_editor(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let through whoever may open the article's edit form: the rule of
    `admin.edit_article` itself (its `roles_required`), so the lock, autosave and
    preview links follow whatever that view allows."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return roles_required(*wrapped.required_roles)(view)(*args, **kwargs)  # type: ignore[attr-defined]

    wrapped.required_roles = (Role.EDITOR,)  # type: ignore[attr-defined]
    _FOLLOWERS.append(wrapped)
    return wrapped


@bp.record_once
def _follow_the_edit_form(_state: Any) -> None:
    # Every admin module is imported by now (newsite/admin/__init__.py): read the edit
    # view's roles from the view itself, once.
    from newsite.admin.articles import edit_article

    roles = getattr(edit_article, "required_roles", (Role.EDITOR,))
    for view in _FOLLOWERS:
        view.required_roles = roles  # type: ignore[attr-defined]


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
