"""More to read: tags on the article page, related articles, "Most read" and "Most commented"."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from support import Reader

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, ArticleViews, Tag, utcnow
from newsite.readership import flush_views


def tag(app, article, *names):
    """Tag an article as the admin does, creating tags that are new."""
    with app.app_context():
        found = db.session.get(Article, article.id)
        found.tags = [
            db.session.scalar(db.select(Tag).filter_by(slug=name.lower()))
            or Tag(slug=name.lower(), name=name)
            for name in names
        ]
        found.revision += 1
        db.session.commit()


def related_headlines(page: str) -> list[str]:
    section = re.search(r'<section class="related".*?</section>', page, re.S)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', section.group()) if section else []


def test_the_article_page_links_its_tags_to_their_pages(app, client, make):
    article = make.article(headline="Wells run dry")
    tag(app, article, "Water", "Drought")
    page = Reader(client).page(article)
    assert 'href="/tags/water">Water</a>' in page and 'href="/tags/drought">Drought</a>' in page
    assert "Wells run dry" in client.get("/tags/drought").text
    assert client.get("/tags/no-such-tag").status_code == 404


def test_related_articles_share_tags_first_then_the_section_never_the_article(app, client, make):
    section, other_section = make.section(), make.section()
    article = make.article(headline="Dam opens its gates", section=section)
    two_tags = make.article(headline="Two shared tags", section=other_section)
    one_tag = make.article(headline="One shared tag", section=other_section)
    same_section = make.article(headline="Same section only", section=section)
    make.article(headline="Nothing in common", section=other_section)
    make.article(
        headline="A shared draft", section=section, status=ArticleStatus.DRAFT, published_at=None
    )
    tag(app, article, "Water", "Dams")
    tag(app, two_tags, "Water", "Dams")
    tag(app, one_tag, "Water")

    headlines = related_headlines(Reader(client).page(article))
    assert headlines == [two_tags.headline, one_tag.headline, same_section.headline]
    assert same_section  # and never the article itself, a draft or an unrelated story


def test_a_cached_article_page_shows_a_newly_published_related_article(app, client, make):
    desk = {"edition": make.edition(), "section": make.section(), "author": make.author()}
    article = make.article(headline="Bridge closes", **desk)
    assert related_headlines(Reader(client).page(article)) == []  # cached now
    make.article(headline="Ferry fills the gap", **desk)  # no new edition, section or author
    assert related_headlines(Reader(client).page(article)) == ["Ferry fills the gap"]


def test_a_page_view_is_counted_when_the_page_asks_for_its_own_parts(app, client, make):
    article = make.article()
    reader = Reader(client)
    for _ in range(2):
        reader.page(article)  # a crawler, or the copy nginx served, asks nothing more
    reader.view(article)
    with app.app_context():
        assert flush_views() == 1


def test_a_page_view_writes_nothing_until_the_batch_is_flushed(app, client, make, count_queries):
    article = make.article()
    reader = Reader(client)
    reader.view(article)
    with count_queries() as queries:
        for _ in range(3):
            reader.view(article)
    assert not [q for q in queries if q.lstrip().upper().startswith(("INSERT", "UPDATE"))]

    with app.app_context():
        assert flush_views() == 4
        assert db.session.scalar(db.select(db.func.sum(ArticleViews.views))) == 4
        assert flush_views() == 0  # a batch is moved once


def test_a_due_batch_is_stored_after_the_answer_is_sent(app, client, make):
    app.config["VIEWS_FLUSH_SECONDS"] = 0
    article = make.article()
    response = Reader(client).own_parts(article)
    assert response.status_code == 204
    response.close()  # the server closes the answer once it is sent
    with app.app_context():
        assert db.session.scalar(db.select(db.func.sum(ArticleViews.views))) >= 1


def views(app, article, hours_ago, count):
    hour = (utcnow() - timedelta(hours=hours_ago)).replace(minute=0, second=0, microsecond=0)
    with app.app_context():
        db.session.add(ArticleViews(article_id=article.id, hour=hour, views=count))
        db.session.commit()


def box(page: str, box_id: str) -> list[str]:
    found = re.search(rf'aria-labelledby="{box_id}-heading".*?</section>', page, re.S)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', found.group()) if found else []


def test_most_read_ranks_the_last_day_of_views_on_home_and_section_pages(app, client, make):
    section = make.section()
    quiet = make.article(headline="Quiet story", section=section)
    busy = make.article(headline="Busy story", section=section)
    old_news = make.article(headline="Old news", section=section)
    draft = make.article(headline="Hidden draft", status=ArticleStatus.DRAFT, published_at=None)
    views(app, quiet, hours_ago=2, count=5)
    views(app, busy, hours_ago=1, count=40)
    views(app, old_news, hours_ago=30, count=900)  # outside the last 24 hours
    views(app, draft, hours_ago=1, count=999)  # not public

    assert box(client.get("/").text, "most-read") == ["Busy story", "Quiet story"]
    assert box(client.get(f"/sections/{section.slug}/").text, "most-read") == [
        "Busy story",
        "Quiet story",
    ]


def test_most_commented_counts_the_last_day_of_visible_comments(app, client, make):
    talked_about = make.article(headline="Talked about")
    mentioned = make.article(headline="Mentioned once")
    for _ in range(3):
        make.comment(talked_about)
    make.comment(mentioned)
    make.comment(mentioned, body="Casino bonus here")  # held: not counted

    assert box(client.get("/").text, "most-commented") == ["Talked about", "Mentioned once"]


@pytest.mark.load
def test_page_views_wait_in_redis_when_it_is_configured(app, client, make, redis_url):
    import secrets

    import redis

    prefix = f"test-{secrets.token_hex(6)}:"
    app.config.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX=prefix)
    article = make.article()
    reader = Reader(client)
    reader.view(article)
    reader.view(article)
    store = redis.Redis.from_url(redis_url)
    try:
        pending = store.hgetall(prefix + "views:pending")
        assert sum(int(v) for v in pending.values()) == 2
        with app.app_context():
            assert flush_views() == 2
            assert db.session.scalar(db.select(db.func.sum(ArticleViews.views))) == 2
        assert not store.exists(prefix + "views:pending")
    finally:
        for key in store.scan_iter(prefix + "*"):
            store.delete(key)


# Around the article: styled "More to read", the author box, section boxes, the aside,
# reading time.


def test_related_articles_of_the_same_section_sharing_tags_come_first(app, client, make):
    section, other_section = make.section(), make.section()
    article = make.article(headline="Dam opens", section=section)
    other_two_tags = make.article(headline="Other section, two tags", section=other_section)
    same_one_tag = make.article(headline="Same section, one tag", section=section)
    same_no_tag = make.article(headline="Same section, no tag", section=section)
    tag(app, article, "Water", "Dams")
    tag(app, other_two_tags, "Water", "Dams")
    tag(app, same_one_tag, "Water")

    assert related_headlines(Reader(client).page(article)) == [
        same_one_tag.headline,
        other_two_tags.headline,
        same_no_tag.headline,
    ]


def test_more_to_read_shows_teasers_with_thumbnail_section_and_headline(app, client, make):
    section = make.section(name="Economy")
    article = make.article(section=section)
    make.article(headline="Bread prices hold", section=section, lead_photo=make.photo())
    page = Reader(client).page(article)
    related = re.search(r'<section class="related".*?</section>', page, re.S).group()
    teaser = related.split('<li class="related-teaser">')[1]
    assert '<a class="related-photo"' in teaser and "<img" in teaser
    assert '<p class="kicker">Economy</p>' in teaser
    assert re.search(r'<h3 class="related-headline"><a href="[^"]+">Bread prices hold</a>', teaser)


def test_the_author_box_does_not_say_the_name_twice(client, make):
    author = make.author(name="Nadia Karim", bio="Nadia Karim covers security from Baghdad.")
    page = Reader(client).page(make.article(author=author))
    about = re.search(r'<section class="author-box".*?</section>', page, re.S).group()
    assert about.count("Nadia Karim") == 1
    assert re.search(r'<a href="/authors/[^"]+">Nadia Karim</a> covers security', about)
    other = make.author(name="Sami Aziz", bio="Writes on farming.")
    about = Reader(client).page(make.article(author=other))
    assert re.search(r">Sami Aziz</a>: Writes on farming\.", about)


def test_the_author_page_says_the_name_once_as_its_heading(client, make):
    author = make.author(name="Rana Mustafa", bio="Writes about trade.")
    make.article(author=author)
    page = client.get(f"/authors/{author.slug}").text
    main = page.split('<main id="main"', 1)[1]
    assert main.count("Rana Mustafa") == 1 and "<h1>Rana Mustafa</h1>" in main


def test_section_pages_show_the_most_read_and_commented_of_that_section(app, client, make):
    edition, section, elsewhere = make.edition(), make.section(), make.section()
    inside = make.article(headline="Read in this section", edition=edition, section=section)
    outside = make.article(headline="Read elsewhere", edition=edition, section=elsewhere)
    views(app, inside, hours_ago=1, count=3)
    views(app, outside, hours_ago=1, count=50)
    make.comment(outside)
    make.comment(inside)

    for url in (f"/sections/{section.slug}/", f"/{edition.slug}/{section.slug}/"):
        page = client.get(url).text
        assert box(page, "most-read") == ["Read in this section"], url
        assert box(page, "most-commented") == ["Read in this section"], url
    assert box(client.get("/").text, "most-read") == ["Read elsewhere", "Read in this section"]


def test_the_article_asks_for_most_read_beside_it_without_changing_its_own_version(
    app, client, make
):
    article = make.article(headline="The story")
    other = make.article(headline="Much read")
    reader = Reader(client)
    first = client.get(reader.url(article))
    aside = re.search(r'<aside class="story-aside".*?</aside>', first.text, re.S).group()
    assert 'data-hx-get="/most-read/en"' in aside and 'data-hx-trigger="revealed"' in aside

    views(app, other, hours_ago=1, count=9)
    boxes = client.get("/most-read/en", headers={"HX-Request": "true"})
    assert boxes.status_code == 200 and boxes.headers["Cache-Control"].startswith("public")
    assert box(boxes.text, "most-read") == ["Much read"]
    # The shared article page is the same bytes (and version) as before the views.
    again = client.get(reader.url(article))
    assert again.headers["ETag"] == first.headers["ETag"] and again.data == first.data


def test_the_byline_says_how_long_the_story_takes_to_read(client, make):
    short = make.article(body="A few words.")
    longer = make.article(body=" ".join(["word"] * 650))
    assert '<span class="reading-time">1 min read</span>' in Reader(client).page(short)
    assert '<span class="reading-time">4 min read</span>' in Reader(client).page(longer)
