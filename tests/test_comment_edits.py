"""Commenters edit and delete their own comments (issue 15, items 1 and 2): for
COMMENT_EDIT_MINUTES after posting, from the browser that posted them (the reader
cookie and the comment's edit secret), under the rules of a new comment; never someone
else's, and never by way of the page every reader shares."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from support import Reader, sign_in

from newsite.extensions import db
from newsite.models import Article, Comment, CommentRevision, CommentStatus, utcnow

pytestmark = pytest.mark.db

HTMX = {"HX-Request": "true"}
NOT_YOURS = "You can only change your own comments."
TOO_LATE = "This comment can no longer be edited."


class Writer(Reader):
    """A reader who posted a comment and may change it."""

    def write(self, article: Article, body: str = "My first words.", **fields) -> int:
        response = self.post(article, htmx=True, body=body, **fields)
        assert response.status_code == 200, response.text
        return int(re.findall(r'id="comment-(\d+)"', response.text)[-1])

    def edit_form(self, comment_id: int):
        return self.client.get(f"/comments/{comment_id}/edit", headers=HTMX)

    def secret(self, comment_id: int) -> str:
        response = self.edit_form(comment_id)
        if response.status_code != 200:
            response = self.client.get(f"/comments/{comment_id}/delete", headers=HTMX)
        return re.search(r'name="secret" value="([^"]+)"', response.text).group(1)

    def edit(self, comment_id: int, body: str, htmx: bool = True, secret: str | None = None):
        data = {"body": body, "secret": self.secret(comment_id) if secret is None else secret}
        headers = HTMX | {"HX-Target": f"edit-form-{comment_id}"} if htmx else {}
        return self.client.post(f"/comments/{comment_id}/edit", data=data, headers=headers)

    def delete(self, comment_id: int, htmx: bool = True, secret: str | None = None):
        data = {"secret": self.secret(comment_id) if secret is None else secret}
        headers = HTMX | {"HX-Target": f"delete-form-{comment_id}"} if htmx else {}
        return self.client.post(f"/comments/{comment_id}/delete", data=data, headers=headers)


@pytest.fixture
def writer(client) -> Writer:
    return Writer(client)


@pytest.fixture
def stranger(app) -> Writer:
    return Writer(app.test_client())


def stored(app, comment_id: int) -> Comment:
    with app.app_context():
        return db.session.get(Comment, comment_id)


def count_of(app, article) -> int:
    with app.app_context():
        return db.session.get(Article, article.id).comment_count


def revisions(app, comment_id: int) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(CommentRevision.body).where(CommentRevision.comment_id == comment_id)
        )
        return list(rows)


def age(app, comment_id: int, minutes: int) -> None:
    """Make the comment `minutes` old."""
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        comment.created_at = utcnow() - timedelta(minutes=minutes)
        db.session.commit()


def own_controls(html: str, comment_id: int) -> str:
    """The markup of a comment's own controls (Edit, Delete), up to the next line."""
    found = re.search(rf'<span class="own-controls" id="report-{comment_id}"[^\n]*', html)
    assert found is not None, html
    return found.group(0)


# Where the controls appear


def test_the_posted_comment_comes_with_its_edit_and_delete(writer, make):
    article = make.article()
    response = writer.post(article, htmx=True, body="Posted just now.")
    comment_id = int(re.search(r'id="comment-(\d+)"', response.text).group(1))

    controls = own_controls(response.text, comment_id)
    assert f'href="?edit={comment_id}#comment-{comment_id}"' in controls
    assert f'href="?delete={comment_id}#comment-{comment_id}"' in controls


def test_the_shared_page_has_no_own_controls_and_no_secret(app, writer, make):
    article = make.article()
    comment_id = writer.write(article)
    secret = writer.secret(comment_id)

    shared = app.test_client().get(writer.url(article)).text
    assert f'id="comment-{comment_id}"' in shared
    assert secret not in shared and "own-controls" not in shared
    report = f'<a id="report-{comment_id}" href="?report={comment_id}#comment-{comment_id}">'
    assert report in shared
    # Not even for the writer: the page every reader gets is the same for them.
    assert writer.page(article) == shared


