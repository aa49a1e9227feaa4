"""gunicorn settings for production: `gunicorn app:app` reads this file."""

import multiprocessing
import os

# Sync workers: each request holds one; twice the cores plus one keeps the CPUs busy
# while others wait on the database. NEWSITE_WORKERS overrides.
workers = int(os.environ.get("NEWSITE_WORKERS", multiprocessing.cpu_count() * 2 + 1))
bind = os.environ.get("NEWSITE_BIND", "127.0.0.1:8000")
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never grows; rarely, since a new
# worker starts with an empty page cache unless NEWSITE_REDIS_URL is set (at a
# thousand requests a second, 5000 would mean a cold worker every ten seconds).
max_requests = 100_000
max_requests_jitter = 10_000
# The app logs one line per request (with its id); gunicorn's access log is off.
accesslog = None
errorlog = "-"
loglevel = "info"
# gunicorn itself believes X-Forwarded-Proto (the request's scheme) only from these
# addresses: the proxy in front, and only when the app is told there is one.
forwarded_allow_ips = "127.0.0.1" if int(os.environ.get("NEWSITE_PROXY_COUNT") or 0) > 0 else ""


def on_starting(server):
    """Refuse to start on a database that is not migrated to the code's head, with
    translation catalogs that were not compiled (pages would fall back to English), or
    in production with several workers each counting rate limits alone."""
    from newsite import create_app
    from newsite.config import per_process_limits_refused
    from newsite.extensions import db
    from newsite.operations import check_catalogs_compiled, check_migrated

    app = create_app()
    if reason := per_process_limits_refused(app.config, server.cfg.workers):
        raise SystemExit(reason)
    with app.app_context():
        check_migrated()
        # The workers are forked from this process: it must hold no open database
        # connection then. A SQLite connection carried across fork() is undefined
        # behaviour (SQLite's own rule), and crashed workers inside SQLite.
        db.engine.dispose()
    check_catalogs_compiled()


def post_fork(server, worker):
    """A worker that crashes inside C code (SQLite, Pillow) writes where it was to the
    error log before it dies."""
    import faulthandler

    faulthandler.enable()
