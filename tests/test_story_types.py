"""What kind of story it is: labels on the page and teasers, the opinion and sponsor
notes, sponsored stories kept out of the newsroom's boxes, schema.org types, every
writer in JSON-LD, meta and feeds, and the admin's story type and sponsor fields."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import feedparser
import lxml.html
import pytest
from support import csrf_from

from newsite.bylines import Credit, set_contributors
from newsite.extensions import db
from newsite.models import Article, ArticleViews, ContributorRole, StoryType, utcnow

LABELS = {
    StoryType.ANALYSIS: ("Analysis", "تحليل"),
    StoryType.OPINION: ("Opinion", "رأي"),
    StoryType.EXPLAINER: ("Explainer", "شرح"),
    StoryType.INTERVIEW: ("Interview", "حوار"),
    StoryType.SPONSORED: ("Sponsored", "محتوى مموَّل"),
}
SCHEMA = {
    StoryType.NEWS: "ReportageNewsArticle",
    StoryType.ANALYSIS: "AnalysisNewsArticle",
    StoryType.OPINION: "OpinionNewsArticle",
    StoryType.EXPLAINER: "BackgroundNewsArticle",
    StoryType.INTERVIEW: "NewsArticle",
    StoryType.SPONSORED: "AdvertiserContentArticle",
}


def of_type(make, story_type, **kw):
    sponsor = "Acme Cement" if story_type == StoryType.SPONSORED else ""
    return make.article(story_type=story_type, sponsor=sponsor, **kw)


def url_of(article):
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def page_of(html):
    return lxml.html.fromstring(html)


def label_before_headline(page, heading="h1"):
    """The story type's label, when it is the element just before the headline."""
    headline = page.xpath(f"//{heading}")[0]
    before = headline.getprevious()
    if before is None or "story-type" not in (before.get("class") or ""):
        return None
    return before.text_content()


@pytest.mark.parametrize("story_type", list(StoryType))
def test_every_type_but_news_is_labelled_above_the_headline_on_its_page(client, make, story_type):
    article = of_type(make, story_type)
    page = page_of(client.get(url_of(article)).text)
    expected = LABELS[story_type][0] if story_type in LABELS else None
    assert label_before_headline(page) == expected


@pytest.mark.parametrize("story_type", list(StoryType))
def test_every_type_but_news_is_labelled_on_teasers(client, make, story_type):
    article = of_type(make, story_type)
    page = page_of(client.get(f"/{article.edition.slug}/").text)
    teaser = page.xpath("//article[contains(@class, 'teaser')]")[0]
    label = teaser.xpath(".//p[contains(@class, 'story-type')]")
    assert [p.text_content() for p in label] == (
        [LABELS[story_type][0]] if story_type in LABELS else []
    )
    if label:  # just above the headline
        assert label[0].getnext().tag == "h2"


@pytest.mark.parametrize("story_type", list(LABELS))
def test_labels_are_in_arabic_on_the_arabic_edition(client, make, story_type):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    article = of_type(make, story_type, edition=arabic)
    page = page_of(client.get(url_of(article)).text)
    assert label_before_headline(page) == LABELS[story_type][1]
    listing = page_of(client.get("/arabic/").text)
    assert listing.xpath("string(//p[contains(@class, 'story-type')])") == LABELS[story_type][1]


def note(html):
    return [
        " ".join(p.text_content().split())
        for p in page_of(html).xpath("//p[contains(@class, 'story-note')]")
    ]


def test_an_opinion_says_the_views_are_the_authors_own(app, client, make):
    article = of_type(make, StoryType.OPINION)
    assert note(client.get(url_of(article)).text) == ["The views expressed are the author's own."]
    second = make.author()
    with app.app_context():
        found = db.session.get(Article, article.id)
        set_contributors(found, [Credit(article.author_id), Credit(second.id)])
        db.session.commit()
    assert note(client.get(url_of(article)).text) == ["The views expressed are the authors' own."]


def test_an_arabic_opinion_says_it_in_arabic(client, make):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    article = of_type(make, StoryType.OPINION, edition=arabic)
    assert note(client.get(url_of(article)).text) == [
        "الآراء الواردة في هذا المقال تعبّر عن رأي كاتبه وحده."
    ]


@pytest.mark.parametrize("story_type", [t for t in StoryType if t != StoryType.OPINION])
def test_only_opinion_and_sponsored_stories_carry_a_note(client, make, story_type):
    article = of_type(make, story_type)
    notes = note(client.get(url_of(article)).text)
    assert len(notes) == (1 if story_type == StoryType.SPONSORED else 0)


