"""Settings: defaults here, overridden by NEWSITE_* environment variables.

Every setting has exactly one default, in `Defaults`. The environment wins
over the defaults (`NEWSITE_FOO=...` sets `FOO`, values parsed as JSON when
they can be), and a test's own config wins over both.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Flask


class Defaults:
    """Default settings, suitable for development on one machine."""

    # "development" or "production"; production refuses an unset secret key.
    ENV_NAME = "development"
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None  # None: SQLite file in the instance folder
    # pool_pre_ping: a connection the database server dropped (a restart) is
    # replaced before a request uses it. Not for SQLite files (see `load`).
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    # Seconds SQLite waits for a lock before giving up.
    SQLITE_BUSY_TIMEOUT = 5.0
    # Argon2 parameters for editors' passwords; empty: argon2-cffi's defaults. Only
    # the tests lower them (every test that signs in would otherwise hash twice).
    PASSWORD_HASHING: dict[str, int] = {}
    # Where photo renditions are written; None: instance/media.
    MEDIA_ROOT: str | None = None
    # Widths Pillow renders for every photo, in pixels: steps of about a third, so a
    # phone's browser finds one close to what its screen needs (`flask photos rerender`
    # writes new ones for existing photos).
    PHOTO_WIDTHS = [480, 720, 960, 1280, 1600]
    PHOTO_JPEG_QUALITY = 82
    # oEmbed endpoints asked, when an article is saved, for the title and thumbnail of a
    # video alone in a paragraph (newsite/embeds.py), and the origins thumbnails may
    # come from; seconds each request may wait (an editor waits on the save).
    EMBED_OEMBED_ENDPOINTS = {
        "youtube": "https://www.youtube.com/oembed",
        "vimeo": "https://vimeo.com/api/oembed.json",
    }
    EMBED_THUMBNAIL_ORIGINS = ["https://i.ytimg.com", "https://i.vimeocdn.com"]
    EMBED_FETCH_TIMEOUT = 3.0
    # Largest upload the server reads, in bytes.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    # "cdn" loads htmx from a CDN with SRI; "local" serves the copy installed from npm.
    HTMX_SOURCE = "cdn"
    ARTICLES_PER_PAGE = 12
    SITE_NAME = "newsite"
    # The site's origin for canonical URLs, feeds and sitemaps, e.g. "https://news.example.org";
    # None: the request's scheme and host (set it in production: cached pages keep it).
    SITE_URL: str | None = None
    # Article URLs per child sitemap (sitemaps.org allows 50,000).
    SITEMAP_URLS_PER_FILE = 10_000
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    WTF_CSRF_TIME_LIMIT = 6 * 3600
    # Our forms write their own messages; WTForms' catalog would load per form.
    WTF_I18N_ENABLED = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    # How many reverse proxies stand in front; their X-Forwarded-* headers are
    # trusted only when this says so (0: none, the client address is the peer's).
    PROXY_COUNT = 0
    # Sent as X-Health-Token, it lets a monitor from elsewhere read /healthz's details.
    HEALTH_TOKEN: str | None = None
    # One log line per request; as JSON (for log collectors) when true.
    LOG_JSON = False
    # Other origins (scheme://host[:port]) whose pages may post to this site, beside
    # SITE_URL's; every other site's writes are refused (newsite.security).
    TRUSTED_ORIGINS: list[str] = []
    # Host names this site answers to (others get a 400); None: any, for development.
    # Production requires SITE_URL or this, and takes SITE_URL's host when only it is set.
    TRUSTED_HOSTS: list[str] | None = None

    # Comments
    # "post": visible at once; "pre": held until an editor approves. Articles can override.
    COMMENT_MODERATION = "post"
    # Comments close this many days after publication (0: never).
    COMMENTS_CLOSE_AFTER_DAYS = 30
    # A comment with more links than this is held for moderation.
    COMMENT_MAX_LINKS = 2
    # Whole words or phrases, any case: suspect ones hold a comment, banned ones refuse it.
    COMMENT_SUSPECT_WORDS = ["casino", "viagra", "crypto giveaway", "loan offer", "whatsapp me"]
    COMMENT_BANNED_WORDS = ["kill yourself", "go die"]
    COMMENTS_PER_PAGE = 100
    # Replies shown under each top-level comment before "Show more replies".
    REPLIES_PER_THREAD = 50
    # An open article page asks this often whether comments by others have arrived
    # ("N new comments"); 0: never.
    COMMENT_POLL_SECONDS = 30
    # "2 hours ago" on teasers and comments counts from the start of a step this long,
    # which is part of the version of the pages that show one (newsite.public.caching):
    # a cached page is at most this stale and is rendered again at most this often.
    RELATIVE_TIME_SECONDS = 60
    # "Most read" and "Most commented" count the last this many hours.
    MOST_READ_HOURS = 24
    # Page views wait in a buffer (memory, or Redis with REDIS_URL) this long at most.
    VIEWS_FLUSH_SECONDS = 30
    # The same text from the same reader, on the same article and answering the same
    # comment, within this many seconds is one comment (a double click, a resend).
    COMMENT_REPEAT_SECONDS = 10 * 60
    # A commenter may edit (while no one has replied) or delete their own comment for
    # this many minutes after posting it.
    COMMENT_EDIT_MINUTES = 15
    # Comments per reader (their cookie).
    COMMENT_RATE_LIMIT = "5 per 10 minutes"
    # One client address may post as many comments as this many readers: room for
    # many readers behind one carrier address, a ceiling for a client shedding cookies.
    COMMENT_READERS_PER_ADDRESS = 10
    # Posts refused as invalid (empty name, too long, banned words): their own,
    # looser limit, so a flood of them is stopped too.
    COMMENT_INVALID_RATE_LIMIT = "30 per 10 minutes"
    COMMENT_MAX_REQUEST_BYTES = 64 * 1024
    # A visible comment reported by this many different readers is held for review.
    COMMENT_REPORTS_TO_HOLD = 3
    # Reports per reader (their cookie); a client address may send this many readers'
    # worth (COMMENT_READERS_PER_ADDRESS).
    COMMENT_REPORT_RATE_LIMIT = "10 per hour"
    # Under pre-moderation, a returning commenter (same cookie and email) with two
    # approved comments and none removed in 90 days is published at once.
    COMMENT_TRUST_RETURNING = True
    # Votes and likes per client (a daily-rotating hash of its address) and per target.
    VOTE_RATE_LIMIT = "30 per hour"
    # The editors' desk: an article's edit lock is free once not renewed for this long;
    # an open edit form renews it, and autosaves what is typed, this often.
    EDIT_LOCK_SECONDS = 120
    EDIT_LOCK_POLL_SECONDS = 60
    AUTOSAVE_SECONDS = 30
    # Failed sign-ins, per client address and per account.
    SIGN_IN_RATE_LIMIT = "10 per 15 minutes"
    # Largest photo upload, in bytes.
    PHOTO_MAX_BYTES = 10 * 1024 * 1024
    # Flask-Compress: brotli first, then gzip; small responses are not worth it.
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIN_SIZE = 500
    # Registered by create_app, which leaves the admin's pages out (BREACH: they echo
    # what is typed in the query string beside a CSRF token).
    COMPRESS_REGISTER = False
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "application/javascript",
        "text/javascript",
        "application/json",
        "application/atom+xml",
        "application/xml",
        "text/xml",
    ]
    # Flask-Caching for rendered fragments: one process ("SimpleCache"), or shared by
    # all workers ("RedisCache" with CACHE_REDIS_URL). Keys carry content versions,
    # so entries are never stale; the timeout only frees memory.
    CACHE_TYPE = "SimpleCache"
    # Keys of this site in a Redis it may share with others.
    CACHE_KEY_PREFIX = "newsite:"
    CACHE_DEFAULT_TIMEOUT = 600
    CACHE_THRESHOLD = 2000
    # A public page made in the last this many seconds is served again without its
    # version being read (newsite/public/caching.py); as long as nginx keeps it.
    SHARED_PAGE_SECONDS = 1
    # Flask-Limiter's storage: memory for one process, a Redis URL for many workers.
    RATELIMIT_STORAGE_URI = "memory://"
    # One Redis for everything the workers share: when set, the rate limits and the
    # caches above use it (unless their own settings say otherwise).
    REDIS_URL: str | None = None
    RATELIMIT_HEADERS_ENABLED = False
    # Explicit, so every app built in one process (tests) sets it for itself.
    RATELIMIT_ENABLED = True


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill `app.config` from defaults, environment and the test's config."""
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("NEWSITE")
    if url := os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = url
    if test_config:
        app.config.update(test_config)

    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    uri = app.config["SQLALCHEMY_DATABASE_URI"] or f"sqlite:///{instance / 'newsite.db'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(uri)
    if uri.startswith("sqlite"):
        # A SQLite file cannot drop a connection the way a server does: pinging
        # it would be one more statement on every request for nothing.
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options.pop("pool_pre_ping", None)
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    app.config["MEDIA_ROOT"] = str(Path(app.config["MEDIA_ROOT"] or instance / "media"))
    if redis_url := app.config["REDIS_URL"]:
        if app.config["RATELIMIT_STORAGE_URI"] == Defaults.RATELIMIT_STORAGE_URI:
            app.config["RATELIMIT_STORAGE_URI"] = redis_url
        if app.config["CACHE_TYPE"] == Defaults.CACHE_TYPE:
            # The cache in the next database of the same server: a flood of cached
            # pages can then be dropped (FLUSHDB) without touching the rate limits.
            app.config.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=next_database(redis_url))
    if app.config["COMMENT_MODERATION"] not in ("pre", "post"):
        raise RuntimeError("NEWSITE_COMMENT_MODERATION must be 'pre' or 'post'.")
    if app.config["HTMX_SOURCE"] not in ("cdn", "local"):
        raise RuntimeError("NEWSITE_HTMX_SOURCE must be 'cdn' or 'local'.")
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _development_secret(app, instance)
    if app.config["ENV_NAME"] == "production":
        app.config["TRUSTED_HOSTS"] = production_hosts(app.config)
    if app.config["ENV_NAME"] == "production" and "NEWSITE_SESSION_COOKIE_SECURE" not in os.environ:
        # Production is served over HTTPS: cookies travel only there.
        app.config["SESSION_COOKIE_SECURE"] = True
    if app.config["SESSION_COOKIE_SECURE"] and "NEWSITE_SESSION_COOKIE_NAME" not in os.environ:
        # The editors' session cookie as `__Host-`: browsers take it only over HTTPS,
        # for this host alone and the whole site, so a sibling subdomain cannot set
        # or overwrite it.
        app.config.update(
            SESSION_COOKIE_NAME="__Host-session",
            SESSION_COOKIE_DOMAIN=None,
            SESSION_COOKIE_PATH="/",
        )


