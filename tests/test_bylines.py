"""Full bylines on the readers' side: "By A, B and C in CITY" in English and Arabic, the
other roles' credits, author boxes and pages, and the rules the bylines service keeps."""

from __future__ import annotations

import re

import lxml.html
import pytest
import sqlalchemy as sa

from newsite.bylines import Credit, CreditsRefused, set_contributors
from newsite.extensions import db
from newsite.models import Article, ContributorRole

PHOTOS = ContributorRole.PHOTOS
VIDEO = ContributorRole.VIDEO
TRANSLATION = ContributorRole.TRANSLATION
ADDITIONAL = ContributorRole.ADDITIONAL_REPORTING


@pytest.fixture
def people(make):
    return {
        name: make.author(slug=slug, name=name)
        for slug, name in [
            ("nadia-karim", "Nadia Karim"),
            ("omar-haddad", "Omar Haddad"),
            ("rana-mustafa", "Rana Mustafa"),
            ("salim-aboud", "Salim Aboud"),
            ("dana-yousef", "Dana Yousef"),
        ]
    }


@pytest.fixture
def arabic(make):
    return {
        "edition": make.edition(slug="arabic", name="العربية", language="ar"),
        "sahar": make.author(slug="sahar-salman", name="سحر سلمان"),
        "karim": make.author(slug="karim-al-obaidi", name="كريم العبيدي"),
        "sawsan": make.author(slug="sawsan-halabi", name="سوسن حلبي"),
        "mazen": make.author(slug="mazen-qassab", name="مازن القصاب"),
    }


def credit(app, article, *credits):
    """Credit these (author, role) pairs on the article, through the service."""
    with app.app_context():
        found = db.session.get(Article, article.id)
        set_contributors(found, [Credit(a.id, ContributorRole(role)) for a, role in credits])
        db.session.commit()


def url_of(article):
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def byline(html: str) -> str:
    """The byline's text, whitespace folded, without reading time and dates."""
    found = lxml.html.fromstring(html).xpath("//p[@class='byline']")[0]
    for extra in found.xpath(".//span[@class='reading-time' or @class='dates']"):
        extra.getparent().remove(extra)
    return " ".join(found.text_content().split())


def credits(html: str) -> list[str]:
    return [
        " ".join(span.text_content().split())
        for span in lxml.html.fromstring(html).xpath("//p[@class='credits']/span")
    ]


def writers(*names):
    return [(name, ContributorRole.WRITER) for name in names]


@pytest.mark.parametrize(
    ("count", "dateline", "expected"),
    [
        (1, "Mosul", "By Nadia Karim in Mosul"),
        (2, "Mosul", "By Nadia Karim and Omar Haddad in Mosul"),
        (3, "Mosul", "By Nadia Karim, Omar Haddad and Rana Mustafa in Mosul"),
        (4, "", "By Nadia Karim, Omar Haddad, Rana Mustafa and Salim Aboud"),
    ],
)
def test_the_byline_lists_every_writer_in_order_in_english(
    app, client, make, people, count, dateline, expected
):
    names = ["Nadia Karim", "Omar Haddad", "Rana Mustafa", "Salim Aboud"][:count]
    article = make.article(author=people["Nadia Karim"], dateline=dateline)
    credit(app, article, *[(people[n], ContributorRole.WRITER) for n in names])
    html = client.get(url_of(article)).text
    assert byline(html) == expected
    assert credits(html) == []


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "بقلم سحر سلمان من الموصل"),
        (2, "بقلم سحر سلمان وكريم العبيدي من الموصل"),
        (3, "بقلم سحر سلمان، كريم العبيدي وسوسن حلبي من الموصل"),
    ],
)
def test_the_byline_lists_every_writer_with_arabic_conjunctions(
    app, client, make, arabic, count, expected
):
    names = ["sahar", "karim", "sawsan"][:count]
    article = make.article(edition=arabic["edition"], author=arabic["sahar"], dateline="الموصل")
    credit(app, article, *[(arabic[n], ContributorRole.WRITER) for n in names])
    assert byline(client.get(url_of(article)).text) == expected


