"""The newsroom's data: editions, sections, authors, photos and articles."""

from __future__ import annotations

import enum
import functools
import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from newsite.extensions import db
from newsite.languages import LANGUAGES
from newsite.text import render_markdown, slugify

# First path segments that belong to the site, so no edition may take them.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "authors",
        "sections",
        "comment-policy",
        "static",
        "media",
        "search",
        "feeds",
        "comments",
        "votes",
        "healthz",
        "robots.txt",
        "sitemap.xml",
        "sitemaps",
        "tags",
        "favicon.ico",
        "mine",
        "most-read",
        "icons",
        "apple-touch-icon.png",
        "manifest.webmanifest",
        "publisher-logo.png",
        # The newsroom's own pages (newsite/public/views.py STATIC_PAGES).
        "about",
        "corrections",
        "privacy",
        "contact",
        "ethics",
        "corrections-policy",
        "masthead",
        # Dismissing a breaking-news banner (newsite/public/banners.py).
        "banners",
        # Shared preview links of unpublished articles (newsite/public/previews.py).
        "preview",
    }
)


def str_enum(values: type[enum.StrEnum], length: int) -> sa.Enum:
    """A string column holding an enum's values (not names), checked in Python."""
    return sa.Enum(
        values, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


def counter_update(model: Any) -> sa.Update:
    """An UPDATE of counters (comments, votes, thread activity). Not an edit: the
    row's `updated_at` (when an editor last saved it) stays as it is rather than
    follow its `onupdate`."""
    statement = sa.update(model)
    if "updated_at" in model.__table__.c:
        statement = statement.values(updated_at=model.__table__.c.updated_at)
    return statement


@functools.cache
def time_zones() -> frozenset[str]:
    """Every IANA time zone name (from tzdata), read once; not the system's own links,
    nor the fixed offsets `Etc/GMT+3` and the like (they name no city, and pages would
    call their times UTC): an edition's zone is a place's."""
    names = available_timezones() - {"localtime", "posixrules", "Factory"}
    return frozenset(n for n in names if not n.startswith("Etc/") or n == "Etc/UTC")


def utcnow() -> datetime:
    """The current time in UTC, naive, as every timestamp column stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


class Edition(db.Model):
    """A regional edition such as "Iraq News", the first part of article URLs."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.String(300), default="")
    language: Mapped[str] = mapped_column(sa.String(10), default="en")
    # The IANA time zone its readers live in ("Asia/Baghdad"): every time its pages show
    # is in it, and editors schedule its articles in it. Times are stored in UTC.
    time_zone: Mapped[str] = mapped_column(sa.String(64), default="UTC", server_default="UTC")
    position: Mapped[int] = mapped_column(default=0)

    @validates("time_zone")
    def _check_time_zone(self, _key: str, name: str) -> str:
        if name not in time_zones():
            raise ValueError(f"{name!r} is not a time zone (e.g. Asia/Baghdad).")
        return name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone or "UTC")

    def local(self, moment: datetime) -> datetime:
        """A stored (naive UTC) time as the edition's wall-clock time, naive."""
        return moment.replace(tzinfo=UTC).astimezone(self.zone).replace(tzinfo=None)

    def from_local(self, wall_clock: datetime) -> datetime:
        """The edition's wall-clock time (what an editor types) as a stored UTC time."""
        return wall_clock.replace(tzinfo=self.zone).astimezone(UTC).replace(tzinfo=None)

    @validates("language")
    def _check_language(self, _key: str, language: str) -> str:
        if language not in LANGUAGES:
            raise ValueError(f"{language!r} is not a language this site is written in.")
        return language

    @validates("slug")
    def _check_slug(self, _key: str, slug: str) -> str:
        if slug in RESERVED_SLUGS:
            raise ValueError(f"{slug!r} is a reserved path and cannot name an edition.")
        return slug

    def __repr__(self) -> str:
        return f"<Edition {self.slug}>"