def test_a_sponsored_story_names_its_sponsor_in_place_of_the_byline(client, make):
    author = make.author(name="Partner Writer")
    article = of_type(make, StoryType.SPONSORED, author=author, dateline="Erbil")
    html = client.get(url_of(article)).text
    byline = page_of(html).xpath("//p[@class='byline']")[0]
    assert " ".join(byline.text_content().split()).startswith("Sponsored by Acme Cement ")
    assert "By " not in byline.text_content() and not byline.xpath(".//a")
    assert note(html) == [
        "This content was paid for by Acme Cement and was not written by our newsroom's "
        "journalists."
    ]
    assert "author-box" not in html


def test_a_sponsored_story_reads_in_arabic(client, make):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    article = make.article(edition=arabic, story_type=StoryType.SPONSORED, sponsor="شركة النخيل")
    html = client.get(url_of(article)).text
    byline = page_of(html).xpath("//p[@class='byline']")[0]
    assert " ".join(byline.text_content().split()).startswith("برعاية شركة النخيل ")
    assert note(html) == [
        "هذا المحتوى مدفوع الأجر من شركة النخيل، ولم يكتبه صحفيو غرفة الأخبار لدينا."
    ]


def test_the_sponsor_is_escaped(client, make):
    article = make.article(story_type=StoryType.SPONSORED, sponsor="<script>x</script> & Co")
    html = client.get(url_of(article)).text
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; Co" in html


