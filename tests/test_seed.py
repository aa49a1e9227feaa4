"""Demo content: `flask --app app seed` fills the site, and twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from newsite.demo.content import ANATOMY_ARTICLE_SLUG, COMMENTS, DRAFT_SLUG, SCHEDULED_SLUG
from newsite.extensions import db
from newsite.models import (
    Article,
    ArticleContributor,
    ArticleRevision,
    ArticleVote,
    Author,
    Comment,
    CommentLike,
    Correction,
    Edition,
    Photo,
    Section,
)

MODELS = (Edition, Section, Author, Photo, Article, Comment, ArticleVote, CommentLike)


def snapshot(app) -> dict[str, object]:
    """Every demo row and photo file, so two runs can be compared whole."""
    with app.app_context():
        rows = {
            model.__name__: sorted(
                tuple(getattr(row, c.key) for c in sa.inspect(model).columns)
                for row in db.session.scalars(sa.select(model))
            )
            for model in (
                Edition,
                Section,
                Author,
                ArticleContributor,
                Photo,
                Article,
                Comment,
                ArticleVote,
                CommentLike,
                Correction,
                ArticleRevision,
            )
        }
    files = sorted(p.name for p in Path(app.config["MEDIA_ROOT"]).rglob("*.jpg"))
    return rows | {"files": files}


# One test for both rules: seeding renders every demo photo in three formats and five
# widths (about 20 s), and the second rule needs a seeded site to start from.
def test_seed_loads_the_demo_site_and_seeding_again_changes_nothing(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output

    with app.app_context():
        count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        assert count(Edition) >= 2 and count(Section) >= 5 and count(Author) >= 3
        public = db.session.scalars(Article.public()).all()
        assert len(public) >= 16
        assert all(article.lead_photo is not None for article in public)
        slugs = {article.slug for article in public}
        assert ANATOMY_ARTICLE_SLUG in slugs
        assert DRAFT_SLUG not in slugs and SCHEDULED_SLUG not in slugs
        assert set(COMMENTS) <= slugs
        anatomy = next(a for a in public if a.slug == ANATOMY_ARTICLE_SLUG)
        assert anatomy.comment_count >= 2
        replies = db.session.scalars(sa.select(Comment).where(Comment.parent_id.is_not(None)))
        assert len(replies.all()) >= 3
        for article in public:  # plausible votes, counted exactly
            votes = db.session.scalars(sa.select(ArticleVote).filter_by(article_id=article.id))
            choices = [v.choice for v in votes]
            assert article.votes_yes == choices.count("yes") > 0
            assert article.votes_no == choices.count("no")
        assert (
            db.session.scalar(sa.select(sa.func.sum(Comment.like_count)))
            == db.session.scalar(sa.select(sa.func.count()).select_from(CommentLike))
            > 0
        )

        # Corrections (serious and minor, in both languages) and a substantive update.
        corrections = db.session.scalars(sa.select(Correction)).all()
        assert {c.serious for c in corrections} == {True, False}
        assert {c.article.edition.language for c in corrections} == {"en", "ar"}
        assert all(c.article.modified_at == c.created_at for c in corrections)
        assert any(a.update_note and a.modified_at > a.published_at for a in public)

    before = snapshot(app)
    again = runner.invoke(args=["seed"])
    assert again.exit_code == 0 and "(0 new)" in again.output
    assert snapshot(app) == before
