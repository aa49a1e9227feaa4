"""Who a comment is from (issue 15, items 6 and 7): a name and email remembered on the
reader's device, editors commenting as staff with a "Staff" or "Author" badge, and
guests who may not pass for the staff."""

from __future__ import annotations

import re

import pytest
from support import csrf_from, sign_in

from newsite.comments.identity import COMMENTER_COOKIE
from newsite.extensions import db
from newsite.models import Comment, Editor

pytestmark = pytest.mark.db

REMEMBER = "Remember my name and email on this device"


@pytest.fixture
def story(make):
    return make.article()


def commenter_block(html: str) -> str:
    """The part of a page or fragment that says who is commenting (the top form's)."""
    start = r'<div class="commenter" id="comment-form-commenter"'
    end = r'(?=<div class="field">\s*<label for="comment-form-body"|<div class="[^"]*badge|\Z)'
    match = re.search(start + ".*?" + end, html, re.S)
    assert match, "no commenter fields"
    return match.group(0)


def remembering(reader, story, name="Amal", email="amal@example.org"):
    response = reader.post(story, name=name, email=email, remember="y")
    assert response.status_code == 303
    return response


def stored_comments(app) -> list[Comment]:
    with app.app_context():
        return list(db.session.scalars(db.select(Comment).order_by(Comment.id)))


# Remember me


def test_the_box_is_there_and_unticked_on_the_shared_page(reader, story):
    fields = commenter_block(reader.page(story))
    assert REMEMBER in fields
    assert 'name="remember"' in fields and "checked" not in fields


def test_ticking_remember_keeps_name_and_email_in_a_signed_httponly_cookie(reader, story):
    response = remembering(reader, story)

    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("commenter="))
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "Max-Age=31536000" in header
    assert "Amal" not in header  # signed and encoded, not a plain copy


def test_a_remembered_reader_finds_the_form_filled_through_mine(reader, story):
    remembering(reader, story)

    shared = reader.page(story)
    assert "amal@example.org" not in shared  # the shared page knows no reader
    mine = reader.own_parts(story)
    fields = commenter_block(mine.text)
    assert 'data-hx-swap-oob="true"' in fields
    assert 'value="Amal"' in fields and 'value="amal@example.org"' in fields
    assert "checked" in fields
    assert "private" in mine.headers["Cache-Control"]


def test_reply_forms_and_the_private_pages_are_filled_too(reader, story, make):
    parent = make.comment(story)
    remembering(reader, story)

    reply = reader.client.get(f"/comments/{parent.id}/reply", headers={"HX-Request": "true"})
    assert 'value="Amal"' in reply.text and 'value="amal@example.org"' in reply.text
    box = f'id="reply-form-{parent.id}-remember" name="remember" type="checkbox" value="y" checked'
    assert box in reply.text
    for private in ({"mine": 1}, {"reply_to": parent.id}):
        fields = commenter_block(reader.page(story, **private))
        assert 'value="Amal"' in fields and "checked" in fields
    no_js_reply = reader.page(story, reply_to=parent.id)
    assert f'id="reply-form-{parent.id}-name"' in no_js_reply
    assert no_js_reply.count('value="amal@example.org"') == 2  # the reply form and the top one


def test_the_form_after_an_htmx_post_is_filled_when_remembered(reader, story):
    answer = reader.post(story, htmx=True, name="Amal", remember="y", body="First.")
    assert 'value="Amal"' in commenter_block(answer.text)
    answer = reader.post(story, htmx=True, name="Amal", body="Second.")
    assert 'value="Amal"' not in commenter_block(answer.text)


def test_posting_without_the_tick_forgets(reader, story):
    remembering(reader, story)

    response = reader.post(story, name="Amal", body="Another thought.")

    assert response.status_code == 303
    assert reader.client.get_cookie(COMMENTER_COOKIE) is None
    assert 'value="Amal"' not in commenter_block(reader.page(story, mine=1))
    assert "comment-form-commenter" not in reader.own_parts(story).text


def test_a_refused_post_changes_nothing(app, reader, story):
    remembering(reader, story)
    kept = reader.client.get_cookie(COMMENTER_COOKIE).value
    banned = app.config["COMMENT_BANNED_WORDS"][0]

    for refused in (
        reader.post(story, name="Amal", body=f"You should {banned} now."),  # unticked
        reader.post(story, name="Other", body="", remember="y"),
    ):
        assert refused.status_code == 422
        assert not any(h.startswith("commenter=") for h in refused.headers.getlist("Set-Cookie"))
    assert reader.client.get_cookie(COMMENTER_COOKIE).value == kept


