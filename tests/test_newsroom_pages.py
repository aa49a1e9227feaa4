"""The newsroom's own pages (About us, Ethics policy, Corrections policy, Masthead,
Privacy, Contact us): written by editors in the admin in each language, linked from
every page's footer and from the site's NewsMediaOrganization."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Author, Page

POLICIES = {
    "ethicsPolicy": "ethics",
    "correctionsPolicy": "corrections-policy",
    "masthead": "masthead",
    "publishingPrinciples": "about",
}


@pytest.fixture
def desk(signed_in):
    """A signed-in editor's browser, with the CSRF token its forms carry."""
    client = signed_in("editor")
    client.token = csrf_from(client.get("/admin/pages").text)
    return client


def save(desk, slug, language, title, body="", token=None):
    return desk.post(
        f"/admin/pages/{slug}/{language}",
        data={
            f"{language}-csrf_token": token or desk.token,
            f"{language}-title": title,
            f"{language}-body": body,
        },
    )


def footer(html: str) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def organisations(html: str) -> list[dict]:
    return [b for b in json_ld(html) if b.get("@type") == "NewsMediaOrganization"]


def test_an_editor_writes_a_page_in_each_language_and_readers_read_it(app, client, desk):
    assert client.get("/ethics").status_code == 404

    assert (
        save(desk, "ethics", "en", "Ethics policy", "We work for our **readers**.").status_code
        == 303
    )
    arabic = save(desk, "ethics", "ar", "السياسة التحريرية", "نعمل لقرّائنا وحدهم.")
    assert arabic.status_code == 303

    english, translated = client.get("/ethics"), client.get("/ethics/ar")
    assert english.status_code == translated.status_code == 200
    assert "<h1>Ethics policy</h1>" in english.text
    assert "<p>We work for our <strong>readers</strong>.</p>" in english.text
    assert '<html lang="ar" dir="rtl">' in translated.text
    assert "<h1>السياسة التحريرية</h1>" in translated.text and "نعمل لقرّائنا" in translated.text


def test_an_edit_shows_at_once_on_the_cached_page(client, desk, make):
    make.page("about", "en", title="About us", body="Old words.")
    first = client.get("/about")
    assert "Old words." in first.text

    assert save(desk, "about", "en", "About us", "New words.").status_code == 303

    again = client.get("/about", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and "New words." in again.text


def test_a_missing_language_row_is_written_from_the_page_screen(desk, make):
    make.page("contact", "en", title="Contact us")
    screen = desk.get("/admin/pages/contact").text
    assert "Not written in العربية yet" in screen
    assert 'action="/admin/pages/contact/ar"' in screen

    assert save(desk, "contact", "ar", "اتصل بنا", "راسلنا.").status_code == 303
    assert "Not written in" not in desk.get("/admin/pages/contact").text


def test_a_page_not_written_in_a_language_is_a_404_there_and_not_linked(client, make):
    make.page("ethics", "en", title="Ethics policy")
    make.page("about", "ar", title="من نحن")

    assert client.get("/ethics").status_code == 200
    missing = client.get("/ethics/ar")
    assert missing.status_code == 404
    arabic = client.get("/about/ar").text
    assert 'href="/ethics/ar"' not in footer(arabic)
    assert "ethicsPolicy" not in organisations(arabic)[0]


def test_deleting_a_language_of_a_page_makes_it_a_404(app, client, desk, make):
    make.page("privacy", "en"), make.page("privacy", "ar")
    assert client.get("/privacy/ar").status_code == 200

    response = desk.post("/admin/pages/privacy/ar/delete", data={"csrf_token": desk.token})

    assert response.status_code == 303
    assert client.get("/privacy/ar").status_code == 404
    assert client.get("/privacy").status_code == 200


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "A page needs a title."), ("   ", "A page needs a title."), ("T" * 201, "200")],
)
def test_a_bad_title_is_refused_by_the_field_with_the_text_kept(app, desk, make, title, message):
    make.page("about", "en", title="About us", body="Stored words.")

    response = save(desk, "about", "en", title, "Words being written, not lost.")

    assert response.status_code == 422
    assert message in response.text
    assert "Words being written, not lost." in response.text
    assert 'aria-invalid="true"' in response.text
    if title.strip():
        assert title in response.text
    with app.app_context():
        stored = db.session.scalar(sa.select(Page).filter_by(slug="about", language="en"))
        assert stored.body == "Stored words."


