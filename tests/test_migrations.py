"""Migrations: the schema they build is exactly the one the models describe."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsite.extensions import db
from newsite.models import Article
from newsite.search.schema import include_object


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        # The search index (FTS5 tables, the tsvector column) lives outside the models.
        opts = {"compare_type": True, "include_object": include_object}
        context = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(context, db.metadata) == []


def test_foreign_keys_are_enforced(app, make):
    article = make.article()
    with app.app_context(), pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.update(Article).where(Article.id == article.id).values(author_id=999_999)
        )