class Section(db.Model):
    """A beat such as "Security", shared by all editions."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    # The name in other languages, by language code ({"ar": "أمن"}): sections are
    # shared by editions that speak different languages.
    translations: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict, server_default="{}")
    position: Mapped[int] = mapped_column(default=0)

    @property
    def arabic_name(self) -> str:
        """The name in the Arabic edition (what the admin's form edits)."""
        return (self.translations or {}).get("ar", "")

    @arabic_name.setter
    def arabic_name(self, name: str) -> None:
        # A new dict: the JSON column sees only a replaced value as a change.
        names = {k: v for k, v in (self.translations or {}).items() if k != "ar"}
        self.translations = names | ({"ar": name.strip()} if name and name.strip() else {})

    def __repr__(self) -> str:
        return f"<Section {self.slug}>"


class Author(db.Model):
    """A reporter or contributor named in bylines: staff, or a guest."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    # Their job, shown with the byline box and on the masthead ("Baghdad correspondent").
    # Guests have none.
    title: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    photo_id: Mapped[int | None] = mapped_column(sa.ForeignKey("photo.id", ondelete="SET NULL"))
    # How to reach them, in order: [{"label": "Email", "url": "mailto:..."}, ...].
    contact_links: Mapped[list[dict[str, str]]] = mapped_column(
        sa.JSON, default=list, server_default="[]"
    )
    # A contributor from outside the newsroom: no staff title, never on the masthead.
    is_guest: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # On the masthead, in `masthead_position` order.
    is_staff: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    masthead_position: Mapped[int] = mapped_column(default=0, server_default="0")

    photo: Mapped[Photo | None] = relationship(lazy="select")

    def __repr__(self) -> str:
        return f"<Author {self.slug}>"


class Tag(db.Model):
    """A subject that runs across editions and sections ("Elections", "Water")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))

    def __repr__(self) -> str:
        return f"<Tag {self.slug}>"


