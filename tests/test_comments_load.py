"""Comments under load: 4 gunicorn workers take 400 comments from 8 clients at once.

All are stored, counted exactly, with no 5xx and no "database is locked", on a
SQLite file and (CI's PostgreSQL pass) on PostgreSQL.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env

from newsite.extensions import db
from newsite.models import Article, Comment

PG_URL = os.environ.get("TEST_DATABASE_URL")
CLIENTS = 8
PER_CLIENT = 50


@pytest.mark.load
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.db)])
def test_four_hundred_comments_from_eight_clients_are_all_stored(
    backend, tmp_path, migrated_template
):
    database = server_database(backend, tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        article = Factory(app).article(slug="busy-thread")
    # One client address sends everything: the rate limit is not what is tested here.
    env = server_env(database, tmp_path, COMMENT_RATE_LIMIT="100000 per hour")
    page = f"/{article.edition.slug}/{article.section.slug}/busy-thread"
    log = tmp_path / "gunicorn.log"

    def client(n: int) -> list[int]:
        reader = HttpReader(base)
        statuses = []
        for m in range(PER_CLIENT):
            reader.get(page)
            statuses.append(
                reader.post(
                    f"/comments/articles/{article.id}",
                    {"name": f"Client {n}", "body": f"Comment {m} from client {n}"},
                )
            )
        return statuses

    with gunicorn(env, workers=4, log=log) as base, ThreadPoolExecutor(CLIENTS) as pool:
        statuses = [s for batch in pool.map(client, range(CLIENTS)) for s in batch]

    with app_on(database, tmp_path / "media") as app, app.app_context():
        stored = db.session.scalar(sa.select(sa.func.count()).select_from(Comment))
        counted = db.session.get(Article, article.id).comment_count
    server_log = log.read_text()
    assert statuses == [303] * (CLIENTS * PER_CLIENT)
    assert stored == counted == CLIENTS * PER_CLIENT
    assert "database is locked" not in server_log and "Traceback" not in server_log
