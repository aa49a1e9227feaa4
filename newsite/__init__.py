"""newsite: a regional news website. `create_app` builds the Flask application."""

from __future__ import annotations

from typing import Any

from flask import Flask

from newsite import config, errors
from newsite.extensions import babel, csrf, db, migrate


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config, then extensions, blueprints, error pages and commands."""
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    config.load(app, test_config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(config.project_root() / "migrations"))
    csrf.init_app(app)
    babel.init_app(app)
    from newsite import database

    database.init_app(app)

    from newsite import templating

    templating.init_app(app)

    from newsite.public import bp as public_bp

    app.register_blueprint(public_bp)
    errors.init_app(app)

    from newsite import cli

    cli.init_app(app)
    return app
