"""Fixtures: the vocabulary of the tests.

- `app`, `client`, `runner`: a fresh app on a migrated, empty database (a real
  SQLite file; PostgreSQL when TEST_DATABASE_URL is set).
- `make`: builds editions, sections, authors, photos, articles and comments.
- `reader`: reads pages and posts the comment form as a browser would.
- `signed_in(role)`: a browser signed in to the admin as a new account of that role;
  `desk`: an editor's, with an edition, a section and an author to write for.
- `count_queries`: counts the SQL statements a block runs.
- `site`, `site_client`: the seeded demo site, shared read-only by a session.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import flask
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade
from support import Factory, Reader, app_on, empty_tables, sign_in

from newsite.config import normalise_database_url
from newsite.extensions import db


def _own_databases_per_worker() -> None:
    """Under pytest-xdist (`make test` runs two workers) each worker gets its own
    PostgreSQL database and Redis databases: tests empty tables and count keys, which
    must not meet another worker's. Done at import, before any test module reads the
    environment."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1"... or unset
    if not worker:
        return
    n = int(worker.removeprefix("gw"))
    pg_url = os.environ.get("TEST_DATABASE_URL")
    if pg_url:
        parts = urlsplit(pg_url)
        name = f"{parts.path.strip('/')}_{worker}"
        server = normalise_database_url(urlunsplit(parts._replace(path="/postgres")))
        engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            exists = conn.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            )
            if not exists:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        os.environ["TEST_DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    redis_url = os.environ.get("TEST_REDIS_URL")
    if redis_url:
        # Two numbers each: the app uses the given database and the next one.
        parts = urlsplit(redis_url)
        base = int(parts.path.strip("/") or 0)
        os.environ["TEST_REDIS_URL"] = urlunsplit(parts._replace(path=f"/{base + 2 + 2 * n}"))


_own_databases_per_worker()
PG_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests on the `app` database are the ones the PostgreSQL pass repeats.
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated to head once per session, by the real migrations."""
    if PG_URL:
        with app_on(PG_URL, tmp_path_factory.mktemp("pg-media")) as app, app.app_context():
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            upgrade()
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.db"
    with app_on(f"sqlite:///{path}", path.parent / "media") as app, app.app_context():
        upgrade()
        # Fold the WAL into the file so a plain copy carries the whole schema.
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return str(path)


@pytest.fixture
def app(migrated_template: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Flask]:
    if PG_URL:
        uri = PG_URL
    else:
        shutil.copy(migrated_template, tmp_path / "test.db")
        uri = f"sqlite:///{tmp_path / 'test.db'}"
    with app_on(uri, tmp_path / "media") as app:
        if PG_URL:
            _empty_tables(app)
        server_errors: list[str] = []

        @app.after_request
        def no_server_errors(response):  # whatever a test sends, never a 500
            if response.status_code == 500:
                server_errors.append(f"{response.status_code} {flask.request.path}")
            return response

        yield app
        if not request.node.get_closest_marker("server_error"):
            assert server_errors == [], "a request got a server error"


def _empty_tables(app: Flask) -> None:
    with app.app_context():
        empty_tables()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make(app: Flask) -> Factory:
    return Factory(app)


@pytest.fixture
def signed_in(app: Flask, make: Factory) -> Callable[..., FlaskClient]:
    """Sign a new browser in to the admin as a new account of `role`."""

    def browser_of(role: str = "editor", **fields: Any) -> FlaskClient:
        client = app.test_client()
        sign_in(client, make.editor(role, **fields).email)
        return client

    return browser_of


@pytest.fixture
def desk(signed_in: Callable[..., FlaskClient], make: Factory) -> dict[str, Any]:
    """A signed-in editor with an edition, a section and an author to write for."""
    return {
        "client": signed_in("editor"),
        "edition": make.edition(slug="iraq", name="Iraq News"),
        "section": make.section(slug="security", name="Security"),
        "author": make.author(slug="lina-haddad", name="Lina Haddad"),
    }


@pytest.fixture
def count_queries(app: Flask) -> Callable[[], Any]:
    """`with count_queries() as queries:` collects the SQL statements run inside."""

    @contextmanager
    def counting() -> Iterator[list[str]]:
        statements: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if not statement.lstrip().upper().startswith(("PRAGMA", "BEGIN")):
                statements.append(statement)

        with app.app_context():
            engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)

    return counting


@pytest.fixture(scope="session")
def site(migrated_template: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The seeded demo site on its own SQLite file, shared read-only by a session."""
    folder = tmp_path_factory.mktemp("site")
    if PG_URL:
        with app_on(f"sqlite:///{folder / 'site.db'}", folder / "media") as app, app.app_context():
            upgrade()
    else:
        shutil.copy(migrated_template, folder / "site.db")
    # Small pages, so the crawl also walks "Older stories" and "Show more comments";
    # generous rate limits, since every browser test posts from 127.0.0.1.
    settings = {
        "ARTICLES_PER_PAGE": 5,
        "COMMENTS_PER_PAGE": 3,
        "COMMENT_RATE_LIMIT": "1000 per minute",
        "VOTE_RATE_LIMIT": "1000 per minute",
    }
    with app_on(f"sqlite:///{folder / 'site.db'}", folder / "media", **settings) as app:
        with app.app_context():
            from newsite.demo import seed

            seed()
        yield app


@pytest.fixture
def site_client(site: Flask) -> FlaskClient:
    return site.test_client()


@pytest.fixture
def reader(client: FlaskClient) -> Reader:
    return Reader(client)


@pytest.fixture
def redis_url() -> str:
    """Redis for the tests of what gunicorn workers share (CI starts it)."""
    url = REDIS_URL or "redis://127.0.0.1:6379/0"
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        if REDIS_URL:
            pytest.fail(f"TEST_REDIS_URL is set but Redis does not answer at {url}")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (CI starts it and sets TEST_REDIS_URL)")
    return url
