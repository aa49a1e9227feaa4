"""Scheduled unpublishing (issue 17, item 7): at its "Unpublish at" time an article
leaves every public page by itself, cached ones included, and its address says 410."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
from support import article_form

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, utcnow


@pytest.fixture
def pair(make):
    """Two stories of one edition and section: the first, a "refinery" story, expires."""
    edition = make.edition(slug="iraq", name="Iraq News")
    section = make.section(slug="economy", name="Economy")
    author = make.author(slug="lina-haddad", name="Lina Haddad")
    common = {"edition": edition, "section": section, "author": author}
    going = make.article(
        headline="Refinery expansion approved",
        slug="refinery-expansion-approved",
        body="The refinery at Baiji will double its capacity.",
        published_at=utcnow() - timedelta(hours=1),
        **common,
    )
    staying = make.article(
        headline="Grain prices steady", published_at=utcnow() - timedelta(hours=2), **common
    )
    return going, staying


PUBLIC_PLACES = (
    "/",
    "/iraq/",
    "/iraq/economy/",
    "/sections/economy/",
    "/authors/lina-haddad",
    "/feeds/all.atom",
    "/feeds/editions/iraq.atom",
    "/sitemaps/articles-1.xml",
    "/sitemaps/news.xml",
    "/search?q=refinery",
)


def _expire_in(app, article, delta: timedelta) -> None:
    with app.app_context():
        db.session.get(Article, article.id).unpublish_at = utcnow() + delta
        db.session.commit()


def test_an_expired_article_leaves_listings_feeds_sitemaps_search_and_fronts(app, client, pair):
    going, staying = pair
    for place in PUBLIC_PLACES:
        assert going.slug in client.get(place).text, place
    _expire_in(app, going, -timedelta(seconds=1))
    for place in PUBLIC_PLACES:
        page = client.get(place)
        assert page.status_code == 200, place
        assert going.slug not in page.text, place
    assert staying.slug in client.get("/iraq/").text


def test_cached_pages_change_at_the_moment_of_expiry_with_nothing_written(app, client, pair):
    """The listing and the other article's page ("more to read") are cached under
    versions that hold the next expiry: when it comes, both are made again."""
    going, staying = pair
    staying_url = f"/iraq/economy/{staying.slug}"
    # Ahead by enough for a busy machine to serve both pages before it comes.
    expiry = time.monotonic() + 6
    _expire_in(app, going, timedelta(seconds=6))
    listing = client.get("/iraq/")
    article = client.get(staying_url)
    assert going.slug in listing.text and going.slug in article.text
    # Asked again at once: the same versions (served from the cache, 304 on its ETag).
    assert (
        client.get("/iraq/", headers={"If-None-Match": listing.headers["ETag"]}).status_code == 304
    )
    time.sleep(max(0, expiry - time.monotonic()) + 1)
    for url, before in (("/iraq/", listing), (staying_url, article)):
        again = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
        assert again.status_code == 200, url
        assert going.slug not in again.text, url


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_expired_article_answers_410_gone_with_a_branded_page(app, client, make, language):
    edition = make.edition(slug=f"ed-{language}", name="Edition", language=language)
    article = make.article(edition=edition, unpublish_at=utcnow() - timedelta(minutes=1))
    page = client.get(f"/{edition.slug}/{article.section.slug}/{article.slug}")
    assert page.status_code == 410
    assert f'lang="{language}"' in page.text
    words = "withdrawn at a time its editors set" if language == "en" else "سُحبت"
    assert words in page.text


def test_an_article_whose_unpublish_time_is_ahead_stays_public(client, make):
    article = make.article(unpublish_at=utcnow() + timedelta(days=1))
    url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
    assert client.get(url).status_code == 200


def test_a_draft_never_published_is_404_not_410(client, make):
    article = make.article(
        status=ArticleStatus.DRAFT, published_at=None, unpublish_at=utcnow() - timedelta(days=1)
    )
    assert (
        client.get(f"/{article.edition.slug}/{article.section.slug}/{article.slug}").status_code
        == 404
    )


def _post_new(desk, **changes):
    client = desk["client"]
    page = client.get("/admin/articles/new").text
    return client.post("/admin/articles/new", data=article_form(desk, page, **changes))


def test_the_editor_sets_an_unpublish_time_in_the_editions_local_time(app, desk):
    response = _post_new(desk, unpublish_at="2026-03-02T10:00")
    assert response.status_code == 303
    with app.app_context():
        article = db.session.scalar(sa.select(Article).filter_by(slug="storm-closes-the-port"))
        edition = article.edition
        assert edition.local(article.unpublish_at).strftime("%Y-%m-%dT%H:%M") == "2026-03-02T10:00"
    form = desk["client"].get(f"/admin/articles/{article.id}").text
    assert 'value="2026-03-02T10:00"' in form


@pytest.mark.parametrize("typed", ["2026-03-01T10:00", "2026-02-20T08:00"])
def test_an_unpublish_time_at_or_before_publication_is_refused_by_its_field(app, desk, typed):
    response = _post_new(desk, unpublish_at=typed, headline="Kept headline")
    assert response.status_code == 422
    assert "Unpublish after the publication time" in response.text
    assert 'aria-describedby="unpublish_at-error"' in response.text
    assert f'value="{typed}"' in response.text and "Kept headline" in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_an_unreadable_unpublish_time_is_refused_with_the_text_kept(desk):
    response = _post_new(desk, unpublish_at="next tuesday")
    assert response.status_code == 422
    assert 'id="unpublish_at-error"' in response.text


def test_editors_see_expired_articles_as_expired_and_can_filter_them(desk, make):
    common = {"edition": desk["edition"], "section": desk["section"], "author": desk["author"]}
    make.article(headline="Long gone", unpublish_at=utcnow() - timedelta(hours=1), **common)
    make.article(headline="Still here", unpublish_at=utcnow() + timedelta(hours=1), **common)
    client = desk["client"]
    listing = client.get("/admin/articles").text
    assert "status--expired" in listing
    expired = client.get("/admin/articles?status=expired").text
    assert "Long gone" in expired and "Still here" not in expired
    published = client.get("/admin/articles?status=published").text
    assert "Still here" in published and "Long gone" not in published
