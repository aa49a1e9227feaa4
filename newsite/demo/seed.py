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

from newsite.bylines import Credit, set_contributors
from newsite.comments.services import NewComment, post_comment
from newsite.corrections import add_correction, record_revision, substantive_update
from newsite.demo import content, content_ar, content_bylines
from newsite.demo.desk import seed_desk
from newsite.demo.desk_photos import seed_desk_photos
from newsite.demo.embeds import seed_embeds
from newsite.demo.images import render
from newsite.demo.newsroom import seed_newsroom
from newsite.demo.previews import seed_preview_link
from newsite.extensions import db
from newsite.languages import link_translations
from newsite.models import (
    Article,
    ArticleVote,
    Author,
    Comment,
    CommentLike,
    Correction,
    CorrectionKind,
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
    _seed_bylines(editions, sections, authors)
    _seed_translations()
    _seed_tags()
    comments = _seed_comments()
    votes = _seed_votes()
    _seed_corrections()
    _seed_front_pages()
    newsroom = f"{seed_newsroom()}; {seed_desk()}"
    seed_embeds()
    seed_desk_photos(now)
    return (
        f"Seeded {len(editions)} editions, {len(sections)} sections, {len(authors)} authors, "
        f"{len(articles)} articles ({created} new), {comments} new comments, "
        f"{votes} new votes and likes, {newsroom}\n{seed_preview_link()}"
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


# (article slug, hours after publication, kind, serious, text): what the newsroom
# corrected, in both languages.
CORRECTIONS = [
    (
        "night-patrols-added-at-basra-port-after-warehouse-break-ins",
        6,
        CorrectionKind.CORRECTION,
        True,
        "An earlier version of this article said that at least seventeen warehouses had "
        "been entered since early autumn. The port authority's figure is seven.",
    ),
    (
        "farmers-on-the-euphrates-turn-to-drip-lines-as-the-river-runs-low",
        4,
        CorrectionKind.CLARIFICATION,
        False,
        "This article has been clarified to say that the loan scheme covers most of the "
        "cost of the drip lines, but not the pump and filter, which farmers buy themselves.",
    ),
    (
        "ar-basra-shatt-al-arab-rescue-points",
        10,
        CorrectionKind.CORRECTION,
        False,
        "ذكرت نسخة سابقة من هذا الخبر أن نقاط الإنقاذ تعمل حتى الساعة العاشرة مساءً، "
        "والصحيح أنها تعمل حتى الساعة الثامنة مساءً.",
    ),
]
# (article slug, hours after publication, what changed): a substantive update.
UPDATE = (
    "latakia-port-reports-its-busiest-month-for-containers-in-two-years",
    3,
    "Adds freight agents' account of the slow roads inland from the port.",
)


def _seed_corrections() -> None:
    """The demo's corrections and its substantive update, once each: a correction
    whose text is there already, or an article updated already, is left alone."""
    for slug, hours, kind, serious, text in CORRECTIONS:
        article = db.session.scalar(db.select(Article).filter_by(slug=slug))
        if article is None or db.session.scalar(
            db.select(Correction.id).filter_by(article_id=article.id, text=text)
        ):
            continue
        at = article.published_at + timedelta(hours=hours)
        add_correction(article, kind, text, serious, editor_id=None, now=at)
    slug, hours, what_changed = UPDATE
    article = db.session.scalar(db.select(Article).filter_by(slug=slug))
    if article is not None and article.modified_at is None:
        at = article.published_at + timedelta(hours=hours)
        record_revision(article, None, substantive_update(article, what_changed, now=at))
    db.session.commit()


def _seed_bylines(
    editions: dict[str, Edition], sections: dict[str, Section], authors: dict[str, Author]
) -> None:
    """Author profiles (once each), the stories of other types, and stories credited to
    several people (once: an article already crediting more than one is left alone)."""
    for data in content_bylines.AUTHORS:
        authors[data.slug] = _get_or_create(Author, data.slug, name=data.name, bio=data.bio)
    for slug, profile in content_bylines.PROFILES.items():
        author = authors[slug]
        if author.title or author.is_guest or author.is_staff or author.contact_links:
            continue
        author.title, author.is_guest = profile.title, profile.is_guest
        author.is_staff, author.masthead_position = profile.is_staff, profile.masthead_position
        author.contact_links = list(profile.contact_links)
        if slug == content_bylines.PORTRAIT and author.photo_id is None:
            author.photo = add_photo(
                content_bylines.portrait(slug),
                caption=author.name,
                credit=content.STAFF,
                alt_text=content_bylines.PORTRAIT_ALT,
            )
    now = utcnow()
    for story in content_bylines.STORIES:
        data = story.data
        if db.session.scalar(db.select(Article.id).filter_by(slug=data.slug)) is None:
            article = _article(
                data, now, editions[data.edition], sections[data.section], authors[data.author]
            )
            article.story_type, article.sponsor = story.story_type, story.sponsor
            db.session.add(article)
    db.session.flush()
    wanted = content_bylines.CREDITS | {s.data.slug: s.credits for s in content_bylines.STORIES}
    for slug, credits in wanted.items():
        article = db.session.scalar(db.select(Article).filter_by(slug=slug))
        if credits and article is not None and len(article.contributors) == 1:
            set_contributors(article, [Credit(authors[a].id, role) for a, role in credits])
    db.session.commit()


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
