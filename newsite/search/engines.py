"""The two search engines behind `service.search`, chosen by the database dialect.

Each turns a reader's query (plain words, the last one perhaps a prefix still being
typed) into one statement family: count the matches, rank a page of ids (or take
the newest), and mark the matched words in that page's headline, summary and body.
Matches are always filtered by `Article.public_clause(now)` at query time: the
index holds every article, public or not.

Matched words come back wrapped in OPEN and CLOSE (private-use characters no
article contains); `service` escapes the text and only then turns them into
<mark>, so article text can never become markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from newsite.languages import fold
from newsite.models import Article
from newsite.search.query import Query
from newsite.search.schema import FTS_TABLE, VECTOR_COLUMN

OPEN = "\ue000"
CLOSE = "\ue001"
ELLIPSIS = "…"
SNIPPET_WORDS = 24


class Marked(NamedTuple):
    """One article's texts with the matched words between OPEN and CLOSE."""

    headline: str
    summary: str
    body: str


_WORD = re.compile(r"[^\W_]+(?:[\u064B-\u065F\u0670\u0640][^\W_]*)*")


class _Matcher:
    """Tells whether a word of the text is one the reader searched for, once folded."""

    def __init__(self, query: Query) -> None:
        self.terms = frozenset(t.casefold() for t in query.terms)
        self.prefix = query.terms[-1].casefold() if query.prefix else None

    def __call__(self, word: str) -> bool:
        folded = fold(word).casefold()
        return folded in self.terms or (self.prefix is not None and folded.startswith(self.prefix))


def _mark_folded(text: str, matches: _Matcher) -> str:
    """`text` with the words whose folded form is a term (or begins with the prefix) marked.

    The engines mark what their own tokenizers match in the stored text; a word
    found only through folding (an Arabic word typed without its diacritics, or
    with another alef) is marked here instead.
    """
    return _WORD.sub(lambda m: f"{OPEN}{m[0]}{CLOSE}" if matches(m[0]) else m[0], text)


