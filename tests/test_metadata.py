"""Sharing metadata on readers' pages: title, description, canonical, Open Graph, JSON-LD."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from PIL import Image
from support import Reader, sign_in

from newsite.extensions import db
from newsite.models import Article, ArticleStatus


class Head(HTMLParser):
    """The <head>'s title, meta tags, links and JSON-LD blocks."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[dict] = []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)
        elif tag == "title" or (tag == "script" and a.get("type") == "application/ld+json"):
            self._in = tag

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in = None

    def canonical(self):
        return next(link["href"] for link in self.links if link.get("rel") == "canonical")

    def of_type(self, kind):
        return next(block for block in self.json_ld if block["@type"] == kind)


@pytest.fixture
def story(make):
    return make.article(
        headline="Checkpoint reopens",
        summary="Trucks queued from before dawn.",
        edition=make.edition(slug="iraq", name="Iraq News"),
        section=make.section(slug="security", name="Security"),
        author=make.author(slug="lina-haddad", name="Lina Haddad"),
        lead_photo=make.photo(size=(1600, 1000), alt_text="Cars at a barrier", caption="At dawn"),
    )


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.text)


URL = "http://localhost/iraq/security/"


def test_article_page_has_its_title_description_and_absolute_canonical(client, story):
    page = head(client, f"/iraq/security/{story.slug}")
    assert page.title == "Checkpoint reopens – newsite"
    assert page.meta["description"] == "Trucks queued from before dawn."
    assert page.canonical() == URL + story.slug


def test_article_page_has_open_graph_and_a_large_twitter_card(client, story):
    meta = head(client, f"/iraq/security/{story.slug}").meta
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Checkpoint reopens"
    assert meta["og:description"] == "Trucks queued from before dawn."
    assert meta["og:url"] == URL + story.slug
    assert meta["og:site_name"] == "newsite"
    assert meta["og:image"].startswith("http://localhost/media/photos/")
    assert meta["og:image"].endswith("/1600.jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1600", "1000")
    assert meta["og:image:alt"] == "Cars at a barrier"
    assert meta["article:published_time"].endswith("Z")
    assert meta["article:modified_time"].endswith("Z")
    assert meta["article:section"] == "Security"
    assert meta["article:author"] == "http://localhost/authors/lina-haddad"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]


def test_an_article_without_a_photo_gets_a_small_card_and_no_image(client, make):
    article = make.article()
    meta = head(client, f"/{article.edition.slug}/{article.section.slug}/{article.slug}").meta
    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta


def test_article_json_ld_is_a_news_article_with_what_google_reads(client, story):
    data = head(client, f"/iraq/security/{story.slug}").of_type("ReportageNewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Checkpoint reopens"
    assert data["image"][0]["url"].startswith("http://localhost/media/photos/")
    assert data["datePublished"] == story.published_at.replace(microsecond=0).isoformat() + "Z"
    assert data["dateModified"].endswith("Z") and data["dateModified"] >= data["datePublished"]
    assert data["author"] == [
        {"@type": "Person", "name": "Lina Haddad", "url": "http://localhost/authors/lina-haddad"}
    ]
    # The publisher is the page's one NewsMediaOrganization, named by its @id.
    publisher = head(client, f"/iraq/security/{story.slug}").of_type("NewsMediaOrganization")
    assert data["publisher"] == {"@id": publisher["@id"]}
    assert publisher["name"] == "newsite"
    assert publisher["logo"]["url"] == "http://localhost/publisher-logo.png"
    assert data["articleSection"] == "Security"
    assert data["mainEntityOfPage"]["@id"] == URL + story.slug


def test_breadcrumb_json_ld_goes_home_edition_section_article(client, story):
    data = head(client, f"/iraq/security/{story.slug}").of_type("BreadcrumbList")
    items = [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]]
    assert items == [
        (1, "newsite", "http://localhost/"),
        (2, "Iraq News", "http://localhost/iraq/"),
        (3, "Security", URL),
        (4, "Checkpoint reopens", URL + story.slug),
    ]