@pytest.mark.parametrize(
    "forged",
    ["garbage", "WyJNYWxsb3J5IiwiIl0.forged.signature", "x" * 4000, "\u00e9t\u00e9"],
)
def test_a_tampered_cookie_is_ignored(reader, story, forged):
    remembering(reader, story)
    good = reader.client.get_cookie(COMMENTER_COOKIE).value
    reader.client.set_cookie(COMMENTER_COOKIE, forged)

    assert "comment-form-commenter" not in reader.own_parts(story).text
    assert 'value="Amal"' not in commenter_block(reader.page(story, mine=1))
    # A signed value with one letter changed is as good as none.
    altered = good[:5] + ("A" if good[5] != "A" else "B") + good[6:]
    reader.client.set_cookie(COMMENTER_COOKIE, altered)
    assert "comment-form-commenter" not in reader.own_parts(story).text


def test_a_remembered_name_is_checked_again_when_posted(app, reader, story, make):
    remembering(reader, story, name="Layla Haddad")
    make.editor(name="Layla Haddad")  # the name is a staff member's now

    fields = commenter_block(reader.own_parts(story).text)
    assert 'value="Layla Haddad"' in fields  # filled in as it was kept...
    refused = reader.post(story, name="Layla Haddad", body="Still me.", remember="y")
    assert refused.status_code == 422  # ...but posting it is checked like a typed name
    assert "belongs to the newsroom" in refused.text
    assert len(stored_comments(app)) == 1


def test_remembering_adds_no_query_to_mine(reader, story, make, count_queries):
    reader.post(story, name="Amal", body="Not remembered.")
    with count_queries() as before:
        assert reader.own_parts(story).status_code == 200
    remembering(reader, story)
    with count_queries() as after:
        assert "comment-form-commenter" in reader.own_parts(story).text
    assert len(after) == len(before)


def test_no_fields_are_swapped_in_when_comments_are_closed(reader, make):
    story = make.article()
    remembering(reader, story)
    closed = make.article(comments_closed=True)
    assert "comment-form-commenter" not in reader.own_parts(closed).text


# Staff and author badges


@pytest.fixture
def editor(make):
    return make.editor("editor", name="Layla Haddad")


def signed_in(client, editor) -> None:
    assert sign_in(client, editor.email).status_code in (302, 303)


def test_an_editor_comments_as_staff_whatever_the_form_says(app, client, reader, story, editor):
    app.config["COMMENT_MODERATION"] = "pre"  # staff are published at once all the same
    signed_in(client, editor)

    response = reader.post(story, name="Someone Else", email="not an email", body="From us.")

    assert response.status_code == 303
    [comment] = stored_comments(app)
    assert comment.author_name == "Layla Haddad"
    assert comment.author_email == editor.email
    assert (comment.editor_id, comment.badge) == (editor.id, "staff")
    assert (comment.status, comment.published_reason) == ("visible", "staff")
    meta = re.search(r'<p class="comment-meta">.*?</p>', reader.page(story), re.S).group(0)
    assert '<bdi class="comment-author">Layla Haddad</bdi>' in meta
    assert '<span class="badge badge--staff">Staff</span>' in meta
    assert client.get_cookie(COMMENTER_COOKIE) is None  # staff are not "remembered"


def test_an_editor_linked_to_the_byline_comments_as_its_author(app, client, reader, make):
    byline = make.author(name="Nadia Karim")
    story = make.article(author=byline)
    other = make.article()
    editor = make.editor("editor", name="Nadia K.", author_id=byline.id)
    signed_in(client, editor)

    assert reader.post(story, body="I wrote this.").status_code == 303
    assert reader.post(other, body="I did not write this.").status_code == 303

    assert [c.badge for c in stored_comments(app)] == ["author", "staff"]
    assert '<span class="badge badge--author">Author</span>' in reader.page(story)
    assert "Commenting as" in reader.own_parts(story).text


