"""Running in production: health checks, request logs, database faults, backups."""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import sqlite3
import sys
import time
import uuid
from pathlib import Path

import click
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import (
    Blueprint,
    Flask,
    current_app,
    g,
    has_request_context,
    jsonify,
    render_template,
    request,
)
from flask import logging as flask_logging
from flask.cli import with_appcontext
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from newsite.extensions import db, migrate
from newsite.htmx import alert, alert_where_asked, target_status_line, wants_fragment

bp = Blueprint("ops", __name__)
RETRY_AFTER = "30"


def init_app(app: Flask) -> None:
    app.logger.setLevel(logging.INFO)
    # Flask's default handler looks up the request's error stream for every line;
    # one line per request goes straight to stderr instead (gunicorn's error log).
    if flask_logging.default_handler in app.logger.handlers:
        app.logger.removeHandler(flask_logging.default_handler)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(flask_logging.default_handler.formatter)
        app.logger.addHandler(handler)
    app.logger.addFilter(_with_request_id)
    app.register_blueprint(bp)
    app.before_request(_start_timer)
    app.after_request(_log_request)
    app.register_error_handler(sa.exc.OperationalError, _database_unavailable)
    app.register_error_handler(sa.exc.InterfaceError, _database_unavailable)
    app.cli.add_command(backup_command)


def _with_request_id(record: logging.LogRecord) -> bool:
    """Start an error's log line (a traceback's first line) with its request's id, as
    the request's own log line does, so the two can be found together."""
    if record.exc_info and has_request_context() and "request_id" in g:
        record.msg = f"{g.request_id} {record.msg}"
    return True


def migration_state() -> tuple[str | None, str | None]:
    """(the database's revision, the code's head revision)."""
    config = migrate.get_config(current_app.extensions["migrate"].directory)
    script = ScriptDirectory.from_config(config)
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, script.get_current_head()


def check_catalogs_compiled(folder: Path = Path(__file__).parent / "translations") -> None:
    """Raise if a translation catalog (.po) has no compiled .mo as new as itself."""
    stale = [
        str(po.relative_to(folder))
        for po in folder.glob("*/LC_MESSAGES/messages.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        raise RuntimeError(
            f"Translation catalogs are not compiled: {', '.join(stale)}. "
            f"Run `pybabel compile -d {folder}` (`make setup` does it)."
        )


def check_migrated() -> None:
    """Refuse to serve a database whose schema is behind the code (used by gunicorn)."""
    current, head = migration_state()
    if current != head:
        raise SystemExit(
            f"The database is at migration {current or 'none'}, the code needs {head}. "
            "Run `flask --app app db upgrade` (or `make run`, which does it), then start again."
        )


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """For load balancers: the database answers and its schema is current.

    Outsiders learn only "ok" or "unavailable". The details (which part failed, the
    migration versions) go to the machine itself (a load balancer or a check on
    loopback) and to whoever sends the `X-Health-Token` set in HEALTH_TOKEN.
    """
    try:
        current, head = migration_state()
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return _health(503, status="error", database="unreachable")
    ok = current == head
    return _health(
        200 if ok else 503,
        status="ok" if ok else "error",
        database="ok",
        migrations="head" if ok else f"{current} (head is {head})",
    )


def _health(code: int, **details: str) -> tuple[Response, int]:
    token = current_app.config["HEALTH_TOKEN"]
    trusted = request.remote_addr in LOOPBACK or (
        token is not None and hmac.compare_digest(request.headers.get("X-Health-Token", ""), token)
    )
    if trusted:
        return jsonify(details), code
    return jsonify(status="ok" if code == 200 else "unavailable"), code


LOOPBACK = frozenset(("127.0.0.1", "::1"))


def _start_timer() -> None:
    g.request_started = time.perf_counter()
    # A proxy's id lets one request be followed through every log.
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = (
        incoming if 0 < len(incoming) <= 64 and incoming.isprintable() else uuid.uuid4().hex
    )


def _log_request(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Request-ID"] = request_id
    duration = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
    fields = {
        "request_id": request_id,
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "ms": round(duration, 1),
    }
    if current_app.config["LOG_JSON"]:
        current_app.logger.info(json.dumps(fields))
    else:
        current_app.logger.info("%(request_id)s %(method)s %(path)s %(status)s %(ms).1fms", fields)
    return response


def _database_unavailable(error: Exception) -> tuple[str, int, dict[str, str]]:
    """A branded 503 with Retry-After; a comment being posted comes back with its text."""
    current_app.logger.error("database unavailable: %s", error)
    with contextlib.suppress(sa.exc.SQLAlchemyError):
        db.session.rollback()
    headers = {"Retry-After": RETRY_AFTER}
    message = _("We could not save or load this just now. Please try again in a moment.")
    if request.endpoint == "comments.post":
        if wants_fragment() and (status_line := target_status_line()):
            kept = message + " " + _("Your comment is still in the box.")
            return alert(kept, 503, status_line), 503, headers
        return (
            render_template("errors/comment_unavailable.html", message=message, form=request.form),
            503,
            headers,
        )
    if wants_fragment():
        return alert_where_asked(message, 503), 503, headers
    return render_template("errors/unavailable.html", message=message), 503, headers


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Copy the SQLite database to PATH while the site runs (online backup)."""
    if db.engine.dialect.name != "sqlite":
        raise click.ClickException(
            "This database is PostgreSQL: back it up with pg_dump, e.g. "
            '`pg_dump --format=custom --file=newsite.dump "$DATABASE_URL"`.'
        )
    source = db.engine.raw_connection()
    try:
        with sqlite3.connect(path) as target:
            source.driver_connection.backup(target)
    finally:
        source.close()
    click.echo(f"Backed up to {path}.")