def test_every_name_links_to_its_author_page(app, client, make, people):
    article = make.article(author=people["Nadia Karim"])
    credit(
        app,
        article,
        (people["Nadia Karim"], ContributorRole.WRITER),
        (people["Omar Haddad"], ContributorRole.WRITER),
        (people["Salim Aboud"], PHOTOS),
    )
    page = lxml.html.fromstring(client.get(url_of(article)).text)
    links = page.xpath("//p[@class='byline']/a | //p[@class='credits']//a")
    assert [(a.text, a.get("href")) for a in links] == [
        ("Nadia Karim", "/authors/nadia-karim"),
        ("Omar Haddad", "/authors/omar-haddad"),
        ("Salim Aboud", "/authors/salim-aboud"),
    ]
    assert all(client.get(a.get("href")).status_code == 200 for a in links)


def test_other_roles_are_credited_after_the_writers_each_in_its_sentence(app, client, make, people):
    article = make.article(author=people["Nadia Karim"], dateline="Basra")
    credit(
        app,
        article,
        (people["Dana Yousef"], ADDITIONAL),
        (people["Nadia Karim"], ContributorRole.WRITER),
        (people["Salim Aboud"], PHOTOS),
        (people["Rana Mustafa"], PHOTOS),
        (people["Omar Haddad"], VIDEO),
        (people["Omar Haddad"], TRANSLATION),
    )
    html = client.get(url_of(article)).text
    assert byline(html) == "By Nadia Karim in Basra"
    assert credits(html) == [
        "Photos by Salim Aboud and Rana Mustafa",
        "Video by Omar Haddad",
        "Translated by Omar Haddad",
        "Additional reporting by Dana Yousef",
    ]


def test_other_roles_are_credited_in_arabic(app, client, make, arabic):
    article = make.article(edition=arabic["edition"], author=arabic["sahar"], dateline="")
    credit(
        app,
        article,
        (arabic["sahar"], ContributorRole.WRITER),
        (arabic["karim"], PHOTOS),
        (arabic["sawsan"], TRANSLATION),
        (arabic["mazen"], ADDITIONAL),
    )
    html = client.get(url_of(article)).text
    assert byline(html) == "بقلم سحر سلمان"
    assert credits(html) == [
        "تصوير: كريم العبيدي",
        "ترجمة: سوسن حلبي",
        "شارك في إعداد التقرير: مازن القصاب",
    ]


def test_names_are_escaped_in_the_byline(app, client, make):
    odd = make.author(slug="odd-name", name="<b>Odd</b> & Co")
    article = make.article(author=odd)
    html = client.get(url_of(article)).text
    assert "&lt;b&gt;Odd&lt;/b&gt; &amp; Co</a>" in html and "<b>Odd</b>" not in html


def test_a_byline_change_shows_at_once_on_the_cached_page(app, client, make, people):
    article = make.article(author=people["Nadia Karim"], dateline="")
    assert byline(client.get(url_of(article)).text) == "By Nadia Karim"
    credit(app, article, *[(people[n], ContributorRole.WRITER) for n in ("Omar Haddad",)])
    assert byline(client.get(url_of(article)).text) == "By Omar Haddad"


def test_the_article_page_loads_its_contributors_in_a_fixed_number_of_queries(
    app, make, people, count_queries
):
    one = make.article(author=people["Nadia Karim"])
    many = make.article(author=people["Nadia Karim"])
    credit(
        app,
        many,
        *writers(people["Nadia Karim"], people["Omar Haddad"], people["Rana Mustafa"]),
        (people["Salim Aboud"], PHOTOS),
        (people["Dana Yousef"], ADDITIONAL),
    )
    # The navigation is made once per taxonomy version, by whichever page comes first.
    assert app.test_client().get("/").status_code == 200
    counts = []
    for article in (one, many):
        with count_queries() as queries:
            assert app.test_client().get(url_of(article)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_author_box_has_every_writer_with_title_or_guest_mark(app, client, make, people):
    titled = make.author(slug="ali", name="Ali Jaber", title="Basra correspondent", bio="")
    guest = make.author(slug="guest", name="Mona Fares", is_guest=True, bio="Mona Fares teaches.")
    article = make.article(author=titled)
    credit(app, article, *writers(titled, guest), (people["Salim Aboud"], PHOTOS))
    box = lxml.html.fromstring(client.get(url_of(article)).text).xpath(
        "//section[@class='author-box']"
    )[0]
    text = [" ".join(p.text_content().split()) for p in box.xpath(".//p")]
    assert box.xpath(".//h2")[0].text == "About the authors"
    assert text == ["Basra correspondent", "Ali Jaber", "Guest contributor", "Mona Fares teaches."]


def test_a_plain_article_keeps_its_author_box_as_it_was(client, make):
    article = make.article()
    box = re.search(
        r'<section class="author-box".*?</section>', client.get(url_of(article)).text, re.S
    )
    assert "About the author<" in box.group(0) and "author-title" not in box.group(0)


# --- The service's rules --------------------------------------------------------------


def test_the_first_writer_becomes_the_articles_author(app, make, people):
    article = make.article(author=people["Nadia Karim"])
    credit(
        app,
        article,
        (people["Salim Aboud"], PHOTOS),
        (people["Omar Haddad"], ContributorRole.WRITER),
        (people["Nadia Karim"], ContributorRole.WRITER),
    )
    with app.app_context():
        assert db.session.get(Article, article.id).author_id == people["Omar Haddad"].id


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "at least one writer"),
        ([("Salim Aboud", PHOTOS)], "at least one writer"),
        ([("Nadia Karim", "writer"), ("Nadia Karim", "writer")], "already credited"),
        ([("Nadia Karim", "writer"), (None, PHOTOS)], "Choose an author"),
    ],
)
def test_the_service_refuses_a_broken_list_and_changes_nothing(app, make, people, rows, message):
    article = make.article(author=people["Omar Haddad"])
    with app.app_context():
        found = db.session.get(Article, article.id)
        wanted = [
            Credit(people[name].id if name else 424242, ContributorRole(role))
            for name, role in rows
        ]
        with pytest.raises(CreditsRefused, match=message):
            set_contributors(found, wanted)
        db.session.rollback()
        found = db.session.get(Article, article.id)
        assert [(c.author.name, c.role) for c in found.contributors] == [
            ("Omar Haddad", ContributorRole.WRITER)
        ]


