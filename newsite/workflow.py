"""The desk's workflow, read top to bottom: who may move a story where, who wrote it,
what each move leaves behind (a StatusChange), and what the story budget lists.

A story's creator is whoever made its first StatusChange (from "" to its first status):
reporters may open and submit only their own drafts; only editors (and admins) approve,
send back, publish or schedule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from newsite.extensions import db
from newsite.models import (
    Article,
    ArticleContributor,
    ArticleStatus,
    Edition,
    Editor,
    EditorialNote,
    NoteMention,
    Role,
    StatusChange,
)

DRAFT, READY, APPROVED = ArticleStatus.DRAFT, ArticleStatus.READY, ArticleStatus.APPROVED
SCHEDULED, PUBLISHED = ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED

LABELS = {
    "": "New",
    DRAFT: "Draft",
    READY: "Ready for edit",
    APPROVED: "Approved",
    SCHEDULED: "Scheduled",
    PUBLISHED: "Published",
    ArticleStatus.UNPUBLISHED: "Unpublished",
}
NOTE_MAX = 2000


@dataclass(frozen=True)
class Move:
    """A button on the article's page: from which statuses, to which, for whom."""

    name: str
    label: str
    sources: frozenset[ArticleStatus]
    target: ArticleStatus
    roles: tuple[Role, ...]
    needs_note: bool = False


MOVES = {
    move.name: move
    for move in (
        Move(
            "submit",
            "Submit: ready for edit",
            frozenset({DRAFT}),
            READY,
            (Role.EDITOR, Role.REPORTER),
        ),
        Move("approve", "Approve", frozenset({READY}), APPROVED, (Role.EDITOR,)),
        Move(
            "send-back",
            "Send back to the reporter",
            frozenset({READY, APPROVED}),
            DRAFT,
            (Role.EDITOR,),
            needs_note=True,
        ),
    )
}


def label(status: str) -> str:
    return LABELS.get(status, status.capitalize())


def creator_id(article: Article) -> int | None:
    """Who created the article: the editor of its first status change."""
    if article.id is None:
        return None
    return db.session.scalar(
        sa.select(StatusChange.editor_id)
        .where(StatusChange.article_id == article.id, StatusChange.from_status == "")
        .order_by(StatusChange.id)
        .limit(1)
    )


def created_by(editor_id: int) -> sa.ColumnElement[bool]:
    """Articles this editor created (a reporter's own stories)."""
    return Article.id.in_(
        sa.select(StatusChange.article_id).where(
            StatusChange.from_status == "", StatusChange.editor_id == editor_id
        )
    )


def may_open(editor: Editor, article: Article) -> bool:
    """Editors open every article; a reporter only their own drafts (and new ones)."""
    if editor.can(Role.EDITOR):
        return True
    if editor.role != Role.REPORTER:
        return False
    return article.id is None or (article.status == DRAFT and creator_id(article) == editor.id)


def statuses_for(editor: Editor) -> list[ArticleStatus]:
    """What the article form's Status may be set to: a reporter's stays a draft."""
    return list(ArticleStatus) if editor.can(Role.EDITOR) else [DRAFT]


def moves_for(editor: Editor, article: Article) -> list[Move]:
    """The buttons this editor may press on this article now."""
    return [m for m in MOVES.values() if may_move(editor, article, m)]


def may_move(editor: Editor, article: Article, move: Move) -> bool:
    return article.status in move.sources and editor.can(*move.roles) and may_open(editor, article)


def record(article: Article, editor: Editor, from_status: str, note: str = "") -> None:
    """Write down a change of status (nothing when it did not change). Flushes a new
    article first, so its id exists."""
    if from_status == article.status:
        return
    if article.id is None:
        db.session.flush()
    db.session.add(
        StatusChange(
            article_id=article.id,
            editor_id=editor.id,
            from_status=str(from_status),
            to_status=str(article.status),
            note=note,
        )
    )


def history(article: Article) -> list[StatusChange]:
    """The article's status changes, newest first, with who made them."""
    return list(
        db.session.scalars(
            sa.select(StatusChange)
            .options(joinedload(StatusChange.editor))
            .where(StatusChange.article_id == article.id)
            .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
        )
    )


def last_note_back(article: Article) -> StatusChange | None:
    """The note of the last time the story was sent back, while it is a draft again."""
    if article.status != DRAFT or article.id is None:
        return None
    last = db.session.scalar(
        sa.select(StatusChange)
        .where(StatusChange.article_id == article.id)
        .order_by(StatusChange.id.desc())
        .limit(1)
    )
    return last if last is not None and last.note else None