article_tag = sa.Table(
    "article_tag",
    db.metadata,
    sa.Column("article_id", sa.ForeignKey("article.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_article_tag_tag_id", "tag_id"),
)


class Photo(db.Model):
    """An image in the photo library, stored as JPEG renditions of fixed widths."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # Folder name of the renditions under MEDIA_ROOT/photos; never reused.
    key: Mapped[str] = mapped_column(sa.String(40), unique=True)
    width: Mapped[int]
    height: Mapped[int]
    # JSON list of the rendered widths, smallest first.
    widths_json: Mapped[str] = mapped_column(sa.String(200))
    caption: Mapped[str] = mapped_column(sa.String(500), default="")
    credit: Mapped[str] = mapped_column(sa.String(200), default="")
    alt_text: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The focal point, in percent of the width and height: the 3:2 and 16:9 crops are
    # cut around it. `crops_version` names the crops' files, bumped by each change.
    focal_x: Mapped[int] = mapped_column(default=50, server_default="50")
    focal_y: Mapped[int] = mapped_column(default=50, server_default="50")
    crops_version: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def widths(self) -> list[int]:
        return json.loads(self.widths_json)

    def url(self, width: int | None = None) -> str:
        """URL of the largest rendition no wider than `width` (the largest of all if None)."""
        widths = self.widths
        fitting = [w for w in widths if width is None or w <= width] or widths[:1]
        return f"{self._folder_url()}{fitting[-1]}.jpg"

    def srcset(self, largest: int | None = None) -> str:
        """The JPEG renditions as a `srcset`, up to `largest` px wide (all if None)."""
        folder = self._folder_url()
        return ", ".join(f"{folder}{w}.jpg {w}w" for w in self.widths_up_to(largest))

    def widths_up_to(self, largest: int | None) -> list[int]:
        """The rendition widths a layout at most `largest` px wide can use (at least one)."""
        return [w for w in self.widths if largest is None or w <= largest] or self.widths[:1]

    def _folder_url(self) -> str:
        # One url_for per call: renditions differ only by file name.
        return url_for("public.media", filename=f"photos/{self.key}/")

    def __repr__(self) -> str:
        return f"<Photo {self.key}>"


class StoryType(enum.StrEnum):
    """What kind of story an article is: every kind but news is labelled for readers."""

    NEWS = "news"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    EXPLAINER = "explainer"
    INTERVIEW = "interview"
    SPONSORED = "sponsored"


class ContributorRole(enum.StrEnum):
    WRITER = "writer"
    PHOTOS = "photos"
    VIDEO = "video"
    TRANSLATION = "translation"
    ADDITIONAL_REPORTING = "additional_reporting"


class CorrectionKind(enum.StrEnum):
    CORRECTION = "correction"
    CLARIFICATION = "clarification"


class ArticleStatus(enum.StrEnum):
    DRAFT = "draft"
    # The desk's workflow: a reporter submits ("Ready for edit"), an editor approves;
    # only an editor publishes or schedules.
    READY = "ready"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"


class Article(db.Model):
    """A news story. Readers see it only when `Article.public()` says so."""

    __table_args__ = (
        sa.Index("ix_article_public_published_at", "status", "published_at"),
        sa.Index("ix_article_edition_published_at", "edition_id", "published_at"),
        sa.Index("ix_article_section_published_at", "section_id", "published_at"),
        sa.Index("ix_article_author_published_at", "author_id", "published_at"),
        # The next expiry: pages' versions look it up (newsite.public.caching).
        sa.Index("ix_article_unpublish_at", "unpublish_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    headline: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    # Bodies load only where they are shown (`undefer`), never for listings.
    body: Mapped[str] = mapped_column(sa.Text, default="", deferred=True)
    # Sanitised HTML of `body`, rendered once when the body is set.
    body_html: Mapped[str] = mapped_column(sa.Text, default="", deferred=True)
    dateline: Mapped[str] = mapped_column(sa.String(80), default="")
    status: Mapped[ArticleStatus] = mapped_column(
        str_enum(ArticleStatus, 20),
        default=ArticleStatus.DRAFT,
    )
    published_at: Mapped[datetime | None]
    # When it leaves every public page by itself ("Expired" to editors), like
    # scheduled publishing: no job needed.
    unpublish_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Bumped by every change to the comment thread (posts, moderation, likes): the
    # rendered thread is cached under it, so any change shows at once.
    activity: Mapped[int] = mapped_column(default=0, server_default="0")
    # Counts saves; a form carries the number it was loaded with, to catch stale saves.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    # Visible comments, kept by the comment service so listings need no count query.
    comment_count: Mapped[int] = mapped_column(default=0, server_default="0")
    comments_closed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The "Updated" time readers see (and dateModified, feeds' <updated>, sitemaps'
    # <lastmod>): moved only by a substantive update or a correction, never by a typo
    # fix. None until the first such change.
    modified_at: Mapped[datetime | None]
    # "What changed" in the last substantive update, shown under the byline.
    update_note: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    story_type: Mapped[StoryType] = mapped_column(
        str_enum(StoryType, 20), default=StoryType.NEWS, server_default=StoryType.NEWS.value
    )
    # Who paid for a sponsored story ("Sponsored by NAME" replaces its byline).
    sponsor: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    # When a comment last became visible: open pages poll for comments newer than this.
    last_comment_at: Mapped[datetime | None]
    # "Do you like this article?": kept with the vote rows in one transaction.
    votes_yes: Mapped[int] = mapped_column(default=0, server_default="0")
    votes_no: Mapped[int] = mapped_column(default=0, server_default="0")
    # None follows the site's COMMENT_MODERATION setting; "pre" or "post" overrides it.
    comment_moderation: Mapped[str | None] = mapped_column(sa.String(10))

    # The first writer of `contributors`, kept by `newsite.bylines` (listings, feeds'
    # fallbacks and the comment badge read it without loading the contributors).
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("author.id"))
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("edition.id"))
    section_id: Mapped[int] = mapped_column(sa.ForeignKey("section.id"))
    lead_photo_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("photo.id", ondelete="SET NULL")
    )
    # The same story in another edition's language; the link is kept on both sides
    # (`newsite.languages.link_translations`).
    translation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("article.id", ondelete="SET NULL"), index=True
    )

    author: Mapped[Author] = relationship(lazy="joined", innerjoin=True)
    edition: Mapped[Edition] = relationship(lazy="joined", innerjoin=True)
    section: Mapped[Section] = relationship(lazy="joined", innerjoin=True)
    lead_photo: Mapped[Photo | None] = relationship(lazy="joined")
    # Loaded where shown (the article page, the admin form), in one more query.
    tags: Mapped[list[Tag]] = relationship(secondary=article_tag, lazy="select", order_by=Tag.name)
    translation: Mapped[Article | None] = relationship(
        remote_side=[id], foreign_keys=[translation_id], lazy="select", post_update=True
    )
    # Everyone credited, in byline order. Loaded where shown (the article page, the
    # admin form, feeds), in one more query.
    contributors: Mapped[list[ArticleContributor]] = relationship(
        lazy="select",
        order_by=lambda: ArticleContributor.position,
        cascade="all, delete-orphan",
        back_populates="article",
    )
    # Corrections and clarifications readers see, oldest first.
    corrections: Mapped[list[Correction]] = relationship(
        primaryjoin=lambda: sa.and_(
            Correction.article_id == Article.id, Correction.removed_at.is_(None)
        ),
        order_by=lambda: (Correction.created_at, Correction.id),
        viewonly=True,
        lazy="select",
    )
    # The photos it ends with, in order (newsite/admin/gallery.py edits them).
    gallery: Mapped[list[GalleryItem]] = relationship(
        order_by=lambda: GalleryItem.position, cascade="all, delete-orphan", lazy="select"
    )
    # Its featured comments that are shown (at most three, the comment service's rule),
    # first featured first: the article page joins them to the article's own query.
    featured_comments: Mapped[list[Comment]] = relationship(
        primaryjoin=lambda: sa.and_(
            Comment.article_id == Article.id,
            Comment.featured_at.is_not(None),
            Comment.status == CommentStatus.VISIBLE,
        ),
        order_by=lambda: (Comment.featured_at, Comment.id),
        viewonly=True,
        lazy="select",
    )

    @validates("body")
    def _render_body(self, _key: str, body: str) -> str:
        # Rendering here, at save time, keeps Markdown work off every page view. Video
        # cards come from what was fetched before (embeds.fetch_missing): none here.
        from newsite.embeds import render_body  # it needs this module first

        self.body_html = render_body(body)
        return body

    @validates("slug")
    def _check_slug(self, _key: str, slug: str) -> str:
        if slug != slugify(slug):
            raise ValueError(f"{slug!r} is not a valid slug.")
        return slug

    @classmethod
    def public(cls, now: datetime | None = None) -> sa.Select[tuple[Article]]:
        """Articles readers may see, newest first: the site's one "published" rule.

        A scheduled article becomes public when its time comes, with no job
        needed to flip its status.
        """
        return (
            sa.select(cls)
            .where(cls.public_clause(utcnow() if now is None else now))
            .order_by(cls.published_at.desc(), cls.id.desc())
        )

    @classmethod
    def public_clause(cls, now: datetime | sa.BindParameter[datetime]) -> sa.ColumnElement[bool]:
        """The condition of `public()`; `now` may be a bound parameter of a prebuilt query."""
        return sa.and_(
            # Not IN (...): an expanding parameter is rebuilt on every execution.
            sa.or_(cls.status == ArticleStatus.PUBLISHED, cls.status == ArticleStatus.SCHEDULED),
            cls.published_at.is_not(None),
            cls.published_at <= now,
            sa.or_(cls.unpublish_at.is_(None), cls.unpublish_at > now),
        )

    @property
    def is_public(self) -> bool:
        return (
            self.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= utcnow()
            and not self.is_expired
        )

    @property
    def is_expired(self) -> bool:
        """Published, then its "Unpublish at" time came: readers get 410 Gone ("Expired"
        to editors; `newsite.unpublishing.expired_clause` in SQL)."""
        return (
            self.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
            and self.published_at is not None
            and self.unpublish_at is not None
            and self.unpublish_at <= utcnow()
        )

    def url(self, **kwargs: object) -> str:
        return url_for(
            "public.article",
            edition=self.edition.slug,
            section=self.section.slug,
            slug=self.slug,
            **kwargs,
        )

    def __repr__(self) -> str:
        return f"<Article {self.slug}>"


class ArticleContributor(db.Model):
    """One person credited on an article, in one role, at one place in the byline."""

    __table_args__ = (
        sa.UniqueConstraint("article_id", "author_id", "role"),
        sa.Index("ix_article_contributor_author", "author_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("author.id", ondelete="CASCADE"))
    role: Mapped[ContributorRole] = mapped_column(
        str_enum(ContributorRole, 30), default=ContributorRole.WRITER
    )
    position: Mapped[int] = mapped_column(default=0)

    article: Mapped[Article] = relationship(back_populates="contributors")
    author: Mapped[Author] = relationship(lazy="joined", innerjoin=True)


class Correction(db.Model):
    """A correction or clarification of an article. Never deleted: an admin's removal
    sets `removed_at` and is written in the article's revisions."""

    __table_args__ = (
        sa.Index("ix_correction_article", "article_id", "created_at"),
        sa.Index("ix_correction_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    kind: Mapped[CorrectionKind] = mapped_column(str_enum(CorrectionKind, 20))
    text: Mapped[str] = mapped_column(sa.String(1000))
    # Serious: shown above the body; minor: below it.
    serious: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("editor.id", ondelete="SET NULL"))
    removed_at: Mapped[datetime | None]
    removed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("editor.id", ondelete="SET NULL")
    )

    article: Mapped[Article] = relationship()


class ArticleViews(db.Model):
    """Page views of an article in one hour: "Most read" sums the last day's.

    Views are counted in memory or Redis and added here in batches, never by the
    page view's own request (see `newsite.readership`).
    """

    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    hour: Mapped[datetime] = mapped_column(primary_key=True, index=True)
    views: Mapped[int] = mapped_column(default=0)


class CommentStatus(enum.StrEnum):
    VISIBLE = "visible"
    PENDING = "pending"
    REMOVED = "removed"
    # Held after readers reported it: every reader sees "This comment is being
    # reviewed." in its place until a moderator decides.
    REVIEW = "review"


class Comment(db.Model):
    """A reader's comment or reply. Posting goes through `newsite.comments.services`."""

    __table_args__ = (
        sa.Index("ix_comment_article_top_level", "article_id", "parent_id", "created_at"),
        sa.Index("ix_comment_thread", "thread_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    # The comment answered, if any, and the one it is shown under: replies nest
    # to a fixed depth, deeper answers join the deepest level.
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id"))
    display_parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id"))
    # The top-level comment of the thread (None for a top-level comment itself),
    # so a page of threads loads with one query.
    thread_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id"))
    depth: Mapped[int] = mapped_column(default=0)
    author_name: Mapped[str] = mapped_column(sa.String(200))
    # Never shown publicly.
    author_email: Mapped[str | None] = mapped_column(sa.String(254))
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[CommentStatus] = mapped_column(
        str_enum(CommentStatus, 20),
        default=CommentStatus.VISIBLE,
    )
    # Why a comment was held for moderation (links, a suspect word, pre-moderation...).
    held_reason: Mapped[str | None] = mapped_column(sa.String(100))
    # Keyed hash of the client address (never the address): moderators can spot
    # and block a source without knowing who it is.
    client_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    # Random id from the commenter's signed cookie: lets them see their own pending comments.
    commenter_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    # One per rendered form: a double click or a retry cannot post twice.
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    like_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # When it last became visible (posted, approved, restored): what polling compares.
    visible_at: Mapped[datetime | None]
    # Why it was published at once under pre-moderation (a trusted commenter...).
    published_reason: Mapped[str | None] = mapped_column(sa.String(100))
    # Set when its writer changed the text (the earlier text is a CommentRevision).
    edited_at: Mapped[datetime | None]
    # Removed by its own writer rather than a moderator (the tombstone says which).
    deleted_by_author: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Chosen by a moderator: labelled, and listed above the thread.
    featured_at: Mapped[datetime | None]
    # Posted by a signed-in editor: their account, and the badge shown ("staff", "author").
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("editor.id", ondelete="SET NULL"))
    badge: Mapped[str | None] = mapped_column(sa.String(10))

    article: Mapped[Article] = relationship()
    parent: Mapped[Comment | None] = relationship(remote_side=[id], foreign_keys=[parent_id])

    def __repr__(self) -> str:
        return f"<Comment {self.id} on {self.article_id}>"


class VoteChoice(enum.StrEnum):
    YES = "yes"
    NO = "no"


class ArticleVote(db.Model):
    """A reader's answer to "Do you like this article?": one per reader and article."""

    __table_args__ = (sa.UniqueConstraint("article_id", "voter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    voter_id: Mapped[str] = mapped_column(sa.String(64))
    choice: Mapped[VoteChoice] = mapped_column(str_enum(VoteChoice, 10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CommentLike(db.Model):
    """A reader's like of a comment: one per reader and comment."""

    __table_args__ = (sa.UniqueConstraint("comment_id", "voter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"))
    voter_id: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Role(enum.StrEnum):
    ADMIN = "admin"  # everything, including editors, editions, sections, authors, settings
    EDITOR = "editor"  # articles and photos
    MODERATOR = "moderator"  # comments
    REPORTER = "reporter"  # their own drafts, up to "Ready for edit"


class Editor(db.Model):
    """A newsroom account for the admin area."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, 20))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # Part of the session's user id: bumping it ends every session, replayed ones included.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]
    # The byline this editor writes under: their comments on its articles say "Author".
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("author.id", ondelete="SET NULL"))

    # Flask-Login's user interface.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def can(self, *roles: Role) -> bool:
        return self.role == Role.ADMIN or self.role in roles

    def __repr__(self) -> str:
        return f"<Editor {self.email}>"


class ArticleRevision(db.Model):
    """What an article said after one save; editors can view and restore it."""

    __table_args__ = (sa.UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    number: Mapped[int]
    headline: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500))
    body: Mapped[str] = mapped_column(sa.Text)
    dateline: Mapped[str] = mapped_column(sa.String(80))
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("editor.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What this entry records beyond the text: "Substantive update: ...", "Correction
    # removed: ...".
    note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    editor: Mapped[Editor | None] = relationship()


class CommentRevision(db.Model):
    """A comment's text before its writer edited it; moderators can read it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(sa.Text)
    # When this text was replaced.
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportReason(enum.StrEnum):
    SPAM = "spam"
    ABUSE = "abuse"
    OFF_TOPIC = "off_topic"
    OTHER = "other"


class CommentReport(db.Model):
    """A reader's report of a comment: one per reader and comment."""

    __table_args__ = (sa.UniqueConstraint("comment_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"))
    reporter_id: Mapped[str] = mapped_column(sa.String(64))
    reason: Mapped[ReportReason] = mapped_column(str_enum(ReportReason, 20))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when a moderator approved the comment: the report no longer counts.
    dismissed_at: Mapped[datetime | None]


class CommentBlock(db.Model):
    """An email address or hashed client address that may not comment."""

    __table_args__ = (sa.UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(10))  # "email" or "client"
    value: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Page(db.Model):
    """A page about the newsroom that editors write (About us, Ethics policy,
    Corrections policy, the masthead's introduction...), one row per language."""

    __table_args__ = (sa.UniqueConstraint("slug", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60))
    language: Mapped[str] = mapped_column(sa.String(10), default="en")
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    # Sanitised HTML of `body`, rendered once when the body is set.
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @validates("body")
    def _render_body(self, _key: str, body: str) -> str:
        self.body_html = render_markdown(body)
        return body


class FrontPage(db.Model):
    """The curation of one front page: the home page (`edition_id` None) or an
    edition's. Without one, or with nothing in it, a front page is newest first."""

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("edition.id", ondelete="CASCADE"), unique=True
    )

    slots: Mapped[list[FrontSlot]] = relationship(
        order_by=lambda: FrontSlot.position, cascade="all, delete-orphan", lazy="select"
    )
    blocks: Mapped[list[FrontBlock]] = relationship(
        order_by=lambda: FrontBlock.position, cascade="all, delete-orphan", lazy="select"
    )


class FrontSlot(db.Model):
    """A pinned story: position 0 is the lead, 1 to 4 the top stories. After `until`
    the slot falls back to the newest story."""

    __table_args__ = (sa.UniqueConstraint("front_page_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    front_page_id: Mapped[int] = mapped_column(sa.ForeignKey("front_page.id", ondelete="CASCADE"))
    position: Mapped[int]
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    until: Mapped[datetime | None] = mapped_column(index=True)

    article: Mapped[Article] = relationship()


class FrontBlock(db.Model):
    """A section's block on a front page, in the order editors chose."""

    __table_args__ = (sa.UniqueConstraint("front_page_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    front_page_id: Mapped[int] = mapped_column(sa.ForeignKey("front_page.id", ondelete="CASCADE"))
    position: Mapped[int]
    section_id: Mapped[int] = mapped_column(sa.ForeignKey("section.id", ondelete="CASCADE"))
    # Stories already shown higher on the page are skipped unless this is set.
    allow_repeats: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    section: Mapped[Section] = relationship()


class Banner(db.Model):
    """A "Breaking" banner under the header of an edition's pages, linking an
    article, until it expires (at most a day) or is taken down."""

    __table_args__ = (sa.Index("ix_banner_expires_at", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("edition.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    taken_down_at: Mapped[datetime | None]
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("editor.id", ondelete="SET NULL"))

    edition: Mapped[Edition] = relationship()
    article: Mapped[Article] = relationship()


class SiteSetting(db.Model):
    """A setting editors change in the admin; it overrides the configured default."""

    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value_json: Mapped[str] = mapped_column(sa.Text)


def in_language(code: str) -> sa.ColumnElement[bool]:
    """Articles of editions written in `code` (there are only a handful of editions)."""
    return Article.edition_id.in_(sa.select(Edition.id).where(Edition.language == code))


class StatusChange(db.Model):
    """One step of an article through the desk: who moved it, when, from and to."""

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("editor.id", ondelete="SET NULL"))
    from_status: Mapped[str] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    # An editor's note when sending a story back to its reporter.
    note: Mapped[str] = mapped_column(sa.String(2000), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    editor: Mapped[Editor | None] = relationship()


class EditorialNote(db.Model):
    """A private note for the desk on one article: never shown to readers."""

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("editor.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    editor: Mapped[Editor | None] = relationship()
    mentions: Mapped[list[NoteMention]] = relationship(
        cascade="all, delete-orphan", back_populates="note"
    )


class NoteMention(db.Model):
    """A colleague named with "@" in a note: it is listed under "Notes for you"."""

    note_id: Mapped[int] = mapped_column(
        sa.ForeignKey("editorial_note.id", ondelete="CASCADE"), primary_key=True
    )
    editor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("editor.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    note: Mapped[EditorialNote] = relationship(back_populates="mentions")
    editor: Mapped[Editor] = relationship()


class EditLock(db.Model):
    """Who has an article's edit form open: held while renewed (a soft lock)."""

    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    editor_id: Mapped[int] = mapped_column(sa.ForeignKey("editor.id", ondelete="CASCADE"))
    since: Mapped[datetime] = mapped_column(default=utcnow)
    renewed_at: Mapped[datetime] = mapped_column(default=utcnow)

    editor: Mapped[Editor] = relationship()


class Autosave(db.Model):
    """The form an editor was typing, kept every 30 seconds apart from the article."""

    __table_args__ = (sa.UniqueConstraint("article_id", "editor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    editor_id: Mapped[int] = mapped_column(sa.ForeignKey("editor.id", ondelete="CASCADE"))
    # The form's fields as JSON.
    data: Mapped[str] = mapped_column(sa.Text)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)


class PreviewLink(db.Model):
    """A signed link showing an unpublished article to someone outside the newsroom."""

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    # Random and part of the signed token: a link cannot be guessed nor rebuilt.
    nonce: Mapped[str] = mapped_column(sa.String(64), unique=True)
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("editor.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    editor: Mapped[Editor | None] = relationship()


class GalleryItem(db.Model):
    """One photo of the gallery an article ends with, in order, with its own words."""

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    photo_id: Mapped[int] = mapped_column(sa.ForeignKey("photo.id", ondelete="CASCADE"))
    position: Mapped[int]
    caption: Mapped[str] = mapped_column(sa.String(500), default="")
    credit: Mapped[str] = mapped_column(sa.String(200), default="")

    photo: Mapped[Photo] = relationship(lazy="joined", innerjoin=True)


class Embed(db.Model):
    """What the server learned about a video link when an article was saved (oEmbed):
    readers see a card from this, and nothing is fetched while they read."""

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.String(500), unique=True)
    provider: Mapped[str] = mapped_column(sa.String(20))  # "youtube" or "vimeo"
    video_id: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    # The thumbnail's file under MEDIA_ROOT (our copy), if the fetch brought one.
    thumbnail: Mapped[str | None] = mapped_column(sa.String(200))
    # False when oEmbed failed: the embed is a plain link card.
    ok: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
