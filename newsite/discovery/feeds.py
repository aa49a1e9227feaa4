"""Atom feeds (RFC 4287) of the newest public articles, built with feedgen."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import sqlalchemy as sa
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from flask import current_app
from sqlalchemy.orm import selectinload

from newsite.bylines import byline_of
from newsite.corrections import KIND_LABELS, public_corrections
from newsite.discovery.metadata import author_url, date_modified, share_image
from newsite.discovery.urls import absolute, external_url_for, site_url
from newsite.extensions import db
from newsite.models import Article, utcnow

FEED_LENGTH = 30
ATOM_TYPE = "application/atom+xml; charset=utf-8"


class Links(BaseEntryExtension):
    """An entry's links with all their attributes.

    feedgen 1.0 writes only `href` for entry links (its loop shadows the link's
    data), so rel, type and title are added here, on the entry's XML.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def add(self, **attributes: str) -> None:
        self.links.append(attributes)

    def extend_atom(self, entry: Any) -> Any:
        for attributes in self.links:
            lxml.etree.SubElement(entry, "link", attributes)
        return entry


def feed_articles(*where: sa.ColumnElement[bool]) -> list[Article]:
    """The newest public articles matching `where`, newest first."""
    query = Article.public().where(*where).limit(FEED_LENGTH)
    # Every entry names its writers: their rows in one more query, not one per entry.
    return list(db.session.scalars(query.options(selectinload(Article.contributors))))


def atom_feed(
    *,
    title: str,
    subtitle: str,
    page_url: str,
    self_url: str,
    articles: list[Article],
    language: str = "en",
) -> bytes:
    """An Atom document: the feed's own metadata, then one entry per article."""
    feed = _new_feed(title, subtitle, page_url, self_url, language)
    _set_updated(feed, [date_modified(a) for a in articles])
    host = _host()
    for article in articles:  # newest first, as `Article.public()` orders them
        _add_entry(feed, article, host)
    return feed.atom_str(pretty=False)


def _new_feed(title: str, subtitle: str, page_url: str, self_url: str, language: str) -> Any:
    """A feed with its own metadata and no entries yet."""
    site_name = current_app.config["SITE_NAME"]
    feed = FeedGenerator()
    feed.load_extension("media", atom=True, rss=False)
    feed.register_extension("links", BaseExtension, Links, atom=True, rss=False)
    feed.id(self_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.author({"name": site_name, "uri": external_url_for("public.home")})
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.logo(external_url_for("discovery.logo"))
    feed.language(language)
    feed.generator(site_name)
    feed.rights(f"© {site_name}")
    return feed


def _set_updated(feed: FeedGenerator, changed: list[datetime | None]) -> None:
    """The feed's <updated>: its newest entry's, or now for an empty feed."""
    times = [_utc(moment) for moment in changed if moment is not None]
    feed.updated(max(times) if times else _utc(utcnow()))


def _host() -> str:
    return urlsplit(site_url()).hostname or "localhost"


def _add_entry(feed: FeedGenerator, article: Article, host: str) -> None:
    entry = feed.add_entry(order="append")
    published = _utc(article.published_at)
    # A tag URI: stays the entry's id when the article moves to another section.
    entry.id(f"tag:{host},{published:%Y-%m-%d}:article-{article.id}")
    entry.title(article.headline)
    entry.published(published)
    entry.updated(_utc(date_modified(article)))
    # Every writer, in byline order (feedgen keeps one <author> per dict).
    entry.author([{"name": w.name, "uri": author_url(w)} for w in byline_of(article).writers])
    entry.summary(article.summary or article.headline)
    # Written as `<link href>` alone, which is rel="alternate" (RFC 4287, 4.2.7.2).
    entry.link(href=absolute(article.url()))
    entry.category(term=article.section.slug, label=article.section.name)
    if image := share_image(article.lead_photo):
        # The caption travels as the enclosure's title and as media:content's.
        entry.links.add(
            href=image["url"], rel="enclosure", type="image/jpeg", title=image["caption"]
        )
        entry.media.content(
            url=image["url"],
            medium="image",
            type="image/jpeg",
            width=str(image["width"]),
            height=str(image["height"]),
        )


def _utc(value: datetime) -> datetime:
    value = value.replace(microsecond=0)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def corrections_atom(
    *, title: str, subtitle: str, page_url: str, self_url: str, language: str
) -> bytes:
    """An Atom document of the newest corrections and clarifications of the articles
    in `language`: one entry each, titled with its kind (in that language) and the
    article's headline, linking the article."""
    corrections = list(db.session.scalars(public_corrections(language).limit(FEED_LENGTH)))
    feed = _new_feed(title, subtitle, page_url, self_url, language)
    _set_updated(feed, [c.created_at for c in corrections])
    host = _host()
    for correction in corrections:  # newest first
        article, created = correction.article, _utc(correction.created_at)
        entry = feed.add_entry(order="append")
        entry.id(f"tag:{host},{created:%Y-%m-%d}:correction-{correction.id}")
        entry.title(f"{KIND_LABELS[correction.kind]}: {article.headline}")
        entry.published(created)
        entry.updated(created)
        entry.summary(correction.text)
        entry.link(href=absolute(article.url()))
    return feed.atom_str(pretty=False)
