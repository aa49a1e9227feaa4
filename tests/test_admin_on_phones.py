"""The admin as a new editor meets it (issue 17, item 11): photos picked from
thumbnails, Save in reach, a moderation queue with "select all", a sign-in form that
password managers and phones understand, and the admin's own footer."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from support import csrf_from
from test_admin_articles import form_data

from newsite.extensions import db
from newsite.models import Article, Comment


def radios(html: str, name: str = "photo_id") -> dict[str, bool]:
    """The picker's radio buttons: value -> checked."""
    found = re.findall(rf'<input type="radio" name="{name}" value="(\d+)"( checked)?>', html)
    return {value: bool(checked) for value, checked in found}


def test_the_lead_photo_is_picked_from_thumbnails_not_a_list_of_captions(desk, make):
    photo = make.photo(caption="Fishing boats at dawn " * 8, credit="newsite / Staff")
    html = desk["client"].get("/admin/articles/new").text
    assert 'id="photo_id"' not in html and "<select" in html  # no photo <select> left
    assert radios(html) == {"0": True, str(photo.id): False}
    assert f'src="/media/photos/{photo.key}/480.jpg"' in html and 'alt=""' in html
    assert 'data-hx-get="/admin/photos/picker?name=photo_id"' in html
    # The search needs scripts: hidden until admin.js shows it.
    assert '<div class="field photo-picker-search" data-photo-search-box hidden>' in html


def test_the_search_narrows_the_grid_and_keeps_the_chosen_photo(desk, make):
    boats = make.photo(caption="Fishing boats at dawn")
    market = make.photo(caption="Market stalls")
    client = desk["client"]
    found = client.get(f"/admin/photos/picker?name=photo_id&photo_q=boats&photo_id={market.id}")
    assert found.status_code == 200 and "<html" not in found.text
    assert radios(found.text) == {"0": False, str(market.id): True, str(boats.id): False}
    none = client.get("/admin/photos/picker?name=photo_id&photo_q=%25_nothing").text
    assert radios(none) == {"0": True} and "No photo matches" in none


def test_a_photo_found_by_search_can_be_saved_even_if_it_is_not_among_the_newest(app, desk, make):
    old = make.photo(caption="An old photo")
    for n in range(50):  # newer than it: the grid shows 48
        make.photo(caption=f"Newer {n}", size=(32, 20))
    assert str(old.id) not in radios(desk["client"].get("/admin/articles/new").text)
    response = desk["client"].post("/admin/articles/new", data=form_data(desk, photo_id=old.id))
    assert response.status_code == 303
    with app.app_context():
        article = db.session.scalar(sa.select(Article))
        assert article.lead_photo_id == old.id
    assert radios(desk["client"].get(response.headers["Location"]).text)[str(old.id)]


def test_a_photo_that_is_not_in_the_library_is_refused_with_the_form_kept(desk):
    response = desk["client"].post(
        "/admin/articles/new", data=form_data(desk, photo_id=999999, headline="Kept headline")
    )
    assert response.status_code == 422
    assert "Not a valid choice" in response.text and 'value="Kept headline"' in response.text


def test_the_picker_is_for_editors_only(signed_in, client):
    assert signed_in("moderator").get("/admin/photos/picker").status_code == 403
    assert client.get("/admin/photos/picker").status_code in (302, 303)


def test_save_sits_in_a_sticky_bar_at_the_foot_of_the_article_form(desk):
    html = desk["client"].get("/admin/articles/new").text
    assert re.search(
        r'<div class="form-actions form-actions--sticky"><button type="submit"[^>]*>Save</button>',
        html,
    )
    assert html.index("form-actions--sticky") > html.index('name="body"')


def test_the_sign_in_form_says_what_its_fields_are(client):
    html = client.get("/admin/sign-in").text
    assert re.search(r'<input autocomplete="username" id="email"[^>]*type="email"', html)
    assert re.search(r'<input autocomplete="current-password" id="password"', html)


def test_the_admin_has_its_own_footer_not_the_readers(desk, client):
    admin = desk["client"].get("/admin/").text
    assert 'class="admin-footer"' in admin and 'class="site-footer"' not in admin
    assert 'class="site-footer"' in client.get("/comment-policy").text


@pytest.fixture
def queue(app, signed_in, make):
    """A moderator's browser and three comments held for moderation."""
    app.config["COMMENT_MODERATION"] = "pre"
    article = make.article()
    comments = [make.comment(article) for _ in range(3)]
    return signed_in("moderator"), comments


def test_select_all_without_scripts_ticks_every_comment_on_the_page(queue):
    client, comments = queue
    plain = client.get("/admin/comments").text
    assert 'href="/admin/comments?select=all">Select all on this page</a>' in plain
    assert plain.count('name="ids"') == 3 and " checked aria-label" not in plain
    ticked = client.get("/admin/comments?select=all").text
    assert ticked.count('form="bulk-form" checked aria-label') == 3
    assert 'data-select-all="ids" checked' in ticked
    assert 'href="/admin/comments">Clear the selection</a>' in ticked
    assert "js/admin.js" in ticked


def test_the_ticked_comments_are_approved_together_only_with_the_token(app, queue):
    client, comments = queue
    html = client.get("/admin/comments?select=all").text
    ids = re.findall(r'name="ids" value="(\d+)" form="bulk-form" checked', html)
    assert sorted(ids) == sorted(str(c.id) for c in comments)
    refused = client.post("/admin/comments/bulk", data={"ids": ids, "action": "approve"})
    assert refused.status_code == 400
    response = client.post(
        "/admin/comments/bulk",
        data={"ids": ids, "action": "approve", "csrf_token": csrf_from(html)},
    )
    assert response.status_code == 303
    with app.app_context():
        states = db.session.scalars(sa.select(Comment.status)).all()
    assert [str(getattr(s, "value", s)) for s in states] == ["visible"] * 3