def views(app, article, count):
    hour = (utcnow() - timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    with app.app_context():
        db.session.add(ArticleViews(article_id=article.id, hour=hour, views=count))
        db.session.commit()


def box(page: str, box_id: str) -> list[str]:
    found = re.search(rf'aria-labelledby="{box_id}-heading".*?</section>', page, re.S)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', found.group()) if found else []


def test_a_sponsored_story_never_appears_in_most_read_however_read(app, client, make):
    section = make.section()
    paid = make.article(
        headline="Paid story", section=section, story_type=StoryType.SPONSORED, sponsor="Acme"
    )
    read = make.article(headline="Read story", section=section)
    views(app, paid, 10_000)
    views(app, read, 3)
    assert box(client.get("/").text, "most-read") == ["Read story"]
    assert box(client.get(f"/sections/{section.slug}/").text, "most-read") == ["Read story"]
    assert "Paid story" not in client.get("/most-read/en").text


def test_a_sponsored_story_stays_out_of_most_commented_too(client, make):
    paid = make.article(headline="Paid story", story_type=StoryType.SPONSORED, sponsor="Acme")
    talked = make.article(headline="Talked about")
    for _ in range(3):
        make.comment(paid)
    make.comment(talked)
    assert box(client.get("/").text, "most-commented") == ["Talked about"]


# --- Structured data and feeds --------------------------------------------------------


def json_ld(html):
    return [
        json.loads(script.text)
        for script in page_of(html).xpath("//script[@type='application/ld+json']")
    ]


def article_block(html):
    return next(b for b in json_ld(html) if b["@type"] != "BreadcrumbList")


@pytest.mark.parametrize("story_type", list(StoryType))
def test_json_ld_type_follows_the_story_type(client, make, story_type):
    article = of_type(make, story_type)
    block = article_block(client.get(url_of(article)).text)
    assert block["@type"] == SCHEMA[story_type]
    assert ("sponsor" in block) == (story_type == StoryType.SPONSORED)


@pytest.fixture
def crew(make):
    return [
        make.author(slug="nadia-karim", name="Nadia Karim"),
        make.author(slug="omar-haddad", name="Omar Haddad"),
        make.author(slug="salim-aboud", name="Salim Aboud"),
    ]


def credited(app, make, crew, **kw):
    """An article by two writers, with photos by a third."""
    nadia, omar, salim = crew
    article = make.article(author=nadia, **kw)
    with app.app_context():
        found = db.session.get(Article, article.id)
        set_contributors(
            found,
            [Credit(nadia.id), Credit(omar.id), Credit(salim.id, ContributorRole.PHOTOS)],
        )
        db.session.commit()
    return article


WRITERS = [
    {"@type": "Person", "name": "Nadia Karim", "url": "http://localhost/authors/nadia-karim"},
    {"@type": "Person", "name": "Omar Haddad", "url": "http://localhost/authors/omar-haddad"},
]


def test_json_ld_lists_every_writer_as_a_person_with_their_page(app, client, make, crew):
    article = credited(app, make, crew)
    assert article_block(client.get(url_of(article)).text)["author"] == WRITERS


def test_a_sponsored_story_keeps_its_writers_and_names_its_sponsor(app, client, make, crew):
    article = credited(app, make, crew, story_type=StoryType.SPONSORED, sponsor="Acme Cement")
    block = article_block(client.get(url_of(article)).text)
    assert block["author"] == WRITERS
    assert block["sponsor"] == {"@type": "Organization", "name": "Acme Cement"}


def test_every_writer_is_an_article_author_meta(app, client, make, crew):
    article = credited(app, make, crew)
    page = page_of(client.get(url_of(article)).text)
    assert page.xpath("//meta[@property='article:author']/@content") == [w["url"] for w in WRITERS]


def test_feeds_carry_every_writer(app, client, make, crew):
    article = credited(app, make, crew)
    for url in (
        "/feeds/all.atom",
        f"/feeds/editions/{article.edition.slug}.atom",
        "/feeds/authors/omar-haddad.atom",
    ):
        feed = feedparser.parse(client.get(url).data)
        assert not feed.bozo, url
        entry = feed.entries[0]
        assert [(a.name, a.href) for a in entry.authors] == [(w["name"], w["url"]) for w in WRITERS]


def test_feeds_load_writers_in_a_fixed_number_of_queries(app, make, crew, count_queries):
    edition = make.edition()

    def feed_queries():
        with count_queries() as queries:
            response = app.test_client().get(f"/feeds/editions/{edition.slug}.atom")
            assert response.status_code == 200
        return len(queries)

    credited(app, make, crew, edition=edition)
    few = feed_queries()
    for _ in range(4):
        credited(app, make, crew, edition=edition)
    assert feed_queries() == few


# --- The admin's fields ---------------------------------------------------------------


def post(desk, **fields):
    client = desk["client"]
    data = {
        "csrf_token": csrf_from(client.get("/admin/articles/new").text),
        "headline": "Cement works opens a training school",
        "summary": "A summary.",
        "body": "The body.",
        "dateline": "Erbil",
        "contributors-0-author_id": desk["author"].id,
        "contributors-0-role": "writer",
        "edition_id": desk["edition"].id,
        "section_id": desk["section"].id,
        "status": "published",
        "photo_id": 0,
        "comments": "",
        "revision": "0",
    }
    return client.post("/admin/articles/new", data=data | fields)


def stored(app):
    with app.app_context():
        return db.session.scalar(
            db.select(Article).filter_by(slug="cement-works-opens-a-training-school")
        )


def test_the_form_offers_the_story_types_with_news_first(desk):
    page = page_of(desk["client"].get("/admin/articles/new").text)
    options = page.xpath("//select[@id='story_type']/option")
    assert [o.text for o in options] == [
        "News",
        "Analysis",
        "Opinion",
        "Explainer",
        "Interview",
        "Sponsored",
    ]
    assert page.xpath("//select[@id='story_type']/option[@selected]/@value") == ["news"]


@pytest.mark.parametrize("story_type", ["analysis", "opinion", "explainer", "interview"])
def test_a_story_type_is_saved_from_the_form(app, desk, story_type):
    assert post(desk, story_type=story_type).status_code == 303
    assert stored(app).story_type == story_type and stored(app).sponsor == ""


def test_a_sponsored_story_is_saved_with_its_sponsor(app, client, desk):
    response = post(desk, story_type="sponsored", sponsor="  Acme Cement ")
    assert response.status_code == 303
    assert (stored(app).story_type, stored(app).sponsor) == ("sponsored", "Acme Cement")
    html = client.get("/iraq/security/cement-works-opens-a-training-school").text
    assert "Sponsored by Acme Cement" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"story_type": "sponsored", "sponsor": "  "}, "A sponsored story names its sponsor."),
        ({"story_type": "news", "sponsor": "Acme"}, "Only a sponsored story has a sponsor"),
        ({"story_type": "advert", "sponsor": ""}, "Not a valid choice"),
    ],
)
def test_a_wrong_sponsor_is_refused_by_its_field_with_the_rest_kept(app, desk, fields, message):
    response = post(desk, **fields)
    assert response.status_code == 422
    assert stored(app) is None
    page = page_of(response.text)
    field = "sponsor" if "sponsor" in message else "story_type"
    error = page.xpath(f"//*[@id='{field}-error']")[0].text_content()
    assert message in error
    assert page.xpath("//input[@id='headline']/@value") == ["Cement works opens a training school"]
