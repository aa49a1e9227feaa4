"""Corrections and clarifications: added by editors, shown to readers above or below the
story, in JSON-LD and on /corrections with its feed; removed by admins alone, never
silently."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import feedparser
import pytest
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Article, ArticleRevision, ArticleStatus, Correction, utcnow

ATOM = "application/atom+xml; charset=utf-8"


@pytest.fixture
def newsroom(app, make):
    """Signed-in clients for each role, an English and an Arabic story."""
    clients = {}
    for role in ("admin", "editor", "moderator"):
        editor = make.editor(role)
        clients[role] = app.test_client()
        sign_in(clients[role], editor.email)
    english = make.edition(slug="iraq", name="Iraq News", time_zone="Asia/Baghdad")
    arabic = make.edition(slug="arabic", name="العربية", language="ar", time_zone="Asia/Baghdad")
    section = make.section(slug="security", name="Security", translations={"ar": "أمن"})
    published = utcnow().replace(second=0, microsecond=0) - timedelta(hours=3)
    return {
        **clients,
        "story": make.article(
            slug="bridge-reopens", headline="Bridge reopens", edition=english,
            section=section, published_at=published,
        ),
        "arabic": make.article(
            slug="ar-bridge-reopens", headline="إعادة فتح الجسر", edition=arabic,
            section=section, published_at=published,
        ),
        "section": section,
        "english_edition": english,
    }  # fmt: skip


def url_of(article):
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def add(client, article, text="The bridge is 300 metres long, not 3,000.", **fields):
    """Post the edit page's "Add a correction" form as an editor's browser would."""
    token = csrf_from(client.get(f"/admin/articles/{article.id}").text)
    data = {"csrf_token": token, "kind": "correction", "placement": "minor", "text": text}
    return client.post(f"/admin/articles/{article.id}/corrections", data=data | fields)


def remove(client, article, correction_id, reason="Added to the wrong story."):
    token = csrf_from(client.get(f"/admin/articles/{article.id}").text)
    return client.post(
        f"/admin/articles/{article.id}/corrections/{correction_id}/remove",
        data={"csrf_token": token, "reason": reason},
    )


def stored(app, article):
    with app.app_context():
        return db.session.get(Article, article.id), list(
            db.session.scalars(db.select(Correction).filter_by(article_id=article.id))
        )


def revisions(app, article):
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(ArticleRevision)
                .filter_by(article_id=article.id)
                .order_by(ArticleRevision.number)
            )
        )


def news_article(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(b for b in map(json.loads, blocks) if b["@type"].endswith("Article"))


def test_a_serious_correction_shows_above_the_story_and_a_minor_one_below(client, newsroom):
    story = newsroom["story"]
    assert add(newsroom["editor"], story, "Serious one.", placement="serious").status_code == 303
    add(newsroom["editor"], story, "Minor one.", kind="clarification", placement="minor")

    html = client.get(url_of(story)).text
    html = html[html.index('<article class="story">') :]  # past the JSON-LD in the head
    above = html.index('<aside class="corrections corrections--serious">')
    body, below = html.index('class="story-body"'), html.index("corrections--minor")
    assert above < body < below
    assert html.index("Serious one.") < body < html.index("Minor one.")
    assert re.search(r"<h2>Correction</h2>\s*<p class=\"correction-date\"><time datetime=", html)
    assert "<h2>Clarification</h2>" in html
    assert "Baghdad time</time>" in html[above:body]


def test_a_correction_on_an_arabic_article_is_headed_and_dated_in_arabic(client, newsroom):
    add(newsroom["editor"], newsroom["arabic"], "ذُكر خطأً أن طول الجسر 3000 متر.")
    add(newsroom["editor"], newsroom["arabic"], "توضيح للنص.", kind="clarification")

    html = client.get(url_of(newsroom["arabic"])).text
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h2>تصحيح</h2>" in html and "<h2>توضيح</h2>" in html
    assert "بتوقيت بغداد</time>" in html
    assert "حُدِّث <time" in html  # the "Updated" time beside the publication time


def test_adding_a_correction_updates_the_article_and_writes_a_revision(app, client, newsroom):
    story = newsroom["story"]
    response = add(newsroom["editor"], story, "  The bridge is 300 metres long.  ")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/articles/{story.id}#corrections"
    article, (correction,) = stored(app, story)
    assert correction.text == "The bridge is 300 metres long." and not correction.serious
    assert correction.editor_id is not None and correction.removed_at is None
    assert article.modified_at == correction.created_at > article.published_at
    assert revisions(app, story)[-1].note == "Correction added: The bridge is 300 metres long."
    html = client.get(url_of(story)).text
    updated = re.search(r'<span class="updated">Updated <time datetime="([^"]+)"', html)
    assert (
        updated
        and updated.group(1) == correction.created_at.replace(microsecond=0).isoformat() + "Z"
    )


def test_the_article_page_changes_when_a_correction_is_added(client, newsroom):
    story = newsroom["story"]
    before = client.get(url_of(story))
    assert (
        client.get(url_of(story), headers={"If-None-Match": before.headers["ETag"]}).status_code
        == 304
    )

    add(newsroom["editor"], story, "Now corrected.")
    after = client.get(url_of(story), headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert "Now corrected." in after.text


def test_json_ld_carries_each_correction_as_a_correction_comment(app, client, newsroom):
    story = newsroom["story"]
    assert "correction" not in news_article(client.get(url_of(story)).text)
    add(newsroom["editor"], story, "First fix.", placement="serious")
    add(newsroom["editor"], story, "Second fix.", kind="clarification")

    data = news_article(client.get(url_of(story)).text)
    _article, corrections = stored(app, story)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": c.text,
            "datePublished": c.created_at.replace(microsecond=0).isoformat() + "Z",
        }
        for c in sorted(corrections, key=lambda c: c.created_at)
    ]
    assert data["dateModified"] == data["correction"][-1]["datePublished"]


def test_a_removed_correction_leaves_the_page_the_list_and_json_ld_but_not_the_revisions(
    app, client, newsroom
):
    story = newsroom["story"]
    add(newsroom["editor"], story, "Kept.")
    add(newsroom["editor"], story, "Added by mistake.", placement="serious")
    _article, corrections = stored(app, story)
    mistake = next(c for c in corrections if c.text == "Added by mistake.")
    etag = client.get(url_of(story)).headers["ETag"]

    response = remove(newsroom["admin"], story, mistake.id, "It belongs to another story.")

    assert response.status_code == 303
    page = client.get(url_of(story))
    assert page.headers["ETag"] != etag
    assert "Added by mistake." not in page.text and "Kept." in page.text
    assert "corrections--serious" not in page.text
    assert [c["text"] for c in news_article(page.text)["correction"]] == ["Kept."]
    listed = client.get("/corrections").text
    assert "Kept." in listed and "Added by mistake." not in listed
    assert "Added by mistake." not in client.get("/feeds/corrections.atom").text
    _article, corrections = stored(app, story)
    removed = next(c for c in corrections if c.text == "Added by mistake.")
    assert removed.removed_at is not None and removed.removed_by_id is not None
    assert revisions(app, story)[-1].note == (
        "Correction removed: Added by mistake. (Reason: It belongs to another story.)"
    )
    history = newsroom["editor"].get(f"/admin/articles/{story.id}/revisions").text
    assert "Correction removed: Added by mistake." in history
    # A second click removes nothing more and writes no second entry.
    assert remove(newsroom["admin"], story, mistake.id).status_code == 303
    assert len(revisions(app, story)) == 3


def test_an_editor_sees_no_remove_button_and_is_refused_the_removal(app, newsroom):
    story = newsroom["story"]
    add(newsroom["editor"], story, "Stays.")
    _article, (correction,) = stored(app, story)

    assert (
        "Remove this correction" not in newsroom["editor"].get(f"/admin/articles/{story.id}").text
    )
    assert "Remove this correction" in newsroom["admin"].get(f"/admin/articles/{story.id}").text
    assert remove(newsroom["editor"], story, correction.id).status_code == 403
    _article, (correction,) = stored(app, story)
    assert correction.removed_at is None


def test_a_moderator_cannot_add_a_correction(app, newsroom):
    story = newsroom["story"]
    token = csrf_from(newsroom["moderator"].get("/admin/").text)
    response = newsroom["moderator"].post(
        f"/admin/articles/{story.id}/corrections",
        data={"csrf_token": token, "kind": "correction", "placement": "minor", "text": "No."},
    )
    assert response.status_code == 403
    assert stored(app, story)[1] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Write what was wrong and what is right."), ("x" * 1001, "At most 1000 characters")],
)
def test_empty_or_overlong_text_is_refused_with_the_text_kept_and_nothing_saved(
    app, client, newsroom, text, message
):
    story = newsroom["story"]
    etag = client.get(url_of(story)).headers["ETag"]

    response = add(newsroom["editor"], story, text, kind="clarification", placement="serious")

    assert response.status_code == 422
    assert message in response.text
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*name="text"', response.text)
    assert text.strip() in response.text  # what was typed is still there
    assert '<input checked id="kind-1" name="kind" type="radio" value="clarification">' in (
        response.text
    )
    assert '<input checked id="placement-0" name="placement" type="radio" value="serious">' in (
        response.text
    )
    article, corrections = stored(app, story)
    assert corrections == [] and article.modified_at is None and article.revision == 0
    assert client.get(url_of(story)).headers["ETag"] == etag


def test_a_removal_without_a_reason_is_refused_and_nothing_changes(app, newsroom):
    story = newsroom["story"]
    add(newsroom["editor"], story, "Stays.")
    _article, (correction,) = stored(app, story)
    revision = stored(app, story)[0].revision

    response = remove(newsroom["admin"], story, correction.id, reason="  ")

    assert response.status_code == 422
    assert "Say why this correction is removed." in response.text
    assert f'id="reason-{correction.id}"' in response.text
    article, (correction,) = stored(app, story)
    assert correction.removed_at is None and article.revision == revision


def test_a_draft_cannot_be_corrected_only_edited(app, make, newsroom):
    draft = make.article(
        status=ArticleStatus.DRAFT, published_at=None, edition=newsroom["english_edition"]
    )
    assert "Add a correction" not in newsroom["editor"].get(f"/admin/articles/{draft.id}").text
    response = add(newsroom["editor"], draft, "Too early.")
    assert response.status_code == 422
    assert '<p class="form-error">Corrections are for published stories' in response.text
    assert stored(app, draft)[1] == []


def test_corrections_are_listed_newest_first_per_language_with_pages(app, client, make, newsroom):
    app.config["ARTICLES_PER_PAGE"] = 2
    story, arabic = newsroom["story"], newsroom["arabic"]
    other = make.article(headline="Market opens", edition=newsroom["english_edition"])
    hidden = make.article(headline="Later taken down", edition=newsroom["english_edition"])
    for n, article in enumerate([story, other, story, hidden]):
        add(newsroom["editor"], article, f"English fix {n}.")
    add(newsroom["editor"], arabic, "تصحيح عربي.")
    with app.app_context():  # an article no longer public takes its corrections along
        db.session.get(Article, hidden.id).status = ArticleStatus.UNPUBLISHED
        db.session.commit()

    first = client.get("/corrections")
    assert first.status_code == 200 and '<html lang="en" dir="ltr">' in first.text
    assert re.findall(r"English fix \d", first.text) == ["English fix 2", "English fix 1"]
    assert f'<a href="{url_of(story)}">Bridge reopens</a>' in first.text
    assert f'<a href="{url_of(other)}">Market opens</a>' in first.text
    assert 'href="/corrections?page=2"' in first.text and "Older corrections" in first.text
    second = client.get("/corrections?page=2").text
    assert re.findall(r"English fix \d", second) == ["English fix 0"]
    assert "تصحيح عربي." not in first.text + second

    arabic_page = client.get("/corrections/ar")
    assert '<html lang="ar" dir="rtl">' in arabic_page.text
    assert "التصحيحات والتوضيحات" in arabic_page.text and "تصحيح عربي." in arabic_page.text
    assert f'<a href="{url_of(arabic)}">إعادة فتح الجسر</a>' in arabic_page.text
    assert "English fix" not in arabic_page.text
    assert client.get("/corrections?page=9").status_code == 404


def test_the_corrections_page_is_cached_and_moves_with_a_new_correction(client, newsroom):
    first = client.get("/corrections")
    assert "No corrections yet." in first.text
    assert first.headers["Cache-Control"].startswith("public")
    again = client.get("/corrections", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304

    add(newsroom["editor"], newsroom["story"], "A fresh fix.")
    after = client.get("/corrections", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and "A fresh fix." in after.text


@pytest.mark.parametrize(
    ("page", "feed", "language"),
    [("/corrections", "/feeds/corrections.atom", "en"),
     ("/corrections/ar", "/feeds/corrections/ar.atom", "ar")],
)  # fmt: skip
def test_each_corrections_page_links_its_own_atom_feed_newest_first(
    client, newsroom, page, feed, language
):
    article = newsroom["story"] if language == "en" else newsroom["arabic"]
    add(newsroom["editor"], article, "Older fix.")
    add(newsroom["editor"], article, "Newer fix.", kind="clarification")

    html = client.get(page).text
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml"[^>]*href="http://localhost{feed}"',
        html,
    )
    response = client.get(feed)
    assert response.status_code == 200 and response.headers["Content-Type"] == ATOM
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == language
    label = {"en": ("Clarification", "Correction"), "ar": ("توضيح", "تصحيح")}[language]
    assert [e.title for e in parsed.entries] == [
        f"{label[0]}: {article.headline}",
        f"{label[1]}: {article.headline}",
    ]
    assert [e.summary for e in parsed.entries] == ["Newer fix.", "Older fix."]
    assert parsed.entries[0].link == f"http://localhost{url_of(article)}"
    assert parsed.entries[0].updated_parsed >= parsed.entries[1].updated_parsed


def test_the_footer_links_the_corrections_list_in_each_language(client, newsroom):
    english = client.get(url_of(newsroom["story"])).text
    arabic = client.get(url_of(newsroom["arabic"])).text
    assert '<a href="/corrections">Corrections</a>' in english
    assert '<a href="/corrections/ar">التصحيحات</a>' in arabic


def test_corrections_come_with_the_article_in_its_own_query(app, client, newsroom, count_queries):
    from newsite.extensions import cache

    story = newsroom["story"]
    add(newsroom["editor"], story, "One.")
    with app.app_context():
        cache.clear()
    with count_queries() as one:
        client.get(url_of(story))
    for n in range(4):
        add(newsroom["editor"], story, f"More {n}.", placement="serious" if n % 2 else "minor")
    with app.app_context():
        cache.clear()
    with count_queries() as five:
        html = client.get(url_of(story)).text
    assert html.count('<div class="correction">') == 5
    assert len(one) == len(five)


def test_correction_text_is_plain_text_on_the_page_and_in_json_ld(client, newsroom):
    story = newsroom["story"]
    text = 'Not <b>bold</b>; not </script><script>alert("x")</script> either.'
    assert add(newsroom["editor"], story, text).status_code == 303

    html = client.get(url_of(story)).text
    assert "<b>bold</b>" not in html and "</script><script>alert" not in html
    assert "Not &lt;b&gt;bold&lt;/b&gt;" in html
    assert news_article(html)["correction"][0]["text"] == text
