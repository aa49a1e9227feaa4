"""Rate limits hold whatever the workers (issue 13, item 1, part): production refuses
to start several gunicorn workers that would each count limits alone, and says what
to set; with Redis the rate limits and the page cache live in separate databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import PROJECT_ROOT, app_on, free_port, server_database

from newsite.config import next_database


def start(env: dict[str, str], workers: int) -> subprocess.CompletedProcess[str]:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        *("--workers", str(workers), "--bind", f"127.0.0.1:{free_port()}"),
        "app:app",
    ]
    # Bounded: a server that does start is stopped by the timeout and reported.
    try:
        return subprocess.run(
            command,
            cwd=PROJECT_ROOT,
            env=os.environ | env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired as running:
        raise AssertionError("gunicorn started and kept running") from running


@pytest.mark.load
def test_production_refuses_several_workers_counting_limits_alone(tmp_path, migrated_template):
    database = server_database("sqlite", tmp_path, migrated_template)
    env = {
        "DATABASE_URL": database,
        "NEWSITE_ENV_NAME": "production",
        "NEWSITE_SECRET_KEY": "a-production-secret",
        "NEWSITE_SITE_URL": "http://127.0.0.1",
        "NEWSITE_MEDIA_ROOT": str(tmp_path / "media"),
    }
    refused = start(env, workers=2)
    assert refused.returncode != 0
    said = refused.stdout + refused.stderr
    assert "NEWSITE_REDIS_URL" in said and "NEWSITE_WORKERS=1" in said


def test_redis_keeps_the_page_cache_apart_from_the_rate_limits(tmp_path):
    assert next_database("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/1"
    assert next_database("redis://cache.internal:6380") == "redis://cache.internal:6380/1"
    url = "sqlite:///" + str(tmp_path / "x.db")
    with app_on(url, tmp_path / "media", REDIS_URL="redis://127.0.0.1:6379/4") as app:
        pass
    # test_config is applied before the Redis defaults are derived
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/4"
    assert app.config["CACHE_REDIS_URL"] == "redis://127.0.0.1:6379/5"
