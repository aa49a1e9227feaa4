"""newsite: a regional news website. `create_app` builds the Flask application."""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from newsite import (
    assets,
    bylines,
    cli,
    config,
    database,
    errors,
    languages,
    operations,
    readers,
    routing,
    security,
    story_types,
    templating,
)
from newsite.admin import bp as admin_bp
from newsite.comments import bp as comments_bp
from newsite.comments.views import check_request_body
from newsite.discovery import bp as discovery_bp
from newsite.extensions import (
    Sessions,
    babel,
    cache,
    compress,
    csrf,
    db,
    limit_writes_only,
    limiter,
    login_manager,
    migrate,
)
from newsite.public import bp as public_bp
from newsite.search import bp as search_bp
from newsite.votes import bp as votes_bp


def _compress_outside_the_admin(response: Response) -> Response:
    """gzip or brotli for every response but the admin's: an admin page shows what was
    typed in its query string beside a CSRF token, and compressing both together lets
    an attacker who can make an editor's browser load the page guess the token from
    the size (BREACH). Admin pages are few and small; readers' pages carry no secret."""
    if request.blueprint == "admin" or response.status_code == 204:
        # A 204 has no body to compress (a new-comments poll's usual answer).
        return response
    return compress.after_request(response)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config, then extensions, blueprints, error pages and commands."""
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    config.load(app, test_config)
    app.session_interface = Sessions()
    if proxies := app.config["PROXY_COUNT"]:
        # Trust X-Forwarded-* only from the proxies we were told about.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(config.project_root() / "migrations"))
    # Cross-site requests are refused before anything reads their body; then size and
    # encoding of comment posts are checked before Flask-WTF (the admin's second layer)
    # reads the form.
    app.before_request(security.refuse_cross_origin)
    app.before_request(check_request_body)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=languages.select_locale)
    languages.init_app(app)
    limiter.init_app(app)
    limit_writes_only(app)
    cache.init_app(app)
    # Flask-Login's init_app would also add a "remember me" hook that reads the session
    # after every request, and Flask then marks every response `Vary: Cookie`, so no
    # shared cache could keep a public page. We keep no remember cookie: the app gets
    # the manager alone, and the admin's templates `current_user` (newsite/admin).
    app.login_manager = login_manager  # type: ignore[attr-defined]
    templating.init_app(app)
    bylines.init_app(app)
    story_types.init_app(app)
    compress.init_app(app)
    app.after_request(_compress_outside_the_admin)
    assets.init_app(app)

    routing.init_app(app)
    app.register_blueprint(public_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(comments_bp)
    app.register_blueprint(votes_bp)
    # Readers' forms carry no token: the cross-origin check guards them (newsite.security).
    for public in (comments_bp, votes_bp):
        csrf.exempt(public)
    app.register_blueprint(admin_bp)
    app.register_blueprint(discovery_bp)
    app.after_request(readers.set_cookies)
    security.init_app(app)
    errors.init_app(app)
    operations.init_app(app)
    cli.init_app(app)
    return app
