"""What readers read: page views counted without a write per view, "Most read"
and "Most commented".

A page view adds one to a buffer: a counter in this process, or a hash in Redis
when `REDIS_URL` is set (shared by the workers, kept across restarts). Every
`VIEWS_FLUSH_SECONDS` a request that finds the buffer due moves it to the
`article_views` table in one batch, after its own answer has been sent, in a
transaction of its own. Views are kept per article and hour; "Most read" sums
the last `MOST_READ_HOURS` of them.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, after_this_request, current_app
from sqlalchemy.dialects import postgresql, sqlite
from werkzeug.wrappers import Response

from newsite.database import begin_write
from newsite.extensions import cache, db
from newsite.languages import LANGUAGES, select_locale
from newsite.models import Article, ArticleViews, Comment, CommentStatus, in_language, utcnow
from newsite.story_types import promotable

BOX_SIZE = 5
# "Most read" and "Most commented" are worked out at most this often (seconds).
BOX_SECONDS = 60
PENDING = "views:pending"
FLUSHING = "views:flushing"
FLUSH_LOCK = "views:flush-lock"


class _Buffer:
    """This process's views not yet stored, and when they last were."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[tuple[int, datetime]] = Counter()
        self.last_flush = time.monotonic()


def _buffer() -> _Buffer:
    return current_app.extensions.setdefault("newsite.views", _Buffer())


def count_view(article_id: int) -> None:
    """Count one view of the article; the database hears of it in the next batch."""
    hour = utcnow().replace(minute=0, second=0, microsecond=0)
    buffer = _buffer()
    redis = _redis()
    if redis is not None:
        redis.hincrby(_key(PENDING), f"{article_id}:{hour:%Y%m%d%H}", 1)
    with buffer.lock:
        if redis is None:
            buffer.counts[(article_id, hour)] += 1
        due = time.monotonic() - buffer.last_flush >= current_app.config["VIEWS_FLUSH_SECONDS"]
        if due:
            buffer.last_flush = time.monotonic()
    if due:
        app = current_app._get_current_object()  # type: ignore[attr-defined]

        @after_this_request
        def flush_after_answer(response: Response) -> Response:
            response.call_on_close(lambda: _flush_in(app))
            return response


def _flush_in(app: Flask) -> None:
    with app.app_context():
        try:
            flush_views()
        except sa.exc.SQLAlchemyError as error:  # the next batch tries again
            app.logger.warning("could not store page views yet: %s", error)
            db.session.rollback()


def flush_views() -> int:
    """Move the buffered views into `article_views`; how many views were moved."""
    batch = _take_batch()
    if not batch:
        return 0
    existing = set(
        db.session.scalars(sa.select(Article.id).where(Article.id.in_({a for a, _ in batch})))
    )
    rows = [
        {"article_id": a, "hour": hour, "views": n}
        for (a, hour), n in batch.items()
        if a in existing  # an article deleted meanwhile has no views to keep
    ]
    if rows:
        begin_write()
        for row in rows:
            _add_views(row)
        db.session.commit()
    return sum(batch.values())


def _take_batch() -> Counter[tuple[int, datetime]]:
    redis = _redis()
    if redis is None:
        buffer = _buffer()
        with buffer.lock:
            batch = buffer.counts.copy()
            buffer.counts.clear()
        return batch
    # One worker flushes at a time; what it renamed away is what it moves.
    if not redis.set(_key(FLUSH_LOCK), "1", nx=True, ex=60):
        return Counter()
    try:
        if redis.exists(_key(PENDING)) and not redis.exists(_key(FLUSHING)):
            redis.rename(_key(PENDING), _key(FLUSHING))
        raw = redis.hgetall(_key(FLUSHING))
        redis.delete(_key(FLUSHING))
    finally:
        redis.delete(_key(FLUSH_LOCK))
    batch: Counter[tuple[int, datetime]] = Counter()
    for field, value in raw.items():
        article_id, hour = field.decode().split(":")
        batch[(int(article_id), datetime.strptime(hour, "%Y%m%d%H"))] += int(value)
    return batch


def _add_views(row: dict[str, Any]) -> None:
    """views = views + n for the article's hour, inserting the row when it is new.

    One upsert, so two workers flushing the same hour at once both count.
    """
    table = ArticleViews.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(**row)
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c.article_id, table.c.hour],
            set_={"views": table.c.views + statement.excluded.views},
        )
    )


def _redis() -> Any:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    clients = current_app.extensions.setdefault("newsite.redis", {})
    if url not in clients:
        import redis

        clients[url] = redis.Redis.from_url(url)
    return clients[url]


def _key(name: str) -> str:
    return current_app.config["CACHE_KEY_PREFIX"] + name


def most_read(section_id: int | None = None) -> list[Article]:
    """The most viewed public articles of the last MOST_READ_HOURS in this page's
    language, most first."""
    return _articles(_ids("most-read", section_id, _by_views, select_locale()))


def most_commented(section_id: int | None = None) -> list[Article]:
    """Public articles in this page's language with the most comments posted in the
    last MOST_READ_HOURS."""
    return _articles(_ids("most-commented", section_id, _by_comments, select_locale()))


def boxes_version(section_id: int | None = None) -> str:
    """What the boxes show, in every language, for the ETag of the pages that carry them."""
    return repr(
        [
            (
                _ids("most-read", section_id, _by_views, language),
                _ids("most-commented", section_id, _by_comments, language),
            )
            for language in LANGUAGES
        ]
    )


def _since() -> datetime:
    hours = current_app.config["MOST_READ_HOURS"]
    return (utcnow() - timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)


def _by_views() -> Any:
    return (
        sa.select(ArticleViews.article_id, sa.func.sum(ArticleViews.views).label("score"))
        .where(ArticleViews.hour >= _since())
        .group_by(ArticleViews.article_id)
        .subquery()
    )


def _by_comments() -> Any:
    return (
        sa.select(Comment.article_id.label("article_id"), sa.func.count().label("score"))
        .where(Comment.status == CommentStatus.VISIBLE, Comment.created_at >= _since())
        .group_by(Comment.article_id)
        .subquery()
    )


def _ids(name: str, section_id: int | None, ranking: Any, language: str) -> list[int]:
    # Worked out once a minute per worker: the boxes change slowly, listings often.
    minute = int(time.time() // BOX_SECONDS)
    key = f"box:{name}:{language}:{section_id or 0}:{minute}"
    ids = cache.get(key)
    if ids is None:
        ranked = ranking()
        query = (
            Article.public()
            # Paid-for stories are never the newsroom's recommendation, in either box.
            .where(in_language(language), promotable())
            .with_only_columns(Article.id)
            .join(ranked, ranked.c.article_id == Article.id)
            .order_by(None)
            .order_by(ranked.c.score.desc(), Article.published_at.desc())
            .limit(BOX_SIZE)
        )
        if section_id is not None:
            query = query.where(Article.section_id == section_id)
        ids = list(db.session.scalars(query))
        cache.set(key, ids, timeout=BOX_SECONDS * 2)
    return ids


def _articles(ids: list[int]) -> list[Article]:
    if not ids:
        return []
    found = {a.id: a for a in db.session.scalars(Article.public().where(Article.id.in_(ids)))}
    return [found[i] for i in ids if i in found]
