"""Test helpers shared by the fixtures and a few tests: apps, rows, readers."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import text as sa_text

from newsite import create_app
from newsite.comments.services import NewComment, post_comment
from newsite.extensions import db
from newsite.models import Article, ArticleStatus, Author, Edition, Section, utcnow
from newsite.photos import add_photo

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def base_config(database_uri: str, media_root: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "MEDIA_ROOT": str(media_root),
        "HTMX_SOURCE": "local",
        # Tests change a page and read it again at once; `test_recent_copy_*` sets it.
        "SHARED_PAGE_SECONDS": 0,
        # Real argon2 at its cheapest: the production cost is tested in test_admin_auth.
        "PASSWORD_HASHING": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
    }


@contextmanager
def app_on(database_uri: str, media_root: Path, **extra: Any) -> Iterator[Flask]:
    app = create_app(base_config(database_uri, media_root) | extra)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


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

    def editor(
        self, role: str = "admin", password: str = "correct horse battery", **kw: Any
    ) -> Any:
        from newsite.admin.auth import hash_password
        from newsite.models import Editor, Role

        n = self._next()
        kw = {"email": f"editor{n}@newsroom.test", "name": f"Editor {n}"} | kw
        with self.app.app_context():
            password_hash = hash_password(password)
        editor = Editor(role=Role(role), password_hash=password_hash, **kw)
        return self._save(editor)

    def page(self, slug: str = "about", language: str = "en", **kw: Any) -> Any:
        """One of the newsroom's own pages (newsite/newsroom.py), in one language."""
        from newsite.models import Page

        kw = {"title": f"Page {slug} ({language})", "body": f"The {slug} page."} | kw
        return self._save(Page(slug=slug, language=language, **kw))

    def banner(self, article: Article, hours: float = 6, **kw: Any) -> Any:
        """A live breaking-news banner on the article's edition, linking it."""
        from newsite.models import Banner

        kw = {"text": f"Breaking: {article.headline}"} | kw
        kw.setdefault("expires_at", utcnow() + timedelta(hours=hours))
        return self._save(Banner(edition_id=article.edition_id, article_id=article.id, **kw))

    def comment(self, article: Article, parent: Any = None, **kw: Any) -> Any:
        """A comment posted through the comment service, as a reader would."""
        n = self._next()
        fields = {
            "name": f"Reader {n}",
            "email": None,
            "body": f"Comment number {n}.",
            "parent_id": parent.id if parent is not None else None,
            "commenter_id": "someone-else",
        } | kw
        with self._session():
            article = db.session.get(Article, article.id)
            return post_comment(article, NewComment(**fields)).comment


