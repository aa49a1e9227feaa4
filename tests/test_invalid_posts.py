"""Invalid comment posts (issue 13, item 1): refused before the database's write lock
is taken, given back what they took of the comment limit, and limited on their own
so that a flood of them is stopped too."""

from __future__ import annotations

import sqlite3

import pytest

pytestmark = pytest.mark.db

EMPTY_NAME = {"name": "", "body": "A comment without a name."}


def test_invalid_posts_never_take_the_write_lock(app, reader, make):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("holds a SQLite file's write lock: the SQLite pass runs this")
    article = make.article()
    app.config["SQLITE_BUSY_TIMEOUT"] = 0.2
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        refused = reader.post(article, **EMPTY_NAME)
        too_long = reader.post(article, name="Amal", email="x" * 300 + "@example.org")
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Answered at once as the mistakes they are, not a 503 after waiting for the lock.
    assert refused.status_code == 422 and "Please enter your name." in refused.text
    assert too_long.status_code == 422


def test_invalid_posts_give_back_what_they_took_of_the_comment_limit(app, reader, make):
    app.config["COMMENT_RATE_LIMIT"] = "2 per 10 minutes"
    article = make.article()
    assert [reader.post(article, **EMPTY_NAME).status_code for _ in range(3)] == [422] * 3
    valid = [reader.post(article, body=f"A real comment {n}.").status_code for n in range(3)]
    assert valid == [303, 303, 429]


def test_a_flood_of_invalid_posts_is_stopped_by_its_own_limit(app, reader, make):
    app.config["COMMENT_INVALID_RATE_LIMIT"] = "3 per 10 minutes"
    article = make.article()
    invalid = [reader.post(article, **EMPTY_NAME).status_code for _ in range(5)]
    assert invalid == [422, 422, 422, 429, 429]
