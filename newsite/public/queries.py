"""Reads behind the readers' pages, built on the one public-article rule."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, request
from flask_sqlalchemy.pagination import Pagination

from newsite.extensions import db
from newsite.languages import use_language
from newsite.models import Article, Comment, Edition, article_tag, in_language

# Deeper pages than this are a 404: nobody reads them and the offset gets costly.
MAX_PAGE = 10_000


def public_article_or_404(article_id: int) -> Article:
    """The public article with this id; drafts and unknown ids are a 404.

    The request speaks the article's language from here on: the fragments htmx
    fetches for it (comments, votes) answer in the language of its page.
    """
    article = db.session.scalar(
        Article.public()
        .where(Article.id == article_id)
        # Its URL and language are read next: one query, not three.
        .options(sa.orm.joinedload(Article.edition), sa.orm.joinedload(Article.section))
    )
    if article is None:
        abort(404)
    use_language(article.edition.language)
    return article


def speak_for_the_address() -> None:
    """Speak the language of what the URL names, for answers given before a view could
    say (a refused post, an expired form, a flood, a missing page): the article of an
    id or of a comment's id, else the edition whose slug starts the path."""
    args = request.view_args or {}
    query = sa.select(Edition.language)
    if "article_id" in args:
        query = query.join(Article).where(Article.id == args["article_id"])
    elif "comment_id" in args:
        query = query.join(Article).join(Comment).where(Comment.id == args["comment_id"])
    else:
        first = request.path.strip("/").split("/", 1)[0]
        if not (first and len(first) <= 60 and first.isascii()):
            return
        query = query.where(Edition.slug == first)
    try:
        use_language(db.session.scalar(query))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()  # the answer is an error page already: English will do


def paginate(select: sa.Select[tuple[Article]]) -> Pagination:
    """The `?page=` of `select`; a malformed or out-of-range page is a 404."""
    raw = request.args.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        abort(404)
    return db.paginate(
        select,
        page=int(raw),
        per_page=current_app.config["ARTICLES_PER_PAGE"],
        max_per_page=current_app.config["ARTICLES_PER_PAGE"],
        error_out=True,
    )


def has_second_page(select: sa.Select[tuple[Article]]) -> bool:
    """Whether `select` has more articles than a listing page holds (a `?page=2`); one
    query that reads one id."""
    per_page = current_app.config["ARTICLES_PER_PAGE"]
    return (
        db.session.scalar(select.with_only_columns(Article.id).offset(per_page).limit(1))
        is not None
    )


RELATED_COUNT = 4


def related_articles(article: Article) -> list[Article]:
    """Public articles of its section that share tags with this one first, then those of
    other sections sharing the most tags, then its section's newest.

    Never the article itself, and only in its language; one query.
    """
    tag_ids = [tag.id for tag in article.tags]
    shared = (
        sa.select(article_tag.c.article_id, sa.func.count().label("shared"))
        .where(article_tag.c.tag_id.in_(tag_ids or [0]))
        .group_by(article_tag.c.article_id)
        .subquery()
    )
    same_section = Article.section_id == article.section_id
    query = (
        Article.public()
        .outerjoin(shared, shared.c.article_id == Article.id)
        .where(
            Article.id != article.id,
            in_language(article.edition.language),
            sa.or_(shared.c.shared.is_not(None), same_section),
        )
        .order_by(None)
        .order_by(
            sa.and_(same_section, shared.c.shared.is_not(None)).desc(),
            sa.func.coalesce(shared.c.shared, 0).desc(),
            Article.published_at.desc(),
            Article.id.desc(),
        )
        .limit(RELATED_COUNT)
    )
    return list(db.session.scalars(query))
