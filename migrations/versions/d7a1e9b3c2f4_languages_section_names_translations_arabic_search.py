"""languages: section names in other languages, article translations, Arabic-aware search

- `section.translations`: a section's name by language code.
- `article.translation_id`: the same story in another edition's language.
- Search folds Arabic spelling variants (`newsite.languages.fold`): diacritics and
  tatweel dropped, alef forms, taa marbuta and alef maqsura made one, at index
  time here and at query time in `newsite.search`.
  - SQLite: `article_fts` gains a fourth column, `folded`: the folded text of an
    article whose text folding changes (Arabic), empty otherwise. Its external
    content is the view `article_search_source`, so FTS5's `rebuild` and its
    highlighting read the same columns the triggers index. The folding is the
    SQL function `newsite_fold`, which every connection of the app registers
    (`newsite.database`): write articles through the app, not a bare sqlite3.
  - PostgreSQL: the generated `search_vector` indexes the folded text.

The article table is rebuilt on SQLite (batch mode), which drops its triggers:
they are made again here, and the index rebuilt.

Revision ID: d7a1e9b3c2f4
Revises: c3f1e2d4b5a6
Create Date: 2026-11-30 22:30:00.000000

"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from newsite.languages import fold_sql

# revision identifiers, used by Alembic.
revision = "d7a1e9b3c2f4"
down_revision = "c3f1e2d4b5a6"
branch_labels = None
depends_on = None


def _sqlite_folded(prefix: str) -> str:
    text = f"{prefix}headline || ' ' || {prefix}summary || ' ' || {prefix}body"
    folded = fold_sql(f"({text})", "sqlite")
    return f"CASE WHEN {folded} <> ({text}) THEN {folded} ELSE '' END"


def _sqlite_upgrade() -> list[str]:
    return [
        f"""
        CREATE VIEW article_search_source AS
        SELECT id, headline, summary, body, {_sqlite_folded("")} AS folded FROM article
        """,
        """
        CREATE VIRTUAL TABLE article_fts USING fts5(
            headline, summary, body, folded,
            content='article_search_source', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        )
        """,
        f"""
        CREATE TRIGGER article_fts_after_insert AFTER INSERT ON article BEGIN
            INSERT INTO article_fts (rowid, headline, summary, body, folded)
            VALUES (new.id, new.headline, new.summary, new.body, {_sqlite_folded("new.")});
        END
        """,
        f"""
        CREATE TRIGGER article_fts_after_delete AFTER DELETE ON article BEGIN
            INSERT INTO article_fts (article_fts, rowid, headline, summary, body, folded)
            VALUES ('delete', old.id, old.headline, old.summary, old.body,
                    {_sqlite_folded("old.")});
        END
        """,
        # Only when the indexed text changes: counters must not rewrite postings.
        f"""
        CREATE TRIGGER article_fts_after_update AFTER UPDATE OF headline, summary, body, id
        ON article BEGIN
            INSERT INTO article_fts (article_fts, rowid, headline, summary, body, folded)
            VALUES ('delete', old.id, old.headline, old.summary, old.body,
                    {_sqlite_folded("old.")});
            INSERT INTO article_fts (rowid, headline, summary, body, folded)
            VALUES (new.id, new.headline, new.summary, new.body, {_sqlite_folded("new.")});
        END
        """,
        "INSERT INTO article_fts (article_fts) VALUES ('rebuild')",
    ]


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS article_fts_after_update",
    "DROP TRIGGER IF EXISTS article_fts_after_delete",
    "DROP TRIGGER IF EXISTS article_fts_after_insert",
    "DROP TABLE IF EXISTS article_fts",
    "DROP VIEW IF EXISTS article_search_source",
]

def _previous_sqlite_index() -> list[str]:
    """The search index as migration c3f1e2d4b5a6 made it, for the downgrade."""
    path = Path(__file__).with_name("c3f1e2d4b5a6_full_text_search_over_articles.py")
    spec = importlib.util.spec_from_file_location("c3f1e2d4b5a6", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SQLITE_UPGRADE


def _postgresql_vector(folded: bool) -> list[str]:
    def part(column: str, weight: str) -> str:
        text = f"coalesce({column}, '')"
        if folded:
            text = fold_sql(text, "postgresql")
        return f"setweight(to_tsvector('english'::regconfig, {text}), '{weight}')"

    return [
        "DROP INDEX IF EXISTS ix_article_search_vector",
        "ALTER TABLE article DROP COLUMN IF EXISTS search_vector",
        f"""
        ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            {part("headline", "A")} || {part("summary", "B")} || {part("body", "C")}
        ) STORED
        """,
        "CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)",
    ]


def _alter_tables() -> None:
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("translations", sa.JSON(), server_default="{}", nullable=False)
        )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translation_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_article_translation_id"), ["translation_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_article_translation_id_article"),
            "article",
            ["translation_id"],
            ["id"],
            ondelete="SET NULL",
        )


def _drop_columns() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_article_translation_id_article"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_article_translation_id"))
        batch_op.drop_column("translation_id")
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.drop_column("translations")


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)
    _alter_tables()
    statements = _sqlite_upgrade() if dialect == "sqlite" else _postgresql_vector(folded=True)
    for statement in statements:
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)
    else:
        for statement in _postgresql_vector(folded=False):
            op.execute(statement)
    _drop_columns()
    if dialect == "sqlite":
        for statement in _previous_sqlite_index():
            op.execute(statement)
