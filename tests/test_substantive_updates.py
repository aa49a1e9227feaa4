"""Honest "Updated" times: only a substantive update (or a correction) moves the time
readers see, JSON-LD dateModified, feeds' <updated> and sitemaps' <lastmod>; a typo fix
moves none of them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import lxml.html
import pytest
from support import sign_in

from newsite.extensions import db
from newsite.models import Article, ArticleRevision, ArticleStatus, utcnow

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def desk(app, make):
    """A signed-in editor and a story published three hours ago."""
    editor = make.editor("editor")
    client = app.test_client()
    sign_in(client, editor.email)
    published = utcnow().replace(second=0, microsecond=0) - timedelta(hours=3)
    story = make.article(
        slug="bridge-reopens",
        headline="Bridge reopens",
        edition=make.edition(slug="iraq", name="Iraq News", time_zone="Asia/Baghdad"),
        section=make.section(slug="security", name="Security"),
        published_at=published,
    )
    return {"client": client, "story": story}


def url_of(article):
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def edit_form(client, article):
    """The article form's fields as the edit page fills them in."""
    page = lxml.html.fromstring(client.get(f"/admin/articles/{article.id}").text)
    form = page.xpath('//form[contains(@class, "article-form")]')[0]
    return dict(form.form_values())


def save(client, article, **changes):
    """Save the article form as loaded, with `changes` (a tick is `substantive="y"`)."""
    return client.post(f"/admin/articles/{article.id}", data=edit_form(client, article) | changes)


def stored(app, article):
    with app.app_context():
        return db.session.get(Article, article.id)


def last_note(app, article):
    with app.app_context():
        return db.session.scalar(
            db.select(ArticleRevision.note)
            .filter_by(article_id=article.id)
            .order_by(ArticleRevision.number.desc())
            .limit(1)
        )


def signals(client, article):
    """What says when the article changed: JSON-LD dateModified, the feed entry's
    <updated>, the sitemap's <lastmod> (and its index's), the Google News sitemap's."""
    html = client.get(url_of(article)).text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    json_ld = next(b for b in map(json.loads, blocks) if b["@type"].endswith("Article"))
    feed = feedparser.parse(client.get("/feeds/all.atom").data)
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = feed.entries

    def lastmods(url, tag):
        root = ET.fromstring(client.get(url).data)
        return [el.findtext("sm:lastmod", namespaces=SITEMAP) for el in root.findall(tag, SITEMAP)]

    (lastmod,) = lastmods("/sitemaps/articles-1.xml", "sm:url")
    (news_lastmod,) = lastmods("/sitemaps/news.xml", "sm:url")
    index = [m for m in lastmods("/sitemap.xml", "sm:sitemap") if m]
    return {
        "json_ld": json_ld["dateModified"],
        "feed": entry.updated,
        "sitemap": lastmod,
        "news": news_lastmod,
        "index": index,
        "updated_shown": re.search(r'<span class="updated">Updated <time[^>]*>', html) is not None,
        "published": json_ld["datePublished"],
    }


def test_a_save_without_the_tick_moves_no_updated_time(app, client, desk):
    story = desk["story"]
    before = signals(client, story)

    response = save(desk["client"], story, body="Body of the story, with a typo fixed.")

    assert response.status_code == 303
    article = stored(app, story)
    assert article.revision == 1 and "typo fixed" in client.get(url_of(story)).text
    assert article.modified_at is None and article.update_note == ""
    assert last_note(app, story) == ""
    after = signals(client, story)
    assert after == before
    assert after["json_ld"] == after["published"] and not after["updated_shown"]


def test_a_substantive_update_moves_all_four_and_says_what_changed(app, client, desk):
    story = desk["story"]
    before = signals(client, story)

    response = save(
        desk["client"], story, substantive="y", what_changed="Adds the mayor's  statement."
    )

    assert response.status_code == 303
    article = stored(app, story)
    assert article.modified_at > article.published_at
    assert article.update_note == "Adds the mayor's statement."
    assert last_note(app, story) == "Substantive update: Adds the mayor's statement."
    after = signals(client, story)
    moved = article.modified_at.replace(microsecond=0).isoformat() + "Z"
    assert after["json_ld"] == moved != before["json_ld"]
    assert after["feed"] == moved.replace("Z", "+00:00") != before["feed"]
    assert after["sitemap"] == after["news"] == moved != before["sitemap"]
    assert after["index"] == [moved]
    html = client.get(url_of(story)).text
    assert after["updated_shown"] and "Baghdad time</time></span>" in html
    byline_end = html.index("</p>", html.index('<p class="byline">'))
    note = html.index('<p class="update-note">What changed: Adds the mayor&#39;s statement.</p>')
    assert byline_end < note < html.index('class="story-body"')


def test_a_substantive_update_without_a_note_clears_the_last_one(app, desk):
    story = desk["story"]
    save(desk["client"], story, substantive="y", what_changed="Adds a quote.")
    first = stored(app, story).modified_at

    save(desk["client"], story, substantive="y", what_changed="")

    article = stored(app, story)
    assert article.update_note == "" and article.modified_at >= first
    assert last_note(app, story) == "Substantive update"


def test_a_note_without_the_tick_is_refused_and_kept(app, desk):
    story = desk["story"]
    response = save(desk["client"], story, what_changed="Forgot to tick.", body="New body.")

    assert response.status_code == 422
    assert "tick the box above" in response.text
    assert 'value="Forgot to tick."' in response.text
    article = stored(app, story)
    assert article.revision == 0 and article.modified_at is None and article.update_note == ""


def test_a_note_over_300_characters_is_refused_and_kept(app, desk):
    story = desk["story"]
    note = "x" * 301
    response = save(desk["client"], story, substantive="y", what_changed=note)

    assert response.status_code == 422
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="what_changed"', response.text)
    assert f'value="{note}"' in response.text
    assert stored(app, story).modified_at is None


def test_only_a_published_article_offers_a_substantive_update(app, make, desk):
    story = desk["story"]
    draft = make.article(status=ArticleStatus.DRAFT, published_at=None, edition=story.edition)
    assert 'name="substantive"' in desk["client"].get(f"/admin/articles/{story.id}").text
    assert 'name="substantive"' not in desk["client"].get(f"/admin/articles/{draft.id}").text

    # Publishing a draft is its publication, not an update.
    response = save(desk["client"], draft, status="published", substantive="y")
    assert response.status_code == 303
    assert stored(app, draft).modified_at is None


def test_a_conflict_keeps_an_unticked_box_unticked(app, desk):
    story = desk["story"]
    stale = edit_form(desk["client"], story)
    save(desk["client"], story, body="Someone else's save.")

    conflict = desk["client"].post(f"/admin/articles/{story.id}", data=stale | {"body": "Mine."})

    assert conflict.status_code == 409
    assert 'name="substantive"' not in conflict.text
    ticked = desk["client"].post(
        f"/admin/articles/{story.id}", data=stale | {"substantive": "y", "what_changed": "More."}
    )
    assert 'name="substantive" value="True"' in ticked.text


def test_the_updated_time_is_not_shown_when_it_is_not_after_publication(app, client, desk):
    story = desk["story"]
    with app.app_context():  # rescheduled later than its last update
        article = db.session.get(Article, story.id)
        article.modified_at = article.published_at - timedelta(hours=1)
        db.session.commit()
    html = client.get(url_of(story)).text
    assert '<span class="updated">' not in html
    assert signals(client, story)["json_ld"] == signals(client, story)["published"]
