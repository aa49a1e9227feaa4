"""Faults: a killed worker, a full disk and a database restart lose nothing."""

from __future__ import annotations

import errno
import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from support import (
    Factory,
    HttpReader,
    Reader,
    app_on,
    free_port,
    gunicorn,
    server_database,
    server_env,
    worker_pids,
)

from newsite.extensions import db
from newsite.models import Article, ArticleVote, Comment, CommentStatus


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
                reader.get(page)
                # The comment (a first action) gives the reader their cookie for the vote.
                reader.post(
                    f"/comments/articles/{article.id}",
                    {"name": f"Writer {n}", "body": f"Round {sent}"},
                )
                reader.post(
                    f"/votes/articles/{article.id}", {"choice": "yes" if sent % 2 else "no"}
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


@contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """A real filesystem of its own, `megabytes` big (tmpfs), mounted at `folder`."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_up(path: Path) -> None:
    """Write to `path` until the filesystem has no space left."""
    chunk = b"\0" * 65536
    # Unbuffered: a buffered file would try its last chunk again on close, and fail.
    with path.open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(chunk)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error


def test_a_full_disk_gives_a_clear_503_keeps_the_comment_and_stores_nothing(
    migrated_template, tmp_path
):
    if migrated_template.startswith("postgresql"):
        pytest.skip("a full disk under a SQLite file; this run is on PostgreSQL")
    with small_disk(tmp_path / "disk", megabytes=8) as disk:
        shutil.copy(migrated_template, disk / "site.db")
        with app_on(f"sqlite:///{disk / 'site.db'}", tmp_path / "media") as app:
            article = Factory(app).article()
            reader = Reader(app.test_client())
            reader.page(article)
            fill_up(disk / "filler")

            response = reader.post(article, body="Words that must not be lost")
            assert response.status_code == 503 and response.headers["Retry-After"] == "30"
            assert "Words that must not be lost" in response.text
            assert "Traceback" not in response.text
            # The page still reads while the disk is full.
            assert reader.client.get(reader.url(article)).status_code == 200

            (disk / "filler").unlink()
            with app.app_context():
                assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0
                assert db.session.get(Article, article.id).comment_count == 0
            # With space again, the same comment posts (nothing stored: not a repeat).
            again = reader.post(article, body="Words that must not be lost")
            assert again.status_code == 303 and "repeated" not in again.headers["Location"]


@dataclass
class PrivateCluster:
    """A PostgreSQL server of the test's own, so restarting it disturbs nobody."""

    url: str
    pg_ctl: list[str]

    def restart(self) -> None:
        subprocess.run([*self.pg_ctl, "restart", "-m", "fast"], check=True, capture_output=True)


@contextmanager
def private_postgresql() -> Iterator[PrivateCluster]:
    """initdb and start a throwaway PostgreSQL on a free port of 127.0.0.1."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not found:
        pytest.skip("the PostgreSQL server is not installed (apt-get install postgresql)")
    bin_dir = found[-1].parent
    folder = Path(tempfile.mkdtemp(prefix="newsite-pg-", dir="/tmp"))
    # The server refuses to run as root: as root, it runs as the postgres user.
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_owner:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port()
    subprocess.run(
        [*as_owner, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres"]
        + ["--auth=trust", "--encoding=UTF8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log")]
    pg_ctl += ["-w", "-t", "60", "-o", options]
    subprocess.run([*pg_ctl, "start"], check=True, capture_output=True)
    try:
        yield PrivateCluster(f"postgresql://postgres@127.0.0.1:{port}/postgres", pg_ctl)
    finally:
        subprocess.run([*pg_ctl, "stop", "-m", "immediate"], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def server_started(app: Any) -> Any:
    with app.app_context():
        started = db.session.scalar(sa.text("SELECT pg_postmaster_start_time()"))
        db.session.remove()
    return started


def answer(opener: urllib.request.OpenerDirector, request: str | urllib.request.Request) -> Any:
    """(status, body) of a request, error statuses included."""
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


@pytest.mark.load
def test_requests_recover_after_postgresql_restarts_under_load(tmp_path):
    with private_postgresql() as pg:
        with app_on(pg.url, tmp_path / "media") as app:
            with app.app_context():
                upgrade()
            article = Factory(app).article(slug="restart-story")
            started = server_started(app)
        env = server_env(pg.url, tmp_path, VOTE_RATE_LIMIT="100000 per hour")
        page = f"/{article.edition.slug}/{article.section.slug}/restart-story"
        stop = threading.Event()
        answers: list[tuple[float, str, int]] = []  # (when, what, status)

        def reader_loop(n: int) -> None:
            rounds = 0
            while not stop.is_set():
                reader = HttpReader(base)  # a new reader each round: a new vote each time
                # ...in a browser of its own: one client's same vote within a second
                # would be a double click, counted once.
                rounds += 1
                agent = {"User-Agent": f"Reader/{n}.{rounds}"}
                when = time.monotonic()
                got, _html = answer(
                    reader.opener, urllib.request.Request(base + page, headers=agent)
                )
                answers.append((when, "page", got))
                if got != 200:
                    time.sleep(0.05)
                    continue
                vote = urllib.request.Request(
                    f"{base}/votes/articles/{article.id}",
                    data=urllib.parse.urlencode({"choice": "yes"}).encode(),
                    headers=agent,
                )
                answers.append((time.monotonic(), "vote", answer(reader.opener, vote)[0]))

        with gunicorn(env, workers=4, log=tmp_path / "gunicorn.log") as base:
            while len(workers_before := sorted(worker_pids(base.pid))) < 4:
                time.sleep(0.1)  # the last workers may still be booting
            with ThreadPoolExecutor(4) as pool:
                loops = [pool.submit(reader_loop, n) for n in range(4)]
                time.sleep(1.5)
                pg.restart()
                back = time.monotonic()
                time.sleep(2.5)
                stop.set()
                for loop in loops:
                    loop.result(timeout=60)
            workers_after = sorted(worker_pids(base.pid))

        with app_on(pg.url, tmp_path / "media") as app, app.app_context():
            fresh = db.session.get(Article, article.id)
            rows = db.session.scalar(sa.select(sa.func.count()).select_from(ArticleVote))
            db.session.remove()
            restarted = server_started(app)

    log = (tmp_path / "gunicorn.log").read_text()
    before = [status for when, _, status in answers if when < back - 5]
    after = [(what, status) for when, what, status in answers if when > back + 0.5]
    assert restarted > started  # the server really went down and came back
    # Nobody restarted the app: the same workers served before and after.
    assert workers_before == workers_after
    # Whatever was in flight while the server went down got the branded 503, never a 500...
    assert {status for _, _, status in answers} <= {200, 303, 503}, log[
        log.find("Traceback") - 200 :
    ][:4000]
    assert "Traceback" not in log, log[-3000:]
    # ...and once it was back, every page and vote went through.
    assert len(after) > 20 and all(status in (200, 303) for _, status in after), after
    assert before == [] or set(before) <= {200, 303}
    assert fresh.votes_yes == rows > 0