def test_a_form_without_its_token_saves_nothing(app, desk):
    assert save(desk, "about", "en", "About us", token="forged").status_code in (400, 422)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Page)) == 0


def test_editors_markdown_is_sanitised(client, make):
    make.page(
        "contact",
        "en",
        body="Write to us.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
    )
    html = client.get("/contact").text
    assert "<script>alert(1)" not in html and 'href="javascript:' not in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html


@pytest.mark.parametrize(
    "url",
    ["/admin/pages", "/admin/pages/about", "/admin/pages/about/en", "/admin/pages/about/en/delete"],
)
def test_moderators_may_not_touch_the_pages(app, make, url):
    moderator = app.test_client()
    sign_in(moderator, make.editor("moderator").email)
    token = csrf_from(moderator.get("/admin/").text)
    if url.count("/") > 3:
        response = moderator.post(url, data={"csrf_token": token, "en-title": "Mine now"})
    else:
        response = moderator.get(url)
    assert response.status_code == 403


def test_the_pages_screen_lists_each_page_per_language(desk, make):
    make.page("about", "en", title="About us")
    screen = desk.get("/admin/pages").text
    assert 'href="/admin/pages"' in screen  # in the admin's navigation
    for name in ("About us", "Ethics policy", "Corrections policy", "Masthead", "Privacy"):
        assert name in screen
    row = re.search(r"<tr>\s*<th scope=\"row\"><a[^>]*>About us</a>.*?</tr>", screen, re.S).group(0)
    assert 'href="/about"' in row and "Not written" in row  # English yes, Arabic no


def test_the_masthead_lists_the_staff_in_order_with_their_titles(client, make):
    make.page("masthead", "en", title="Masthead", body="Who we are.")
    second = make.author(name="Basma Qasim", is_staff=True, masthead_position=2, title="Editor")
    first = make.author(name="Adel Farouk", is_staff=True, masthead_position=1, title="Chief")
    make.author(name="Not Staff")
    make.author(name="A Guest", is_guest=True)

    html = client.get("/masthead").text
    listed = re.search(r'<ul class="masthead-list">.*?</ul>', html, re.S).group(0)

    assert re.findall(r'href="/authors/([^"]+)"', listed) == [first.slug, second.slug]
    assert "Chief" in listed and "Editor" in listed
    assert "Not Staff" not in listed and "A Guest" not in listed
    assert "Who we are." in html


def test_the_masthead_without_its_row_is_a_404(client, make):
    make.author(is_staff=True)
    assert client.get("/masthead").status_code == 404


def test_the_masthead_follows_a_change_to_an_author_at_once(app, client, make):
    make.page("masthead", "en")
    author = make.author(name="Old Name", is_staff=True)
    assert "Old Name" in client.get("/masthead").text
    with app.app_context():
        db.session.get(Author, author.id).name = "New Name"
        db.session.commit()
    assert "New Name" in client.get("/masthead").text


@pytest.mark.parametrize(
    ("language", "prefix", "words"),
    [
        (
            "en",
            "",
            ["About us", "Ethics policy", "Corrections", "Corrections policy", "Masthead",
             "Privacy", "Contact us", "Comment Policy"],
        ),
        (
            "ar",
            "/ar",
            ["من نحن", "السياسة التحريرية والأخلاقية", "التصحيحات", "سياسة التصحيحات",
             "هيئة التحرير", "الخصوصية", "اتصل بنا", "سياسة التعليقات"],
        ),
    ],
)  # fmt: skip
def test_the_footer_links_the_newsrooms_pages_in_the_pages_language(
    client, make, language, prefix, words
):
    for slug in ("about", "ethics", "corrections-policy", "masthead", "privacy", "contact"):
        make.page(slug, language)
    edition = make.edition(language=language)
    make.article(edition=edition)

    links = re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a></li>', footer(client.get(f"/{edition.slug}/").text)
    )

    paths = [
        f"/{slug}{prefix}"
        for slug in ("about", "ethics", "corrections", "corrections-policy", "masthead")
        + ("privacy", "contact", "comment-policy")
    ]
    assert links[1:9] == list(zip(paths, words, strict=True))  # after "Home"


