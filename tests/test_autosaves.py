"""Autosave: the form as typed, kept apart from the article, offered back, discarded."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa
from support import csrf_from

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, Autosave, Editor


@pytest.fixture
def story(make):
    return make.article(status=ArticleStatus.DRAFT, published_at=None, headline="Saved headline")


@pytest.fixture
def hana(signed_in):
    return signed_in("editor", name="Hana Aziz")


def typed(story, **fields):
    """The form's fields as the editor's browser sends them while typing."""
    return {
        "headline": story.headline,
        "slug": story.slug,
        "summary": story.summary,
        "body": story.body.replace("\n", "\r\n"),  # browsers send CRLF
        "dateline": story.dateline,
        "tags": "",
        "sponsor": "",
        "revision": str(story.revision),
    } | fields


def autosave(client, story, token=None, **fields):
    token = token or csrf_from(client.get(f"/admin/articles/{story.id}").text)
    return client.post(
        f"/admin/articles/{story.id}/autosave",
        data=typed(story, **fields),
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )


def save_fields(story, page, headline):
    """The article form as Save posts it, from the page shown."""
    return {
        "csrf_token": csrf_from(page),
        "revision": re.search(r'name="revision"[^>]*value="(\d+)"', page).group(1),
        "headline": headline,
        "slug": story.slug,
        "summary": story.summary,
        "body": story.body,
        "dateline": story.dateline,
        "author_id": story.author_id,
        "edition_id": story.edition_id,
        "section_id": story.section_id,
        "status": "draft",
        "photo_id": 0,
        "comments": "",
    }


def autosaves(app):
    with app.app_context():
        return list(db.session.scalars(sa.select(Autosave)))


def test_autosave_keeps_the_typed_fields_as_json_and_never_touches_the_article(app, story, hana):
    with app.app_context():
        before = db.session.get(Article, story.id)
        before = (before.headline, before.revision, before.updated_at)

    answer = autosave(hana, story, headline="Typed headline", body="Typed body.")

    assert answer.status_code == 200 and "Draft autosaved at" in answer.text
    (row,) = autosaves(app)
    data = json.loads(row.data)
    assert data["headline"] == "Typed headline" and data["body"] == "Typed body."
    with app.app_context():
        after = db.session.get(Article, story.id)
        assert (after.headline, after.revision, after.updated_at) == before
    # Typing on: still one row per article and editor.
    autosave(hana, story, headline="Typed further")
    (row,) = autosaves(app)
    assert json.loads(row.data)["headline"] == "Typed further"


def test_a_form_as_saved_leaves_nothing_to_autosave(app, story, hana):
    autosave(hana, story, headline="Typed headline")
    answer = autosave(hana, story)  # typed back to what is saved
    assert answer.status_code == 200 and "autosaved" not in answer.text
    assert autosaves(app) == []


def test_opening_the_form_again_offers_the_autosave_when_it_differs(app, story, hana):
    assert "Restore the autosaved version" not in hana.get(f"/admin/articles/{story.id}").text
    autosave(hana, story, headline="Typed headline")

    page = hana.get(f"/admin/articles/{story.id}").text

    assert re.search(r"Restore the autosaved version from \d\d:\d\d UTC\?", page)
    assert 'value="Saved headline"' in page  # the form itself shows the saved article


def test_one_editors_autosave_is_offered_to_them_alone(app, story, hana, signed_in):
    autosave(hana, story, headline="Typed headline")
    other = signed_in("editor")
    assert "Restore the autosaved version" not in other.get(f"/admin/articles/{story.id}").text


def test_restoring_fills_the_form_without_saving(app, story, hana):
    autosave(hana, story, headline="Typed headline", summary="Typed summary.")

    page = hana.get(f"/admin/articles/{story.id}?autosave=restore").text

    assert 'value="Typed headline"' in page and "Typed summary." in page
    assert "press Save to keep it" in page
    with app.app_context():
        assert db.session.get(Article, story.id).headline == "Saved headline"
    assert len(autosaves(app)) == 1


def test_discarding_deletes_the_autosave(app, story, hana):
    autosave(hana, story, headline="Typed headline")
    page = hana.get(f"/admin/articles/{story.id}").text

    answer = hana.post(
        f"/admin/articles/{story.id}/autosave/discard", data={"csrf_token": csrf_from(page)}
    )

    assert answer.status_code == 303
    assert autosaves(app) == []
    assert "Restore the autosaved version" not in hana.get(answer.location).text


def test_a_successful_save_deletes_that_editors_autosave_only(app, story, hana, signed_in):
    autosave(hana, story, headline="Hana typed")
    other = signed_in("editor", name="Omar Said")
    autosave(other, story, headline="Omar typed")
    page = hana.get(f"/admin/articles/{story.id}").text

    saved = hana.post(f"/admin/articles/{story.id}", data=save_fields(story, page, "Hana saved"))

    assert saved.status_code == 303
    (left,) = autosaves(app)
    with app.app_context():
        assert db.session.get(Editor, left.editor_id).name == "Omar Said"


def test_a_restored_autosave_saved_over_a_newer_version_meets_the_conflict(
    app, story, hana, signed_in
):
    autosave(hana, story, headline="Hana typed")
    with app.app_context():  # a colleague saved meanwhile
        article = db.session.get(Article, story.id)
        article.headline, article.revision = "Colleague saved", article.revision + 1
        db.session.commit()
    page = hana.get(f"/admin/articles/{story.id}?autosave=restore").text
    revision = re.search(r'name="revision"[^>]*value="(\d+)"', page).group(1)
    assert revision == str(story.revision)  # the version the autosave was typed on
    clash = hana.post(f"/admin/articles/{story.id}", data=save_fields(story, page, "Hana typed"))
    assert clash.status_code == 409
    with app.app_context():
        assert db.session.get(Article, story.id).headline == "Colleague saved"


def test_autosave_needs_the_csrf_token(app, story, hana):
    refused = hana.post(
        f"/admin/articles/{story.id}/autosave",
        data=typed(story, headline="Typed"),
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 400
    assert autosaves(app) == []


def test_discarding_needs_the_csrf_token(app, story, hana):
    autosave(hana, story, headline="Typed headline")
    refused = hana.post(f"/admin/articles/{story.id}/autosave/discard")
    assert refused.status_code == 400
    assert len(autosaves(app)) == 1


@pytest.mark.parametrize("path", ["autosave", "autosave/discard"])
def test_only_those_who_may_edit_the_article_autosave(app, story, signed_in, path):
    moderator = signed_in("moderator")
    token = csrf_from(moderator.get("/admin/").text)
    refused = moderator.post(
        f"/admin/articles/{story.id}/{path}",
        data=typed(story, headline="Typed"),
        headers={"X-CSRFToken": token},
    )
    assert refused.status_code == 403
    assert autosaves(app) == []


def test_the_form_autosaves_with_htmx_only_and_at_the_configured_interval(app, story, hana):
    app.config["AUTOSAVE_SECONDS"] = 7
    page = hana.get(f"/admin/articles/{story.id}").text
    status = re.search(r'<p id="autosave-status"[^>]*>', page).group(0)
    assert f'data-hx-post="/admin/articles/{story.id}/autosave"' in status
    assert "input changed delay:7s from:closest form" in status
    # The form itself stays a plain form: without JavaScript it saves as before.
    form = re.search(r'<form method="post" enctype="multipart/form-data"[^>]*>', page).group(0)
    assert "hx-" not in form
