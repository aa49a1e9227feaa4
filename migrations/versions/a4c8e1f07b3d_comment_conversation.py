"""comment conversation: edits, deletions, reports, featuring, staff badges, polling

Issue 15. Comments gain the time they became visible (open pages poll for newer
ones; articles keep the newest such time), an edit time with earlier texts kept
as revisions, deletion by their writer, a featured time, the editor and badge of
a staff comment, and why one was published at once under pre-moderation. Readers'
reports get a table. Editors may be linked to the byline they write under.

Revision ID: a4c8e1f07b3d
Revises: e2b7c4d9a1f0
Create Date: 2026-12-07 18:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a4c8e1f07b3d"
down_revision = "e2b7c4d9a1f0"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visible_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("published_reason", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("edited_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "deleted_by_author", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(sa.Column("featured_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("editor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("badge", sa.String(length=10), nullable=True))
        batch_op.create_foreign_key(
            "fk_comment_editor_id_editor", "editor", ["editor_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_comment_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("editor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_editor_author_id_author", "author", ["author_id"], ["id"], ondelete="SET NULL"
        )
    op.create_table(
        "comment_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_comment_revision_comment_id", "comment_revision", ["comment_id"])
    op.create_table(
        "comment_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["comment_id"], ["comment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("comment_id", "reporter_id"),
    )
    # Comments already visible became so when posted.
    comment = sa.table(
        "comment",
        sa.column("article_id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("visible_at", sa.DateTime),
    )
    op.execute(
        comment.update()
        .where(comment.c.status == "visible")
        .values(visible_at=comment.c.created_at)
    )
    article = sa.table(
        "article", sa.column("id", sa.Integer), sa.column("last_comment_at", sa.DateTime)
    )
    newest = (
        sa.select(sa.func.max(comment.c.visible_at))
        .where(comment.c.article_id == article.c.id)
        .scalar_subquery()
    )
    op.execute(article.update().values(last_comment_at=newest))


def downgrade():
    op.drop_table("comment_report")
    op.drop_index("ix_comment_revision_comment_id", table_name="comment_revision")
    op.drop_table("comment_revision")
    with op.batch_alter_table("editor", schema=None) as batch_op:
        batch_op.drop_constraint("fk_editor_author_id_author", type_="foreignkey")
        batch_op.drop_column("author_id")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("last_comment_at")
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_constraint("fk_comment_editor_id_editor", type_="foreignkey")
        for column in (
            "badge",
            "editor_id",
            "featured_at",
            "deleted_by_author",
            "edited_at",
            "published_reason",
            "visible_at",
        ):
            batch_op.drop_column(column)
