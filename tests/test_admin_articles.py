"""Writing and publishing in the admin: drafts, preview, publishing, revisions, conflicts."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from PIL import Image
from sqlalchemy.orm import undefer
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Article, ArticleRevision, ArticleStatus, Photo, utcnow


def form_data(desk, **fields):
    client = desk["client"]
    data = {
        "csrf_token": csrf_from(client.get("/admin/articles/new").text),
        "headline": "Bridge reopens after repairs",
        "slug": "",
        "summary": "Traffic crosses the river again.",
        "body": '## What changed\n\nThe bridge reopened.\n\n> "At last," said a driver.',
        "dateline": "Mosul",
        "author_id": desk["author"].id,
        "edition_id": desk["edition"].id,
        "section_id": desk["section"].id,
        "status": "draft",
        "published_at": "",
        "photo_id": 0,
        "caption": "",
        "credit": "",
        "alt_text": "",
        "comments": "",
        "revision": "0",
    }
    return data | fields


def create(desk, **fields):
    return desk["client"].post("/admin/articles/new", data=form_data(desk, **fields))


def article_by_slug(app, slug):
    with app.app_context():
        return db.session.scalar(
            db.select(Article).filter_by(slug=slug).options(undefer(Article.body))
        )


def jpeg_upload(name="photo.jpg", size=(1200, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 150)).save(buffer, "JPEG")
    return (io.BytesIO(buffer.getvalue()), name)


def test_a_draft_is_saved_with_a_slug_from_its_headline_and_stays_private(app, client, desk):
    response = create(desk)
    article = article_by_slug(app, "bridge-reopens-after-repairs")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/articles/{article.id}"
    assert article.status == ArticleStatus.DRAFT and article.revision == 1
    assert client.get("/iraq/security/bridge-reopens-after-repairs").status_code == 404


def test_preview_shows_a_draft_as_readers_will_see_it_never_cached_or_indexed(app, desk):
    create(desk)
    article = article_by_slug(app, "bridge-reopens-after-repairs")
    response = desk["client"].get(f"/admin/articles/{article.id}/preview")

    assert response.status_code == 200
    assert "<h1>Bridge reopens after repairs</h1>" in response.text
    assert "<h2>What changed</h2>" in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert response.headers["Cache-Control"] == "no-store"


def test_publishing_puts_the_article_on_the_site(app, client, desk):
    create(desk)
    article = article_by_slug(app, "bridge-reopens-after-repairs")
    data = form_data(desk, status="published", revision="1", slug=article.slug)
    desk["client"].post(f"/admin/articles/{article.id}", data=data)

    page = client.get("/iraq/security/bridge-reopens-after-repairs")
    assert page.status_code == 200 and "By <a" in page.text
    assert "Bridge reopens after repairs" in client.get("/iraq/").text


def test_a_scheduled_article_goes_live_when_its_time_comes(app, client, desk):
    soon = (utcnow() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    create(desk, status="scheduled", published_at=soon)
    url = "/iraq/security/bridge-reopens-after-repairs"
    assert client.get(url).status_code == 404

    # Time passes: nobody presses a button, the clock reaches the publication time.
    with app.app_context():
        article = db.session.scalar(db.select(Article))
        article.published_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert client.get(url).status_code == 200


def test_scheduling_needs_a_time(app, desk):
    response = create(desk, status="scheduled")
    assert (
        response.status_code == 422
        and "A scheduled article needs a publication time." in response.text
    )


def test_a_taken_or_malformed_slug_is_refused_with_the_form_kept(app, desk):
    create(desk)
    taken = create(desk, headline="Another story", slug="bridge-reopens-after-repairs")
    malformed = create(desk, headline="Another story", slug="Not a slug!")
    assert taken.status_code == 422 and "is already used by another article" in taken.text
    assert malformed.status_code == 422 and "lowercase letters" in malformed.text
    assert "Another story" in malformed.text


def test_uploading_a_lead_photo_with_the_article(app, desk):
    create(
        desk,
        upload=jpeg_upload(),
        caption="The bridge at dawn",
        credit="Staff",
        alt_text="A bridge",
    )
    article = article_by_slug(app, "bridge-reopens-after-repairs")
    with app.app_context():
        photo = db.session.get(Photo, article.lead_photo_id)
        assert (photo.caption, photo.credit, photo.alt_text) == (
            "The bridge at dawn",
            "Staff",
            "A bridge",
        )
        assert photo.widths == [480, 720, 960, 1200]


def test_saving_a_stale_form_shows_both_versions_and_overwrites_nothing(app, desk, make):
    create(desk)
    article = article_by_slug(app, "bridge-reopens-after-repairs")
    colleague = make.editor("editor")
    other = app.test_client()
    sign_in(other, colleague.email)
    other.post(
        f"/admin/articles/{article.id}",
        data=form_data(desk, headline="Their headline", revision="1", slug=article.slug)
        | {"csrf_token": csrf_from(other.get(f"/admin/articles/{article.id}").text)},
    )

    mine = desk["client"].post(
        f"/admin/articles/{article.id}",
        data=form_data(desk, headline="My headline", revision="1", slug=article.slug),
    )

    assert mine.status_code == 409
    assert "Their headline" in mine.text and "My headline" in mine.text
    assert article_by_slug(app, article.slug).headline == "Their headline"
    # Saving again from the conflict page, knowingly, replaces theirs.
    again = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', mine.text))
    assert again["revision"] == "2"
    desk["client"].post(f"/admin/articles/{article.id}", data=again)
    assert article_by_slug(app, article.slug).headline == "My headline"


def test_every_save_keeps_a_revision_that_can_be_restored(app, desk):
    create(desk, body="First words.")
    article = article_by_slug(app, "bridge-reopens-after-repairs")
    desk["client"].post(
        f"/admin/articles/{article.id}",
        data=form_data(desk, body="Second words.", revision="1", slug=article.slug),
    )
    listing = desk["client"].get(f"/admin/articles/{article.id}/revisions").text
    assert "Restore" in listing

    token = csrf_from(listing)
    desk["client"].post(
        f"/admin/articles/{article.id}/revisions/1/restore", data={"csrf_token": token}
    )

    restored = article_by_slug(app, article.slug)
    assert restored.body == "First words." and restored.revision == 3
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(ArticleRevision)) == 3


def test_live_preview_renders_sanitised_markdown(desk):
    token = csrf_from(desk["client"].get("/admin/articles/new").text)
    response = desk["client"].post(
        "/admin/articles/preview-body",
        data={"body": "## Heading\n\n<script>alert(1)</script>", "csrf_token": token},
    )
    assert "<h2>Heading</h2>" in response.text and "<script>" not in response.text


def test_the_list_filters_by_status_and_searches_headlines(app, desk, make):
    make.article(headline="Published one", edition=desk["edition"], section=desk["section"])
    create(desk, headline="Draft about dams")
    page = desk["client"].get("/admin/articles?status=draft").text
    assert "Draft about dams" in page and "Published one" not in page
    found = desk["client"].get("/admin/articles?q=DAMS").text
    assert "Draft about dams" in found and "Published one" not in found
    assert "No articles match." in desk["client"].get("/admin/articles?q=100%25_").text


def test_stored_values_are_escaped_in_the_admin(app, desk):
    create(desk, headline="<script>alert(1)</script>")
    page = desk["client"].get("/admin/articles").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_editors_tag_articles_and_repeated_tags_are_one_tag(app, client, desk):
    create(desk, headline="River levels fall", status="published", tags="Water, Farming, water ")
    create(desk, headline="Canal repairs begin", status="published", tags="Water")
    create(desk, headline="Pump plan drafted", status="draft", tags="Water")

    first = article_by_slug(app, "river-levels-fall")
    with app.app_context():
        names = [t.name for t in db.session.get(Article, first.id).tags]
    assert names == ["Farming", "Water"]
    page = client.get("/tags/water")
    assert page.status_code == 200
    assert "River levels fall" in page.text and "Canal repairs begin" in page.text
    assert "Pump plan drafted" not in page.text  # a draft is not public
    edit = desk["client"].get(f"/admin/articles/{first.id}").text
    assert 'value="Farming, Water"' in edit


def test_too_many_tags_are_refused_with_the_text_kept(desk):
    typed = ", ".join(f"Topic {n}" for n in range(12))
    response = create(desk, tags=typed)
    assert response.status_code == 422
    assert "At most 10 tags" in response.text and f'value="{typed}"' in response.text


def test_two_saves_at_the_same_instant_give_the_second_a_conflict(app, desk, make):
    create(desk)
    article = article_by_slug(app, "bridge-reopens-after-repairs")
    # The other editor's save got in between this one's check and its write: their
    # revision 2 is stored, the article itself not yet moved on (the race, replayed).
    with app.app_context():
        db.session.add(
            ArticleRevision(
                article_id=article.id,
                number=article.revision + 1,
                headline="Their headline",
                summary="",
                body="Their body.",
                dateline="Mosul",
                editor_id=make.editor("editor").id,
            )
        )
        db.session.commit()
    mine = desk["client"].post(
        f"/admin/articles/{article.id}",
        data=form_data(
            desk, headline="My headline", revision=str(article.revision), slug=article.slug
        ),
    )
    assert mine.status_code == 409
    assert "My headline" in mine.text