def test_own_parts_swap_report_for_the_controls_in_at_most_two_queries(
    app, writer, make, count_queries
):
    article = make.article()
    others = make.comment(article, body="Someone else's.")
    mine = writer.write(article)
    answered = writer.write(article, body="Answered soon.")
    make.comment(article, parent=stored(app, answered), body="A reply.")
    old = writer.write(article, body="An old one.")
    age(app, old, 60)
    writer.client.post(f"/votes/comments/{others.id}/like", data={"like": "1"})

    with count_queries() as queries:
        response = writer.own_parts(article)

    assert response.status_code == 200
    assert len(queries) <= 2, queries
    html = response.text
    fresh = own_controls(html, mine)
    assert 'data-hx-swap-oob="true"' in fresh
    assert f'id="edit-{mine}"' in fresh and f'id="delete-{mine}"' in fresh
    # Answered: it may still be deleted, not edited.
    assert f'id="report-{answered}" data-hx-swap-oob="true"' in html
    assert f'id="edit-{answered}"' not in html and f'id="delete-{answered}"' in html
    # Too old: nothing in place of "Report".
    assert f'<span id="report-{old}" data-hx-swap-oob="true"></span>' in html
    assert f'id="report-{others.id}"' not in html


# Editing


def test_an_edit_with_htmx_swaps_the_comment_back_and_keeps_the_old_text(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Frist words.")
    page_before = app.test_client().get(writer.url(article)).headers["ETag"]

    form = writer.edit_form(comment_id)
    assert form.status_code == 200
    assert f'id="edit-form-{comment_id}"' in form.text and ">\nFrist words.</textarea>" in form.text
    assert '"form_id": "edit-form-' in form.text and "Save changes" in form.text

    response = writer.edit(comment_id, "First words.")

    assert response.status_code == 200
    assert response.text.lstrip().startswith("<article>")
    assert "First words." in response.text and "Your changes were saved." in response.text
    assert re.search(r'<span class="edited">Edited <time datetime="[^"]+"', response.text)
    comment = stored(app, comment_id)
    assert comment.body == "First words." and comment.edited_at is not None
    assert revisions(app, comment_id) == ["Frist words."]
    # Every cached rendering of the thread changes with it.
    shared = app.test_client().get(writer.url(article))
    assert shared.headers["ETag"] != page_before
    assert "First words." in shared.text and "Edited" in shared.text


def test_the_edit_counter_has_its_own_form_id(client):
    response = client.post(
        "/comments/count", data={"body": "x" * 1490, "form_id": "edit-form-7"}, headers=HTMX
    )
    assert 'id="edit-form-7-counter"' in response.text
    assert 'id="edit-form-7-submit"' in response.text and "Save changes" in response.text


def test_an_edit_without_javascript_opens_on_the_page_and_redirects_to_the_comment(
    app, writer, make
):
    article = make.article()
    comment_id = writer.write(article, body="Before.")

    link = writer.client.get(f"/comments/{comment_id}/edit")
    assert link.status_code == 303 and f"edit={comment_id}" in link.headers["Location"]
    page = writer.client.get(writer.url(article, edit=comment_id))
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    assert (
        f'<form id="edit-form-{comment_id}"' in page.text and ">\nBefore.</textarea>" in page.text
    )

    response = writer.edit(comment_id, "After.", htmx=False)

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"?mine=1#comment-{comment_id}")
    assert stored(app, comment_id).body == "After."


def test_someone_elses_edit_link_opens_nothing(app, writer, stranger, make):
    article = make.article()
    comment_id = writer.write(article, body="Mine alone.")
    stranger.write(article, body="Theirs.")
    page = stranger.client.get(stranger.url(article, edit=comment_id))
    assert page.status_code == 200 and "edit-form" not in page.text


@pytest.mark.parametrize(
    "who", ["stranger", "no cookie", "forged secret", "other comment's secret"]
)
def test_only_the_writer_with_the_secret_may_edit(app, writer, stranger, make, who):
    article = make.article()
    comment_id = writer.write(article, body="Mine.")
    other_id = writer.write(article, body="Mine too.")
    if who == "stranger":
        stranger.write(article, body="A stranger's.")
        response = stranger.edit(comment_id, "Hijacked.", secret=writer.secret(comment_id))
    elif who == "no cookie":
        response = Writer(app.test_client()).edit(
            comment_id, "Hijacked.", secret=writer.secret(comment_id)
        )
    elif who == "forged secret":
        response = writer.edit(comment_id, "Hijacked.", secret="0" * 32)
    else:
        response = writer.edit(comment_id, "Hijacked.", secret=writer.secret(other_id))

    assert response.status_code == 403
    assert NOT_YOURS in response.text
    assert response.headers.get("HX-Retarget") == f"#edit-form-{comment_id}-status"
    assert stored(app, comment_id).body == "Mine."
    assert revisions(app, comment_id) == []


