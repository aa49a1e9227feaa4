"""Votes under load: 4 gunicorn workers, 200 voters at once and 50 double clicks.

The 200 are new readers (no cookie yet, each their own browser); the 50 double
clickers voted before (on another article), so both clicks carry their cookie.

Every count must equal its vote rows, with no 5xx and no "database is locked",
on a SQLite file and (CI's PostgreSQL pass) on PostgreSQL.
"""

from __future__ import annotations

import os
import random
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
        make = Factory(app)
        article = make.article(slug="vote-on-me")
        earlier = make.article(slug="voted-on-before")
    # One client address sends it all: the flood guard must not be what answers.
    env = server_env(database, tmp_path, VOTE_RATE_LIMIT="100000 per hour")
    page = f"/{article.edition.slug}/{article.section.slug}/vote-on-me"
    log = tmp_path / "gunicorn.log"
    rng = random.Random(2026)

    with gunicorn(env, workers=4, log=log) as base:
        # Every voter opens the article first (no cookie comes with it); each is a
        # browser of its own (its own User-Agent), all on one address.
        voters = [HttpReader(base) for _ in range(DISTINCT_VOTERS + DOUBLE_CLICKERS)]
        agents = [{"User-Agent": f"Browser/{n}"} for n in range(len(voters))]
        clickers = list(zip(voters, agents, strict=True))[DISTINCT_VOTERS:]
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(lambda v: v.get(page), voters))
            # The double clickers have a reader cookie from a vote before.
            voted_before = list(
                pool.map(
                    lambda c: c[0].post(f"/votes/articles/{earlier.id}", {"choice": "yes"}, c[1]),
                    clickers,
                )
            )
        assert set(voted_before) == {303}
        jobs = [(v, a, rng.choice(["yes", "no"])) for v, a in zip(voters, agents, strict=True)]
        jobs += [(v, a, c) for v, a, c in jobs[DISTINCT_VOTERS:]]  # the second click
        start = threading.Barrier(len(jobs))

        def vote(job):
            voter, agent, choice = job
            start.wait(timeout=60)
            return voter.post(f"/votes/articles/{article.id}", {"choice": choice}, agent)

        with ThreadPoolExecutor(len(jobs)) as pool:
            statuses = list(pool.map(vote, jobs))

    with app_on(database, tmp_path / "media") as app, app.app_context():
        fresh = db.session.get(Article, article.id)
        rows = dict(
            db.session.execute(
                sa.select(ArticleVote.choice, sa.func.count())
                .where(ArticleVote.article_id == article.id)
                .group_by(ArticleVote.choice)
            ).all()
        )
    server_log = log.read_text()
    assert [s for s in statuses if s >= 500] == []
    assert set(statuses) == {303}
    assert "database is locked" not in server_log and "Traceback" not in server_log
    assert (fresh.votes_yes, fresh.votes_no) == (rows.get("yes", 0), rows.get("no", 0))
    assert fresh.votes_yes + fresh.votes_no == DISTINCT_VOTERS + DOUBLE_CLICKERS
