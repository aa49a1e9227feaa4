"""index of article unpublish_at

Pages' versions look up the next "Unpublish at" time to come (newsite.public.caching):
one probe of this index, not a scan of the archive.

Revision ID: 63d24f593422
Revises: a9ff0d9e8f20
Create Date: 2026-12-08 00:58:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '63d24f593422'
down_revision = 'a9ff0d9e8f20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_article_unpublish_at', 'article', ['unpublish_at'], unique=False)


def downgrade():
    op.drop_index('ix_article_unpublish_at', table_name='article')