@pytest.mark.parametrize("where", ["home", "article", "page", "arabic page"])
def test_every_page_describes_the_news_organisation_once_with_its_policies(client, make, where):
    for language in ("en", "ar"):
        for slug in POLICIES.values():
            make.page(slug, language)
    article = make.article()
    path = {
        "home": "/",
        "article": f"/{article.edition.slug}/{article.section.slug}/{article.slug}",
        "page": "/ethics",
        "arabic page": "/masthead/ar",
    }[where]
    suffix = "/ar" if where == "arabic page" else ""

    html = client.get(path).text
    found = organisations(html)

    assert len(found) == 1
    organisation = found[0]
    assert organisation["@context"] == "https://schema.org"
    assert organisation["name"] == "newsite" and organisation["url"] == "http://localhost/"
    assert organisation["logo"]["url"] == "http://localhost/publisher-logo.png"
    for key, slug in POLICIES.items():
        assert organisation[key] == f"http://localhost/{slug}{suffix}"
    # No other organisation in any block; the article names this one as its publisher.
    assert html.count('"Organization"') == 0
    if where == "article":
        article_data = next(b for b in json_ld(html) if b["@type"] == "ReportageNewsArticle")
        assert article_data["publisher"] == {"@id": organisation["@id"]}


def test_the_organisation_links_only_the_pages_that_exist(client, make):
    make.page("ethics", "en")
    organisation = organisations(client.get("/").text)[0]
    assert organisation["ethicsPolicy"] == "http://localhost/ethics"
    for key in ("correctionsPolicy", "masthead", "publishingPrinciples"):
        assert key not in organisation


def test_the_navigation_is_made_once_per_taxonomy_version(app, client, make, count_queries):
    from newsite.extensions import cache

    make.page("about", "en")
    article = make.article()
    url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
    client.get(url)
    with app.app_context():
        # Forget the rendered pages, keep the navigation: rendering again reads none of
        # the four things it holds.
        for key in list(cache.cache._cache):
            if not key.startswith("navigation:"):
                cache.delete(key)
    with count_queries() as queries:
        html = client.get(url).text
    assert 'href="/about"' in html
    menus = ("SELECT edition.id,", "SELECT section.id,", "SELECT page.slug,", "SELECT banner.id,")
    assert [q for q in queries if q.lstrip().startswith(menus)] == []


def test_the_sitemap_lists_the_pages_written(client, make):
    make.page("ethics", "en"), make.page("ethics", "ar"), make.page("about", "en")
    sitemap = client.get("/sitemaps/pages.xml").text
    for path in ("/ethics", "/ethics/ar", "/about"):
        assert f"<loc>http://localhost{path}</loc>" in sitemap
    assert "/about/ar<" not in sitemap and "/masthead<" not in sitemap


def test_an_admin_puts_authors_on_the_masthead_in_order(app, client, make):
    make.page("masthead", "en")
    first, second = make.author(name="Zaid First"), make.author(name="Amira Second")
    admin = app.test_client()
    sign_in(admin, make.editor("admin").email)
    token = csrf_from(admin.get(f"/admin/authors/{first.id}").text)
    for author, position in ((first, "1"), (second, "2")):
        form = {"csrf_token": token, "name": author.name, "slug": author.slug, "bio": ""}
        form |= {"is_staff": "y", "masthead_position": position}
        assert admin.post(f"/admin/authors/{author.id}", data=form).status_code == 303

    listed = re.search(r'<ul class="masthead-list">.*?</ul>', client.get("/masthead").text, re.S)
    assert re.findall(r"<bdi>([^<]+)</bdi>", listed.group(0)) == ["Zaid First", "Amira Second"]
