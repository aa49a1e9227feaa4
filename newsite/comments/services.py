"""The rules of commenting, shared by the public form and (later) the admin.

Posting decides a comment's fate in one place: refused (closed, banned word),
held for moderation (pre-moderation, links, suspect words, likely bots) or
visible at once. Counts are kept with atomic SQL in the same transaction.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from newsite import settings, versions
from newsite.comments import rules
from newsite.comments.order import LIKED, NEWEST, OLDEST
from newsite.database import prepared
from newsite.extensions import cache, db
from newsite.models import (
    Article,
    Comment,
    CommentBlock,
    CommentLike,
    CommentReport,
    CommentRevision,
    CommentStatus,
    Edition,
    Editor,
    ReportReason,
    counter_update,
    utcnow,
)

# Replies nest to this many levels below a top-level comment (3 levels in all).
MAX_DEPTH = 2
# Featured comments per article: the block above the thread stays short.
MAX_FEATURED = 3
# A commenter is trusted under pre-moderation with this many approved comments and no
# comment removed by a moderator among those posted in the last TRUST_DAYS.
TRUST_APPROVED = 2
TRUST_DAYS = 90


class CommentRefused(Exception):
    """The comment cannot be posted; the message says why, for the commenter."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class NewComment:
    name: str
    email: str | None
    body: str
    parent_id: int | None
    commenter_id: str
    # Keyed hash of the client address, for moderators (None for demo and admin posts).
    client_hash: str | None = None
    # A sign of a bot: the hidden field people leave empty was filled.
    honeypot_filled: bool = False
    # Posted by a signed-in editor (`staff_identity`): name and email are theirs.
    staff: Staff | None = None

    def repeat_key(self, article_id: int) -> str:
        """What makes two posts one comment: the same reader, article, comment
        answered and text (compared as `rules.comparable_text` makes it)."""
        parts = (self.commenter_id, article_id, self.parent_id, rules.comparable_text(self.body))
        return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Staff:
    """An editor signed in to the admin, commenting as the newsroom's own."""

    editor_id: int
    name: str
    email: str
    # "author" on the articles of the byline the editor writes under, else "staff".
    badge: str


def staff_identity(editor: Editor, article_author_id: int | None) -> Staff:
    """Who an editor comments as: their name (the part of their email before the @
    if their account has none), with the badge this article gives them."""
    name = editor.name.strip() or editor.email.partition("@")[0]
    author = editor.author_id is not None and editor.author_id == article_author_id
    return Staff(editor.id, name, editor.email, "author" if author else "staff")


@dataclass
class Posted:
    comment: Comment
    # False when this reader had just posted the same comment (a double click, a resend).
    created: bool = True

    def __post_init__(self) -> None:
        # Read now: after the commit, reading it would load the comment again.
        self.comment_id: int = self.comment.id


def moderation_mode(article: Article) -> str:
    """ "pre" (held until approved) or "post" (visible at once)."""
    return article.comment_moderation or settings.get("COMMENT_MODERATION")


class CommentState(Protocol):
    comments_closed: bool
    published_at: datetime | None


def comments_closed(article: CommentState) -> bool:
    """Whether the article (or its stamp) takes no more comments."""
    if article.comments_closed:
        return True
    days = current_app.config["COMMENTS_CLOSE_AFTER_DAYS"]
    if days and article.published_at is not None:
        return utcnow() > article.published_at + timedelta(days=days)
    return False


def post_comment(article: Article, new: NewComment) -> Posted:
    """Store a comment, or find the same one this reader posted in the last
    COMMENT_REPEAT_SECONDS; refuse what breaks the rules.

    The repeat key is unique in the database, so two identical posts at once store
    one comment. A key older than the window is spent first (renamed), so the same
    words may be said again later.
    """
    key = new.repeat_key(article.id)
    if existing := _recent_by_key(key):
        return Posted(existing, created=False)
    if comments_closed(article):
        raise CommentRefused(_("Comments are closed."))
    # Staff answer for their words through their account: no blocks by address apply
    # (a newsroom shares one), and what they post is published at once.
    if new.staff is None and _blocked(new):
        raise CommentRefused(_("Comments from you are not accepted on this site."))
    _refuse_banned_words(new)
    parent = _parent(article, new.parent_id)
    status, reason = _moderation(article, new)
    staff = new.staff
    visible = status == CommentStatus.VISIBLE
    comment = Comment(
        article_id=article.id,
        parent_id=parent.id if parent else None,
        display_parent_id=_display_parent(parent),
        thread_id=(parent.thread_id or parent.id) if parent else None,
        depth=min(parent.depth + 1, MAX_DEPTH) if parent else 0,
        author_name=staff.name if staff else new.name,
        author_email=(staff.email if staff else new.email) or None,
        body=new.body.strip("\n "),
        status=status,
        held_reason=None if visible else reason,
        published_reason=reason if visible else None,
        visible_at=utcnow() if visible else None,
        editor_id=staff.editor_id if staff else None,
        badge=staff.badge if staff else None,
        commenter_id=new.commenter_id,
        client_hash=new.client_hash,
        idempotency_key=key,
    )
    db.session.add(comment)
    try:
        db.session.flush()
        posted = Posted(comment)
        if status == CommentStatus.VISIBLE:
            _add_to_count(article.id, 1)
        else:
            touch_thread(article.id)
        db.session.commit()
    except sa.exc.IntegrityError:
        # The same form posted twice at once: the other request stored it.
        db.session.rollback()
        if existing := _by_key(key):
            return Posted(existing, created=False)
        raise
    return posted


