"""The Arabic edition: right-to-left pages, the Arabic catalog, translations, Arabic search."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from support import Factory, Reader

from newsite.demo import content, content_ar
from newsite.extensions import db
from newsite.languages import fold, link_translations
from newsite.models import (
    Article,
    Author,
    Banner,
    Comment,
    Edition,
    Page,
    Photo,
    Section,
    Tag,
)

pytestmark = pytest.mark.db

CATALOGS = Path(__file__).resolve().parents[1] / "newsite" / "translations"
LATIN = re.compile(r"[A-Za-z]")
# Attributes whose text a reader hears or sees.
SPOKEN_ATTRIBUTES = ("aria-label", "placeholder", "title")


class _Page(HTMLParser):
    """Text nodes and spoken attributes, each with the language of the element it is in."""

    VOID = {"meta", "link", "img", "input", "br", "hr", "source", "area", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []
        self.html_attrs: dict[str, str | None] = {}
        self.links: list[dict[str, str | None]] = []

    def _language(self) -> str | None:
        return next((lang for _tag, lang in reversed(self.stack) if lang is not None), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html_attrs = values
        if tag == "link":
            self.links.append(values)
        if tag not in self.VOID:
            self.stack.append((tag, values.get("lang")))
        language = values.get("lang") or self._language()
        for name in SPOKEN_ATTRIBUTES:
            if values.get(name):
                self.texts.append((values[name] or "", language))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(tag in ("script", "style") for tag, _ in self.stack):
            self.texts.append((data.strip(), self._language()))


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def arabic_catalog() -> list:
    with open(CATALOGS / "ar" / "LC_MESSAGES" / "messages.po", "rb") as file:
        return [m for m in read_po(file, locale="ar") if m.id]


# --- the catalog -----------------------------------------------------------


def test_every_interface_string_has_an_arabic_translation():
    untranslated = []
    for message in arabic_catalog():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
    assert untranslated == []


def test_the_arabic_catalog_has_six_plural_forms():
    with open(CATALOGS / "ar" / "LC_MESSAGES" / "messages.po", "rb") as file:
        catalog = read_po(file, locale="ar")
    assert catalog.num_plurals == 6


def test_the_arabic_catalog_holds_every_string_the_code_marks():
    """A string wrapped in the code but missing from the catalog would show in English."""
    from babel.messages.extract import extract_from_dir

    root = CATALOGS.parents[1]
    method_map = [
        ("newsite/**.py", "python"),
        ("templates/admin/**", "ignore"),
        ("templates/**.html", "jinja2"),
    ]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    marked = {
        (message if isinstance(message, str) else message[0])
        for _file, _line, message, _comments, _context in extract_from_dir(
            root, method_map, keywords=keywords, options_map={"templates/**.html": {}}
        )
    }
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in arabic_catalog()}
    assert marked - in_catalog == set()


# --- pages of the Arabic edition --------------------------------------------


def _arabic_article(site: Flask) -> Article:
    with site.app_context():
        article = db.session.scalar(
            db.select(Article).filter_by(slug=content_ar.ANATOMY_TRANSLATION_SLUG)
        )
        assert article is not None
        return article


def _arabic_pages(site: Flask) -> list[str]:
    article = _arabic_article(site)
    with site.app_context():
        author = db.session.get(Author, article.author_id)
        tag = db.session.scalar(db.select(Tag).filter_by(slug="ar-water"))
        return [
            "/arabic/",
            "/arabic/security/",
            "/arabic/security/?page=1",
            f"/arabic/{article.section.slug}/{article.slug}",
            f"/arabic/{article.section.slug}/{article.slug}?reply_to=1",
            f"/authors/{author.slug}",
            f"/tags/{tag.slug}",
            "/comment-policy/ar",
            "/search?q=%D8%A7%D9%84%D9%85%D8%B9%D8%A8%D8%B1&edition=arabic",
            "/search?q=%D8%B2%D8%B2%D8%B2%D9%82%D9%82%D9%82&edition=arabic",  # no results
            "/arabic/no-such-section/",
            # The newsroom's pages, as editors wrote them in Arabic.
            "/about/ar",
            "/ethics/ar",
            "/corrections-policy/ar",
            "/masthead/ar",
        ]


def _content_strings(site: Flask) -> list[str]:
    """Everything on the site that is data rather than interface: it may hold Latin letters."""
    with site.app_context():
        strings = [site.config["SITE_NAME"]]
        for article in db.session.scalars(db.select(Article)):
            strings += [article.headline, article.summary, article.body, article.dateline]
        for comment in db.session.scalars(db.select(Comment)):
            strings += [comment.author_name, comment.body]
        for model, fields in (
            (Author, ("name", "bio", "title")),
            (Page, ("title", "body")),
            (Banner, ("text",)),
            (Edition, ("name", "description")),
            (Section, ("name",)),
            (Tag, ("name",)),
            (Photo, ("caption", "credit", "alt_text")),
        ):
            for row in db.session.scalars(db.select(model)):
                strings += [getattr(row, f) for f in fields]
        return strings


def test_arabic_pages_are_arabic_and_right_to_left(site: Flask, site_client: FlaskClient):
    for path in _arabic_pages(site):
        response = site_client.get(path)
        assert response.status_code in (200, 404), path
        page = parse(response.text)
        assert page.html_attrs.get("lang") == "ar", path
        assert page.html_attrs.get("dir") == "rtl", path


def test_no_english_interface_text_is_left_on_arabic_pages(site: Flask, site_client: FlaskClient):
    """Every English catalog string is translated there, and any Latin text is content."""
    english = {m.id if isinstance(m.id, str) else m.id[0] for m in arabic_catalog()}
    pieces = {p.strip() for s in english for p in re.split(r"%\(\w+\)\w", s) if len(p.strip()) > 1}
    data = sorted({s for s in _content_strings(site) if s}, key=len, reverse=True)
    left: list[tuple[str, str]] = []
    for path in _arabic_pages(site):
        for text, language in parse(site_client.get(path).text).texts:
            if language not in (None, "ar"):
                continue  # marked as another language: an edition's own name, the brand
            if text in pieces:
                left.append((path, text))
                continue
            rest = text
            for item in data:  # what is left once the data is taken out is interface
                if not LATIN.search(rest):
                    break
                rest = "" if rest in item else rest.replace(item, "")
            if LATIN.search(rest):
                left.append((path, text))
    assert left == []


def test_english_pages_stay_english_and_left_to_right(site_client: FlaskClient):
    page = parse(site_client.get("/iraq/").text)
    assert page.html_attrs == {"lang": "en", "dir": "ltr"}
    assert (
        "Comment Policy" in site_client.get(f"/iraq/security/{content.ANATOMY_ARTICLE_SLUG}").text
    )


def test_home_and_cross_edition_sections_list_only_the_default_language(
    site: Flask, site_client: FlaskClient
):
    home = site_client.get("/").text
    section = site_client.get("/sections/security/").text
    with site.app_context():
        for data in content_ar.ARTICLES:
            assert f"/{data.slug}" not in home
            assert f"/{data.slug}" not in section


def test_arabic_dates_use_arabic_month_names(site: Flask, site_client: FlaskClient):
    article = _arabic_article(site)
    html = site_client.get(f"/arabic/security/{article.slug}").text
    months = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ]
    assert any(month in html for month in months)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا تعليقات"),
        (1, "تعليق واحد"),
        (2, "تعليقان"),
        (3, "3 تعليقات"),
        (11, "11 تعليقًا"),
        (100, "100 تعليق"),
    ],
)
def test_comment_count_uses_the_arabic_plural_forms(
    app: Flask, client: FlaskClient, make: Factory, count: int, expected: str
):
    edition = make.edition(slug="arabic", name="العربية", language="ar")
    article = make.article(edition=edition, headline="خبر", comment_count=count)
    html = client.get(Reader(client).url(article)).text
    shown = re.search(r'<span id="comment-count"[^>]*>([^<]*)</span>', html)
    assert shown is not None and shown.group(1).strip() == expected


# --- translations of an article ----------------------------------------------


def test_translations_link_each_other_with_reciprocal_hreflang(
    site: Flask, site_client: FlaskClient
):
    with site.app_context():
        pairs = [
            (db.session.scalar(db.select(Article).filter_by(slug=a)), english)
            for a, english in content_ar.TRANSLATIONS.items()
        ]
        urls = {}
        for arabic, english_slug in pairs:
            english = db.session.scalar(db.select(Article).filter_by(slug=english_slug))
            assert arabic.translation_id == english.id and english.translation_id == arabic.id
            with site.test_request_context():
                urls[arabic.slug] = ("ar", arabic.url())
                urls[english.slug] = ("en", english.url())
    for arabic_slug, english_slug in content_ar.TRANSLATIONS.items():
        for this, other in ((arabic_slug, english_slug), (english_slug, arabic_slug)):
            page = parse(site_client.get(urls[this][1]).text)
            alternates = {
                link["hreflang"]: link["href"]
                for link in page.links
                if link.get("rel") == "alternate" and link.get("hreflang")
            }
            assert alternates[urls[other][0]].endswith(urls[other][1])
            assert alternates[urls[this][0]].endswith(urls[this][1])


def test_each_translation_offers_the_other_language(site: Flask, site_client: FlaskClient):
    article = _arabic_article(site)
    arabic = site_client.get(f"/arabic/security/{article.slug}").text
    english = site_client.get(f"/iraq/security/{content.ANATOMY_ARTICLE_SLUG}").text
    assert "Read in English" in arabic
    assert "اقرأ بالعربية" in english


def test_translations_keep_their_own_comments(site: Flask, site_client: FlaskClient):
    with site.app_context():
        arabic = db.session.scalar(
            db.select(Article).filter_by(slug=content_ar.ANATOMY_TRANSLATION_SLUG)
        )
        english = arabic.translation
        arabic_names = {
            c.author_name
            for c in db.session.scalars(db.select(Comment).filter_by(article_id=arabic.id))
        }
        english_names = {
            c.author_name
            for c in db.session.scalars(db.select(Comment).filter_by(article_id=english.id))
        }
    assert arabic_names and english_names and not arabic_names & english_names


def test_relinking_a_translation_unlinks_the_old_partner(app: Flask, make: Factory):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    first, second, third = make.article(), make.article(), make.article(edition=arabic)
    with app.app_context():
        a, b, c = (db.session.get(Article, x.id) for x in (first, second, third))
        link_translations(a, c)
        db.session.commit()
        link_translations(b, c)
        db.session.commit()
        assert (a.translation_id, b.translation_id, c.translation_id) == (None, c.id, b.id)


# --- comments in Arabic --------------------------------------------------------


def _arabic_edition_article(make: Factory) -> Article:
    edition = make.edition(slug="arabic", name="العربية", language="ar")
    return make.article(edition=edition, headline="خبر عن الطريق")


def test_arabic_comment_with_diacritics_of_exactly_1500_is_accepted(
    app: Flask, reader: Reader, make: Factory
):
    article = _arabic_edition_article(make)
    word = "مَرْحَبًا "  # 10 UTF-16 code units: diacritics count, as the browser counts them
    body = (word * 150)[:1499] + "ب"
    response = reader.post(article, name="أبو علي 77", body=body, htmx=True)
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(Comment.body).filter_by(article_id=article.id)) == body


def test_arabic_comment_over_the_limit_is_refused_in_arabic_with_the_text_kept(
    app: Flask, reader: Reader, make: Factory
):
    article = _arabic_edition_article(make)
    body = "ا" * 1501
    response = reader.post(article, name="سارة", body=body, htmx=True)
    assert response.status_code == 422
    assert body in response.text
    errors = re.findall(r'class="[^"]*field-error[^"]*"[^>]*>([^<]+)<', response.text)
    assert errors and all(not LATIN.search(e) for e in errors)


def test_comment_names_and_text_are_isolated_for_mixed_directions(
    app: Flask, client: FlaskClient, reader: Reader, make: Factory
):
    article = _arabic_edition_article(make)
    make.comment(article, name="Sara من البصرة", body="وصلت الساعة 7:30 عبر طريق M1")
    html = reader.page(article)
    assert re.search(r"<bdi[^>]*>Sara من البصرة</bdi>", html)
    assert re.search(r'dir="auto"[^>]*>\s*(<p>)?وصلت الساعة 7:30 عبر طريق M1', html)


# --- search in Arabic ------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "المدرسة",  # as written
        "المدرسه",  # taa marbuta typed as haa
        "المَدْرَسَة",  # with diacritics
        "المـــدرسة",  # with tatweel
        "الأعمى",  # alef with hamza, alef maqsura as written
        "الاعمي",  # and both typed plainly
        "إعادة",
        "اعاده",
    ],
)
def test_search_finds_arabic_whatever_the_spelling_variants(
    app: Flask, client: FlaskClient, make: Factory, typed: str
):
    edition = make.edition(slug="arabic", name="العربية", language="ar")
    article = make.article(
        edition=edition,
        headline="إعادة فتح المدرسة",
        summary="قصة الرجل الأعمى",
        body="فتحت المدرسة أبوابها من جديد.",
    )
    html = client.get("/search", query_string={"q": typed}).text
    assert f"/{article.slug}" in html
    assert "<mark>" in html


def test_fold_drops_diacritics_and_tatweel_and_unifies_letter_variants():
    assert fold("مُعَلِّمٌ") == "معلم"
    assert fold("أإآٱ") == "اااا"
    assert fold("مدرسة على") == "مدرسه علي"
    assert fold("اســــعار") == "اسعار"
    assert fold("Mosul 7:30") == "Mosul 7:30"


def test_arabic_structured_data_names_the_section_in_arabic(site: Flask, site_client: FlaskClient):
    import json

    article = _arabic_article(site)
    html = site_client.get(f"/arabic/security/{article.slug}").text
    blocks = [
        json.loads(b)
        for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    news = next(b for b in blocks if b["@type"] == "ReportageNewsArticle")
    crumbs = next(b for b in blocks if b["@type"] == "BreadcrumbList")
    assert news["inLanguage"] == "ar" and news["articleSection"] == "أمن"
    assert [i["name"] for i in crumbs["itemListElement"]][-2] == "أمن"


@pytest.mark.parametrize("refusal", ["from another site", "too often"])
def test_a_post_refused_before_it_is_read_is_explained_in_arabic(
    app: Flask, reader: Reader, make: Factory, refusal: str
):
    article = _arabic_edition_article(make)
    headers = {}
    if refusal == "from another site":
        headers = {"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"}
        expected = 403
    else:
        app.config["COMMENT_RATE_LIMIT"] = "1 per hour"
        reader.post(article, name="سارة", body="نص أول")
        expected = 429
    response = reader.post(article, name="سارة", body="نص", htmx=True, headers=headers)
    assert response.status_code == expected
    alert = re.search(r'role="alert"[^>]*>(.*?)</', response.text, re.S)
    assert alert is not None and alert.group(1).strip()
    assert not LATIN.search(alert.group(1))
