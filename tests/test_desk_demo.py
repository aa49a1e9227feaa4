"""The demo's desk: a reporter and an editor to sign in as, stories in every desk
status with their histories, a note naming a colleague; none of it public."""

from __future__ import annotations

import sqlalchemy as sa
from support import sign_in

from newsite.demo.desk import EDITOR, PASSWORD, REPORTER, STORIES
from newsite.extensions import db
from newsite.models import Article, NoteMention, StatusChange, utcnow


def test_the_demo_desk_has_a_story_in_each_status_with_its_history(site):
    with site.app_context():
        stories = {
            a.slug: a
            for a in db.session.scalars(
                sa.select(Article).where(Article.slug.in_([s.slug for s in STORIES]))
            )
        }
        assert {str(a.status) for a in stories.values()} == {
            "draft",
            "ready",
            "approved",
            "scheduled",
        }
        for article in stories.values():
            steps = db.session.scalars(
                sa.select(StatusChange).filter_by(article_id=article.id).order_by(StatusChange.id)
            ).all()
            assert steps[0].from_status == "" and steps[-1].to_status == article.status
            assert not article.is_public
        scheduled = next(a for a in stories.values() if a.status == "scheduled")
        assert scheduled.published_at > utcnow()
        assert any(s.note for s in db.session.scalars(sa.select(StatusChange)))
        assert db.session.scalar(sa.select(sa.func.count()).select_from(NoteMention)) >= 1


def test_no_demo_desk_story_is_on_a_public_page(site):
    client = site.test_client()
    home = client.get("/").text
    for story in STORIES:
        assert story.headline not in home
        assert client.get(f"/{story.edition}/{story.section}/{story.slug}").status_code == 404


def test_the_demo_reporter_signs_in_and_finds_a_note_for_them(site):
    reporter = site.test_client()
    assert sign_in(reporter, REPORTER[0], PASSWORD).status_code == 303
    page = reporter.get("/admin/").text
    assert "Your stories" in page and "lantern photo" in page
    editor = site.test_client()
    assert sign_in(editor, EDITOR[0], PASSWORD).status_code == 303
    assert "the ministry confirmed the meeting time" in editor.get("/admin/").text
