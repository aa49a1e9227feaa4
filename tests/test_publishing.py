"""The one "published" rule: readers never reach a draft or a scheduled article."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, utcnow

HIDDEN = {
    "draft": {"status": ArticleStatus.DRAFT, "published_at": None},
    "draft with a past date": {"status": ArticleStatus.DRAFT},
    "scheduled for later": {
        "status": ArticleStatus.SCHEDULED,
        "published_at": utcnow() + timedelta(days=2),
    },
    "published with a future date": {
        "status": ArticleStatus.PUBLISHED,
        "published_at": utcnow() + timedelta(hours=1),
    },
    "unpublished": {"status": ArticleStatus.UNPUBLISHED},
}


@pytest.mark.parametrize("fields", HIDDEN.values(), ids=HIDDEN.keys())
def test_reader_cannot_reach_a_hidden_article_by_any_url(client, make, fields):
    article = make.article(headline="Secret headline", slug="secret-story", **fields)
    edition, section, author = article.edition, article.section, article.author
    urls = [
        f"/{edition.slug}/{section.slug}/secret-story",
        f"/{edition.slug}/other-section/secret-story",
        f"/other-edition/{section.slug}/secret-story",
    ]
    listings = [
        "/",
        f"/{edition.slug}/",
        f"/{edition.slug}/{section.slug}/",
        f"/sections/{section.slug}/",
        f"/authors/{author.slug}",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Secret headline" not in response.get_data(as_text=True)
    for url in listings:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Secret headline" not in response.get_data(as_text=True), url


def test_scheduled_article_goes_live_when_its_time_comes(app, client, make):
    article = make.article(
        status=ArticleStatus.SCHEDULED, published_at=utcnow() + timedelta(hours=1)
    )
    url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
    assert client.get(url).status_code == 404

    with app.app_context():
        db.session.get(Article, article.id).published_at = utcnow() - timedelta(seconds=1)
        db.session.commit()

    assert client.get(url).status_code == 200