# The story budget ---------------------------------------------------------------------

BUDGET_GROUPS = [DRAFT, READY, APPROVED, SCHEDULED, "published-today"]
BUDGET_LIMIT = 300


@dataclass
class BudgetRow:
    article: Article
    mover: str  # who made its last status change ("" if nobody is recorded)
    moved_at: datetime | None


def day_start(now: datetime, edition: Edition | None) -> datetime:
    """Midnight today (UTC, naive) in the edition's zone, or in UTC without one."""
    if edition is None:
        return now.replace(hour=0, minute=0, second=0, microsecond=0)
    local = edition.local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return edition.from_local(local)


def budget_query(
    now: datetime,
    since: datetime,
    edition_id: int | None = None,
    section_id: int | None = None,
    creator: int | None = None,
) -> sa.Select:
    """Today's desk in one query: every story in a desk status, those scheduled, those
    published since `since`; with who last moved each; newest change first."""
    last = (
        sa.select(StatusChange.article_id, sa.func.max(StatusChange.id).label("change_id"))
        .group_by(StatusChange.article_id)
        .subquery()
    )
    query = (
        sa.select(Article, Editor.name, Editor.email, StatusChange.created_at)
        .outerjoin(last, last.c.article_id == Article.id)
        .outerjoin(StatusChange, StatusChange.id == last.c.change_id)
        .outerjoin(Editor, Editor.id == StatusChange.editor_id)
        .options(selectinload(Article.contributors).joinedload(ArticleContributor.author))
        .where(
            sa.or_(
                Article.status.in_([DRAFT, READY, APPROVED]),
                sa.and_(Article.status == SCHEDULED, Article.published_at > now),
                sa.and_(Article.public_clause(now), Article.published_at >= since),
            )
        )
        .order_by(Article.updated_at.desc(), Article.id.desc())
        .limit(BUDGET_LIMIT)
    )
    if edition_id is not None:
        query = query.where(Article.edition_id == edition_id)
    if section_id is not None:
        query = query.where(Article.section_id == section_id)
    if creator is not None:
        query = query.where(created_by(creator))
    return query


def budget_group(article: Article, now: datetime) -> str:
    if article.status == SCHEDULED and article.published_at and article.published_at > now:
        return SCHEDULED
    if article.is_public:
        return "published-today"
    return str(article.status)


def budget(query: sa.Select, now: datetime) -> dict[str, list[BudgetRow]]:
    """The budget's rows grouped by status, in `BUDGET_GROUPS` order."""
    groups: dict[str, list[BudgetRow]] = {group: [] for group in BUDGET_GROUPS}
    for article, name, email, moved_at in db.session.execute(query).unique():
        groups[budget_group(article, now)].append(BudgetRow(article, name or email or "", moved_at))
    return groups


FOR_YOU_LIMIT = 20


def notes_for(editor: Editor) -> list[tuple[EditorialNote, Article]]:
    """Notes naming `editor`, newest first, with their articles, in one query."""
    rows = db.session.execute(
        sa.select(EditorialNote, Article)
        .join(NoteMention, NoteMention.note_id == EditorialNote.id)
        .join(Article, Article.id == EditorialNote.article_id)
        .options(joinedload(EditorialNote.editor))
        .where(NoteMention.editor_id == editor.id)
        .order_by(EditorialNote.created_at.desc(), EditorialNote.id.desc())
        .limit(FOR_YOU_LIMIT)
    )
    return [(note, article) for note, article in rows]


# Notes and mentions: "@lina" names the colleague whose email starts "lina@"; a name
# matching nobody stays plain text.
# An email's local part, as typed after "@" (a trailing full stop ends the sentence).
MENTION = re.compile(r"(?<![\w.@])@([\w.+-]*\w)")


def mentioned(text: str) -> list[Editor]:
    """The active colleagues `text` names with "@" and their email's local part."""
    names = {name.casefold() for name in MENTION.findall(text)}
    if not names:
        return []
    accounts = db.session.scalars(sa.select(Editor).where(Editor.active.is_(True)))
    return [e for e in accounts if e.email.split("@", 1)[0].casefold() in names]


def add_note(article: Article, author: Editor, text: str) -> EditorialNote:
    note = EditorialNote(article_id=article.id, editor_id=author.id, body=text)
    note.mentions = [NoteMention(editor_id=e.id) for e in mentioned(text)]
    db.session.add(note)
    return note
