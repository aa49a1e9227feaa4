"""Faults: a worker killed in the middle of writes leaves nothing half-written."""

from __future__ import annotations

import http.client
import os
import re
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env, worker_pids

from newsite.extensions import db
from newsite.models import Article, ArticleVote, Comment, CommentStatus

FIELDS = re.compile(r'name="(csrf_token|form_token)" value="([^"]*)"')


@pytest.mark.load
def test_a_worker_killed_mid_write_leaves_counts_equal_to_rows(tmp_path, migrated_template):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        article = Factory(app).article(slug="under-fire")
    env = server_env(
        database,
        tmp_path,
        COMMENT_RATE_LIMIT="100000 per hour",
        VOTE_RATE_LIMIT="100000 per hour",
        COMMENT_MIN_SECONDS="0",
    )
    page = f"/{article.edition.slug}/{article.section.slug}/under-fire"
    stop = threading.Event()
    killed: list[int] = []

    def writer(n: int) -> int:
        """Post comments and votes until told to stop; count the requests sent."""
        sent = 0
        while not stop.is_set():
            reader = HttpReader(base)  # a new reader each round: new votes, not repeats
            try:
                tokens = dict(FIELDS.findall(reader.get(page)))
                reader.post(
                    f"/comments/articles/{article.id}",
                    tokens | {"name": f"Writer {n}", "body": f"Round {sent}"},
                )
                reader.post(
                    f"/votes/articles/{article.id}",
                    {"choice": "yes" if sent % 2 else "no", "csrf_token": tokens["csrf_token"]},
                )
            except (OSError, http.client.HTTPException):
                pass  # the killed worker's requests fail: that is the point
            sent += 1
        return sent

    with gunicorn(env, workers=4) as base, ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(writer, n) for n in range(6)]
        for _ in range(3):
            time.sleep(1.0)
            victim = worker_pids(base.pid)[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
        time.sleep(1.0)
        stop.set()
        rounds = sum(f.result(timeout=60) for f in futures)

    with app_on(database, tmp_path / "media") as app, app.app_context():
        fresh = db.session.get(Article, article.id)
        visible = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Comment)
            .where(Comment.status == CommentStatus.VISIBLE)
        )
        votes = dict(
            db.session.execute(
                sa.select(ArticleVote.choice, sa.func.count()).group_by(ArticleVote.choice)
            ).all()
        )
    assert len(killed) == 3 and rounds > 20
    assert fresh.comment_count == visible > 0
    assert (fresh.votes_yes, fresh.votes_no) == (votes.get("yes", 0), votes.get("no", 0))
