"""Workers survive what crashed them (issue 13, item 5): concurrent valid and invalid
comment posts, votes and page views through several gunicorn workers, with
faulthandler on, end with no crashed worker and no server error."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env

POSTS = [
    {"name": "Layla", "body": "A fair account of the day."},
    {"name": "", "body": "No name given."},
    {"name": "Omar", "body": ""},
    {"name": "Sami", "email": "x" * 300 + "@example.org", "body": "Too long an email."},
    {"name": "Rana' OR '1'='1", "body": "1; DROP TABLE comment; --"},
    {"name": "Dana", "body": "\u202eReversed text and \u0000 a NUL."},
]


@pytest.mark.load
def test_workers_survive_a_storm_of_valid_and_invalid_posts(migrated_template, tmp_path):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        make = Factory(app)
        article = make.article(slug="storm-story")
        make.comment(article, body="Before the storm.")
    env = server_env(database, tmp_path, RATELIMIT_ENABLED="false")
    env["PYTHONFAULTHANDLER"] = "1"
    log = tmp_path / "gunicorn.log"
    page = f"/{article.edition.slug}/{article.section.slug}/storm-story"
    with gunicorn(env, workers=4, log=log) as base:

        def act(n: int) -> int:
            reader = HttpReader(base)
            kind = n % 4
            if kind == 0:
                return reader.get_status(page)
            if kind == 1:
                return reader.post(f"/votes/articles/{article.id}", {"choice": "yes"})
            fields = dict(random.Random(n).choice(POSTS))
            fields["body"] = f"{fields['body']} #{n}" if fields["body"] else ""
            return reader.post(f"/comments/articles/{article.id}", fields)

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(act, range(400)))
    said = log.read_text()
    assert "Fatal Python error" not in said and "Segmentation fault" not in said
    assert "was sent SIG" not in said and "exited with code" not in said
    assert not [s for s in statuses if s >= 500], sorted(set(statuses))
