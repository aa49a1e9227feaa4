"""Engine set-up that depends on the database: SQLite's pragmas and write transactions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy import Engine, Select, event
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


class _ReadContext:
    """What engine listeners get as the execution context of a prepared read: its
    statement and parameters, and room for their own notes (query recorders keep a
    start time on it)."""

    def __init__(self, statement: str, parameters: Any) -> None:
        self.statement = statement
        self.parameters = parameters


class PreparedRead:
    """A Core SELECT compiled once for the driver, run on a pooled connection.

    For the hottest reads only (a page view's cache keys). One statement is
    consistent by itself, so it needs neither the request's session nor, on
    SQLite, a BEGIN; and run as the driver's own SQL it skips the work SQLAlchemy
    does per execution (walking the statement for its cache key, building a
    Connection and a result), about four fifths of its cost. Parameters and
    columns go through their types' conversions, as SQLAlchemy would put them.
    Listeners on the engine's `before_cursor_execute` and `after_cursor_execute`
    (query counters, Flask-SQLAlchemy's recorded queries) still hear of each run,
    with a small context of its own and no Connection.
    """

    def __init__(self, query: Select[Any], engine: Engine) -> None:
        self.engine = engine
        dialect = engine.dialect
        compiled = query.compile(dialect=dialect)
        self.sql = str(compiled)
        self.names = tuple(compiled.positiontup or ()) or tuple(compiled.bind_names.values())
        self.fixed: dict[str, Any] = {}
        self.bind_processors: dict[str, Any] = {}
        for name, bind in compiled.binds.items():
            process = bind.type._cached_bind_processor(dialect)
            if bind.value is not None and name in self.names:
                self.fixed[name] = process(bind.value) if process else bind.value
            elif process:
                self.bind_processors[name] = process
        self.results = [
            c.type._cached_result_processor(dialect, None) for c in query.selected_columns
        ]

    def first(self, **values: Any) -> tuple[Any, ...] | None:
        """The first row for these parameter values, or None."""
        for name, process in self.bind_processors.items():
            if name in values:
                values[name] = process(values[name])
        values = self.fixed | values
        params: Any = (
            tuple(values[n] for n in self.names)
            if self.engine.dialect.positional
            else {n: values[n] for n in self.names}
        )
        try:
            row = self._fetch(params)
        except self.engine.dialect.loaded_dbapi.Error as error:
            # As SQLAlchemy would raise it: a server that is down or restarting is
            # an OperationalError, which the app answers with its branded 503.
            raise sa.exc.DBAPIError.instance(
                self.sql, params, error, self.engine.dialect.loaded_dbapi.Error
            ) from error
        if row is None:
            return None
        return tuple(p(v) if p else v for p, v in zip(self.results, row, strict=True))

    def _fetch(self, params: Any) -> Any:
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            context = _ReadContext(self.sql, params)
            dispatch = self.engine.dispatch
            dispatch.before_cursor_execute(None, cursor, self.sql, params, context, False)
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
            dispatch.after_cursor_execute(None, cursor, self.sql, params, context, False)
            cursor.close()
            if self.engine.dialect.name != "sqlite":
                connection.rollback()  # end the read's transaction before the pool has it back
            return row
        except self.engine.dialect.loaded_dbapi.Error:
            # The connection may be dead (a restarting server): the pool makes a new one.
            connection.invalidate()
            raise
        finally:
            connection.close()


def prepared(build: Callable[[], Select[Any]]) -> PreparedRead:
    """The prepared read of the query `build` makes, for this app's engine (made once)."""
    engine = db.engine
    made = current_app.extensions.setdefault("newsite.prepared", {})
    key = (build, engine)
    if key not in made:
        made[key] = PreparedRead(build(), engine)
    return made[key]


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
