"""Load the demo content into the database: `flask --app app seed`.

Idempotent: rows are looked up by slug and only missing ones are created.
Existing rows are never changed, so an editor's changes to a demo article
survive the next `make run`, and a second run renders no photos at all.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import sqlalchemy as sa

from newsite.comments.services import NewComment, post_comment
from newsite.demo import content, content_ar
from newsite.demo.images import render
from newsite.extensions import db
from newsite.languages import link_translations
from newsite.models import (
    Article,
    ArticleVote,
    Author,
    Comment,
    CommentLike,
    Edition,
    Section,
    Tag,
    VoteChoice,
    counter_update,
    utcnow,
)
from newsite.photos import add_photo
from newsite.public import front
from newsite.text import slugify

SluggedModel = TypeVar("SluggedModel", Edition, Section, Author)


def seed() -> str:
    """Create whatever demo rows are missing; return a one-line report.

    Must run inside an application context. Commits once, at the end.
    """
    editions = {
        e.slug: _get_or_create(
            Edition,
            e.slug,
            name=e.name,
            description=e.description,
            language=e.language,
            time_zone=e.time_zone,
            position=e.position,
        )
        for e in [*content.EDITIONS, content_ar.EDITION]
    }
    sections = {
        s.slug: _get_or_create(Section, s.slug, name=s.name, position=s.position)
        for s in content.SECTIONS
    }
    for slug, section in sections.items():
        # Sections made before the Arabic edition get their Arabic names too.
        if "ar" not in (section.translations or {}):
            section.translations = {
                **(section.translations or {}),
                "ar": content_ar.SECTION_NAMES[slug],
            }
    authors = {
        a.slug: _get_or_create(Author, a.slug, name=a.name, bio=a.bio)
        for a in [*content.AUTHORS, *content_ar.AUTHORS]
    }
    # One clock for the whole run keeps the articles' order exactly as written.
    now = utcnow()
    created = 0
    articles = [*content.ARTICLES, *content_ar.ARTICLES]
    for data in articles:
        if db.session.scalar(db.select(Article).filter_by(slug=data.slug)) is not None:
            continue
        db.session.add(
            _article(
                data, now, editions[data.edition], sections[data.section], authors[data.author]
            )
        )
        created += 1
    db.session.commit()
    _seed_translations()
    _seed_tags()
    comments = _seed_comments()
    votes = _seed_votes()
    _seed_front_pages()
    return (
        f"Seeded {len(editions)} editions, {len(sections)} sections, {len(authors)} authors, "
        f"{len(articles)} articles ({created} new), {comments} new comments, "
        f"{votes} new votes and likes"
    )


def _seed_translations() -> None:
    """Link the Arabic stories to the English ones they translate, once."""
    for arabic, english in content_ar.TRANSLATIONS.items():
        pair = [db.session.scalar(db.select(Article).filter_by(slug=s)) for s in (arabic, english)]
        if None not in pair and pair[0].translation is None and pair[1].translation is None:
            link_translations(pair[0], pair[1])
    db.session.commit()


def _seed_tags() -> None:
    """Tag the demo articles, once: an article that has tags is left as it is."""
    tags: dict[str, Tag] = {}
    wanted = [
        (db.select(Article).filter_by(headline=headline), [(slugify(n), n) for n in names])
        for headline, names in content.TAGS.items()
    ] + [
        (db.select(Article).filter_by(slug=slug), list(pairs))
        for slug, pairs in content_ar.TAGS.items()
    ]
    for query, pairs in wanted:
        article = db.session.scalar(query)
        if article is None or article.tags:
            continue
        for slug, name in pairs:
            if slug not in tags:
                tags[slug] = db.session.scalar(db.select(Tag).filter_by(slug=slug)) or Tag(
                    slug=slug, name=name
                )
        article.tags = [tags[slug] for slug, _name in pairs]
    db.session.commit()


@dataclass(frozen=True)
class FrontPageData:
    """A curated front page: its pins in slot order (a slug, and for how many hours from
    seeding, None: until unpinned), then its blocks (a section's slug, allow repeats)."""

    pins: list[tuple[str, int | None]]
    blocks: list[tuple[str, bool]]


# Home (None) and the Arabic edition's front page, by edition slug.
FRONT_PAGES = {
    None: FrontPageData(
        pins=[
            ("baghdad-council-votes-to-publish-its-spending-records-online", None),
            ("clearance-teams-mark-safe-lanes-through-farmland-outside-homs", 36),
            ("farmers-on-the-euphrates-turn-to-drip-lines-as-the-river-runs-low", None),
            ("choir-returns-to-the-stage-of-a-restored-damascus-cinema", 48),
        ],
        blocks=[
            ("economy", False),
            ("security", True),
            ("politics", False),
            ("sport", False),
            ("culture", False),
        ],
    ),
    "arabic": FrontPageData(
        pins=[
            ("ar-euphrates-farmers-switch-to-drip-irrigation", None),
            ("ar-basra-shatt-al-arab-rescue-points", None),
            ("ar-aleppo-laurel-soap-exports-recover", 48),
        ],
        blocks=[
            ("culture", True),
            ("sport", False),
            ("security", False),
            ("economy", False),
            ("politics", False),
        ],
    ),
}


def _seed_front_pages() -> None:
    """Curate home and the Arabic edition's front page, once each: a front page that has
    a curation row (the seed's, or an editor's) is left as it is."""
    now = utcnow()
    for edition_slug, curated in FRONT_PAGES.items():
        edition = None
        if edition_slug is not None:
            edition = db.session.scalar(db.select(Edition).filter_by(slug=edition_slug))
            if edition is None:
                continue
        if front.curation(edition) is not None:
            continue
        for position, (slug, hours) in enumerate(curated.pins):
            article = db.session.scalar(db.select(Article).filter_by(slug=slug))
            if article is not None:
                until = None if hours is None else now + timedelta(hours=hours)
                front.pin(edition, position, article, until)
        for slug, allow_repeats in curated.blocks:
            section = db.session.scalar(db.select(Section).filter_by(slug=slug))
            if section is not None:
                front.add_block(edition, section, allow_repeats)
    db.session.commit()


DEMO_COMMENTER = "demo-reader"


def _seed_comments() -> int:
    """Post the demo comments through the comment service, once each."""
    created = 0
    for slug, comments in {**content.COMMENTS, **content_ar.COMMENTS}.items():
        article = db.session.scalar(db.select(Article).filter_by(slug=slug))
        if article is None or article.published_at is None:
            continue
        for data in comments:
            created += _seed_comment(article, data, None)
    return created


def _seed_comment(article: Article, data: content.CommentData, parent_id: int | None) -> int:
    # Already there from an earlier run? (Backdated, so the service's ten-minute
    # repeat rule would not recognise it.)
    comment = db.session.scalar(
        sa.select(Comment).filter_by(
            article_id=article.id,
            parent_id=parent_id,
            commenter_id=DEMO_COMMENTER,
            body=data.body.strip("\n "),
        )
    )
    created = 0
    if comment is None:
        new = NewComment(
            name=data.name,
            email=None,
            body=data.body,
            parent_id=parent_id,
            commenter_id=DEMO_COMMENTER,
        )
        comment = post_comment(article, new).comment
        written = article.published_at + timedelta(hours=data.hours_after)
        comment.created_at = min(written, utcnow())
        db.session.commit()
        created = 1
    for reply in data.replies:
        created += _seed_comment(article, reply, comment.id)
    return created


def _seed_votes() -> int:
    """Plausible yes/no votes on every public article and likes on its comments.

    Rows and counters are added together, as the vote service does; articles
    that already have demo votes are left alone, so a second run adds nothing.
    """
    created = 0
    for article in db.session.scalars(Article.public()):
        demo = sa.select(ArticleVote.id).where(
            ArticleVote.article_id == article.id, ArticleVote.voter_id.like("demo-%")
        )
        if db.session.scalar(demo.limit(1)) is None:
            rng = random.Random(article.slug)  # the same votes for an article, every time
            created += _seed_article_votes(article, rng) + _seed_likes(article, rng)
    db.session.commit()
    return created


def _seed_article_votes(article: Article, rng: random.Random) -> int:
    yes, no = rng.randint(4, 60), rng.randint(0, 18)
    choices = [VoteChoice.YES] * yes + [VoteChoice.NO] * no
    rows = [
        {"article_id": article.id, "voter_id": f"demo-voter-{n}", "choice": choice}
        for n, choice in enumerate(choices)
    ]
    db.session.execute(sa.insert(ArticleVote), rows)
    db.session.execute(
        counter_update(Article)
        .where(Article.id == article.id)
        .values(votes_yes=Article.votes_yes + yes, votes_no=Article.votes_no + no)
    )
    return yes + no


def _seed_likes(article: Article, rng: random.Random) -> int:
    created = 0
    for comment in db.session.scalars(sa.select(Comment).filter_by(article_id=article.id)):
        likes = rng.randint(0, 9)
        if not likes:
            continue
        rows = [{"comment_id": comment.id, "voter_id": f"demo-voter-{n}"} for n in range(likes)]
        db.session.execute(sa.insert(CommentLike), rows)
        db.session.execute(
            sa.update(Comment)
            .where(Comment.id == comment.id)
            .values(like_count=Comment.like_count + likes)
        )
        db.session.execute(
            counter_update(Article)
            .where(Article.id == article.id)
            .values(activity=Article.activity + 1)
        )
        created += likes
    return created


def _get_or_create(model: type[SluggedModel], slug: str, **fields: object) -> SluggedModel:
    """The row with `slug`, as it is; or a new one with `fields`, added to the session."""
    row = db.session.scalar(db.select(model).filter_by(slug=slug))
    if row is None:
        row = model(slug=slug, **fields)
        db.session.add(row)
    return row


def _article(
    data: content.ArticleData, now: datetime, edition: Edition, section: Section, author: Author
) -> Article:
    """A new article with its lead photo, rendered only now that it is needed."""
    photo = add_photo(
        render(data.photo.scene, data.photo.mood, seed=data.slug),
        caption=data.photo.caption,
        credit=data.photo.credit,
        alt_text=data.photo.alt_text,
    )
    published_at = None if data.hours_ago is None else now - timedelta(hours=data.hours_ago)
    return Article(
        slug=data.slug,
        headline=data.headline,
        summary=data.summary,
        body=data.body.strip() + "\n",
        dateline=data.dateline,
        status=data.status,
        published_at=published_at,
        edition=edition,
        section=section,
        author=author,
        lead_photo=photo,
    )
