"""Flask extensions, created unbound and bound to the app in `create_app`."""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import Babel
from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from newsite.clients import client_key

# Named constraints so Alembic can alter them, SQLite batch mode included.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
babel = Babel()
# Keyed by a daily-rotating hash of the client address (behind proxies, ProxyFix
# makes that the reader's address): no raw address reaches the limiter's storage.
limiter = Limiter(key_func=client_key)


READS = frozenset(("GET", "HEAD", "OPTIONS"))


@limiter.request_filter
def _reads_are_not_limited() -> bool:
    """Every limit here guards a write (a POST): page views skip the limiter.

    Floods of reads are the reverse proxy's to absorb (see deploy/nginx.conf).
    """
    return request.method in READS


def limit_writes_only(app: Flask) -> None:
    """Run Flask-Limiter's check before writes only: reads skip its limits anyway
    (`_reads_are_not_limited`), but its check still looked every limit up on each one,
    a fifth of a cached page's poll (measured in process: bench/README.md)."""
    hooks = app.before_request_funcs.setdefault(None, [])
    check = limiter._check_request_limit
    if check not in hooks:
        return

    def check_writes() -> None:
        if request.method not in READS:
            check()

    hooks[hooks.index(check)] = check_writes


class Sessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions (editors' sign-ins), with the signing serializer
    made once per app: Flask makes a new one, with a trial JSON dump, on every
    request, which on a cached page cost a tenth of the request (bench/pages)."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        key = ("newsite.session-serializer", app.secret_key)
        if key not in app.extensions:
            app.extensions[key] = super().get_signing_serializer(app)
        return app.extensions[key]


login_manager = LoginManager()
# Sign-in keeps no "remember me" cookie: a session ends with the browser or a sign-out.
login_manager.session_protection = "basic"
# gzip and brotli for HTML, CSS, JS and JSON, chosen by the reader's Accept-Encoding.
compress = Compress()
# Rendered fragments (the comment thread), keyed by the version of what they show.
cache = Cache()
