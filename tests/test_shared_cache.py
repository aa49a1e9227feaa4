"""With NEWSITE_REDIS_URL, gunicorn workers share one cache of rendered pages."""

from __future__ import annotations

import secrets
import time

import pytest
import redis
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env

from newsite.config import next_database


@pytest.mark.load
def test_four_workers_share_rendered_pages_through_redis_and_changes_show_within_a_second(
    migrated_template, tmp_path, redis_url
):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        make = Factory(app)
        article = make.article(slug="shared-story")
        make.comment(article, body="The first word on it")
    prefix = f"test-{secrets.token_hex(6)}:"
    env = server_env(
        database,
        tmp_path,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=prefix,
        RATELIMIT_KEY_PREFIX=prefix,
    )
    page = f"/{article.edition.slug}/{article.section.slug}/shared-story"
    # The page cache lives in the next database of the limits' Redis (newsite.config).
    store = redis.Redis.from_url(next_database(redis_url))
    try:
        with gunicorn(env, workers=4) as base:
            for _ in range(8):  # new readers, spread over the workers
                assert "The first word on it" in HttpReader(base).get(page)
            keys = {key.decode().removeprefix(prefix) for key in store.keys(prefix + "*")}
            # One page entry for all eight readers, whichever worker served them:
            # rendered once and shared, not once per worker.
            assert len([k for k in keys if k.startswith("article:")]) == 1
            # And its recent copy is one too. It lives a second (SHARED_PAGE_SECONDS):
            # looked for right after a read, a few times on a busy machine.
            recent = []
            for _ in range(5):
                HttpReader(base).get(page)
                keys = {key.decode().removeprefix(prefix) for key in store.keys(prefix + "*")}
                recent = [k for k in keys if k.startswith("recent:") and "shared-story" in k]
                if recent:
                    break
            assert len(recent) == 1
            HttpReader(base).get("/")
            assert any(k.startswith(f"{prefix}listing:".encode()) for k in store.keys(prefix + "*"))

            commenter = HttpReader(base)
            commenter.get(page)
            posted = commenter.post(
                f"/comments/articles/{article.id}",
                {"name": "Second", "body": "A second word, just now"},
            )
            assert posted == 303
            time.sleep(1.1)  # the recent copy's second (newsite/public/caching.py)
            for _ in range(8):  # every worker shows it
                assert "A second word, just now" in HttpReader(base).get(page)
    finally:
        for key in store.scan_iter(prefix + "*"):
            store.delete(key)
