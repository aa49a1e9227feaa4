"""Fixtures: the vocabulary of the tests.

- `app`, `client`, `runner`: a fresh app on a migrated, empty database (a real
  SQLite file; PostgreSQL when TEST_DATABASE_URL is set).
- `make`: builds editions, sections, authors, photos and articles.
- `count_queries`: counts the SQL statements a block runs.
- `site`, `site_client`: the seeded demo site, shared read-only by a session.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade
from PIL import Image

from newsite import create_app
from newsite.extensions import db
from newsite.models import Article, ArticleStatus, Author, Edition, Section, utcnow
from newsite.comments.services import NewComment, post_comment
from newsite.photos import add_photo

PG_URL = os.environ.get("TEST_DATABASE_URL")


def base_config(database_uri: str, media_root: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "MEDIA_ROOT": str(media_root),
        "HTMX_SOURCE": "local",
        # Tests post forms at once; the bot rule has tests of its own.
        "COMMENT_MIN_SECONDS": 0,
    }


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests on the `app` database are the ones the PostgreSQL pass repeats.
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@contextmanager
def app_on(database_uri: str, media_root: Path, **extra: Any) -> Iterator[Flask]:
    app = create_app(base_config(database_uri, media_root) | extra)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


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
def app(migrated_template: str, tmp_path: Path) -> Iterator[Flask]:
    if PG_URL:
        uri = PG_URL
    else:
        shutil.copy(migrated_template, tmp_path / "test.db")
        uri = f"sqlite:///{tmp_path / 'test.db'}"
    with app_on(uri, tmp_path / "media") as app:
        if PG_URL:
            _empty_tables(app)
        yield app


def _empty_tables(app: Flask) -> None:
    with app.app_context(), db.engine.begin() as conn:
        names = ", ".join(t.name for t in db.metadata.sorted_tables)
        conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


class Factory:
    """Builds rows with sensible defaults; every call commits in its own app context.

    Requests made by the test client then run in app contexts of their own, as
    in production: nothing leaks between them through `g` or the session.
    Returned objects are detached but keep their loaded attributes.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    @contextmanager
    def _session(self) -> Iterator[Any]:
        with self.app.app_context():
            session = db.session()
            session.expire_on_commit = False
            yield session
            session.commit()

    def _save(self, obj: Any) -> Any:
        with self._session() as session:
            session.add(obj)
        return obj

    def edition(self, **kw: Any) -> Edition:
        n = self._next()
        kw = {"slug": f"edition-{n}", "name": f"Edition {n}", "position": n} | kw
        return self._save(Edition(**kw))

    def section(self, **kw: Any) -> Section:
        n = self._next()
        kw = {"slug": f"section-{n}", "name": f"Section {n}", "position": n} | kw
        return self._save(Section(**kw))

    def author(self, **kw: Any) -> Author:
        n = self._next()
        kw = {"slug": f"author-{n}", "name": f"Author Number {n}", "bio": "Reports."} | kw
        return self._save(Author(**kw))

    def photo(self, size: tuple[int, int] = (1600, 1000), **kw: Any) -> Any:
        kw = {"caption": "A caption", "credit": "Staff", "alt_text": "A test picture"} | kw
        with self._session():
            return add_photo(Image.new("RGB", size, (120, 80, 40)), **kw)

    def article(self, **kw: Any) -> Article:
        n = self._next()
        if "edition" not in kw:
            kw["edition"] = self.edition()
        if "section" not in kw:
            kw["section"] = self.section()
        if "author" not in kw:
            kw["author"] = self.author()
        kw = {
            "slug": f"story-number-{n}",
            "headline": f"Story number {n}",
            "summary": f"Summary of story {n}.",
            "body": f"Body of story {n}.\n\n## A subheading\n\nMore text.",
            "dateline": "Basra",
            "status": ArticleStatus.PUBLISHED,
            "published_at": utcnow() - timedelta(hours=n),
        } | kw
        return self._save(Article(**kw))

    def comment(self, article: Article, parent: Any = None, **kw: Any) -> Any:
        """A comment posted through the comment service, as a reader would."""
        n = self._next()
        fields = {
            "name": f"Reader {n}",
            "email": None,
            "body": f"Comment number {n}.",
            "parent_id": parent.id if parent is not None else None,
            "idempotency_key": f"key-{n}",
            "commenter_id": "someone-else",
        } | kw
        with self._session():
            article = db.session.get(Article, article.id)
            return post_comment(article, NewComment(**fields)).comment


@pytest.fixture
def make(app: Flask) -> Factory:
    return Factory(app)


@pytest.fixture
def count_queries(app: Flask) -> Callable[[], Any]:
    """`with count_queries() as queries:` collects the SQL statements run inside."""

    @contextmanager
    def counting() -> Iterator[list[str]]:
        statements: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if not statement.lstrip().upper().startswith("PRAGMA"):
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
    # Small pages, so the crawl also walks "Older stories" links.
    with app_on(f"sqlite:///{folder / 'site.db'}", folder / "media", ARTICLES_PER_PAGE=5) as app:
        with app.app_context():
            from newsite.demo import seed

            seed()
        yield app


@pytest.fixture
def site_client(site: Flask) -> FlaskClient:
    return site.test_client()


class Reader:
    """A reader in a browser without JavaScript (or with htmx, `htmx=True`)."""

    FORM_FIELDS = re.compile(r'name="(csrf_token|form_token)" value="([^"]*)"')

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def url(self, article: Article, **query: Any) -> str:
        path = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
        return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def page(self, article: Article, **query: Any) -> str:
        response = self.client.get(self.url(article, **query))
        assert response.status_code == 200
        return response.text

    def tokens(self, article: Article) -> dict[str, str]:
        """The hidden tokens of the comment form, as a freshly loaded page has them."""
        return dict(self.FORM_FIELDS.findall(self.page(article)))

    def post(
        self,
        article: Article,
        htmx: bool = False,
        tokens: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        **fields: Any,
    ) -> Any:
        data = {"name": "Amal", "email": "", "body": "A thoughtful comment.", "website": ""}
        data |= tokens if tokens is not None else self.tokens(article)
        data |= {k: v for k, v in fields.items() if v is not None}
        extra = dict(headers or {})
        if htmx:
            form_id = (
                f"reply-form-{fields['parent_id']}" if fields.get("parent_id") else "comment-form"
            )
            extra |= {"HX-Request": "true", "HX-Target": form_id}
        return self.client.post(f"/comments/articles/{article.id}", data=data, headers=extra)


@pytest.fixture
def reader(client: FlaskClient) -> Reader:
    return Reader(client)
