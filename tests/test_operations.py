"""Production basics: health, request logs, static caching, compression, faults, backups."""

from __future__ import annotations

import gzip
import json
import logging
import re
import sqlite3

import brotli
import pytest
from support import app_on

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:9/nothing?connect_timeout=1"


def test_healthz_reports_a_reachable_migrated_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "migrations": "head"}


def test_healthz_fails_when_the_database_is_behind_the_code(app, client):
    from newsite.extensions import db

    def set_version(version: str) -> str:
        with app.app_context(), db.engine.begin() as connection:
            head = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{version}'")
            return head

    head = set_version("old")
    try:
        response = client.get("/healthz")
    finally:
        set_version(head)  # the PostgreSQL database is shared by the tests after this one
    assert response.status_code == 503 and response.json["status"] == "error"


def test_the_app_refuses_to_start_on_an_unmigrated_database(tmp_path):
    from newsite.operations import check_migrated

    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    with (
        app_on(empty, tmp_path) as app,
        app.app_context(),
        pytest.raises(SystemExit, match="db upgrade"),
    ):
        check_migrated()


def test_every_request_gets_an_id_and_one_log_line(app, client, caplog):
    caplog.set_level(logging.INFO, logger=app.logger.name)
    response = client.get("/comment-policy", headers={"X-Request-ID": "abc123"})
    assert response.headers["X-Request-ID"] == "abc123"
    lines = [r.getMessage() for r in caplog.records if "abc123" in r.getMessage()]
    assert lines == ["abc123 GET /comment-policy 200 " + lines[0].rsplit(" ", 1)[1]]


def test_request_logs_can_be_json(app, client, caplog):
    app.config["LOG_JSON"] = True
    caplog.set_level(logging.INFO, logger=app.logger.name)
    client.get("/comment-policy")
    record = json.loads(caplog.records[-1].getMessage())
    assert record["path"] == "/comment-policy" and record["status"] == 200 and "ms" in record


def test_static_files_have_content_hashed_urls_cached_for_a_year(client):
    html = client.get("/comment-policy").text
    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]{16})"', html).group(1)
    with client.get(css) as response:
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    with client.get("/static/css/site.css?v=stale") as stale:
        assert "immutable" not in stale.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("encoding", "decode"), [("gzip", gzip.decompress), ("br", brotli.decompress)]
)
def test_html_and_css_are_compressed(client, encoding, decode):
    for url in ("/comment-policy", "/static/css/site.css"):
        with client.get(url, headers={"Accept-Encoding": encoding}) as response:
            assert response.headers["Content-Encoding"] == encoding, url
            assert "Accept-Encoding" in response.headers["Vary"]
            assert len(decode(response.data)) > len(response.data)


@pytest.fixture
def down(tmp_path):
    """The site with its database unreachable."""
    with app_on(UNREACHABLE, tmp_path) as app:
        yield app


def test_pages_answer_a_branded_503_with_retry_after_when_the_database_is_down(down):
    response = down.test_client().get("/")
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert "Temporarily unavailable" in response.text and 'class="site-header"' in response.text
    assert down.test_client().get("/healthz").status_code == 503


@pytest.mark.parametrize("htmx", [True, False])
def test_a_comment_posted_while_the_database_is_down_is_not_lost(down, htmx):
    client = down.test_client()
    headers = {"HX-Request": "true", "HX-Target": "comment-form"} if htmx else {}
    response = client.post(
        "/comments/articles/1",
        headers=headers,
        data={"name": "Amal", "body": "Keep these words"},
    )
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    if htmx:
        assert response.headers["HX-Retarget"] == "#comment-form-status"
        assert "still in the box" in response.text
    else:
        assert "Keep these words" in response.text and 'value="Amal"' in response.text


def test_backup_copies_the_sqlite_database_online(app, runner, make, tmp_path):
    make.article(headline="Backed up story")
    target = tmp_path / "backup.db"
    result = runner.invoke(args=["backup", str(target)])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        assert result.exit_code != 0 and "pg_dump" in result.output
        return
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT headline FROM article").fetchall() == [("Backed up story",)]


def test_a_read_only_database_gives_a_clear_503_and_keeps_the_comment(migrated_template, tmp_path):
    import shutil

    from support import Factory, Reader

    if migrated_template.startswith("postgresql"):
        pytest.skip("a read-only SQLite file; this run is on PostgreSQL")
    shutil.copy(migrated_template, tmp_path / "ro.db")
    with app_on(f"sqlite:///{tmp_path / 'ro.db'}", tmp_path) as writable:
        article = Factory(writable).article()
    # The same file opened read-only, as after a full disk or a read-only remount.
    read_only = f"sqlite:///file:{tmp_path / 'ro.db'}?mode=ro&uri=true"
    with app_on(read_only, tmp_path) as app:
        reader = Reader(app.test_client())
        assert reader.client.get(reader.url(article)).status_code == 200  # reading still works
        response = reader.post(article, body="Words that must not be lost")
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert "Words that must not be lost" in response.text and "Traceback" not in response.text


def test_uncompiled_translation_catalogs_stop_the_server_from_starting(tmp_path):
    import os
    import shutil
    from pathlib import Path

    from newsite.operations import check_catalogs_compiled

    catalogs = Path(__file__).resolve().parents[1] / "newsite" / "translations"
    check_catalogs_compiled(catalogs)  # as `make` leaves them
    copy = tmp_path / "translations"
    shutil.copytree(catalogs, copy)
    po = copy / "ar" / "LC_MESSAGES" / "messages.po"
    edited = po.with_suffix(".mo").stat().st_mtime + 60  # edited after the last compile
    os.utime(po, (edited, edited))
    with pytest.raises(RuntimeError, match="ar/LC_MESSAGES/messages.po"):
        check_catalogs_compiled(copy)
