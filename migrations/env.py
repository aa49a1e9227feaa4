"""Alembic environment: migrations run against the app's own engine and metadata."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from newsite.search.schema import include_object

config = context.config
# Keep the app's loggers alive: Alembic's default would disable them.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate_ext = current_app.extensions["migrate"]
engine = migrate_ext.db.engine
config.set_main_option(
    "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
)
target_metadata = migrate_ext.db.metadata


def run_migrations_offline() -> None:
    """Write the SQL to standard output instead of running it (`flask db upgrade --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        **migrate_ext.configure_args,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty(_context, _revision, directives):
        # `flask db migrate` with no model change should not write an empty file.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    conf_args = dict(migrate_ext.configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty)
    # The search index (FTS5 table, tsvector column) is made by hand, not from the models.
    conf_args.setdefault("include_object", include_object)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table and drops the old one. With foreign keys on,
            # SQLite's DROP TABLE first deletes every row, checking (and possibly
            # cascading to) each child table: slow on a big table and a risk to the
            # rows that point at it. The check at the end proves nothing was broken.
            # On the driver's connection: inside a transaction the pragma does nothing.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            if sqlite:
                # One transaction for the whole upgrade, so the check below can still
                # undo it (Alembic's SQLite default commits each statement).
                conf_args.setdefault("transactional_ddl", True)
            context.configure(connection=connection, target_metadata=target_metadata, **conf_args)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                connection.rollback()
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