def test_a_stranger_cannot_open_the_edit_form_or_the_delete_question(writer, stranger, make):
    article = make.article()
    comment_id = writer.write(article)
    stranger.write(article, body="Another.")
    for path in (f"/comments/{comment_id}/edit", f"/comments/{comment_id}/delete"):
        response = stranger.client.get(path, headers=HTMX)
        assert response.status_code == 403 and NOT_YOURS in response.text
        assert 'name="secret"' not in response.text
        assert response.headers["HX-Retarget"] == f"#report-{comment_id}"


def test_without_javascript_a_refusal_is_a_403_page(writer, stranger, make):
    article = make.article()
    comment_id = writer.write(article, body="Mine.")
    stranger.write(article, body="Another.")
    response = stranger.edit(comment_id, "Hijacked.", htmx=False, secret="x")
    assert response.status_code == 403 and NOT_YOURS in response.text


def test_after_the_window_the_edit_is_refused_with_the_text_kept(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="In time.")
    secret = writer.secret(comment_id)
    age(app, comment_id, 16)

    response = writer.edit(comment_id, "Too late now.", secret=secret)

    assert response.status_code == 422
    assert TOO_LATE in response.text and ">\nToo late now.</textarea>" in response.text
    assert stored(app, comment_id).body == "In time."
    # The form's link answers in place of the controls.
    opened = writer.edit_form(comment_id)
    assert opened.status_code == 422 and TOO_LATE in opened.text
    assert opened.headers["HX-Retarget"] == f"#report-{comment_id}"


def test_the_window_is_a_setting(app, writer, make):
    app.config["COMMENT_EDIT_MINUTES"] = 30
    article = make.article()
    comment_id = writer.write(article, body="Slow thoughts.")
    age(app, comment_id, 20)
    assert writer.edit(comment_id, "Slower thoughts.").status_code == 200


def test_after_the_window_without_javascript_the_page_keeps_the_form_and_text(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="In time.")
    secret = writer.secret(comment_id)
    age(app, comment_id, 16)

    response = writer.edit(comment_id, "Too late now.", htmx=False, secret=secret)

    assert response.status_code == 422
    assert f'<form id="edit-form-{comment_id}"' in response.text
    assert TOO_LATE in response.text and ">\nToo late now.</textarea>" in response.text
    # Answered at the form's address: its links lead back to the article, not here.
    assert f'href="{writer.url(article)}?mine=1#comment-{comment_id}"' in response.text


@pytest.mark.parametrize("reply_status", [CommentStatus.VISIBLE, CommentStatus.PENDING])
def test_after_a_reply_the_edit_is_refused(app, writer, make, reply_status):
    article = make.article()
    comment_id = writer.write(article, body="Answer me.")
    secret = writer.secret(comment_id)
    reply = make.comment(article, parent=stored(app, comment_id), body="An answer.")
    with app.app_context():
        db.session.get(Comment, reply.id).status = reply_status
        db.session.commit()

    response = writer.edit(comment_id, "Changed under the answer.", secret=secret)

    assert response.status_code == 422 and TOO_LATE in response.text
    assert stored(app, comment_id).body == "Answer me."


