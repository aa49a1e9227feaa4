"""The desk's private notes: added with or without htmx, kept under 2000 characters,
"@name" mentions listed for that colleague, and never shown to readers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Article, EditorialNote, NoteMention

SECRET = "Source asked not to be named, call Khalid first"


@pytest.fixture
def story(desk, make, signed_in):
    """A published article, the editor's browser, and colleagues lina@ and omar@."""
    return {
        "client": desk["client"],
        "article": make.article(
            headline="Dam levels fall", edition=desk["edition"], section=desk["section"]
        ),
        "lina": make.editor("reporter", email="lina@newsroom.test", name="Lina Field"),
        "omar": signed_in("editor", email="omar@newsroom.test", name="Omar Desk"),
    }


def post_note(client, article_id, text, htmx=False):
    token = csrf_from(client.get("/admin/").text)
    headers = {"HX-Request": "true", "HX-Target": "notes"} if htmx else {}
    return client.post(
        f"/admin/articles/{article_id}/notes",
        data={"csrf_token": token, "note_text": text},
        headers=headers,
    )


def test_a_note_is_added_without_javascript_and_listed_newest_last(app, story):
    article_id = story["article"].id
    first = post_note(story["client"], article_id, "Check the figures.")
    assert first.status_code == 303
    assert first.headers["Location"].endswith(f"/admin/articles/{article_id}#notes")
    post_note(story["omar"], article_id, "Figures checked.\nAll good.")
    page = story["client"].get(f"/admin/articles/{article_id}").text
    notes = page[page.index('id="notes"') :]
    assert notes.index("Check the figures.") < notes.index("Figures checked.<br>All good.")
    assert "Omar Desk" in notes


def test_a_note_added_with_htmx_gets_the_notes_list_to_swap(app, story):
    response = post_note(story["client"], story["article"].id, "Photo needs a credit.", htmx=True)
    assert response.status_code == 200
    assert 'id="notes"' in response.text and "Photo needs a credit." in response.text
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" not in response.text


@pytest.mark.parametrize("htmx", [False, True])
def test_a_note_over_2000_characters_comes_back_with_its_text_and_a_message(app, story, htmx):
    text = "Long note. " * 190  # 2090 characters
    response = post_note(story["client"], story["article"].id, text, htmx=htmx)
    assert response.status_code == 422
    assert "A note is at most 2000 characters." in response.text
    assert text.strip() in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(EditorialNote)) == 0


def test_an_empty_note_is_refused_by_the_field(app, story):
    response = post_note(story["client"], story["article"].id, "   ")
    assert response.status_code == 422 and "Write the note first." in response.text


def test_a_note_without_the_csrf_token_is_refused(app, story):
    response = story["client"].post(
        f"/admin/articles/{story['article'].id}/notes", data={"note_text": "Hi"}
    )
    assert response.status_code == 400


def test_a_mention_lists_the_note_for_that_colleague_and_unknown_names_stay_text(app, story):
    article_id = story["article"].id
    response = post_note(
        story["client"], article_id, "@lina please call the ministry. cc @nobody, mail@host"
    )
    assert response.status_code == 303
    with app.app_context():
        mentions = db.session.scalars(sa.select(NoteMention)).all()
        assert [m.editor_id for m in mentions] == [story["lina"].id]
    page = story["client"].get(f"/admin/articles/{article_id}").text
    assert "cc @nobody, mail@host" in page

    post_note(story["client"], article_id, "And @Lina: the dam photos.")
    client = app.test_client()
    sign_in(client, story["lina"].email)
    dashboard = client.get("/admin/").text
    listed = dashboard[dashboard.index("Notes for you") :]
    assert listed.index("the dam photos") < listed.index("please call the ministry")
    assert f'href="/admin/articles/{article_id}#notes"' in listed
    assert "No one has named you" in story["omar"].get("/admin/").text


def test_notes_never_reach_readers_previews_feeds_or_search(app, story, client):
    article = story["article"]
    post_note(story["client"], article.id, SECRET)
    public = [
        article_url := client.get(f"/{article.edition.slug}/{article.section.slug}/").text,
        client.get("/feeds/all.atom").text,
        client.get(f"/feeds/editions/{article.edition.slug}.atom").text,
        client.get("/search", query_string={"q": "Dam levels"}).text,
        client.get("/sitemaps/news.xml").text,
    ]
    assert "Dam levels fall" in article_url
    page = client.get(_url_of(app, article.id))
    assert page.status_code == 200 and "Dam levels fall" in page.text
    public.append(page.text)
    editor = story["client"]
    public.append(editor.get(f"/admin/articles/{article.id}/preview").text)
    token = csrf_from(editor.get("/admin/").text)
    public.append(
        editor.post("/admin/articles/preview-body", data={"csrf_token": token, "body": "x"}).text
    )
    for text in public:
        assert "Khalid" not in text
    found = client.get("/search", query_string={"q": "Khalid"}).text
    assert "Dam levels fall" not in found


def _url_of(app, article_id):
    with app.test_request_context():
        return db.session.get(Article, article_id).url()


def test_a_reporter_cannot_note_on_someone_elses_story(app, story, signed_in):
    reporter = signed_in("reporter")
    assert post_note(reporter, story["article"].id, "Mine now").status_code == 403
