"""Who an article credits: its contributors, in byline order, each in a role.

`Article.author_id` is kept as the first writer, so listings, feeds and the
comment badge read one column instead of loading the contributors.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from newsite.models import Article, ArticleContributor, ContributorRole


@sa.event.listens_for(Session, "before_flush")
def _credit_the_author(session: Session, _context: object, _instances: object) -> None:
    """A new article made with only an author (the seed, the command line, tests, the
    admin's first save) credits that author as its one writer."""
    for article in session.new:
        if isinstance(article, Article) and not article.contributors:
            writer = ArticleContributor(role=ContributorRole.WRITER, position=0)
            if article.author is not None:
                writer.author = article.author
            else:
                writer.author_id = article.author_id
            article.contributors.append(writer)
