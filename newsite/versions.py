"""Versions of what many pages show, kept in `site_setting` so any worker reads them
in one primary-key lookup: cache keys and ETags are made of them, so reading
them must cost nothing however many articles there are.

- `TAXONOMY`: editions, sections, authors, photos, tags, and what an article's
  teaser shows (replaced by a flush listener, see `newsite.public.caching`).
- `COMMENT_COUNTS`: the visible comment counts teasers show (replaced by the
  comment service whenever one changes).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import sqlalchemy as sa

from newsite.models import SiteSetting

TAXONOMY = "TAXONOMY_VERSION"
COMMENT_COUNTS = "COMMENT_COUNTS_VERSION"


def bump(connection: Any, key: str) -> None:
    """Give `key` a new random value, in the caller's transaction."""
    table = SiteSetting.__table__
    value = json.dumps(uuid.uuid4().hex)
    updated = connection.execute(
        sa.update(table).where(table.c.key == key).values(value_json=value)
    )
    if not updated.rowcount:
        connection.execute(sa.insert(table).values(key=key, value_json=value))


def current(key: str) -> sa.ScalarSelect[Any]:
    """The version as a scalar subquery, for a query that reads several things at once."""
    table = SiteSetting.__table__
    return sa.select(table.c.value_json).where(table.c.key == key).scalar_subquery()
