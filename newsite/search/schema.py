"""The search index's database objects, which the models do not describe.

Migration c3f1e2d4b5a6 creates them by hand; autogenerate and the model/migration
comparison must leave them alone, or they would be "removed" by the next migration.
"""

from __future__ import annotations

from typing import Any

# SQLite: the FTS5 table and the shadow tables FTS5 keeps beside it.
FTS_TABLE = "article_fts"
# PostgreSQL: the generated tsvector column on `article` and its GIN index.
VECTOR_COLUMN = "search_vector"
VECTOR_INDEX = "ix_article_search_vector"


def include_object(
    _object: Any, name: str | None, type_: str, reflected: bool, _compare_to: Any
) -> bool:
    """False for the search index's own objects: Alembic's `include_object` hook."""
    if not reflected or name is None:
        return True
    if type_ == "table":
        return not (name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_"))
    if type_ == "column":
        return name != VECTOR_COLUMN
    if type_ == "index":
        return name != VECTOR_INDEX
    return True