# --- Author pages and feeds -----------------------------------------------------------


def test_the_author_page_lists_articles_in_every_role_once_newest_first(app, client, make, people):
    salim = people["Salim Aboud"]
    wrote = make.article(author=salim, headline="Salim wrote this")
    photographed = make.article(author=people["Nadia Karim"], headline="Salim took photos")
    both = make.article(author=people["Nadia Karim"], headline="Salim wrote and shot this")
    other = make.article(author=people["Nadia Karim"], headline="Not Salim's")
    credit(app, photographed, (people["Nadia Karim"], "writer"), (salim, PHOTOS))
    credit(app, both, (people["Nadia Karim"], "writer"), (salim, "writer"), (salim, PHOTOS))
    del wrote, other

    page = lxml.html.fromstring(client.get("/authors/salim-aboud").text)

    teasers = page.xpath("//article[contains(@class, 'teaser')]")
    headlines = [t.xpath(".//h3")[0].text_content() for t in teasers]
    # make.article publishes each an hour before the last: the first made is the newest.
    assert headlines == ["Salim wrote this", "Salim took photos", "Salim wrote and shot this"]
    roles = [" ".join(t.xpath("string(.//p[@class='teaser-role'])").split()) for t in teasers]
    assert roles == ["", "Photos by Salim Aboud", ""]


def test_the_author_page_is_paginated_over_every_role(app, client, make, people):
    app.config["ARTICLES_PER_PAGE"] = 2
    salim = people["Salim Aboud"]
    for n in range(3):
        article = make.article(author=people["Nadia Karim"], headline=f"Photo story {n}")
        credit(app, article, (people["Nadia Karim"], "writer"), (salim, PHOTOS))
    first = client.get("/authors/salim-aboud").text
    second = client.get("/authors/salim-aboud?page=2").text
    assert "Photo story 0" in first and "Photo story 1" in first and "Photo story 2" in second
    assert client.get("/authors/salim-aboud?page=3").status_code == 404


def test_the_author_page_shows_title_photo_and_contact_links(client, make):
    photo = make.photo(alt_text="Portrait of Ali Jaber")
    make.author(
        slug="ali",
        name="Ali Jaber",
        title="Basra correspondent",
        photo_id=photo.id,
        contact_links=[
            {"label": "Email", "url": "mailto:ali@example.org"},
            {"label": "Website", "url": "https://ali.example.org/"},
        ],
    )
    page = lxml.html.fromstring(client.get("/authors/ali").text)
    header = page.xpath("//header[contains(@class, 'author-profile')]")[0]
    assert header.xpath("string(.//p[@class='author-title'])") == "Basra correspondent"
    assert header.xpath(".//img/@alt") == ["Portrait of Ali Jaber"]
    assert [(a.text, a.get("href")) for a in header.xpath(".//ul[@class='contact-links']//a")] == [
        ("Email", "mailto:ali@example.org"),
        ("Website", "https://ali.example.org/"),
    ]


