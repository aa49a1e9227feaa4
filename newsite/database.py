"""Engine set-up that depends on the database: SQLite's pragmas and write transactions."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

from newsite.extensions import db
from newsite.languages import SQLITE_FOLD_FUNCTION, fold_or_none

WRITE_OPTION = "newsite_write"


def init_app(app: Flask) -> None:
    # Registered after Flask-SQLAlchemy's own teardown, so it runs before it.
    app.teardown_appcontext(_end_session)
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        timeout_ms = int(app.config["SQLITE_BUSY_TIMEOUT"] * 1000)
        event.listen(engine, "connect", _sqlite_connect(timeout_ms))
        event.listen(engine, "begin", _sqlite_begin)


def begin_write() -> None:
    """Start the request's transaction as a writer: on SQLite, BEGIN IMMEDIATE.

    A deferred transaction that reads and then writes can fail at once with
    "database is locked" when another writer got in between; an immediate one
    takes the write lock first and waits (busy timeout) for its turn. Call it
    before the request's first write; a read-only transaction already open
    (the signed-in editor was loaded, say) is ended first. On PostgreSQL it
    changes nothing.
    """
    session = db.session()
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("begin_write() must come before the request's first change")
        session.commit()
    session.connection(execution_options={WRITE_OPTION: True})


def _end_session(_error: BaseException | None) -> None:
    """End the request's session; a connection that died meanwhile is dropped quietly.

    When the database server restarts, the rollback that ends a request can fail
    on a connection it has already closed. The answer is written by then: the
    connection is thrown away (the pool opens a new one, `pool_pre_ping`) rather
    than the answer turned into a server error.
    """
    try:
        db.session.remove()
    except SQLAlchemyError as error:
        current_app.logger.warning("dropped a broken database connection: %s", error)
        with contextlib.suppress(SQLAlchemyError):
            db.session.registry().invalidate()
        db.session.registry.clear()


def _sqlite_connect(timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy emits BEGIN itself (see `_sqlite_begin`), so it can choose
        # IMMEDIATE; the driver's own implicit transactions are turned off.
        dbapi_connection.isolation_level = None
        # The search index folds Arabic spelling with the very function queries use.
        dbapi_connection.create_function(SQLITE_FOLD_FUNCTION, 1, fold_or_none, deterministic=True)
        cursor = dbapi_connection.cursor()
        # WAL lets readers go on while one writer writes; foreign keys are off by default.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _sqlite_begin(connection: Any) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")
