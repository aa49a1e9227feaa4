"""full-text search over articles: FTS5 on SQLite, tsvector + GIN on PostgreSQL

Written by hand: autogenerate knows neither an FTS5 table nor a generated
tsvector column, and `migrations/env.py` tells it to leave them alone.

- SQLite: `article_fts`, an external-content FTS5 table over `article`
  (headline, summary, body: the Markdown source), kept in step by three
  triggers; the index holds no copy of the text, only the postings.
- PostgreSQL: `article.search_vector`, a STORED generated tsvector (headline
  weight A, summary B, body C), with a GIN index; PostgreSQL recomputes it
  on every insert and update, so no trigger is needed.

Both are filled for the existing rows here. Which articles are public is not
part of the index: the search query applies `Article.public_clause` itself, so
unpublishing or scheduling takes effect at once.

Revision ID: c3f1e2d4b5a6
Revises: a8d0b40b2ee7
Create Date: 2026-11-26 10:00:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "c3f1e2d4b5a6"
down_revision = "a8d0b40b2ee7"
branch_labels = None
depends_on = None

# Keep in step with newsite/search/engines.py.
SQLITE_UPGRADE = [
    # porter: "elections" finds "election", as PostgreSQL's english config does;
    # remove_diacritics 2: "Mosul" finds "Mósul".
    """
    CREATE VIRTUAL TABLE article_fts USING fts5(
        headline, summary, body,
        content='article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER article_fts_after_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_fts (rowid, headline, summary, body)
        VALUES (new.id, new.headline, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER article_fts_after_delete AFTER DELETE ON article BEGIN
        INSERT INTO article_fts (article_fts, rowid, headline, summary, body)
        VALUES ('delete', old.id, old.headline, old.summary, old.body);
    END
    """,
    # Only when the indexed text changes: votes and comment counts update the
    # article row all the time and must not rewrite its postings.
    """
    CREATE TRIGGER article_fts_after_update AFTER UPDATE OF headline, summary, body, id
    ON article BEGIN
        INSERT INTO article_fts (article_fts, rowid, headline, summary, body)
        VALUES ('delete', old.id, old.headline, old.summary, old.body);
        INSERT INTO article_fts (rowid, headline, summary, body)
        VALUES (new.id, new.headline, new.summary, new.body);
    END
    """,
    # Index the articles that exist already.
    "INSERT INTO article_fts (article_fts) VALUES ('rebuild')",
]

SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS article_fts_after_update",
    "DROP TRIGGER IF EXISTS article_fts_after_delete",
    "DROP TRIGGER IF EXISTS article_fts_after_insert",
    "DROP TABLE IF EXISTS article_fts",
]

POSTGRESQL_UPGRADE = [
    # Adding a STORED generated column computes it for every existing row.
    """
    ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)",
]

POSTGRESQL_DOWNGRADE = [
    "DROP INDEX IF EXISTS ix_article_search_vector",
    "ALTER TABLE article DROP COLUMN IF EXISTS search_vector",
]


def _statements(upgrade: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_UPGRADE if upgrade else SQLITE_DOWNGRADE
    if dialect == "postgresql":
        return POSTGRESQL_UPGRADE if upgrade else POSTGRESQL_DOWNGRADE
    raise NotImplementedError(f"full-text search is not written for {dialect}")


def upgrade():
    for statement in _statements(upgrade=True):
        op.execute(statement)


def downgrade():
    for statement in _statements(upgrade=False):
        op.execute(statement)
