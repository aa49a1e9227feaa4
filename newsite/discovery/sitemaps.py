"""Sitemaps (sitemaps.org 0.9) and the Google News sitemap, by id range.

Article sitemaps are numbered by id range: number n holds the public articles
with ids in ((n - 1) * size, n * size]. A child reads its rows by primary-key
range (never OFFSET), and the index lists only the ranges that hold a public
article, so a sitemap never comes out empty.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NamedTuple

import sqlalchemy as sa
from flask import current_app

from newsite import models
from newsite.extensions import db
from newsite.models import Article, Author, Edition, Section, Tag

NEWS_WINDOW = timedelta(days=2)  # Google News sitemaps: articles of the last two days
NEWS_LIMIT = 1000  # and at most 1,000 of them


# An article's last change for readers, as `metadata.date_modified` says it, in SQL:
# its last substantive update or correction, else its publication.
MODIFIED = sa.case(
    (Article.modified_at > Article.published_at, Article.modified_at),
    else_=Article.published_at,
)


class ArticleRow(NamedTuple):
    slug: str
    edition: str
    section: str
    modified_at: datetime | None
    published_at: datetime


def page_size() -> int:
    return current_app.config["SITEMAP_URLS_PER_FILE"]


def article_sitemaps() -> list[tuple[int, datetime]]:
    """(number, last modified) of every article sitemap that holds a public article."""
    number = (Article.id - 1) // page_size() + 1
    query = (
        sa.select(number, sa.func.max(MODIFIED))
        .where(Article.public_clause(models.utcnow()))
        .group_by(number)
        .order_by(number)
    )
    return [(int(n), lastmod) for n, lastmod in db.session.execute(query)]


def _rows(query: sa.Select[Any]) -> list[ArticleRow]:
    return [ArticleRow(*row) for row in db.session.execute(query)]


def _article_columns() -> sa.Select[Any]:
    return (
        sa.select(
            Article.slug, Edition.slug, Section.slug, Article.modified_at, Article.published_at
        )
        .join(Edition, Edition.id == Article.edition_id)
        .join(Section, Section.id == Article.section_id)
    )


def articles_in_sitemap(number: int) -> list[ArticleRow]:
    """The public articles of article sitemap `number`, by id."""
    size = page_size()
    return _rows(
        _article_columns()
        .where(
            Article.id > (number - 1) * size,
            Article.id <= number * size,
            Article.public_clause(models.utcnow()),
        )
        .order_by(Article.id)
    )


class NewsRow(NamedTuple):
    slug: str
    edition: str
    section: str
    modified_at: datetime | None
    published_at: datetime
    headline: str
    language: str


def news_articles() -> list[NewsRow]:
    """Public articles published in the last two days, newest first."""
    now = models.utcnow()
    query = (
        sa.select(
            Article.slug,
            Edition.slug,
            Section.slug,
            Article.modified_at,
            Article.published_at,
            Article.headline,
            Edition.language,
        )
        .join(Edition, Edition.id == Article.edition_id)
        .join(Section, Section.id == Article.section_id)
        .where(Article.public_clause(now), Article.published_at >= now - NEWS_WINDOW)
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(NEWS_LIMIT)
    )
    return [NewsRow(*row) for row in db.session.execute(query)]


def taxonomy_slugs() -> tuple[list[str], list[str], list[str], list[str]]:
    """Slugs of editions, sections, authors and tags, in menu (or name) order."""

    def slugs(model: type[Edition] | type[Section] | type[Author] | type[Tag]) -> list[str]:
        order = (model.position, model.id) if hasattr(model, "position") else (model.name,)
        return list(db.session.scalars(sa.select(model.slug).order_by(*order)))

    return slugs(Edition), slugs(Section), slugs(Author), slugs(Tag)
