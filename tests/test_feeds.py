"""Atom feeds: valid Atom, only public articles, newest first, linked from the pages."""

from __future__ import annotations

import re
from datetime import timedelta

import feedparser
import pytest

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, utcnow

ATOM = "application/atom+xml; charset=utf-8"


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"] == ATOM
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def titles(parsed):
    return [entry.title for entry in parsed.entries]


@pytest.fixture
def desk(make):
    """One edition, section and author, with public and hidden articles."""
    edition = make.edition(slug="iraq", name="Iraq News")
    section = make.section(slug="security", name="Security")
    author = make.author(slug="lina-haddad", name="Lina Haddad")
    now = utcnow()
    common = {"edition": edition, "section": section, "author": author}
    make.article(headline="Older story", published_at=now - timedelta(hours=5), **common)
    make.article(
        headline="Newest story",
        published_at=now - timedelta(minutes=5),
        lead_photo=make.photo(caption="Cars at the checkpoint"),
        **common,
    )
    make.article(
        headline="Scheduled, its time has come",
        status=ArticleStatus.SCHEDULED,
        published_at=now - timedelta(hours=1),
        **common,
    )
    make.article(headline="A draft", status=ArticleStatus.DRAFT, published_at=None, **common)
    make.article(
        headline="Scheduled for tomorrow",
        status=ArticleStatus.SCHEDULED,
        published_at=now + timedelta(days=1),
        **common,
    )
    make.article(
        headline="Taken down",
        status=ArticleStatus.UNPUBLISHED,
        published_at=now - timedelta(hours=2),
        **common,
    )
    return edition, section, author


PUBLIC_NEWEST_FIRST = ["Newest story", "Scheduled, its time has come", "Older story"]
FEEDS = [
    "/feeds/all.atom",
    "/feeds/editions/iraq.atom",
    "/feeds/sections/security.atom",
    "/feeds/editions/iraq/sections/security.atom",
    "/feeds/authors/lina-haddad.atom",
]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_list_only_public_articles_newest_first(client, desk, url):
    assert titles(feed(client, url)) == PUBLIC_NEWEST_FIRST


def test_feeds_of_an_edition_section_or_author_leave_out_the_others(client, desk, make):
    make.article(headline="Elsewhere")
    for url in FEEDS[1:]:
        assert "Elsewhere" not in titles(feed(client, url)), url
    assert "Elsewhere" in titles(feed(client, "/feeds/all.atom"))


def test_feed_has_the_elements_atom_requires(client, desk):
    parsed = feed(client, "/feeds/sections/security.atom")
    meta = parsed.feed
    assert meta.id == "http://localhost/feeds/sections/security.atom"
    assert meta.title == "Security – newsite"
    assert meta.updated_parsed
    assert meta.author_detail.name == "newsite"
    links = {link.rel: link.href for link in meta.links}
    assert links == {
        "alternate": "http://localhost/sections/security/",
        "self": "http://localhost/feeds/sections/security.atom",
    }
    for entry in parsed.entries:
        assert entry.id.startswith("tag:localhost,")
        assert entry.updated_parsed and entry.published_parsed
        assert entry.author_detail.name == "Lina Haddad"
        assert entry.author_detail.href == "http://localhost/authors/lina-haddad"
        assert entry.summary.startswith("Summary of story")
        assert entry.link.startswith("http://localhost/iraq/security/story-number-")


def test_an_entry_carries_its_lead_photo_with_its_caption(client, desk):
    newest = feed(client, "/feeds/all.atom").entries[0]
    enclosure = next(link for link in newest.links if link.rel == "enclosure")
    assert enclosure.href.startswith("http://localhost/media/photos/")
    assert enclosure.href.endswith("/1600.jpg")
    assert enclosure.type == "image/jpeg"
    assert enclosure.title == "Cars at the checkpoint"
    assert newest.media_content[0]["url"] == enclosure.href
    assert newest.media_content[0]["width"] == "1600"


def test_feed_is_capped_at_thirty_articles(client, make):
    edition, section, author = make.edition(), make.section(), make.author()
    for _ in range(32):
        make.article(edition=edition, section=section, author=author)
    assert len(feed(client, "/feeds/all.atom").entries) == 30


