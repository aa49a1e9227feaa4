"""The desk's workflow: reporters write and submit their own drafts; editors approve,
send back with a note, publish and schedule; every move is recorded and shown; the
story budget lists today's desk."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from support import csrf_from

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, StatusChange, utcnow

PASSWORD = "correct horse battery"


@pytest.fixture
def newsroom(signed_in, make):
    """An editor and a reporter (lina@) of one newsroom, with places to write for."""
    return {
        "editor": signed_in("editor", email="omar@newsroom.test", name="Omar Desk"),
        "reporter": signed_in("reporter", email="lina@newsroom.test", name="Lina Field"),
        "edition": make.edition(slug="iraq", name="Iraq News"),
        "section": make.section(slug="security", name="Security"),
        "author": make.author(slug="lina-haddad", name="Lina Haddad"),
    }


def token(client):
    return csrf_from(client.get("/admin/").text)


def write(newsroom, who="reporter", **fields):
    """Post the new-article form as `who`; returns the response."""
    client = newsroom[who]
    data = {
        "csrf_token": token(client),
        "headline": "Checkpoint moves north",
        "slug": "",
        "summary": "Traffic is diverted.",
        "body": "The checkpoint moved overnight.",
        "dateline": "Mosul",
        "author_id": newsroom["author"].id,
        "edition_id": newsroom["edition"].id,
        "section_id": newsroom["section"].id,
        "status": "draft",
        "published_at": "",
        "photo_id": 0,
        "comments": "",
        "revision": "0",
    } | fields
    return client.post("/admin/articles/new", data=data)


def written(app, newsroom, who="reporter", **fields) -> int:
    response = write(newsroom, who, **fields)
    assert response.status_code == 303, response.text
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def move(client, article_id, name, **data):
    return client.post(
        f"/admin/articles/{article_id}/desk/{name}", data={"csrf_token": token(client)} | data
    )


def changes(app, article_id):
    with app.app_context():
        return [
            (c.from_status, c.to_status, c.editor.email if c.editor else None, c.note)
            for c in db.session.scalars(
                sa.select(StatusChange).filter_by(article_id=article_id).order_by(StatusChange.id)
            )
        ]


def status(app, article_id):
    with app.app_context():
        return db.session.get(Article, article_id).status


def edit(client, app, article_id, **fields):
    """Save the article's form as loaded, with `fields` changed."""
    with app.app_context():
        a = db.session.get(Article, article_id)
        data = {
            "csrf_token": token(client),
            "headline": a.headline,
            "slug": a.slug,
            "summary": a.summary,
            "body": "Edited.",
            "dateline": a.dateline,
            "author_id": a.author_id,
            "edition_id": a.edition_id,
            "section_id": a.section_id,
            "status": str(a.status),
            "published_at": "",
            "photo_id": 0,
            "comments": "",
            "revision": str(a.revision),
        }
    return client.post(f"/admin/articles/{article_id}", data=data | fields)


def test_a_reporters_new_draft_records_them_as_its_creator(app, newsroom):
    article_id = written(app, newsroom)
    assert changes(app, article_id) == [("", "draft", "lina@newsroom.test", "")]
    page = newsroom["reporter"].get(f"/admin/articles/{article_id}")
    assert page.status_code == 200 and "Status history" in page.text
    # What only editors may use is not offered: no banners, no corrections, no approval.
    for missing in ("Breaking news banner", "Corrections and clarifications", "Approve"):
        assert missing not in page.text
    assert "Submit: ready for edit" in page.text