def _with_folded_marks(marked: Marked, body: str, query: Query) -> Marked:
    """Fill in marks the engine could not place, and a body passage around the first one."""
    matches = _Matcher(query)
    headline, summary, snippet = marked
    if OPEN not in headline:
        headline = _mark_folded(headline, matches)
    if OPEN not in summary:
        summary = _mark_folded(summary, matches)
    if OPEN not in snippet:
        words = body.split()
        hit = next((i for i, w in enumerate(words) if OPEN in _mark_folded(w, matches)), None)
        if hit is not None:
            start = max(0, hit - SNIPPET_WORDS // 3)
            passage = " ".join(words[start : start + SNIPPET_WORDS])
            snippet = (ELLIPSIS + " " if start else "") + _mark_folded(passage, matches)
            if start + SNIPPET_WORDS < len(words):
                snippet += " " + ELLIPSIS
    return Marked(headline, summary, snippet)


# Matches are counted up to this many ("more than 1,000 results"): counting every
# one of 40,000 matches of a common word costs more than finding the best twelve.
MAX_COUNTED = 1000


class Engine(Protocol):
    def count(self, session: Session, query: Query, filters: list[Any]) -> int:
        """The number of matches, or MAX_COUNTED + 1 when there are more than that."""
        ...

    def page_ids(
        self,
        session: Session,
        query: Query,
        filters: list[Any],
        limit: int,
        offset: int,
        newest: bool = False,
    ) -> list[int]:
        """A page of matches: best first, or the newest first when `newest`."""
        ...

    def marked(self, session: Session, query: Query, ids: Sequence[int]) -> dict[int, Marked]: ...


def filters(now: datetime, edition_id: int | None, section_id: int | None) -> list[Any]:
    """The conditions besides the words: the one public rule, then the reader's filters."""
    conditions: list[Any] = [Article.public_clause(now)]
    if edition_id is not None:
        conditions.append(Article.edition_id == edition_id)
    if section_id is not None:
        conditions.append(Article.section_id == section_id)
    return conditions


class SQLiteFTS5:
    """An external-content FTS5 table over `article`, ranked by bm25."""

    # bm25 weights of headline, summary, body and the folded text (Arabic spelt
    # without its variants): a word in the headline counts most.
    WEIGHTS = (10.0, 4.0, 1.0, 4.0)

    def __init__(self) -> None:
        self.fts = sa.table(FTS_TABLE, sa.column("rowid"))
        self.table = sa.literal_column(FTS_TABLE)

    @staticmethod
    def match_expression(query: Query) -> str:
        """Each word as an FTS5 string (so never an operator), all of them required;
        the last one followed by `*` (a prefix query) when it is a prefix."""
        strings = ['"' + term.replace('"', '""') + '"' for term in query.terms]
        if query.prefix:
            strings[-1] += "*"
        return " ".join(strings)

    def _match(self, query: Query) -> Any:
        return self.table.op("MATCH")(sa.literal(self.match_expression(query)))

    # Every query below starts from the index and joins each match's article by its
    # primary key. The index's part is a subquery with a LIMIT (-1: none), which SQLite
    # never merges into the join: without table statistics (no ANALYZE yet) its planner
    # would rather scan every article and probe the index for each, which takes
    # seconds on a large archive.

    def _matches(self, query: Query, ranked: int | None = None) -> Any:
        """The matching rowids, or the `ranked` best of them with their bm25 score."""
        select = sa.select(self.fts.c.rowid.label("id")).where(self._match(query))
        if ranked is None:
            return select.limit(-1).subquery()
        rank = sa.func.bm25(self.table, *self.WEIGHTS)
        ranked_select = select.add_columns(rank.label("score")).order_by(
            rank, self.fts.c.rowid.desc()
        )
        return ranked_select.limit(ranked).subquery()

    def counting(self, query: Query, filters: list[Any]) -> sa.Select[Any]:
        """The statement `count` runs."""
        matches = self._matches(query)
        counted = (
            sa.select(Article.id)
            .join(matches, matches.c.id == Article.id)
            .where(*filters)
            .limit(MAX_COUNTED + 1)
        )
        return sa.select(sa.func.count()).select_from(counted.subquery())

    def count(self, session: Session, query: Query, filters: list[Any]) -> int:
        return session.scalar(self.counting(query, filters)) or 0

    def page_ids(
        self,
        session: Session,
        query: Query,
        filters: list[Any],
        limit: int,
        offset: int,
        newest: bool = False,
    ) -> list[int]:
        if newest:
            matches = self._matches(query)
            return list(
                session.scalars(
                    sa.select(Article.id)
                    .join(matches, matches.c.id == Article.id)
                    .where(*filters)
                    .order_by(Article.published_at.desc(), Article.id.desc())
                    .limit(limit)
                    .offset(offset)
                )
            )
        # The best matches by the index alone, then the public rule and the reader's
        # filters on those: ranking 40,000 matches joined to their articles costs
        # twice as much as ranking them in the index. If too few candidates pass the
        # filters to fill the page, every match is ranked after all (cheap then, or
        # the filters would have passed more).
        wanted = offset + limit
        first = max(wanted * 4, 200) * (4 if len(filters) > 1 else 1)
        for ranked in (first, -1):
            candidates = self._matches(query, ranked)
            select = (
                sa.select(Article.id)
                .join(candidates, candidates.c.id == Article.id)
                .where(*filters)
                .order_by(candidates.c.score, Article.published_at.desc(), Article.id.desc())
                .limit(limit)
                .offset(offset)
            )
            ids = list(session.scalars(select))
            if len(ids) == limit:
                break
        return ids

    def marked(self, session: Session, query: Query, ids: Sequence[int]) -> dict[int, Marked]:
        if not ids:
            return {}
        select = (
            sa.select(
                self.fts.c.rowid,
                sa.func.highlight(self.table, 0, OPEN, CLOSE),
                sa.func.highlight(self.table, 1, OPEN, CLOSE),
                sa.func.snippet(self.table, 2, OPEN, CLOSE, ELLIPSIS, SNIPPET_WORDS),
                Article.body,
            )
            .join(Article, Article.id == self.fts.c.rowid)
            .where(self._match(query), self.fts.c.rowid.in_(ids))
        )
        return {
            row[0]: _with_folded_marks(Marked(*row[1:4]), row[4], query)
            for row in session.execute(select)
        }


class PostgreSQLFullText:
    """A generated tsvector column on `article` (GIN-indexed), ranked by ts_rank."""

    CONFIG = "'english'::regconfig"
    HEADLINE_ALL = f"StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true"
    HEADLINE_BODY = (
        f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
        f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
    )

    def __init__(self) -> None:
        self.vector = sa.literal_column(f"article.{VECTOR_COLUMN}")
        self.config = sa.literal_column(self.CONFIG)

    @staticmethod
    def tsquery_text(query: Query) -> str:
        """The words as to_tsquery's input: each quoted (a lexeme, never an operator),
        ANDed, the last followed by `:*` (a prefix) when it is one."""
        # Terms hold only letters, marks and digits (`query.parse`); quoting is a second wall.
        quoted = ["'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in query.terms]
        if query.prefix:
            quoted[-1] += ":*"
        return " & ".join(quoted)

    def query(self, query: Query) -> Any:
        # Stemmed as the vector was (english), stop words dropped.
        return sa.func.to_tsquery(self.config, sa.literal(self.tsquery_text(query)))

    def count(self, session: Session, query: Query, filters: list[Any]) -> int:
        matches = (
            sa.select(Article.id)
            .where(self.vector.op("@@")(self.query(query)), *filters)
            .limit(MAX_COUNTED + 1)
        )
        return session.scalar(sa.select(sa.func.count()).select_from(matches.subquery())) or 0

    def page_ids(
        self,
        session: Session,
        query: Query,
        filters: list[Any],
        limit: int,
        offset: int,
        newest: bool = False,
    ) -> list[int]:
        tsquery = self.query(query)
        # Normalisation 1: divided by 1 + log(length), so long bodies do not win on length.
        rank = sa.func.ts_rank(self.vector, tsquery, 1)
        order = () if newest else (rank.desc(),)
        select = (
            sa.select(Article.id)
            .where(self.vector.op("@@")(tsquery), *filters)
            .order_by(*order, Article.published_at.desc(), Article.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return list(session.scalars(select))

    def marked(self, session: Session, query: Query, ids: Sequence[int]) -> dict[int, Marked]:
        if not ids:
            return {}
        tsquery = self.query(query)

        def headline(column: Any, options: str) -> Any:
            return sa.func.ts_headline(self.config, column, tsquery, sa.literal(options))

        select = sa.select(
            Article.id,
            headline(Article.headline, self.HEADLINE_ALL),
            headline(Article.summary, self.HEADLINE_ALL),
            headline(Article.body, self.HEADLINE_BODY),
            Article.body,
        ).where(Article.id.in_(ids))
        return {
            row[0]: _with_folded_marks(Marked(*row[1:4]), row[4], query)
            for row in session.execute(select)
        }


@functools.cache
def engine_for(dialect: str) -> Engine:
    """The engine for a database dialect's name."""
    if dialect == "sqlite":
        return SQLiteFTS5()
    if dialect == "postgresql":
        return PostgreSQLFullText()
    raise NotImplementedError(f"search is not written for {dialect}")