def test_a_script_end_tag_in_a_headline_cannot_break_out_of_the_json_ld(client, make):
    article = make.article(headline="</script><script>alert(1)</script>")
    html = client.get(f"/{article.edition.slug}/{article.section.slug}/{article.slug}").text
    assert "</script><script>alert(1)" not in html
    data = Head(html).of_type("ReportageNewsArticle")
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_json_ld_follows_an_edit_of_the_article_at_once(app, client, story):
    url = f"/iraq/security/{story.slug}"
    assert head(client, url).of_type("ReportageNewsArticle")["headline"] == "Checkpoint reopens"
    with app.app_context():
        article = db.session.get(Article, story.id)
        article.headline = "Checkpoint reopens again"
        article.revision += 1
        db.session.commit()
    page = head(client, url)
    assert page.of_type("ReportageNewsArticle")["headline"] == "Checkpoint reopens again"
    assert page.meta["og:title"] == "Checkpoint reopens again"


@pytest.mark.parametrize(
    ("url", "title", "description"),
    [
        ("/", "Independent news from Iraq, Syria and the region – newsite", "Independent news"),
        ("/iraq/", "Iraq News – newsite", "The latest Iraq News stories"),
        ("/iraq/security/", "Iraq News: Security – newsite", "The latest Iraq News: Security"),
        ("/sections/security/", "Security – newsite", "The latest Security stories"),
        ("/authors/lina-haddad", "Lina Haddad – newsite", "Reports."),
        ("/comment-policy", "Comment Policy – newsite", "How comments work"),
    ],
)
def test_every_listing_has_title_description_canonical_and_open_graph(
    client, story, url, title, description
):
    page = head(client, url)
    assert page.title == title
    assert page.meta["description"].startswith(description)
    assert page.canonical() == "http://localhost" + url
    assert page.meta["og:url"] == page.canonical()
    assert page.meta["og:type"] in ("website", "profile")
    assert page.meta["og:description"] == page.meta["description"]


def test_a_later_listing_page_is_canonical_to_itself(app, client, make):
    app.config["ARTICLES_PER_PAGE"] = 2
    section = make.section(slug="economy")
    for _ in range(5):
        make.article(section=section)
    assert head(client, "/sections/economy/?page=2").canonical() == (
        "http://localhost/sections/economy/?page=2"
    )
    assert head(client, "/sections/economy/?page=1&utm_source=x").canonical() == (
        "http://localhost/sections/economy/"
    )


def test_site_url_setting_is_the_origin_of_canonical_and_open_graph_urls(app, client, story):
    app.config["SITE_URL"] = "https://news.example.org"
    page = head(client, f"/iraq/security/{story.slug}")
    assert page.canonical() == f"https://news.example.org/iraq/security/{story.slug}"
    assert page.meta["og:image"].startswith("https://news.example.org/media/photos/")
    assert page.of_type("ReportageNewsArticle")["author"][0]["url"].startswith(
        "https://news.example.org/"
    )


def test_admin_preview_stays_noindex(client, make):
    draft = make.article(status=ArticleStatus.DRAFT, published_at=None)
    editor = make.editor()
    sign_in(client, editor.email)
    page = head(client, f"/admin/articles/{draft.id}/preview")
    assert page.meta["robots"] == "noindex, nofollow"


def test_publisher_logo_is_a_png_no_larger_than_google_allows(client):
    import io

    response = client.get("/publisher-logo.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    with Image.open(io.BytesIO(response.data)) as logo:
        assert logo.format == "PNG"
        assert logo.size == (600, 60)
    etag = response.headers["ETag"]
    assert client.get("/publisher-logo.png", headers={"If-None-Match": etag}).status_code == 304


def test_a_page_argument_a_page_does_not_read_never_reaches_its_canonical_url(client, make):
    article = make.article()
    for url in ("/?page=9", "/comment-policy?page=9", Reader(client).url(article) + "?page=9"):
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', client.get(url).text)
        assert canonical and "page=" not in canonical.group(1), url