@pytest.mark.parametrize("wanted", ["published", "scheduled", "ready", "approved"])
def test_a_reporter_may_not_publish_schedule_or_skip_the_desk_from_the_form(app, newsroom, wanted):
    when = (utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert write(newsroom, status=wanted, published_at=when).status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
    article_id = written(app, newsroom)
    assert edit(newsroom["reporter"], app, article_id, status=wanted).status_code == 403
    assert status(app, article_id) == "draft"


def test_a_reporters_form_offers_only_the_draft_status(newsroom):
    page = newsroom["reporter"].get("/admin/articles/new").text
    assert 'value="draft"' in page and 'value="published"' not in page
    assert 'value="scheduled"' not in page


def test_a_reporter_cannot_open_or_change_someone_elses_draft(app, newsroom, signed_in):
    theirs = written(app, newsroom, who="editor")
    other_reporter = signed_in("reporter")
    for client in (newsroom["reporter"], other_reporter):
        for path in ("", "/preview", "/revisions", "/revisions/1"):
            assert client.get(f"/admin/articles/{theirs}{path}").status_code == 403, path
        assert edit(client, app, theirs).status_code == 403
        assert move(client, theirs, "submit").status_code == 403
    mine = written(app, newsroom, headline="My own draft")
    assert other_reporter.get(f"/admin/articles/{mine}").status_code == 403


def test_a_reporter_submits_their_draft_and_may_no_longer_edit_it(app, newsroom):
    article_id = written(app, newsroom)
    response = move(newsroom["reporter"], article_id, "submit")
    assert response.status_code == 303 and response.headers["Location"] == "/admin/"
    assert status(app, article_id) == "ready"
    assert newsroom["reporter"].get(f"/admin/articles/{article_id}").status_code == 403
    assert edit(newsroom["reporter"], app, article_id).status_code == 403
    dashboard = newsroom["reporter"].get("/admin/").text
    assert "Ready for edit (1)" in dashboard and "Checkpoint moves north" in dashboard


def test_only_an_editor_approves_a_story_ready_for_edit(app, newsroom):
    article_id = written(app, newsroom)
    move(newsroom["reporter"], article_id, "submit")
    assert move(newsroom["reporter"], article_id, "approve").status_code == 403
    assert move(newsroom["editor"], article_id, "approve").status_code == 303
    assert status(app, article_id) == "approved"
    assert [c[:3] for c in changes(app, article_id)] == [
        ("", "draft", "lina@newsroom.test"),
        ("draft", "ready", "lina@newsroom.test"),
        ("ready", "approved", "omar@newsroom.test"),
    ]


def test_a_move_from_the_wrong_status_changes_nothing(app, newsroom):
    article_id = written(app, newsroom)
    response = move(newsroom["editor"], article_id, "approve")
    assert response.status_code == 303
    assert "Not done" in newsroom["editor"].get(response.headers["Location"]).text
    assert status(app, article_id) == "draft" and len(changes(app, article_id)) == 1


def test_a_move_without_the_csrf_token_is_refused(app, newsroom):
    article_id = written(app, newsroom)
    response = newsroom["reporter"].post(f"/admin/articles/{article_id}/desk/submit")
    assert response.status_code == 400 and status(app, article_id) == "draft"


def test_an_editor_sends_a_story_back_with_a_note_the_reporter_reads(app, newsroom):
    article_id = written(app, newsroom)
    move(newsroom["reporter"], article_id, "submit")

    empty = move(newsroom["editor"], article_id, "send-back", back_note="  ")
    assert empty.status_code == 422 and "Tell the reporter what to change." in empty.text
    long = "Too long. " * 201
    refused = move(newsroom["editor"], article_id, "send-back", back_note=long)
    assert refused.status_code == 422 and "At most 2000 characters" in refused.text
    assert long.strip() in refused.text and status(app, article_id) == "ready"

    assert move(newsroom["editor"], article_id, "send-back", back_note="Name the source.")
    assert status(app, article_id) == "draft"
    assert changes(app, article_id)[-1] == (
        "ready",
        "draft",
        "omar@newsroom.test",
        "Name the source.",
    )
    page = newsroom["reporter"].get(f"/admin/articles/{article_id}").text
    assert "Sent back" in page and "Name the source." in page


def test_scheduling_publishing_and_unpublishing_by_editors_are_recorded(app, newsroom):
    article_id = written(app, newsroom)
    move(newsroom["reporter"], article_id, "submit")
    move(newsroom["editor"], article_id, "approve")
    when = (utcnow() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert edit(newsroom["editor"], app, article_id, status="scheduled", published_at=when)
    assert edit(newsroom["editor"], app, article_id, status="published").status_code == 303
    assert edit(newsroom["editor"], app, article_id, status="unpublished").status_code == 303
    assert edit(newsroom["editor"], app, article_id, status="unpublished").status_code == 303
    assert [c[:2] for c in changes(app, article_id)][3:] == [
        ("approved", "scheduled"),
        ("scheduled", "published"),
        ("published", "unpublished"),
    ]
    page = newsroom["editor"].get(f"/admin/articles/{article_id}").text
    assert "Status history" in page and "Approved → <strong>Scheduled</strong>" in page


def test_the_editor_accounts_screen_offers_the_reporter_role(app, signed_in):
    chief = signed_in("admin")
    page = chief.get("/admin/editors").text
    assert 'value="reporter"' in page
    response = chief.post(
        "/admin/editors",
        data={
            "csrf_token": csrf_from(page),
            "email": "new.reporter@newsroom.example",
            "name": "New Reporter",
            "role": "reporter",
            "password": "a long enough password",
        },
    )
    assert response.status_code == 303
    assert "new.reporter@newsroom.example" in chief.get("/admin/editors").text


def test_a_reporters_navigation_shows_only_what_they_may_use(newsroom):
    page = newsroom["reporter"].get("/admin/").text
    assert 'href="/admin/articles/new"' in page
    for forbidden in ('/admin/articles"', "/admin/photos", "/admin/front-page", "/admin/comments"):
        assert forbidden not in page, forbidden


# The story budget ---------------------------------------------------------------------


def test_the_budget_lists_the_desk_by_status_with_people_section_and_mover(app, newsroom, make):
    draft = written(app, newsroom, headline="A fresh draft")
    ready = written(app, newsroom, headline="A story ready for edit")
    move(newsroom["reporter"], ready, "submit")
    approved = written(app, newsroom, headline="An approved story")
    move(newsroom["reporter"], approved, "submit")
    move(newsroom["editor"], approved, "approve")
    midnight = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    make.article(headline="Live since midnight", published_at=midnight)
    make.article(headline="Old news", published_at=utcnow() - timedelta(days=3))
    make.article(
        headline="Goes live tomorrow",
        status=ArticleStatus.SCHEDULED,
        published_at=utcnow() + timedelta(days=1),
    )
    page = newsroom["editor"].get("/admin/").text
    for heading in ("Draft (1)", "Ready for edit (1)", "Approved (1)", "Scheduled (1)"):
        assert heading in page, heading
    assert "Published today (1)" in page and "since midnight UTC" in page
    assert "Live since midnight" in page and "Old news" not in page
    assert "moved by Omar Desk" in page and "Lina Haddad" in page and "Iraq News › Security" in page
    assert page.index("An approved story") < page.index("A fresh draft")
    assert f'/admin/articles/{draft}"' in page


def test_the_budget_is_filtered_by_edition_and_section_with_a_plain_form(app, newsroom, make):
    other = make.edition(slug="syria", name="Syria News", time_zone="Asia/Damascus")
    make.article(headline="In Syria", edition=other, published_at=utcnow())
    make.article(headline="In Iraq", edition=newsroom["edition"], published_at=utcnow())
    client = newsroom["editor"]
    both = client.get("/admin/").text
    assert "In Syria" in both and "In Iraq" in both and 'method="get"' in both
    syria = client.get("/admin/", query_string={"edition": other.id}).text
    assert "In Syria" in syria and "In Iraq" not in syria and "Damascus time" in syria
    by_section = client.get("/admin/", query_string={"section": newsroom["section"].id}).text
    assert "In Syria" not in by_section
    assert (
        client.get("/admin/", query_string={"edition": "x", "section": "99999"}).status_code == 200
    )


def test_a_reporter_sees_only_their_own_stories_on_the_budget(app, newsroom, make):
    written(app, newsroom, headline="Mine to write")
    written(app, newsroom, who="editor", headline="The desk's own draft")
    page = newsroom["reporter"].get("/admin/").text
    assert "Your stories" in page and "Mine to write" in page
    assert "The desk's own draft" not in page
    assert "comments waiting for moderation" not in page


def test_the_budget_runs_the_same_queries_for_few_or_many_stories(app, newsroom, count_queries):
    def dashboard_queries():
        newsroom["editor"].get("/admin/")
        with count_queries() as queries:
            assert newsroom["editor"].get("/admin/").status_code == 200
        return len(queries)

    for n in range(2):
        move(newsroom["reporter"], written(app, newsroom, headline=f"Story {n}"), "submit")
    few = dashboard_queries()
    for n in range(2, 8):
        article_id = written(app, newsroom, headline=f"Story {n}")
        move(newsroom["reporter"], article_id, "submit")
        move(newsroom["editor"], article_id, "approve")
    assert dashboard_queries() == few
