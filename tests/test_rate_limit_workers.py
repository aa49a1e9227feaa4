"""The comment rate limit holds across gunicorn workers when Redis stores it."""

from __future__ import annotations

import os
import re
import secrets
import socket
from urllib.parse import urlsplit

import pytest
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env

REDIS_URL = os.environ.get("TEST_REDIS_URL")


def redis_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_url() -> str:
    url = REDIS_URL or "redis://127.0.0.1:6379/0"
    if not redis_reachable(url):
        if REDIS_URL:
            pytest.fail(f"TEST_REDIS_URL is set but Redis does not answer at {url}")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (CI starts it and sets TEST_REDIS_URL)")
    return url


@pytest.mark.load
def test_rate_limit_is_shared_by_four_gunicorn_workers(migrated_template, tmp_path, redis_url):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        article = Factory(app).article(slug="busy-story")
    env = server_env(
        database,
        tmp_path,
        RATELIMIT_STORAGE_URI=redis_url,
        # A fresh namespace: no count left over from another run.
        RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(6)}",
        COMMENT_MIN_SECONDS="0",
    )
    url = f"/{article.edition.slug}/{article.section.slug}/busy-story"
    with gunicorn(env, workers=4) as base:
        reader = HttpReader(base)
        statuses = []
        for n in range(8):
            page = reader.get(url)
            tokens = dict(re.findall(r'name="(csrf_token|form_token)" value="([^"]*)"', page))
            statuses.append(
                reader.post(
                    f"/comments/articles/{article.id}",
                    tokens | {"name": "Busy", "body": f"Comment {n}"},
                )
            )

    assert statuses == [303] * 5 + [429] * 3