def test_feed_escapes_markup_in_headlines(client, make):
    make.article(headline="Prices <rise> & fall", summary="A <b>bold</b> & plain summary")
    entry = feed(client, "/feeds/all.atom").entries[0]
    assert entry.title == "Prices <rise> & fall"
    assert entry.title_detail.type == "text/plain"


def test_unpublishing_removes_an_article_from_the_feeds_at_once(app, client, desk):
    assert "Newest story" in titles(feed(client, "/feeds/all.atom"))
    with app.app_context():
        article = db.session.scalar(db.select(Article).filter_by(headline="Newest story"))
        article.status = ArticleStatus.UNPUBLISHED
        db.session.commit()
    for url in FEEDS:
        assert "Newest story" not in titles(feed(client, url)), url


def test_feed_is_cacheable_and_answers_304_for_its_etag(client, desk):
    response = client.get("/feeds/all.atom")
    assert response.headers["Cache-Control"].startswith("public")
    etag = response.headers["ETag"]
    again = client.get("/feeds/all.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url", ["/feeds/editions/nowhere.atom", "/feeds/sections/nowhere.atom", "/feeds/authors/x.atom"]
)
def test_feed_of_an_unknown_edition_section_or_author_is_404(client, url):
    assert client.get(url).status_code == 404


def feed_links(html):
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html
    )


def test_pages_link_their_feeds(client, desk):
    site = "http://localhost/feeds/all.atom"
    assert feed_links(client.get("/").text) == [site]
    assert feed_links(client.get("/iraq/").text) == [
        "http://localhost/feeds/editions/iraq.atom",
        site,
    ]
    assert feed_links(client.get("/sections/security/").text) == [
        "http://localhost/feeds/sections/security.atom",
        site,
    ]
    assert feed_links(client.get("/authors/lina-haddad").text) == [
        "http://localhost/feeds/authors/lina-haddad.atom",
        site,
    ]
    assert feed_links(client.get("/iraq/security/").text) == [
        "http://localhost/feeds/editions/iraq/sections/security.atom",
        "http://localhost/feeds/editions/iraq.atom",
        site,
    ]
    story = client.get("/iraq/security/" + _slug_of(client, "Older story")).text
    assert feed_links(story) == ["http://localhost/feeds/editions/iraq/sections/security.atom"]


def _slug_of(client, headline):
    entry = next(e for e in feed(client, "/feeds/all.atom").entries if e.title == headline)
    return entry.link.rsplit("/", 1)[1]


def test_linked_feeds_answer(client, desk):
    for url in feed_links(client.get("/iraq/security/").text):
        feed(client, url.removeprefix("http://localhost"))


@pytest.fixture
def arabic_security(make, desk):
    """An Arabic edition with a public article in the same section as the desk's."""
    _, section, author = desk
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    make.article(headline="نقطة التفتيش تفتح", edition=arabic, section=section, author=author)
    return arabic


def test_the_cross_edition_section_feed_keeps_to_its_pages_language(client, arabic_security):
    parsed = feed(client, "/feeds/sections/security.atom")
    assert titles(parsed) == PUBLIC_NEWEST_FIRST  # no Arabic mixed in, as on its page
    assert parsed.feed.language == "en"
    page = client.get("/sections/security/").text
    assert "نقطة التفتيش تفتح" not in page


def test_the_arabic_edition_section_has_its_own_feed_in_arabic(client, arabic_security):
    parsed = feed(client, "/feeds/editions/arabic/sections/security.atom")
    assert titles(parsed) == ["نقطة التفتيش تفتح"]
    assert parsed.feed.language == "ar"
    assert feed_links(client.get("/arabic/security/").text)[0] == (
        "http://localhost/feeds/editions/arabic/sections/security.atom"
    )


def test_the_cross_edition_section_page_links_the_arabic_editions_section(client, arabic_security):
    page = client.get("/sections/security/").text
    assert re.search(r'<a href="/arabic/security/" lang="ar" hreflang="ar" dir="rtl">', page)


@pytest.mark.parametrize(
    "url",
    ["/feeds/editions/nowhere/sections/security.atom", "/feeds/editions/iraq/sections/x.atom"],
)
def test_feed_of_an_unknown_edition_section_is_404(client, desk, url):
    assert client.get(url).status_code == 404
