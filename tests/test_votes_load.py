"""Votes under load: 4 gunicorn workers, 200 voters at once and 50 double clicks.

Every count must equal its vote rows, with no 5xx and no "database is locked",
on a SQLite file and (CI's PostgreSQL pass) on PostgreSQL.
"""

from __future__ import annotations

import os
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env

from newsite.extensions import db
from newsite.models import Article, ArticleVote

PG_URL = os.environ.get("TEST_DATABASE_URL")
DISTINCT_VOTERS = 200
DOUBLE_CLICKERS = 50


@pytest.mark.load
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.db)])
def test_concurrent_votes_count_exactly_once(backend, tmp_path, migrated_template):
    database = server_database(backend, tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        article = Factory(app).article(slug="vote-on-me")
    # One client address sends it all: the flood guard must not be what answers.
    env = server_env(database, tmp_path, VOTE_RATE_LIMIT="100000 per hour")
    page = f"/{article.edition.slug}/{article.section.slug}/vote-on-me"
    log = tmp_path / "gunicorn.log"
    rng = random.Random(2026)

    with gunicorn(env, workers=4, log=log) as base:
        # Every voter opens the article first: a session, a CSRF token, a reader id.
        voters = [HttpReader(base) for _ in range(DISTINCT_VOTERS + DOUBLE_CLICKERS)]
        with ThreadPoolExecutor(16) as pool:
            tokens = list(pool.map(lambda v: csrf_token(v.get(page)), voters))
        jobs = [(v, t, rng.choice(["yes", "no"])) for v, t in zip(voters, tokens, strict=True)]
        jobs += [(v, t, c) for v, t, c in jobs[DISTINCT_VOTERS:]]  # the second click
        start = threading.Barrier(len(jobs))

        def vote(job):
            voter, token, choice = job
            start.wait(timeout=60)
            return voter.post(
                f"/votes/articles/{article.id}", {"choice": choice, "csrf_token": token}
            )

        with ThreadPoolExecutor(len(jobs)) as pool:
            statuses = list(pool.map(vote, jobs))

    with app_on(database, tmp_path / "media") as app, app.app_context():
        fresh = db.session.get(Article, article.id)
        rows = dict(
            db.session.execute(
                sa.select(ArticleVote.choice, sa.func.count()).group_by(ArticleVote.choice)
            ).all()
        )
    server_log = log.read_text()
    assert [s for s in statuses if s >= 500] == []
    assert set(statuses) == {303}
    assert "database is locked" not in server_log and "Traceback" not in server_log
    assert (fresh.votes_yes, fresh.votes_no) == (rows.get("yes", 0), rows.get("no", 0))
    assert fresh.votes_yes + fresh.votes_no == DISTINCT_VOTERS + DOUBLE_CLICKERS


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
