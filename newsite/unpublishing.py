"""Scheduled unpublishing: an article leaves every public page at its "Unpublish at"
time by itself (`Article.public_clause`, no job), and its address answers 410 Gone.

Pages' versions include the next such time (`newsite.public.caching`), so cached
pages change at that moment.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _

from newsite.extensions import db
from newsite.languages import use_language
from newsite.models import Article, ArticleStatus, Edition, utcnow


def expired_clause(now: datetime) -> sa.ColumnElement[bool]:
    """Published (or scheduled and come), then taken down by its "Unpublish at" time."""
    return sa.and_(
        Article.status.in_([ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED]),
        Article.published_at.is_not(None),
        Article.unpublish_at <= now,
    )


def abort_if_expired(slug: str) -> None:
    """410 Gone, in the article's language, when the article at `slug` has expired.

    Asked only when no public article has the slug: readers' pages pay nothing for it.
    """
    language = db.session.scalar(
        sa.select(Edition.language)
        .join(Article, Article.edition_id == Edition.id)
        .where(Article.slug == slug, expired_clause(utcnow()))
    )
    if language is not None:
        use_language(language)
        abort(
            410,
            description=_(
                "This story is no longer available on our site: it was withdrawn at a time "
                "its editors set. Our other stories are on the front page."
            ),
        )
