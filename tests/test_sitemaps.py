"""Sitemaps and robots.txt: exactly the public articles, absolute URLs, well-formed XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, utcnow

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
XML = "application/xml; charset=utf-8"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"] == XML
    return ET.fromstring(response.data)  # raises on XML that is not well-formed


def locs(root, tag="sm:url"):
    return [el.findtext("sm:loc", namespaces=NS) for el in root.findall(tag, NS)]


def article_urls(client):
    """Every URL in every article sitemap the index lists."""
    found = []
    for child in locs(xml(client, "/sitemap.xml"), "sm:sitemap"):
        if "/sitemaps/articles-" in child:
            found += locs(xml(client, child.removeprefix("http://localhost")))
    return found


def url_of(article):
    return f"http://localhost/{article.edition.slug}/{article.section.slug}/{article.slug}"


@pytest.fixture
def mixed(app, make):
    """Ten public articles among hidden ones, sitemaps of three URLs each."""
    app.config["SITEMAP_URLS_PER_FILE"] = 3
    edition, section, author = make.edition(), make.section(), make.author()
    common = {"edition": edition, "section": section, "author": author}
    now = utcnow()
    public, hidden = [], []
    for n in range(10):
        public.append(make.article(**common))
        if n % 3 == 0:
            hidden.append(make.article(status=ArticleStatus.DRAFT, published_at=None, **common))
    hidden.append(
        make.article(
            status=ArticleStatus.SCHEDULED, published_at=now + timedelta(hours=3), **common
        )
    )
    hidden.append(
        make.article(
            status=ArticleStatus.UNPUBLISHED, published_at=now - timedelta(hours=1), **common
        )
    )
    return public, hidden


def test_sitemap_index_lists_pages_news_and_article_sitemaps(client, mixed):
    children = locs(xml(client, "/sitemap.xml"), "sm:sitemap")
    assert children[:2] == [
        "http://localhost/sitemaps/pages.xml",
        "http://localhost/sitemaps/news.xml",
    ]
    # Ids 1-16 in ranges of three; the sixth range (id 16) holds only a hidden article.
    assert children[2:] == [f"http://localhost/sitemaps/articles-{n}.xml" for n in range(1, 6)]


def test_article_sitemaps_list_exactly_the_public_articles(client, mixed):
    public, _hidden = mixed
    urls = article_urls(client)
    assert len(urls) == len(set(urls))
    assert set(urls) == {url_of(a) for a in public}


def test_every_article_url_has_its_last_modification(client, mixed):
    for child in locs(xml(client, "/sitemap.xml"), "sm:sitemap")[2:]:
        for url in xml(client, child.removeprefix("http://localhost")).findall("sm:url", NS):
            assert url.findtext("sm:lastmod", namespaces=NS).endswith("Z")


def test_an_article_sitemap_with_no_public_article_is_404(client, mixed):
    assert client.get("/sitemaps/articles-6.xml").status_code == 404
    assert client.get("/sitemaps/articles-99.xml").status_code == 404


def test_article_sitemaps_read_by_id_range_never_offset(client, mixed, count_queries):
    with count_queries() as queries:
        xml(client, "/sitemaps/articles-2.xml")
    assert queries and not any("OFFSET" in q.upper() for q in queries)
    assert any("article.id >" in q and "article.id <=" in q for q in queries)


def test_unpublishing_removes_an_article_from_the_sitemaps_at_once(app, client, mixed):
    public, _hidden = mixed
    gone = public[4]
    assert url_of(gone) in article_urls(client)
    assert url_of(gone) in locs(xml(client, "/sitemaps/news.xml"))
    with app.app_context():
        db.session.get(Article, gone.id).status = ArticleStatus.UNPUBLISHED
        db.session.commit()
    assert url_of(gone) not in article_urls(client)
    assert url_of(gone) not in locs(xml(client, "/sitemaps/news.xml"))


def test_news_sitemap_lists_only_the_last_two_days_public_articles(client, make):
    now = utcnow()
    edition = make.edition(language="en")
    fresh = make.article(
        edition=edition, headline="Fresh & <new>", published_at=now - timedelta(hours=40)
    )
    make.article(edition=edition, published_at=now - timedelta(hours=49))
    make.article(edition=edition, status=ArticleStatus.DRAFT, published_at=None)
    make.article(
        edition=edition, status=ArticleStatus.SCHEDULED, published_at=now + timedelta(hours=1)
    )
    root = xml(client, "/sitemaps/news.xml")
    assert locs(root) == [url_of(fresh)]
    news = root.find("sm:url/news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "newsite"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh & <new>"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published == fresh.published_at.replace(microsecond=0).isoformat() + "Z"


def test_pages_sitemap_lists_home_editions_sections_authors_and_corrections(client, make):
    make.article(
        edition=make.edition(slug="iraq"),
        section=make.section(slug="security"),
        author=make.author(slug="lina-haddad"),
    )
    urls = set(locs(xml(client, "/sitemaps/pages.xml")))
    assert {
        "http://localhost/",
        "http://localhost/iraq/",
        "http://localhost/iraq/security/",
        "http://localhost/sections/security/",
        "http://localhost/authors/lina-haddad",
        "http://localhost/comment-policy",
        "http://localhost/corrections",
        "http://localhost/corrections/ar",
    } <= urls
    for url in urls:
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url


def test_robots_txt_points_at_the_sitemap_index_and_keeps_crawlers_out_of_forms(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert {"Disallow: /admin/", "Disallow: /comments/", "Disallow: /votes/"} <= set(lines)
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_site_url_setting_is_the_origin_of_every_sitemap_and_feed_url(app, client, make):
    app.config["SITE_URL"] = "https://news.example.org/"
    article = make.article()
    assert "Sitemap: https://news.example.org/sitemap.xml" in client.get("/robots.txt").text
    assert locs(xml(client, "/sitemap.xml"), "sm:sitemap")[0] == (
        "https://news.example.org/sitemaps/pages.xml"
    )
    assert locs(xml(client, "/sitemaps/articles-1.xml")) == [
        url_of(article).replace("http://localhost", "https://news.example.org")
    ]
    assert 'href="https://news.example.org/feeds/all.atom"' in client.get("/").text