def test_a_guest_is_shown_as_a_guest_contributor_without_a_staff_title(client, make):
    make.author(slug="guest", name="Mona Fares", is_guest=True, title="Stale title")
    header = lxml.html.fromstring(client.get("/authors/guest").text).xpath("//header")[1]
    assert header.xpath("string(.//p[@class='author-title'])") == "Guest contributor"
    assert "Stale title" not in lxml.html.tostring(header, encoding=str)


def test_the_author_feed_has_their_articles_in_every_role(app, client, make, people):
    import feedparser

    salim = people["Salim Aboud"]
    make.article(author=salim, headline="Salim wrote this")
    photographed = make.article(author=people["Nadia Karim"], headline="Salim took photos")
    credit(app, photographed, (people["Nadia Karim"], "writer"), (salim, PHOTOS))
    make.article(author=people["Nadia Karim"], headline="Not Salim's")
    feed = feedparser.parse(client.get("/feeds/authors/salim-aboud.atom").data)
    assert [e.title for e in feed.entries] == ["Salim wrote this", "Salim took photos"]


def test_a_photographers_articles_count_in_the_admin_and_keep_them_from_deletion(app, make, people):
    from support import csrf_from, sign_in

    salim = people["Salim Aboud"]
    article = make.article(author=people["Nadia Karim"])
    credit(app, article, (people["Nadia Karim"], "writer"), (salim, PHOTOS))
    admin = make.editor("admin")
    chief = app.test_client()
    sign_in(chief, admin.email)
    token = csrf_from(chief.get("/admin/authors").text)
    response = chief.post(f"/admin/authors/{salim.id}/delete", data={"csrf_token": token})
    assert "still has 1 article(s)" in chief.get(response.headers["Location"]).text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 1


# --- The demo -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "label", "expected_byline", "expected_credits"),
    [
        (
            "/iraq/politics/baghdad-council-votes-to-publish-its-spending-records-online",
            "",
            "By Nadia Karim and Rana Mustafa in Baghdad",
            [],
        ),
        (
            "/iraq/security/night-patrols-added-at-basra-port-after-warehouse-break-ins",
            "",
            "By Nadia Karim in Basra",
            ["Photos by Salim Aboud"],
        ),
        (
            "/syria/politics/hama-residents-ask-for-a-say-in-the-water-rationing-timetable",
            "",
            "By Omar Haddad in Hama",
            ["Additional reporting by Rana Mustafa"],
        ),
        (
            "/iraq/economy/why-half-the-stalls-in-erbil-s-new-wholesale-market-are-still-empty",
            "Analysis",
            "By Rana Mustafa and Muna Said in Erbil",
            [],
        ),
        (
            "/iraq/politics/basra-cannot-wait-for-another-dry-summer-to-fix-its-pumps",
            "Opinion",
            "By Farah Jawad in Basra",
            [],
        ),
        (
            "/iraq/culture/a-basra-workshop-teaches-the-old-craft-of-hand-made-tiles-again",
            "Sponsored",
            "Sponsored by Shatt Tile Works",
            [],
        ),
        (
            "/arabic/politics/ar-baghdad-council-spending-records-online",
            "",
            "بقلم سحر سلمان وكريم العبيدي من بغداد",
            [],
        ),
        (
            "/arabic/politics/ar-opinion-baghdad-must-publish-full-contracts",
            "رأي",
            "بقلم ليث الراوي من بغداد",
            [],
        ),
    ],
)
def test_the_demo_has_full_bylines_and_story_types(
    site_client, path, label, expected_byline, expected_credits
):
    response = site_client.get(path)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.text)
    assert page.xpath("string(//p[contains(@class, 'story-type')])") == label
    assert byline(response.text) == expected_byline
    assert credits(response.text) == expected_credits


def test_the_demo_has_a_masthead_guests_and_a_portrait(site):
    from newsite.models import Author

    with site.app_context():
        authors = db.session.scalars(sa.select(Author)).all()
        staff = [a for a in authors if a.is_staff]
        assert len(staff) >= 5 and all(a.title for a in staff)
        assert len({a.masthead_position for a in staff}) == len(staff)
        guests = [a for a in authors if a.is_guest]
        assert guests and not any(a.title or a.is_staff for a in guests)
        assert any(a.photo_id for a in authors) and any(a.contact_links for a in authors)
