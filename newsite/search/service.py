"""The one search function: public articles matching a reader's words, ranked, a page at a time."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from newsite import models
from newsite.extensions import db
from newsite.models import Article
from newsite.search.engines import CLOSE, MAX_COUNTED, OPEN, Marked, engine_for, filters
from newsite.search.query import Query, parse

# A marked word: OPEN, text without markers, CLOSE. Stray markers are dropped, so
# every <mark> written is closed whatever the text held.
_MARKED = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
_STRAY = re.compile(f"[{OPEN}{CLOSE}]")
# Markdown a snippet of the body may cut through: links keep their text, the rest goes.
# A Markdown link or image: its text may not hold another "[" (nor its address a
# "("), so a search from each "[" stops at the next one: linear in the body's
# length, where "[^\]]*" read to the end of the body from every "[" (quadratic).
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MARKDOWN = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+\.)\s|[*_`]{1,3}")


@dataclass(frozen=True)
class Hit:
    """One found article, with its headline and a snippet as safe HTML (matches in <mark>)."""

    article: Article
    headline: Markup
    snippet: Markup


@dataclass(frozen=True)
class SearchPage:
    """A page of results, with what pagination and the result count need."""

    query: Query
    page: int
    per_page: int
    total: int  # at most MAX_COUNTED: see `more`
    items: list[Hit] = field(default_factory=list)
    more: bool = False  # there are more than `total` matches (they were not all counted)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def to_html(marked: str) -> Markup:
    """Text with OPEN/CLOSE markers as HTML: escaped first, then the markers become <mark>."""
    escaped = str(escape(marked))
    return Markup(_STRAY.sub("", _MARKED.sub(r"<mark>\1</mark>", escaped)))


def _plain(markdown: str) -> str:
    return " ".join(_MARKDOWN.sub(r"\1", _LINK.sub(r"\1", markdown)).split())


def _snippet(marked: Marked) -> Markup:
    """The body's best passage when a word matched there; otherwise the summary."""
    if OPEN in marked.body or not marked.summary:
        return to_html(_plain(marked.body))
    return to_html(marked.summary)


def search(
    query: str | Query,
    edition_id: int | None = None,
    section_id: int | None = None,
    page: int = 1,
    per_page: int = 12,
    newest: bool = False,
) -> SearchPage:
    """Public articles matching every word of `query`, best first (or the newest first
    when `newest`), page `page` of them. The last word also finds the words it begins.

    A query with no words (empty, only punctuation or emoji) finds nothing. The
    public rule is applied here, at query time, so an article unpublished,
    deleted or scheduled for later drops out of the results at once.
    """
    parsed = query if isinstance(query, Query) else parse(query)
    if not parsed.terms:
        return SearchPage(parsed, page, per_page, 0)
    session = db.session
    engine = engine_for(session.get_bind().dialect.name)
    conditions = filters(models.utcnow(), edition_id, section_id)
    counted = engine.count(session, parsed, conditions)
    total, more = min(counted, MAX_COUNTED), counted > MAX_COUNTED
    offset = (page - 1) * per_page
    ids = engine.page_ids(session, parsed, conditions, per_page, offset, newest=newest)
    if not ids:
        return SearchPage(parsed, page, per_page, total, more=more)
    marked = engine.marked(session, parsed, ids)
    # Edition, section and lead photo (the thumbnail) come joined (the model says so).
    articles = {a.id: a for a in db.session.scalars(db.select(Article).where(Article.id.in_(ids)))}
    hits = [
        Hit(articles[i], to_html(marked[i].headline), _snippet(marked[i]))
        for i in ids
        if i in articles and i in marked
    ]
    return SearchPage(parsed, page, per_page, total, hits, more)
