"""The comment rate limit holds across gunicorn workers when Redis stores it."""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env

from newsite.extensions import db
from newsite.models import Comment


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


@pytest.mark.load
def test_a_burst_of_twenty_posts_from_one_address_stores_exactly_five(
    migrated_template, tmp_path, redis_url
):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        article = Factory(app).article(slug="burst-story")
    env = server_env(
        database,
        tmp_path,
        REDIS_URL=redis_url,
        RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(6)}",
        # Cookie-less posts are twenty new readers: the address's ceiling (here one
        # reader's worth, 5) is what holds them.
        COMMENT_READERS_PER_ADDRESS="1",
    )
    with gunicorn(env, workers=4) as base:

        def post(n: int) -> int:
            return HttpReader(base).post(
                f"/comments/articles/{article.id}", {"name": "Burst", "body": f"Burst {n}"}
            )

        # All at once: the limit is counted as each post arrives, atomically in Redis.
        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(post, range(20)))
    assert sorted(statuses) == [303] * 5 + [429] * 15
    with app_on(database, tmp_path / "media") as app, app.app_context():
        stored = db.session.scalar(sa.select(sa.func.count()).select_from(Comment))
    assert stored == 5