# A commenter's own comment: they may edit it for COMMENT_EDIT_MINUTES while no one has
# answered it, and delete it for as long (a tombstone then keeps any replies' context).
# Readers have no accounts: the comment is theirs when the request carries the reader
# cookie that posted it and the comment's edit secret, which only that reader's private
# answers contain (never the shared page).
CHANGEABLE = (CommentStatus.VISIBLE, CommentStatus.PENDING)


def edit_secret(comment_id: int, commenter_id: str) -> str:
    """The secret that lets a comment's writer change it, keyed by SECRET_KEY: no column,
    and a changed key (or another reader's cookie) makes every one of them worthless."""
    key = current_app.config["SECRET_KEY"].encode()
    message = f"newsite.comment-edit:{comment_id}:{commenter_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def owns(comment: Comment, reader: str | None, secret: str | None) -> bool:
    """Whether this reader (their cookie's id) with this secret wrote `comment`."""
    if not reader or comment.commenter_id != reader:
        return False
    expected = edit_secret(comment.id, reader).encode()
    return hmac.compare_digest(expected, (secret or "").encode("utf-8", "replace"))


def edit_window_open(comment: Comment) -> bool:
    """Whether `comment` is still young enough, and still shown, to be changed."""
    window = timedelta(minutes=current_app.config["COMMENT_EDIT_MINUTES"])
    return comment.status in CHANGEABLE and comment.created_at > utcnow() - window


def answered(comment_ids: Collection[int]) -> set[int]:
    """Which of these comments have a reply that is not removed (held ones count: their
    writers answered words that must not change under them)."""
    if not comment_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(Comment.parent_id)
            .where(Comment.parent_id.in_(comment_ids), Comment.status != CommentStatus.REMOVED)
            .distinct()
        )
    )


def may_edit(comment: Comment, has_replies: bool) -> bool:
    return edit_window_open(comment) and not has_replies