def test_what_an_editor_types_as_a_name_is_ignored_whatever_it_is(app, client, reader, story, make):
    # An account without a name...
    editor = make.editor("moderator", name="", email="samir.n@newsroom.test")
    signed_in(client, editor)

    for typed in ("x" * 10_000, "Nadia\u202eKarim", "admin", "samir@example.org", ""):
        assert reader.post(story, name=typed, body=f"Typed {typed!r:.20}").status_code == 303

    # ...comments under the part of its email before the @.
    assert {c.author_name for c in stored_comments(app)} == {"samir.n"}


def test_mine_swaps_the_guest_fields_for_the_staff_line(client, reader, story, editor):
    signed_in(client, editor)

    fields = commenter_block(reader.own_parts(story).text)

    assert 'data-hx-swap-oob="true"' in fields
    assert "Commenting as <bdi>Layla Haddad</bdi>" in fields
    assert '<span class="badge badge--staff">Staff</span>' in fields
    assert 'name="name"' not in fields and 'name="remember"' not in fields
    assert "Commenting as" in commenter_block(reader.page(story, mine=1))


def test_staff_comments_are_still_refused_for_banned_words(app, client, reader, story, editor):
    signed_in(client, editor)
    banned = app.config["COMMENT_BANNED_WORDS"][0]

    response = reader.post(story, htmx=True, body=f"You should {banned} today.")

    assert response.status_code == 422
    assert f"You should {banned} today." in response.text
    assert "Commenting as" in response.text
    assert stored_comments(app) == []


def test_a_signed_out_editor_is_a_guest_again(app, client, reader, story, editor):
    signed_in(client, editor)
    page = client.get("/admin/").text
    client.post("/admin/sign-out", data={"csrf_token": csrf_from(page)})

    refused = reader.post(story, name="Layla Haddad", body="Me again.")

    assert refused.status_code == 422
    assert stored_comments(app) == []


# Impersonation


@pytest.mark.parametrize(
    "name",
    [
        "Layla Haddad",
        "LAYLA HADDAD",
        "layla  haddad",
        "L\u0430yla H\u0430dd\u0430d",  # Cyrillic а
        "Layla \u0397addad",  # Greek capital Eta
        "\uff2cayla Haddad",  # fullwidth L
    ],
)
def test_no_guest_may_take_an_editors_name(app, reader, story, editor, name):
    response = reader.post(story, name=name, body="Trust me, I work here.")

    assert response.status_code == 422, name
    assert "This name belongs to the newsroom or its staff" in response.text
    assert "Trust me, I work here." in response.text  # the text is kept
    assert stored_comments(app) == []


def test_names_near_a_staff_name_still_post(reader, story, editor):
    assert reader.post(story, name="Layla", body="Only my first name.").status_code == 303
    assert reader.post(story, name="Layla Haddadi", body="Another family.").status_code == 303


# The admin links an account to a byline


def test_an_admin_links_an_editor_to_an_author_and_unlinks_it(app, client, make, editor):
    byline = make.author(name="Nadia Karim")
    admin = make.editor("admin")
    signed_in(client, admin)
    page = client.get("/admin/editors").text
    assert f'<option value="{byline.id}">Nadia Karim</option>' in page
    token = csrf_from(page)
    path = f"/admin/editors/{editor.id}/author"

    assert client.post(path, data={"author_id": byline.id, "csrf_token": token}).status_code == 303
    with app.app_context():
        assert db.session.get(Editor, editor.id).author_id == byline.id
    assert "selected>Nadia Karim" in client.get("/admin/editors").text

    assert client.post(path, data={"author_id": "", "csrf_token": token}).status_code == 303
    with app.app_context():
        assert db.session.get(Editor, editor.id).author_id is None


@pytest.mark.parametrize("value", ["999999", "x", "1" * 40, "-1"])
def test_unknown_authors_are_refused_and_nothing_changes(app, client, make, editor, value):
    admin = make.editor("admin")
    signed_in(client, admin)
    token = csrf_from(client.get("/admin/editors").text)

    response = client.post(
        f"/admin/editors/{editor.id}/author", data={"author_id": value, "csrf_token": token}
    )

    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Editor, editor.id).author_id is None


def test_only_admins_link_accounts(client, make, editor):
    byline = make.author()
    signed_in(client, editor)  # an editor, not an admin
    token = csrf_from(client.get("/admin/").text)
    response = client.post(
        f"/admin/editors/{editor.id}/author", data={"author_id": byline.id, "csrf_token": token}
    )
    assert response.status_code == 403
