"""Local time and relative time (issue 14, item 4): every time is in its edition's
zone and names it, recent teasers and comments say how long ago, editors schedule
in the edition's zone, and cached pages do not keep a stale "2 hours ago"."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from support import app_on, csrf_from, sign_in

from newsite.extensions import db
from newsite.languages import use_language
from newsite.models import Article, Comment, Edition, utcnow
from newsite.templating import reference_time, relative_time

BAGHDAD = ZoneInfo("Asia/Baghdad")


def days_ago(days: int) -> datetime:
    """A publication time `days` back, on a whole minute (as editors set them)."""
    return (utcnow() - timedelta(days=days)).replace(second=0, microsecond=0)


def in_baghdad(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(BAGHDAD)


def time_tags(html: str) -> list[dict[str, str]]:
    return [
        {"datetime": m[0], "title": m[1], "text": m[2]}
        for m in re.findall(r'<time datetime="([^"]+)" title="([^"]+)">([^<]*)</time>', html)
    ]


@pytest.fixture
def iraq(make):
    return make.edition(slug="iraq", name="Iraq News", time_zone="Asia/Baghdad")


def test_an_article_shows_its_time_in_its_editions_zone_and_names_the_city(client, make, iraq):
    published = days_ago(3)
    article = make.article(edition=iraq, published_at=published)
    html = client.get(f"/iraq/{article.section.slug}/{article.slug}").text

    local = in_baghdad(published)
    [tag] = [t for t in time_tags(html) if t["datetime"] == f"{published:%Y-%m-%dT%H:%M:%S}Z"]
    assert tag["text"] == f"{local.day} {local:%B %Y, %H:%M} Baghdad time"
    assert tag["title"] == tag["text"]
    assert local.hour == (published.hour + 3) % 24  # not the UTC hour


def test_an_edition_in_utc_says_utc(client, make):
    edition = make.edition(slug="world", name="World")
    published = days_ago(3)
    article = make.article(edition=edition, published_at=published)
    html = client.get(f"/world/{article.section.slug}/{article.slug}").text
    assert f"{published.day} {published:%B %Y, %H:%M} UTC</time>" in html


def test_arabic_pages_name_the_city_in_arabic(client, make):
    edition = make.edition(slug="arabic", name="العربية", language="ar", time_zone="Asia/Baghdad")
    published = days_ago(3)
    article = make.article(edition=edition, published_at=published)
    html = client.get(f"/arabic/{article.section.slug}/{article.slug}").text
    [tag] = time_tags(html)
    local = in_baghdad(published)
    assert "بغداد" in tag["text"] and "Baghdad" not in tag["text"]
    assert f"{local:%H:%M}" in tag["text"]


def test_recent_teasers_say_how_long_ago_with_the_exact_time_in_the_tag(client, make, iraq):
    section = make.section(slug="security", name="Security")
    recent = (utcnow() - timedelta(hours=2, minutes=5)).replace(microsecond=0)
    make.article(edition=iraq, section=section, published_at=recent, slug="fresh")
    old = days_ago(2)
    make.article(edition=iraq, section=section, published_at=old, slug="older")

    tags = {t["datetime"]: t for t in time_tags(client.get("/iraq/security/").text)}
    fresh = tags[f"{recent:%Y-%m-%dT%H:%M:%S}Z"]
    assert fresh["text"] == "2 hours ago"
    local = in_baghdad(recent)
    assert fresh["title"] == f"{local.day} {local:%B %Y, %H:%M} Baghdad time"
    # Older than a day: the date, in Baghdad (which can be a day ahead of UTC's).
    stale = tags[f"{old:%Y-%m-%dT%H:%M:%S}Z"]
    local_old = in_baghdad(old)
    assert stale["text"] == f"{local_old.day} {local_old:%b %Y}"


def test_arabic_teasers_say_how_long_ago_in_arabic(client, make):
    edition = make.edition(slug="arabic", name="العربية", language="ar", time_zone="Asia/Baghdad")
    recent = utcnow() - timedelta(hours=2, minutes=5)
    make.article(edition=edition, published_at=recent)
    texts = [t["text"] for t in time_tags(client.get("/arabic/").text)]
    assert "قبل ساعتين" in texts


def test_comments_of_the_last_day_say_how_long_ago_older_ones_the_local_time(
    app, client, make, iraq
):
    article = make.article(edition=iraq, published_at=days_ago(3))
    fresh = make.comment(article, body="Posted a moment ago")
    older = make.comment(article, body="Posted two days ago")
    posted = (utcnow() - timedelta(days=2)).replace(microsecond=0)
    with app.app_context():
        db.session.execute(
            sa.update(Comment).where(Comment.id == older.id).values(created_at=posted)
        )
        db.session.commit()

    html = client.get(f"/iraq/{article.section.slug}/{article.slug}").text
    comments = {
        int(i): time_tags(block)[0]
        for i, block in re.findall(r'id="comment-(\d+)">(.*?)</article>', html, re.S)
    }
    assert comments[fresh.id]["text"] == "just now"
    assert comments[fresh.id]["title"].endswith("Baghdad time")
    local = in_baghdad(posted)
    assert comments[older.id]["text"] == f"{local.day} {local:%B %Y, %H:%M} Baghdad time"


def test_search_results_show_the_local_date(client, make, iraq):
    published = days_ago(2)
    make.article(edition=iraq, published_at=published, headline="Water returns to the marshes")
    [tag] = time_tags(client.get("/search?q=marshes").text)
    local = in_baghdad(published)
    assert tag["text"] == f"{local.day} {local:%b %Y}"
    assert tag["title"].endswith("Baghdad time")


@pytest.mark.parametrize(
    ("minutes", "en", "ar"),
    [
        (0.5, "just now", "الآن"),
        (1, "1 minute ago", "قبل دقيقة واحدة"),
        (59.4, "59 minutes ago", "قبل 59 دقيقة"),
        (59.6, "1 hour ago", "قبل ساعة واحدة"),
        (125, "2 hours ago", "قبل ساعتين"),
        (23 * 60 + 50, "23 hours ago", "قبل 23 ساعة"),
        (24 * 60, None, None),
    ],
)
def test_relative_times_are_whole_minutes_then_whole_hours_within_a_day(app, minutes, en, ar):
    for language, expected in (("en", en), ("ar", ar)):
        with app.test_request_context("/"):
            use_language(language)
            moment = reference_time() - timedelta(minutes=minutes)
            text = relative_time(moment)
        if language == "en" or expected is None:
            assert text == expected
        else:  # the catalog translates "just now"; Babel the rest
            assert text == expected or (minutes < 1 and text in ("just now", expected))


# --- Cached pages ------------------------------------------------------------------


def test_a_listing_with_relative_times_is_a_new_version_each_step_a_feed_is_not(app, make, iraq):
    app.config.update(RELATIVE_TIME_SECONDS=1, SHARED_PAGE_SECONDS=0)
    make.article(edition=iraq, published_at=utcnow() - timedelta(hours=1))
    client = app.test_client()
    first_page, first_feed = client.get("/iraq/"), client.get("/feeds/all.atom")
    time.sleep(1.1)
    later_page, later_feed = client.get("/iraq/"), client.get("/feeds/all.atom")
    assert later_page.get_etag() != first_page.get_etag()
    assert later_feed.get_etag() == first_feed.get_etag()


def test_an_article_with_comments_is_a_new_version_each_step(app, make, iraq):
    app.config.update(RELATIVE_TIME_SECONDS=1, SHARED_PAGE_SECONDS=0)
    quiet = make.article(edition=iraq)
    talked_about = make.article(edition=iraq)
    make.comment(talked_about)
    client = app.test_client()

    def etag(article: Article) -> str:
        return client.get(f"/iraq/{article.section.slug}/{article.slug}").get_etag()[0]

    before = etag(quiet), etag(talked_about)
    time.sleep(1.1)
    assert etag(quiet) == before[0]  # nothing on it says "ago": still a 304 for browsers
    assert etag(talked_about) != before[1]


# --- The admin ---------------------------------------------------------------------


@pytest.fixture
def admin(app, make):
    client = app.test_client()
    sign_in(client, make.editor("admin").email)
    return client


def article_form(client, edition, section, author, **fields):
    return {
        "csrf_token": csrf_from(client.get("/admin/articles/new").text),
        "headline": "Bridge reopens after repairs",
        "slug": "",
        "summary": "",
        "body": "The bridge reopened.",
        "dateline": "Mosul",
        "author_id": author.id,
        "edition_id": edition.id,
        "section_id": section.id,
        "status": "scheduled",
        "published_at": "",
        "photo_id": 0,
        "caption": "",
        "credit": "",
        "alt_text": "",
        "comments": "",
        "revision": "0",
    } | fields


def test_editors_schedule_in_the_editions_zone_and_it_is_stored_in_utc(app, admin, make, iraq):
    section, author = make.section(), make.author()
    form = article_form(admin, iraq, section, author, published_at="2031-03-01T10:00")
    assert "Iraq News, Baghdad time (UTC+03:00)" in admin.get("/admin/articles/new").text

    assert admin.post("/admin/articles/new", data=form).status_code == 303
    with app.app_context():
        article = db.session.scalar(db.select(Article))
        assert article.published_at == datetime(2031, 3, 1, 7, 0)  # UTC
    edit = admin.get(f"/admin/articles/{article.id}").text
    assert 'value="2031-03-01T10:00"' in edit  # shown as the editor typed it
    listing = admin.get("/admin/articles").text
    assert "1 Mar 2031, 10:00 Baghdad time" in listing


def test_an_admin_sets_an_editions_time_zone_from_the_list_only(app, admin, iraq):
    token = csrf_from(admin.get(f"/admin/editions/{iraq.id}").text)
    page = admin.get(f"/admin/editions/{iraq.id}").text
    assert '<option selected value="Asia/Baghdad">' in page
    data = {"csrf_token": token, "name": "Iraq News", "slug": "iraq", "language": "en"}

    refused = admin.post(f"/admin/editions/{iraq.id}", data=data | {"time_zone": "Mars/Olympus"})
    assert refused.status_code == 422
    assert "Not a valid choice" in refused.text and 'value="Iraq News"' in refused.text

    saved = admin.post(f"/admin/editions/{iraq.id}", data=data | {"time_zone": "Asia/Damascus"})
    assert saved.status_code == 303
    with app.app_context():
        assert db.session.get(Edition, iraq.id).time_zone == "Asia/Damascus"


def test_an_edition_cannot_hold_a_zone_that_does_not_exist(app):
    with pytest.raises(ValueError, match="not a time zone"):
        Edition(slug="x", name="X", time_zone="Asia/Atlantis")


def test_the_migration_gives_existing_editions_their_readers_zone(tmp_path):
    database = f"sqlite:///{tmp_path / 'old.db'}"
    with app_on(database, tmp_path / "media") as app, app.app_context():
        upgrade(revision="d7a1e9b3c2f4")  # the schema before time zones
        for n, slug in enumerate(["iraq", "syria", "arabic", "kurdistan"]):
            db.session.execute(
                sa.text(
                    "INSERT INTO edition (slug, name, description, language, position)"
                    " VALUES (:slug, :slug, '', 'en', :n)"
                ),
                {"slug": slug, "n": n},
            )
        db.session.commit()
        upgrade()
        zones = dict(db.session.execute(sa.select(Edition.slug, Edition.time_zone)).all())
    assert zones == {
        "iraq": "Asia/Baghdad",
        "syria": "Asia/Damascus",
        "arabic": "Asia/Baghdad",
        "kurdistan": "UTC",
    }
