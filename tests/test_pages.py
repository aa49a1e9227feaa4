"""Readers' pages: what each shows and how they link together."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from PIL import Image

from newsite.models import ArticleStatus


def test_article_page_follows_the_anatomy(client, make):
    edition = make.edition(slug="iraq", name="Iraq News")
    section = make.section(slug="security", name="Security")
    author = make.author(slug="lina-haddad", name="Lina Haddad")
    photo = make.photo(
        caption="Traffic at the checkpoint",
        credit="Photo circulated on social media",
        alt_text="Cars queue at a checkpoint",
    )
    article = make.article(
        edition=edition,
        section=section,
        author=author,
        lead_photo=photo,
        slug="road-reopens",
        headline="Road reopens",
        dateline="Mosul",
        body='Opening.\n\n## What happened\n\n> "We waited all day," said a driver.\n',
    )

    html = client.get("/iraq/security/road-reopens").get_data(as_text=True)

    assert html.count("<h1") == 1 and ">Road reopens</h1>" in html
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert crumbs.index("Iraq News") < crumbs.index("Security")
    assert 'href="/iraq/"' in crumbs and 'href="/iraq/security/"' in crumbs
    assert re.search(
        r'By <a href="/authors/lina-haddad" rel="author">Lina Haddad</a> in '
        r'<span class="dateline">Mosul</span>',
        html,
    )
    assert f'<time datetime="{article.published_at:%Y-%m-%dT%H:%M:%SZ}" title="' in html
    figure = re.search(r"<figure.*?</figure>", html, re.S).group(0)
    assert 'alt="Cars queue at a checkpoint"' in figure
    assert (
        'Traffic at the checkpoint <span class="credit">[Photo circulated on social media]</span>'
        in figure
    )
    assert "<h2>What happened</h2>" in html and "<blockquote>" in html


def test_lead_photo_is_responsive_without_layout_shift(client, make):
    photo = make.photo(size=(2000, 1250))
    article = make.article(lead_photo=photo)

    html = client.get(article_url(article)).get_data(as_text=True)
    img = re.search(r"<figure.*?(<img.*?>)", html, re.S).group(1)

    for width in (480, 960, 1600):
        assert f"/{width}.jpg {width}w" in img
    assert 'width="2000" height="1250"' in img
    assert "sizes=" in img and 'fetchpriority="high"' in img


def test_teasers_below_the_fold_load_lazily(client, make):
    edition, section = make.edition(), make.section()
    for _ in range(4):
        make.article(edition=edition, section=section, lead_photo=make.photo())

    listing = client.get(f"/{edition.slug}/{section.slug}/").get_data(as_text=True)
    front = client.get(f"/{edition.slug}/").get_data(as_text=True)

    imgs = re.findall(r"<img.*?>", listing, re.S)
    assert len(imgs) == 4
    assert ['loading="lazy"' in img for img in imgs] == [False, False, True, True]
    # A front page: its lead first, then the top stories' thumbnails.
    imgs = re.findall(r"<img.*?>", front, re.S)
    assert ['loading="lazy"' in img for img in imgs] == [False, True, True, True]


def test_teaser_shows_photo_headline_summary_date_and_comment_count(client, make):
    article = make.article(
        headline="Teaser headline", summary="Teaser summary.", lead_photo=make.photo()
    )

    html = client.get(f"/{article.edition.slug}/").get_data(as_text=True)
    teaser = re.search(r'<article class="teaser.*?</article>', html, re.S).group(0)

    assert "Teaser headline" in teaser and "Teaser summary." in teaser
    assert "<img" in teaser and "<time datetime=" in teaser
    assert "0 Comments" in teaser


def test_listing_is_newest_first_and_paginated(app, client, make):
    edition, section = make.edition(), make.section()
    per_page = app.config["ARTICLES_PER_PAGE"]
    # Older each time.
    articles = [make.article(edition=edition, section=section) for _ in range(per_page + 2)]
    path = f"/{edition.slug}/{section.slug}/"

    first = client.get(path).get_data(as_text=True)
    second = client.get(f"{path}?page=2").get_data(as_text=True)

    headlines = re.findall(r'class="teaser-headline"><a href="[^"]+">([^<]+)</a>', first)
    assert headlines == [a.headline for a in articles[:per_page]]
    assert f'href="{path}?page=2"' in first
    assert articles[-1].headline in second and articles[0].headline not in second
    assert f'href="{path}"' in second  # back to the first page, no ?page=1


def test_section_pages_list_only_their_section(client, make):
    edition = make.edition(slug="syria")
    politics, sport = make.section(slug="politics"), make.section(slug="sport")
    make.article(edition=edition, section=politics, headline="A vote in parliament")
    make.article(edition=edition, section=sport, headline="A cup final")

    in_edition = client.get("/syria/politics/").get_data(as_text=True)
    everywhere = client.get("/sections/sport/").get_data(as_text=True)

    assert "A vote in parliament" in in_edition and "A cup final" not in in_edition
    assert "A cup final" in everywhere and "A vote in parliament" not in everywhere


def test_author_page_lists_their_articles(client, make):
    author = make.author(slug="omar-saleh", name="Omar Saleh", bio="Covers the economy.")
    mine = make.article(author=author, headline="Omar's story")
    make.article(headline="Someone else's story")

    html = client.get("/authors/omar-saleh").get_data(as_text=True)

    assert "<h1>Omar Saleh</h1>" in html and "Covers the economy." in html
    assert mine.headline.replace("'", "&#39;") in html and "Someone else" not in html


def test_comment_policy_page_is_linked_from_every_page(client, make):
    make.article()
    assert client.get("/comment-policy").status_code == 200
    assert 'href="/comment-policy"' in client.get("/").get_data(as_text=True)


def test_article_moved_to_another_section_redirects_to_its_current_url(client, make):
    article = make.article(slug="moved-story")
    response = client.get(f"/{article.edition.slug}/old-section/moved-story")
    assert response.status_code == 301
    assert response.headers["Location"] == article_url(article)


@pytest.mark.parametrize("status", [ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED])
def test_articles_whose_time_has_come_are_public(client, make, status):
    article = make.article(status=status)
    assert client.get(article_url(article)).status_code == 200


def article_url(article) -> str:
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def test_arabic_pages_take_the_masthead_and_home_link_to_the_arabic_front_page(client, make):
    make.page("about", "en"), make.page("about", "ar")
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    english = make.edition(slug="iraq", name="Iraq News")
    for edition, front in ((arabic, "/arabic/"), (english, "/")):
        article = make.article(edition=edition)
        for path in (article_url(article), f"/{edition.slug}/", "/about" + (front != "/") * "/ar"):
            html = client.get(path).get_data(as_text=True)
            assert f'<a class="site-name" href="{front}"' in html, path
            footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
            assert re.search(rf'<li><a href="{front}">(Home|الرئيسية)</a></li>', footer), path


@pytest.mark.parametrize(
    "page",
    ["about", "ethics", "corrections-policy", "masthead", "privacy", "contact", "corrections"],
)
def test_the_newsrooms_own_pages_are_written_in_each_language(client, make, page):
    if page != "corrections":  # a template; the others are written by editors
        make.page(page, "en"), make.page(page, "ar")
    english = client.get(f"/{page}")
    arabic = client.get(f"/{page}/ar")
    assert english.status_code == arabic.status_code == 200
    assert '<html lang="en" dir="ltr">' in english.text
    assert '<html lang="ar" dir="rtl">' in arabic.text
    assert english.text.count("<h1>") == arabic.text.count("<h1>") == 1
    # Each links the other language's pages from its footer.
    assert f'href="/{page}/ar"' in arabic.text and f'href="/{page}"' in english.text


def test_footer_links_the_site_pages_every_edition_and_the_feeds(client, make):
    for slug in ("about", "privacy", "contact"):
        make.page(slug, "en")
    iraq, syria = make.edition(slug="iraq"), make.edition(slug="syria")
    make.article(edition=iraq)
    footer = re.search(
        r'<footer class="site-footer">.*?</footer>', client.get("/").text, re.S
    ).group(0)
    for path in ("/about", "/corrections", "/privacy", "/contact", "/comment-policy"):
        assert f'href="{path}"' in footer
    for edition in (iraq, syria):
        assert f'href="/{edition.slug}/"' in footer
        assert f'href="/feeds/editions/{edition.slug}.atom"' in footer
    assert 'href="/feeds/all.atom"' in footer


def test_every_page_links_its_icons_and_the_web_app_manifest(client, make):
    article = make.article()
    for path in ("/", article_url(article), "/about", "/authors/nobody"):
        html = client.get(path).get_data(as_text=True)
        assert '<link rel="icon" href="/icons/32.png" type="image/png" sizes="32x32">' in html
        assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html


def test_icons_are_square_pngs_of_the_size_they_are_named_for(client):
    sizes = {"/icons/32.png": 32, "/apple-touch-icon.png": 180, "/icons/512.png": 512}
    for path, size in sizes.items():
        response = client.get(path)
        assert response.mimetype == "image/png"
        assert Image.open(BytesIO(response.data)).size == (size, size)
    favicon = Image.open(BytesIO(client.get("/favicon.ico").data))
    assert favicon.format == "ICO" and (32, 32) in favicon.info["sizes"]
    assert client.get("/icons/100.png").status_code == 404


def test_the_manifest_names_the_site_and_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")
    manifest = response.get_json(force=True)
    assert response.mimetype == "application/manifest+json"
    assert manifest["name"] == "newsite" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
