"""The comment rate limit holds across gunicorn workers when Redis stores it."""

from __future__ import annotations

import secrets

import pytest
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env


@pytest.mark.load
def test_rate_limit_is_shared_by_four_gunicorn_workers(migrated_template, tmp_path, redis_url):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        article = Factory(app).article(slug="busy-story")
    env = server_env(
        database,
        tmp_path,
        # The one setting for all that workers share (see the Redis cache test).
        REDIS_URL=redis_url,
        # A fresh namespace: no count left over from another run.
        RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(6)}",
    )
    url = f"/{article.edition.slug}/{article.section.slug}/busy-story"
    with gunicorn(env, workers=4) as base:
        reader = HttpReader(base)
        statuses = []
        for n in range(8):
            reader.get(url)
            statuses.append(
                reader.post(
                    f"/comments/articles/{article.id}", {"name": "Busy", "body": f"Comment {n}"}
                )
            )

    assert statuses == [303] * 5 + [429] * 3