def production_hosts(config: Any) -> list[str]:
    """The host names production answers to: TRUSTED_HOSTS, else SITE_URL's host.

    A site answering any `Host` header lets anyone point a name of theirs at it (and
    at pages that write absolute URLs from the request); production refuses to start
    without knowing its own name.
    """
    if config["TRUSTED_HOSTS"]:
        return list(config["TRUSTED_HOSTS"])
    if config["SITE_URL"] and (host := urlsplit(config["SITE_URL"]).hostname):
        return [host]
    raise RuntimeError(
        "Production needs to know the host names it answers to: set NEWSITE_SITE_URL "
        "(e.g. https://news.example.org) or NEWSITE_TRUSTED_HOSTS "
        "(e.g. '[\"news.example.org\"]'). Requests for other hosts get a 400."
    )


def next_database(redis_url: str) -> str:
    """The same Redis server's next database: `redis://h:6379/0` -> `redis://h:6379/1`."""
    parts = urlsplit(redis_url)
    number = parts.path.strip("/")
    following = int(number) + 1 if number.isdigit() else 1
    return urlunsplit(parts._replace(path=f"/{following}"))


def per_process_limits_refused(config: Any, workers: int) -> str | None:
    """Why a production server with `workers` may not start on these settings, if so:
    with memory:// storage each worker counts alone, so every limit is multiplied."""
    if config["ENV_NAME"] != "production" or workers <= 1 or not config["RATELIMIT_ENABLED"]:
        return None
    if not config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        return None
    return (
        f"{workers} workers would each count rate limits alone (memory://), allowing "
        f"{workers} times every limit. Set NEWSITE_REDIS_URL (or "
        "NEWSITE_RATELIMIT_STORAGE_URI=redis://...) so they share one count, or run one "
        "worker (NEWSITE_WORKERS=1)."
    )


def normalise_database_url(url: str) -> str:
    """Point PostgreSQL URLs at the psycopg 3 driver, whatever spelling they use."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _development_secret(app: Flask, instance: Path) -> str:
    """Return the instance folder's random secret, creating it on first use."""
    if app.config["ENV_NAME"] == "production":
        raise RuntimeError(
            "NEWSITE_SECRET_KEY is not set. Production refuses to start without it: "
            'generate one with `python -c "import secrets; print(secrets.token_hex(32))"`.'
        )
    path = instance / "secret_key"
    if not path.exists():
        # O_EXCL: two workers starting together cannot write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()


def project_root() -> Path:
    """The checkout's top folder (where `migrations/` and `node_modules/` live)."""
    return Path(__file__).resolve().parent.parent