class Reader:
    """A reader in a browser without JavaScript (or with htmx, `htmx=True`)."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def url(self, article: Article, **query: Any) -> str:
        path = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
        return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def page(self, article: Article, **query: Any) -> str:
        response = self.client.get(self.url(article, **query))
        assert response.status_code == 200
        return response.text

    def own_parts(self, article: Article) -> Any:
        """What htmx asks once the page has loaded: this reader's own parts (which
        also counts the page view)."""
        return self.client.get(f"/mine/articles/{article.id}", headers={"HX-Request": "true"})

    def view(self, article: Article) -> str:
        """The page, then its own parts, as a browser with JavaScript reads it."""
        html = self.page(article)
        assert self.own_parts(article).status_code in (200, 204)
        return html

    def post(
        self,
        article: Article,
        htmx: bool = False,
        headers: dict[str, str] | None = None,
        **fields: Any,
    ) -> Any:
        """Post the comment form as the article page has it (no token: none is needed)."""
        data = {"name": "Amal", "email": "", "body": "A thoughtful comment.", "website": ""}
        data |= {k: v for k, v in fields.items() if v is not None}
        extra = dict(headers or {})
        if htmx:
            form_id = (
                f"reply-form-{fields['parent_id']}" if fields.get("parent_id") else "comment-form"
            )
            extra |= {"HX-Request": "true", "HX-Target": form_id}
        return self.client.post(f"/comments/articles/{article.id}", data=data, headers=extra)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database: str, folder: Path, **settings: str) -> dict[str, str]:
    """Environment for the app under gunicorn: its database, media and a secret."""
    import secrets

    return {
        "DATABASE_URL": database,
        "NEWSITE_SECRET_KEY": secrets.token_hex(16),
        "NEWSITE_MEDIA_ROOT": str(folder / "media"),
        "NEWSITE_HTMX_SOURCE": "local",
    } | {f"NEWSITE_{name}": value for name, value in settings.items()}


def server_database(backend: str, folder: Path, migrated_template: str) -> str:
    """A migrated, empty database for a test that runs real servers.

    "sqlite": a file of its own in `folder`. "postgresql": the test database
    (TEST_DATABASE_URL, emptied), or a skip when none is set (CI's second pass has it).
    """
    import shutil

    import pytest
    from flask_migrate import upgrade

    if backend == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            pytest.skip("TEST_DATABASE_URL is not set: CI's PostgreSQL pass runs this")
    else:
        url = f"sqlite:///{folder / 'server.db'}"
        if not migrated_template.startswith("postgresql"):
            shutil.copy(migrated_template, folder / "server.db")
    with app_on(url, folder / "media") as app, app.app_context():
        if backend == "postgresql":
            empty_tables()
        elif migrated_template.startswith("postgresql"):
            upgrade()
    return url


def empty_tables() -> None:
    """Delete every row and start every id at 1 again (PostgreSQL), inside an app context.

    DELETE (dependents first) and setval rather than TRUNCATE: a test's few rows go in
    about 2 ms, where truncating every table took about 50 ms, before each of some 800
    tests of CI's PostgreSQL pass."""
    deletes = "; ".join(f"DELETE FROM {t.name}" for t in reversed(db.metadata.sorted_tables))
    sequences = db.session.scalars(
        sa_text(
            "SELECT sequence_name FROM information_schema.sequences"
            " WHERE sequence_schema = current_schema()"
        )
    ).all()
    restarts = ", ".join(f"setval('{name}', 1, false)" for name in sequences)
    db.session.execute(sa_text(deletes))
    if restarts:
        db.session.execute(sa_text(f"SELECT {restarts}"))
    db.session.commit()


class ServerURL(str):
    """A server's base URL that also knows the gunicorn master's process id."""

    pid: int


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers (children) of `master`, from /proc."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 4, log: Path | None = None) -> Iterator[ServerURL]:
    """The app served by real gunicorn workers on 127.0.0.1; yields its base URL.

    With `log`, the server's output (errors, tracebacks) goes to that file.
    """
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        *("--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
        "app:app",
    ]
    output = log.open("w") if log else None
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=os.environ | env, stdout=output, stderr=output
    )
    url = ServerURL(f"http://127.0.0.1:{port}")
    url.pid = process.pid
    try:
        deadline = time.monotonic() + 90  # a loaded CI machine boots workers slowly
        while True:
            try:
                urllib.request.urlopen(url + "/comment-policy", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    said = log.read_text()[-2000:] if log else "(output not captured)"
                    raise RuntimeError(f"gunicorn did not start:\n{said}") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)
        if output:
            output.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class HttpReader:
    """A reader over real HTTP (cookies kept, redirects not followed)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.read().decode()

    def get_status(self, path: str) -> int:
        """The status of a GET, whatever it is (an error is an answer too)."""
        try:
            with self.opener.open(self.base_url + path, timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            error.close()
            return error.code

    def post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None) -> int:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            error.close()
            return error.code


CSRF_FIELD = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)


def csrf_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def sign_in(client: FlaskClient, email: str, password: str = "correct horse battery") -> Any:
    """Sign in through the form, as an editor would."""
    token = csrf_from(client.get("/admin/sign-in").text)
    return client.post(
        "/admin/sign-in", data={"email": email, "password": password, "csrf_token": token}
    )


SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"


def sideways_overflow(page: Any, url: str, name: str, width: int) -> int:
    """Load `url` at `width`, save a full-page screenshot as NAME-WIDTH.png, and
    return how far the page runs past the screen's width (0 or less: it fits)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    # Scroll through so lazy photos load before the screenshot.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    # In a right-to-left page overflow runs to the left: scrollWidth shows it either way.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    return overflow


def article_form(desk: dict[str, Any], page: str, **fields: Any) -> dict[str, Any]:
    """A complete post of the admin article form (a new, published article written by
    `desk`'s author), with the CSRF token of `page` and `fields` changed."""
    return {
        "csrf_token": csrf_from(page),
        "headline": "Storm closes the port",
        "slug": "storm-closes-the-port",
        "summary": "",
        "body": "Text.",
        "dateline": "",
        "contributors-0-author_id": str(desk["author"].id),
        "contributors-0-role": "writer",
        "story_type": "news",
        "sponsor": "",
        "edition_id": str(desk["edition"].id),
        "section_id": str(desk["section"].id),
        "status": "published",
        "published_at": "2026-03-01T10:00",
        "unpublish_at": "",
        "photo_id": "0",
        "caption": "",
        "credit": "",
        "alt_text": "",
        "tags": "",
        "translation": "",
        "comments": "",
        "revision": "0",
    } | fields