def edit_comment(article: Article, comment: Comment, body: str, client_hash: str | None) -> None:
    """Change a comment's text for its writer, under the rules of a new comment: banned
    words refuse it; links or suspect words (or pre-moderation) hold it for review. The
    earlier text is kept as a CommentRevision; the thread's pages change with it.

    Conditional on the stored text and status, so two edits at once (two tabs) cannot
    both apply over the same text: the second is refused.
    """
    if not may_edit(comment, bool(answered([comment.id]))):
        raise CommentRefused(_("This comment can no longer be edited."))
    if comments_closed(article):
        raise CommentRefused(_("Comments are closed."))
    new = NewComment(
        name=comment.author_name,
        email=comment.author_email,
        body=body,
        parent_id=comment.parent_id,
        commenter_id=comment.commenter_id,
        client_hash=client_hash,
    )
    if _blocked(new):
        raise CommentRefused(_("Comments from you are not accepted on this site."))
    _refuse_banned_words(new)
    text = body.strip("\n ")
    if text == comment.body:
        return
    old_status, old_text = comment.status, comment.body
    status, reason = _moderation(article, new)
    values: dict[str, Any] = {
        "body": text,
        "edited_at": utcnow(),
        # Spent, as an old comment's key is: the earlier words may be posted anew.
        "idempotency_key": f"spent:{comment.id}",
    }
    if status == CommentStatus.PENDING:
        values |= {"status": CommentStatus.PENDING, "held_reason": reason}
    changed = db.session.execute(
        sa.update(Comment)
        .where(Comment.id == comment.id, Comment.status == old_status, Comment.body == old_text)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        db.session.rollback()
        raise CommentRefused(_("This comment can no longer be edited."))
    db.session.add(CommentRevision(comment_id=comment.id, body=old_text))
    if old_status == CommentStatus.VISIBLE and status == CommentStatus.PENDING:
        _add_to_count(article.id, -1)
    else:
        touch_thread(article.id)
    db.session.commit()
    db.session.refresh(comment)


def delete_own_comment(comment: Comment) -> None:
    """Remove a comment for its writer, within the edit window; with replies it stays
    as a tombstone ("deleted by its author") that keeps their context."""
    if not (
        edit_window_open(comment)
        and _change_status(comment, comment.status, CommentStatus.REMOVED, by_author=True)
    ):
        raise CommentRefused(_("This comment can no longer be deleted."))


def keeps_a_tombstone(comment: Comment) -> bool:
    """Whether a removed comment still shows (as a tombstone): replies shown under it."""
    under = Comment.display_parent_id if comment.parent_id else Comment.thread_id
    return bool(
        db.session.scalar(
            sa.select(
                sa.select(Comment.id)
                .where(under == comment.id, Comment.status == CommentStatus.VISIBLE)
                .exists()
            )
        )
    )


def revisions_of(comment: Comment) -> list[CommentRevision]:
    """A comment's earlier texts, oldest first (for moderators); no query if never edited."""
    if comment.edited_at is None:
        return []
    return list(
        db.session.scalars(
            sa.select(CommentRevision)
            .where(CommentRevision.comment_id == comment.id)
            .order_by(CommentRevision.created_at, CommentRevision.id)
        )
    )


def remove_comment(comment: Comment) -> None:
    """Remove a comment; if it has replies, a tombstone keeps their context."""
    for old in (CommentStatus.VISIBLE, CommentStatus.PENDING, CommentStatus.REVIEW):
        if _change_status(comment, old, CommentStatus.REMOVED):
            return


def restore_comment(comment: Comment) -> None:
    """Undo a removal: the comment is visible again."""
    _change_status(comment, CommentStatus.REMOVED, CommentStatus.VISIBLE)


def approve_comment(comment: Comment) -> None:
    """Make a held comment (pending, or in review after reports) visible; its reports
    no longer count, so approving a reported comment that is still visible keeps it."""
    dismissed = db.session.execute(
        sa.update(CommentReport)
        .where(CommentReport.comment_id == comment.id, CommentReport.dismissed_at.is_(None))
        .values(dismissed_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    for old in (CommentStatus.PENDING, CommentStatus.REVIEW):
        if _move(comment, old, CommentStatus.VISIBLE):
            break
    else:
        if not dismissed:
            db.session.rollback()
            return
    db.session.commit()
    db.session.refresh(comment)


def _change_status(
    comment: Comment, old: CommentStatus, new: CommentStatus, by_author: bool = False
) -> bool:
    """Move a comment from `old` to `new` and fix the count, all or nothing."""
    if not _move(comment, old, new, by_author=by_author):
        db.session.rollback()
        return False
    db.session.commit()
    db.session.refresh(comment)
    return True


def _move(
    comment: Comment,
    old: CommentStatus,
    new: CommentStatus,
    reason: str | None = None,
    by_author: bool = False,
) -> bool:
    """Move a comment from `old` to `new` and fix the count, in the caller's transaction.

    Conditional on the stored status, so two moderators (or a double click, or two
    reports at once) acting at once change it once: the count can never drift from
    the rows. `reason` is the held reason of a comment held again; an approved comment
    keeps the reason it was held for, which moderators still see. `by_author`: its
    writer removed it (its tombstone says so); a moderator's action clears that.
    """
    changed = db.session.execute(
        sa.update(Comment)
        .where(Comment.id == comment.id, Comment.status == old)
        .values(
            status=new,
            held_reason=reason or Comment.held_reason,
            visible_at=utcnow() if new == CommentStatus.VISIBLE else Comment.visible_at,
            deleted_by_author=by_author,
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        return False
    delta = (new == CommentStatus.VISIBLE) - (old == CommentStatus.VISIBLE)
    if delta:
        _add_to_count(comment.article_id, delta)
    else:
        touch_thread(comment.article_id)
    return True


def report_comment(comment: Comment, reporter: str, reason: ReportReason, note: str) -> bool:
    """Store `reporter`'s report of `comment`; False if they had reported it already.

    One report per reader and comment (a unique key: two at once store one). When
    COMMENT_REPORTS_TO_HOLD different readers' reports stand (none dismissed), the
    comment is held for review in the same transaction: every reader then sees
    "This comment is being reviewed." until a moderator decides.
    """
    if comment.commenter_id == reporter:
        raise CommentRefused(_("You cannot report your own comment."))
    if comment.status != CommentStatus.VISIBLE:
        raise CommentRefused(_("This comment is no longer shown, so it cannot be reported."))
    already = sa.select(CommentReport.id).filter_by(comment_id=comment.id, reporter_id=reporter)
    if db.session.scalar(already) is not None:
        return False
    db.session.add(
        CommentReport(comment_id=comment.id, reporter_id=reporter, reason=reason, note=note)
    )
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        # The same reader's report arrived twice at once: the other request stored it.
        db.session.rollback()
        return False
    readers = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(CommentReport.reporter_id))).where(
            CommentReport.comment_id == comment.id, CommentReport.dismissed_at.is_(None)
        )
    )
    if readers >= current_app.config["COMMENT_REPORTS_TO_HOLD"]:
        _move(
            comment, CommentStatus.VISIBLE, CommentStatus.REVIEW, f"reported by {readers} readers"
        )
    db.session.commit()
    return True


def feature_comment(comment: Comment, featured: bool) -> None:
    """Feature a visible comment (labelled, and listed above the thread) or stop.

    At most MAX_FEATURED visible comments of an article are featured: the limit is part
    of the conditional UPDATE, so two moderators at once cannot pass it together.
    """
    if featured:
        if comment.status != CommentStatus.VISIBLE:
            raise CommentRefused(_("Only a comment that is shown can be featured."))
        others = sa.orm.aliased(Comment)
        count = (
            sa.select(sa.func.count(others.id))
            .where(
                others.article_id == comment.article_id,
                others.featured_at.is_not(None),
                others.status == CommentStatus.VISIBLE,
            )
            .scalar_subquery()
        )
        changed = db.session.execute(
            sa.update(Comment)
            .where(
                Comment.id == comment.id,
                Comment.featured_at.is_(None),
                Comment.status == CommentStatus.VISIBLE,
                count < MAX_FEATURED,
            )
            .values(featured_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1 and comment.featured_at is None:
            db.session.rollback()
            raise CommentRefused(
                _(
                    "An article can have at most %(num)d featured comments. Unfeature one first.",
                    num=MAX_FEATURED,
                )
            )
    else:
        db.session.execute(
            sa.update(Comment)
            .where(Comment.id == comment.id)
            .values(featured_at=None)
            .execution_options(synchronize_session=False)
        )
    touch_thread(comment.article_id)
    db.session.commit()
    db.session.refresh(comment)


def _add_to_count(article_id: int, delta: int) -> None:
    # Atomic in SQL: concurrent posts never lose an update.
    values: dict[str, Any] = {
        "comment_count": Article.comment_count + delta,
        "activity": Article.activity + 1,
    }
    if delta > 0:
        # A comment became visible: pages open on the article poll for it, and this
        # worker's poll answers stop saying "nothing new" at once (`thread_news`).
        values["last_comment_at"] = utcnow()
        cache.delete(_news_key(article_id))
    db.session.execute(
        counter_update(Article)
        .where(Article.id == article_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    # Teasers show the count: listings' versions change with it.
    versions.bump(db.session.connection(), versions.COMMENT_COUNTS)


def touch_thread(article_id: int | sa.ScalarSelect[int]) -> None:
    """Mark the article's thread as changed (its cached rendering is stale)."""
    db.session.execute(
        counter_update(Article)
        .where(Article.id == article_id)
        .values(activity=Article.activity + 1)
        .execution_options(synchronize_session=False)
    )


def _recent_by_key(key: str) -> Comment | None:
    """The comment with this repeat key if it is recent; an older one's key is spent
    (renamed after its id), so that the same words may be posted again."""
    existing = _by_key(key)
    window = timedelta(seconds=current_app.config["COMMENT_REPEAT_SECONDS"])
    if existing is None or existing.created_at >= utcnow() - window:
        return existing
    existing.idempotency_key = f"spent:{existing.id}"
    db.session.flush()
    return None


def _by_key(key: str) -> Comment | None:
    return db.session.scalar(sa.select(Comment).filter_by(idempotency_key=key))


def _refuse_banned_words(new: NewComment) -> None:
    if banned := rules.words_found(f"{new.name}\n{new.body}", settings.get("COMMENT_BANNED_WORDS")):
        raise CommentRefused(
            _(
                "Your comment contains words we do not publish (%(words)s). "
                "Please edit it and try again.",
                words=", ".join(banned),
            ),
            field="body",
        )


def _blocked(new: NewComment) -> bool:
    checks = [sa.and_(CommentBlock.kind == "client", CommentBlock.value == new.client_hash)]
    if new.email:
        checks.append(
            sa.and_(CommentBlock.kind == "email", CommentBlock.value == new.email.casefold())
        )
    return db.session.scalar(sa.select(CommentBlock.id).where(sa.or_(*checks)).limit(1)) is not None


def _parent(article: Article, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id)
    if parent is None or parent.article_id != article.id or parent.status != CommentStatus.VISIBLE:
        raise CommentRefused(_("The comment you are replying to is no longer available."))
    return parent


def _display_parent(parent: Comment | None) -> int | None:
    if parent is None:
        return None
    # A reply to the deepest level joins that level, under the same comment.
    return parent.display_parent_id if parent.depth >= MAX_DEPTH else parent.id


def _moderation(article: Article, new: NewComment) -> tuple[CommentStatus, str | None]:
    """Visible or held, and why (the reason is kept for moderators either way)."""
    config = current_app.config
    if new.staff is not None:
        return CommentStatus.VISIBLE, "staff"
    if new.honeypot_filled:
        return CommentStatus.PENDING, "honeypot"
    if rules.count_links(new.body) > config["COMMENT_MAX_LINKS"]:
        return CommentStatus.PENDING, "too many links"
    if suspect := rules.words_found(
        f"{new.name}\n{new.body}", settings.get("COMMENT_SUSPECT_WORDS")
    ):
        return CommentStatus.PENDING, f"suspect words: {', '.join(suspect)}"
    if moderation_mode(article) == "pre":
        if config["COMMENT_TRUST_RETURNING"] and _trusted(new):
            return CommentStatus.VISIBLE, "trusted commenter"
        return CommentStatus.PENDING, "pre-moderation"
    return CommentStatus.VISIBLE, None


def _trusted(new: NewComment) -> bool:
    """A returning commenter (same reader cookie, same email) with TRUST_APPROVED
    approved comments and none of the last TRUST_DAYS' removed by a moderator.

    One query over this reader's comments (few, and `commenter_id` is indexed); the
    emails are compared case-folded in Python, which SQL's `lower()` cannot do for
    every script.
    """
    if not new.email:
        return False
    since = utcnow() - timedelta(days=TRUST_DAYS)
    rows = db.session.execute(
        sa.select(Comment.status, Comment.author_email).where(
            Comment.commenter_id == new.commenter_id,
            sa.or_(
                Comment.status == CommentStatus.VISIBLE,
                sa.and_(
                    Comment.status == CommentStatus.REMOVED,
                    Comment.deleted_by_author.is_(False),
                    Comment.created_at >= since,
                ),
            ),
        )
    ).all()
    if any(status == CommentStatus.REMOVED for status, _email in rows):
        return False
    email = new.email.casefold()
    approved = sum(1 for _status, other in rows if other and other.casefold() == email)
    return approved >= TRUST_APPROVED


@dataclass
class ThreadPage:
    """One page of an article's comment threads, ready to render."""

    top: list[Comment]
    children: dict[int, list[Comment]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    page: int = 1
    has_more: bool = False
    # Per top-level comment: how many of its replies are shown, and how many are not.
    replies_shown: dict[int, int] = field(default_factory=dict)
    replies_hidden: dict[int, int] = field(default_factory=dict)


def _shown_to(commenter: str | None, model: Any = Comment) -> sa.ColumnElement[bool]:
    """Comments a reader sees: visible ones, and their own pending ones."""
    shown = model.status == CommentStatus.VISIBLE
    if commenter:
        shown = sa.or_(
            shown, sa.and_(model.status == CommentStatus.PENDING, model.commenter_id == commenter)
        )
    return shown


def _in_order(model: Any, order: str) -> tuple[Any, ...]:
    """How top-level comments are sorted in `order` (replies always oldest first)."""
    if order == NEWEST:
        return (model.created_at.desc(), model.id.desc())
    if order == LIKED:
        return (model.like_count.desc(), model.created_at, model.id)
    return (model.created_at, model.id)


def _ahead_of(model: Any, comment: Comment, order: str) -> sa.ColumnElement[bool]:
    """Top-level comments that come before `comment` in `order` (as `_in_order` sorts)."""
    earlier = sa.or_(
        model.created_at < comment.created_at,
        sa.and_(model.created_at == comment.created_at, model.id < comment.id),
    )
    if order == NEWEST:
        return sa.and_(sa.not_(earlier), model.id != comment.id)
    if order == LIKED:
        return sa.or_(
            model.like_count > comment.like_count,
            sa.and_(model.like_count == comment.like_count, earlier),
        )
    return earlier


def _top_level(
    article_id: Any, page: int | None, commenter: Any, model: Any = Comment, order: str = OLDEST
) -> sa.Select[Any]:
    """The top-level comments of `page` in `order`, and one more if there is a next
    page; a removed one stays (as a tombstone) while replies still need its context,
    and one in review after reports always stays (as "being reviewed").

    `page` None leaves the offset and limit as bound parameters ("offset", "limit").
    """
    query = _shown_top_level(article_id, commenter, model).order_by(*_in_order(model, order))
    if page is None:
        return query.offset(sa.bindparam("offset")).limit(sa.bindparam("limit"))
    per_page = current_app.config["COMMENTS_PER_PAGE"]
    return query.offset((page - 1) * per_page).limit(per_page + 1)


def _shown_top_level(article_id: Any, commenter: Any, model: Any = Comment) -> sa.Select[Any]:
    """Every top-level comment a reader sees on the article's pages, in no order."""
    reply = sa.orm.aliased(Comment)
    has_shown_reply = (
        sa.select(reply.id)
        .where(
            reply.thread_id == model.id,
            sa.or_(reply.status == CommentStatus.VISIBLE, reply.status == CommentStatus.REVIEW),
        )
        .exists()
    )
    return sa.select(model).where(
        model.article_id == article_id,
        model.parent_id.is_(None),
        sa.or_(
            _shown_to(commenter, model),
            model.status == CommentStatus.REVIEW,
            sa.and_(model.status == CommentStatus.REMOVED, has_shown_reply),
        ),
    )


def thread_page(
    article: Article,
    page: int,
    commenter: str | None,
    expanded: tuple[int, int] = (0, 0),
    order: str = OLDEST,
) -> ThreadPage:
    """Top-level comments of `page` in `order` with their first replies, in 2 queries.

    Readers see visible comments, their own pending ones, and a tombstone for a
    removed comment only where replies still need its context. Each thread shows its
    first REPLIES_PER_THREAD replies (oldest first) and says how many more it has;
    `expanded` (a top-level comment's id, a number of replies) shows more of one.
    """
    per_page = current_app.config["COMMENTS_PER_PAGE"]
    top = list(db.session.scalars(_top_level(article.id, page, commenter, order=order)))
    result = ThreadPage(top=top[:per_page], page=page, has_more=len(top) > per_page)
    if not result.top:
        return result
    per_thread = current_app.config["REPLIES_PER_THREAD"]
    expanded_id, expanded_count = expanded
    replies = _replies(commenter, [c.id for c in result.top])
    for comment, number, total in db.session.execute(
        sa.select(Comment, replies.c.number, replies.c.total)
        .join(replies, replies.c.id == Comment.id)
        .where(
            sa.or_(
                replies.c.number <= per_thread,
                sa.and_(Comment.thread_id == expanded_id, replies.c.number <= expanded_count),
            )
        )
        .order_by(Comment.created_at, Comment.id)
    ):
        result.replies_shown[comment.thread_id] = number
        result.replies_hidden[comment.thread_id] = total - number
        result.names[comment.id] = comment.author_name
        result.children.setdefault(comment.display_parent_id, []).append(comment)
    for comment in result.top:
        result.names[comment.id] = comment.author_name
    _prune_removed_leaves(result)
    return result


def comments_on(thread: ThreadPage) -> list[Comment]:
    """Every comment a page of threads shows, replies included."""
    return thread.top + [c for replies in thread.children.values() for c in replies]


def more_replies(top: Comment, commenter: str | None, shown: int) -> ThreadPage:
    """The next REPLIES_PER_THREAD replies of `top`'s thread after the first `shown`."""
    per_thread = current_app.config["REPLIES_PER_THREAD"]
    replies = _replies(commenter, [top.id])
    result = ThreadPage(top=[], replies_shown={top.id: shown}, replies_hidden={top.id: 0})
    batch: list[Comment] = []
    for comment, number, total in db.session.execute(
        sa.select(Comment, replies.c.number, replies.c.total)
        .join(replies, replies.c.id == Comment.id)
        .where(replies.c.number > shown, replies.c.number <= shown + per_thread)
        .order_by(Comment.created_at, Comment.id)
    ):
        batch.append(comment)
        result.replies_shown[top.id] = number
        result.replies_hidden[top.id] = total - number
        result.names[comment.id] = comment.author_name
    # A reply answering another of this batch is rendered under it; the others go
    # under what they answer, already on the page (`top`: where each batch starts).
    for comment in batch:
        if comment.display_parent_id in result.names:
            result.children.setdefault(comment.display_parent_id, []).append(comment)
        else:
            result.top.append(comment)
    if batch:
        parents = {c.parent_id for c in batch} - set(result.names)
        result.names |= dict(
            db.session.execute(
                sa.select(Comment.id, Comment.author_name).where(Comment.id.in_(parents))
            ).all()
        )
    return result


def _replies(commenter: str | None, thread_ids: list[int]) -> Any:
    """The replies of these threads a reader sees, each numbered in its thread (oldest
    first) beside its thread's count: a subquery, so a page takes only the first ones."""
    return (
        sa.select(
            Comment.id,
            sa.func.row_number()
            .over(partition_by=Comment.thread_id, order_by=(Comment.created_at, Comment.id))
            .label("number"),
            sa.func.count().over(partition_by=Comment.thread_id).label("total"),
        )
        .where(
            Comment.thread_id.in_(thread_ids),
            sa.or_(
                _shown_to(commenter),
                Comment.status == CommentStatus.REVIEW,
                Comment.status == CommentStatus.REMOVED,
            ),
        )
        .subquery()
    )


def _prune_removed_leaves(thread: ThreadPage) -> None:
    """Drop removed replies that no longer answer anything shown (one in review stays:
    its placeholder tells every reader a moderator is looking at it)."""

    def keep(comment: Comment) -> bool:
        kids = [c for c in thread.children.get(comment.id, []) if keep(c)]
        thread.children[comment.id] = kids
        return comment.status != CommentStatus.REMOVED or bool(kids)

    thread.top = [c for c in thread.top if keep(c)]


@dataclass
class OwnParts:
    """What differs for one reader on a page of an article's comments."""

    # Comments whose like button they see otherwise: ones they like, and their own
    # (which they cannot like: a count instead of a button).
    likes: list[Comment]
    liked: set[int]
    # Their comments still held for moderation, to be put where they belong.
    pending: ThreadPage
    # Their comments that someone has answered (which they can no longer edit).
    answered: set[int] = field(default_factory=set)


def own_parts(
    article_id: int, reader: str, page: int, last_page: bool, order: str = OLDEST
) -> OwnParts:
    """This reader's likes and own comments on `page` of the article's threads in
    `order` (and which of theirs have replies), in one query. Their pending top-level
    comments go on the page where the newest go (`last_page`: the last, or the first
    newest first); pending replies go under what they answer."""
    per_page = current_app.config["COMMENTS_PER_PAGE"]
    values = {
        "article_id": article_id,
        "reader": reader,
        "offset": (page - 1) * per_page,
        "limit": per_page,
    }
    rows = db.session.execute(_own_parts_query(last_page, order), values).all()
    parts = OwnParts(likes=[], liked=set(), pending=ThreadPage(top=[]))
    for comment, liked, has_replies in rows:
        if has_replies:
            parts.answered.add(comment.id)
        if comment.status == CommentStatus.PENDING:
            parts.pending.top.append(comment)
            if comment.parent_id is not None:
                parts.pending.names[comment.parent_id] = comment.parent.author_name
        else:
            parts.likes.append(comment)
            if liked:
                parts.liked.add(comment.id)
    return parts


@functools.cache
def _own_parts_query(last_page: bool, order: str) -> sa.Select[Any]:
    # Built once per kind of page (it runs for every returning reader's page view).
    article_id = sa.bindparam("article_id")
    reader = sa.bindparam("reader")
    top = sa.orm.aliased(Comment)
    on_page = _top_level(article_id, None, None, top, order).with_only_columns(top.id)
    liked = (
        sa.select(CommentLike.id)
        .where(CommentLike.comment_id == Comment.id, CommentLike.voter_id == reader)
        .exists()
    )
    # Asked only of their own comments: whether they may still edit them.
    reply = sa.orm.aliased(Comment)
    has_replies = sa.and_(
        Comment.commenter_id == reader,
        sa.select(reply.id)
        .where(reply.parent_id == Comment.id, reply.status != CommentStatus.REMOVED)
        .exists(),
    )
    where = sa.func.coalesce(Comment.thread_id, Comment.id).in_(on_page)
    if last_page:
        new_top = sa.and_(Comment.status == CommentStatus.PENDING, Comment.parent_id.is_(None))
        where = sa.or_(where, new_top)
    return (
        sa.select(Comment, liked, has_replies)
        .where(
            Comment.article_id == article_id,
            sa.or_(Comment.commenter_id == reader, liked),
            # Not IN (...): an expanding parameter is compiled again on every execution.
            # One in review shows the same placeholder to its writer: nothing of theirs.
            sa.or_(
                Comment.status == CommentStatus.VISIBLE, Comment.status == CommentStatus.PENDING
            ),
            where,
        )
        .order_by(Comment.created_at, Comment.id)
    )


# --- Links to one comment -------------------------------------------------------------


@dataclass
class Place:
    """Where a comment is shown: the page of threads in an order, and for a reply beyond
    the first REPLIES_PER_THREAD of its thread, how many replies to show."""

    page: int
    thread_id: int
    replies_shown: int = 0


def place_of(comment: Comment, order: str) -> Place | None:
    """Where everyone sees this comment in `order`, in at most 2 queries; None for a
    comment nobody but its writer sees (held, reviewed, removed)."""
    if comment.status != CommentStatus.VISIBLE:
        return None
    top = comment if comment.thread_id is None else db.session.get(Comment, comment.thread_id)
    if top is None:
        return None
    config = current_app.config
    shown = _shown_top_level(comment.article_id, None).subquery()
    ahead = sa.orm.aliased(Comment, shown)
    before = db.session.scalar(
        sa.select(sa.func.count()).select_from(ahead).where(_ahead_of(ahead, top, order))
    )
    place = Place(page=(before or 0) // config["COMMENTS_PER_PAGE"] + 1, thread_id=top.id)
    if comment.thread_id is not None:
        replies = _replies(None, [top.id])
        number = db.session.scalar(sa.select(replies.c.number).where(replies.c.id == comment.id))
        if number and number > config["REPLIES_PER_THREAD"]:
            place.replies_shown = number
    return place


# --- New comments arriving ------------------------------------------------------------

# How long a worker trusts its copy of an article's newest visible time: a comment that
# becomes visible clears this worker's copy at once, and every other worker's after this.
NEWS_CACHE_SECONDS = 5
_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)


def time_number(value: datetime | None) -> int:
    """A stored UTC time as a number (microseconds since 1970; 0 for none), for URLs."""
    return 0 if value is None else (value - _EPOCH) // _MICROSECOND


def number_time(number: int) -> datetime:
    """The time `time_number` made this number of."""
    return _EPOCH + number * _MICROSECOND


def _news_key(article_id: int) -> str:
    return f"thread-news:{article_id}"


@functools.cache
def _news_query() -> sa.Select[Any]:
    return (
        sa.select(Article.last_comment_at, Edition.language)
        .join(Edition, Edition.id == Article.edition_id)
        .where(Article.public_clause(sa.bindparam("now")), Article.id == sa.bindparam("id"))
    )


def thread_news(article_id: int) -> tuple[int, str] | None:
    """When a comment last became visible on a public article (`time_number`), and the
    article's language; None if it is not public. From this worker's cache when it
    has a copy of the last NEWS_CACHE_SECONDS, so a poll that finds nothing newer
    costs no query."""
    key = _news_key(article_id)
    found = cache.get(key)
    if found is None:
        row = prepared(_news_query).first(now=utcnow(), id=article_id)
        found = (-1, "") if row is None else (time_number(row[0]), row[1])
        cache.set(key, found, timeout=NEWS_CACHE_SECONDS)
    return None if found[0] < 0 else found


def _arrived(article_id: int, since: datetime, reader: str | None) -> sa.Select[Any]:
    """Comments by others that became visible after `since`."""
    query = sa.select(Comment).where(
        Comment.article_id == article_id,
        Comment.status == CommentStatus.VISIBLE,
        Comment.visible_at > since,
    )
    return query.where(Comment.commenter_id != reader) if reader else query


def arrived_count(article_id: int, since: datetime, reader: str | None) -> int:
    """How many comments by others became visible after `since`, in one query."""
    counted = _arrived(article_id, since, reader).with_only_columns(sa.func.count())
    return db.session.scalar(counted) or 0


def arrived_comments(article: Article, since: datetime, reader: str | None) -> ThreadPage:
    """The comments by others that became visible after `since`, in the order they did
    (at most a page of them), each with the name of what it answers, in one query."""
    limit = current_app.config["COMMENTS_PER_PAGE"]
    rows = db.session.scalars(
        _arrived(article.id, since, reader)
        .options(sa.orm.joinedload(Comment.parent))
        .order_by(Comment.visible_at, Comment.id)
        .limit(limit)
    ).all()
    thread = ThreadPage(top=list(rows))
    for comment in rows:
        thread.names[comment.id] = comment.author_name
        if comment.parent is not None:
            thread.names[comment.parent.id] = comment.parent.author_name
    return thread
