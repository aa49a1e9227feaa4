"""What the editors' desk shares: one-statement upserts and how it names colleagues."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newsite.admin import bp
from newsite.extensions import db
from newsite.models import Editor


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
