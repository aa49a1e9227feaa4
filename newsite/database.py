"""Engine set-up that depends on the database: SQLite's pragmas."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event

from newsite.extensions import db


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        timeout_ms = int(app.config["SQLITE_BUSY_TIMEOUT"] * 1000)
        event.listen(engine, "connect", _sqlite_pragmas(timeout_ms))


def _sqlite_pragmas(timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers go on while one writer writes; foreign keys are off by default.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect
