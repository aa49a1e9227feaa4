"""edition time zones: the zone each edition's readers live in

`edition.time_zone` is an IANA name; every time an edition's pages show is in it,
and editors schedule its articles in it (times stay stored in UTC). Existing
editions get their readers' zone where the slug says which (the demo's and any
site that followed its names), UTC otherwise; admins change it in the admin.

Revision ID: e2b7c4d9a1f0
Revises: d7a1e9b3c2f4
Create Date: 2026-12-07 15:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e2b7c4d9a1f0"
down_revision = "d7a1e9b3c2f4"
branch_labels = None
depends_on = None

# Slugs of editions whose readers' zone is known (issue 14: the Arabic edition reads
# in Baghdad's time, where most of its readers are).
ZONES_BY_SLUG = {
    "iraq": "Asia/Baghdad",
    "syria": "Asia/Damascus",
    "arabic": "Asia/Baghdad",
}


def upgrade():
    with op.batch_alter_table("edition", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False)
        )
    edition = sa.table("edition", sa.column("slug", sa.String), sa.column("time_zone", sa.String))
    for slug, zone in ZONES_BY_SLUG.items():
        op.execute(edition.update().where(edition.c.slug == slug).values(time_zone=zone))


def downgrade():
    with op.batch_alter_table("edition", schema=None) as batch_op:
        batch_op.drop_column("time_zone")