def test_a_removed_reply_does_not_stop_an_edit(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Answer me.")
    reply = make.comment(article, parent=stored(app, comment_id), body="Spam.")
    with app.app_context():
        db.session.get(Comment, reply.id).status = CommentStatus.REMOVED
        db.session.commit()
    assert writer.edit(comment_id, "Answer me, please.").status_code == 200


def test_banned_words_refuse_the_edit_with_the_text_kept(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Calm words.")

    response = writer.edit(comment_id, "Now go die.")

    assert response.status_code == 422
    assert (
        "words we do not publish" in response.text and ">\nNow go die.</textarea>" in response.text
    )
    assert stored(app, comment_id).body == "Calm words." and revisions(app, comment_id) == []


@pytest.mark.parametrize(
    "body, reason",
    [
        ("Win at the casino today.", "suspect words: casino"),
        ("See http://a.example http://b.example http://c.example", "too many links"),
    ],
)
def test_suspect_edits_are_held_and_leave_the_count(app, writer, make, body, reason):
    article = make.article()
    comment_id = writer.write(article, body="Innocent.")
    assert count_of(app, article) == 1

    response = writer.edit(comment_id, body)

    assert response.status_code == 200
    assert "Your comment is awaiting moderation." in response.text
    assert 'id="comment-count" data-hx-swap-oob="true">0 Comments<' in response.text
    comment = stored(app, comment_id)
    assert comment.status == CommentStatus.PENDING and comment.held_reason == reason
    assert count_of(app, article) == 0
    shared = app.test_client().get(writer.url(article)).text
    assert "Innocent." not in shared and "casino" not in shared


def test_edits_count_against_the_comment_limit(app, writer, make):
    app.config["COMMENT_RATE_LIMIT"] = "2 per 10 minutes"
    article = make.article()
    comment_id = writer.write(article, body="One.")
    assert writer.edit(comment_id, "Two.").status_code == 200

    response = writer.edit(comment_id, "Three.")

    assert response.status_code == 429
    assert response.headers["HX-Retarget"] == f"#edit-form-{comment_id}-status"
    assert stored(app, comment_id).body == "Two."
    # Without JavaScript: the page with the form and the text.
    page = writer.edit(comment_id, "Three, again.", htmx=False)
    assert page.status_code == 429 and ">\nThree, again.</textarea>" in page.text


def test_a_refused_edit_takes_nothing_of_the_limit(app, writer, make):
    app.config["COMMENT_RATE_LIMIT"] = "2 per 10 minutes"
    article = make.article()
    comment_id = writer.write(article, body="One.")
    for _ in range(3):
        assert writer.edit(comment_id, "go die").status_code == 422
    assert writer.edit(comment_id, "Two.").status_code == 200


def test_an_own_pending_comment_may_be_edited_and_stays_pending(app, writer, make):
    article = make.article(comment_moderation="pre")
    comment_id = writer.write(article, body="Waiting.")
    assert stored(app, comment_id).status == CommentStatus.PENDING

    response = writer.edit(comment_id, "Still waiting.")

    assert response.status_code == 200 and "awaiting moderation" in response.text
    assert stored(app, comment_id).status == CommentStatus.PENDING
    assert count_of(app, article) == 0


@pytest.mark.parametrize(
    "body, status, says",
    [
        ("x" * 10_000, 422, "at most 1500 characters"),
        ("   ", 422, "Please write a comment."),
        ("bad \x00 byte", 422, "characters we cannot accept"),
    ],
)
def test_invalid_edits_come_back_with_the_text(app, writer, make, body, status, says):
    article = make.article()
    comment_id = writer.write(article, body="Fine.")
    response = writer.edit(comment_id, body)
    assert response.status_code == status and says in response.text
    assert stored(app, comment_id).body == "Fine."


def test_hostile_requests_are_refused_without_a_server_error(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Fine.")
    secret = writer.secret(comment_id)
    post = writer.client.post
    for path in ("edit", "delete"):
        # No such route: the path is taken for an article's address (GET only).
        huge_id = post(f"/comments/99999999999999999999/{path}", data={"secret": secret})
        assert huge_id.status_code in (404, 405)
        assert post(f"/comments/987654/{path}", data={"secret": secret}).status_code == 404
        invalid = post(
            f"/comments/{comment_id}/{path}",
            data=b"body=%FF%FE&secret=" + secret.encode(),
            content_type="application/x-www-form-urlencoded",
        )
        assert invalid.status_code == 400
        odd = post(f"/comments/{comment_id}/{path}", data={"body": "x", "secret": "é" * 40})
        assert odd.status_code == 403
        huge = post(
            f"/comments/{comment_id}/{path}", data={"body": "x" * 100_000, "secret": secret}
        )
        assert huge.status_code == 413
    assert writer.client.get("/comments/99999999999999999999/edit").status_code == 404
    assert stored(app, comment_id).body == "Fine."


def test_a_comment_of_a_draft_article_cannot_be_changed(app, writer, make):
    article = make.article()
    comment_id = writer.write(article)
    secret = writer.secret(comment_id)
    with app.app_context():
        db.session.get(Article, article.id).status = "draft"
        db.session.commit()
    assert writer.edit(comment_id, "Changed.", secret=secret).status_code == 404


# Deleting


def test_delete_asks_first_with_a_second_button(writer, make):
    article = make.article()
    comment_id = writer.write(article)

    question = writer.client.get(f"/comments/{comment_id}/delete", headers=HTMX)

    assert question.status_code == 200
    assert "Delete this comment?" in question.text
    assert re.search(r'<button type="submit"[^>]*>Delete</button>', question.text)
    assert "Keep it" in question.text and 'name="secret"' in question.text
    # "Keep it" brings the comment back as it was, controls and focus included.
    kept = writer.client.get(f"/comments/{comment_id}/own?after=delete", headers=HTMX)
    assert kept.status_code == 200 and re.search(
        rf'id="delete-{comment_id}"[^>]*autofocus', kept.text
    )


def test_a_comment_without_replies_disappears_and_the_count_follows(app, writer, make):
    article = make.article()
    make.comment(article, body="Another's.")
    comment_id = writer.write(article, body="Regrets.")
    assert count_of(app, article) == 2

    response = writer.delete(comment_id)

    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == f"#comment-{comment_id}"
    assert response.headers["HX-Reswap"] == "delete"
    assert 'id="comment-count" data-hx-swap-oob="true">1 Comment<' in response.text
    comment = stored(app, comment_id)
    assert comment.status == CommentStatus.REMOVED and comment.deleted_by_author
    assert count_of(app, article) == 1
    assert f'id="comment-{comment_id}"' not in app.test_client().get(writer.url(article)).text


def test_a_comment_with_replies_becomes_a_tombstone_that_keeps_them(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Regrets.")
    make.comment(article, parent=stored(app, comment_id), body="But I liked it.")

    response = writer.delete(comment_id)

    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == f"#comment-{comment_id} > article"
    assert "This comment was deleted by its author." in response.text
    shared = app.test_client().get(writer.url(article)).text
    assert "This comment was deleted by its author." in shared
    assert "But I liked it." in shared and "Regrets." not in shared


def test_delete_without_javascript(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Regrets.")

    link = writer.client.get(f"/comments/{comment_id}/delete")
    assert link.status_code == 303 and f"delete={comment_id}" in link.headers["Location"]
    page = writer.client.get(writer.url(article, delete=comment_id)).text
    assert f'<form id="delete-form-{comment_id}"' in page and "Delete this comment?" in page

    response = writer.delete(comment_id, htmx=False)

    assert response.status_code == 303 and "mine=1" in response.headers["Location"]
    assert stored(app, comment_id).status == CommentStatus.REMOVED


def test_delete_is_refused_after_the_window_and_to_others(app, writer, stranger, make):
    article = make.article()
    comment_id = writer.write(article, body="Stays.")
    secret = writer.secret(comment_id)
    stranger.write(article, body="A stranger's.")

    assert stranger.delete(comment_id, secret=secret).status_code == 403
    assert writer.delete(comment_id, secret="nope").status_code == 403
    age(app, comment_id, 16)
    late = writer.delete(comment_id, secret=secret)
    assert late.status_code == 422 and "can no longer be deleted" in late.text
    page = writer.delete(comment_id, htmx=False, secret=secret)
    assert page.status_code == 422 and "can no longer be deleted" in page.text
    assert stored(app, comment_id).status == CommentStatus.VISIBLE
    assert count_of(app, article) == 2


def test_a_deleted_comment_cannot_be_edited_or_deleted_again(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Gone soon.")
    secret = writer.secret(comment_id)
    assert writer.delete(comment_id, secret=secret).status_code == 200
    assert writer.delete(comment_id, secret=secret).status_code == 422
    assert writer.edit(comment_id, "Back?", secret=secret).status_code == 422
    assert count_of(app, article) == 0


def test_a_moderator_removal_is_not_called_the_authors(app, make):
    from newsite.comments.services import remove_comment

    article = make.article()
    parent = make.comment(article, body="Rude.")
    make.comment(article, parent=parent, body="Indeed.")
    with app.app_context():
        remove_comment(db.session.get(Comment, parent.id))
    shared = app.test_client().get(Reader(app.test_client()).url(article)).text
    assert "This comment was removed." in shared and "deleted by its author" not in shared


# Moderators


def test_moderators_see_the_earlier_texts(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Version one.")
    writer.edit(comment_id, "Version two.")
    writer.edit(comment_id, "Version three.")
    editor = make.editor(role="moderator")
    admin = app.test_client()
    sign_in(admin, editor.email)

    queue = admin.get("/admin/comments").text

    disclosure = re.search(r'<details class="mod-revisions">.*?</details>', queue, re.S).group(0)
    assert "earlier text" in disclosure
    assert "Version one." in disclosure and "Version two." in disclosure
    assert "Version three." not in disclosure


def test_another_sites_page_cannot_change_a_comment(app, writer, make):
    article = make.article()
    comment_id = writer.write(article, body="Mine.")
    secret = writer.secret(comment_id)
    for path, data in (
        ("edit", {"body": "Forged.", "secret": secret}),
        ("delete", {"secret": secret}),
    ):
        response = writer.client.post(
            f"/comments/{comment_id}/{path}", data=data, headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert response.status_code == 403 and "another website" in response.text
    comment = stored(app, comment_id)
    assert comment.body == "Mine." and comment.status == CommentStatus.VISIBLE
