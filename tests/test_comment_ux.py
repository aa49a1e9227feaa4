"""What a commenter meets (issue 14): the posted comment shown and announced where
they look, a counter that never cuts, focus sent where it helps, and no rule that
holds a quick reply."""

from __future__ import annotations

import re

from newsite.extensions import db
from newsite.models import Comment, CommentStatus


def statuses(app, article) -> dict[str, CommentStatus]:
    with app.app_context():
        rows = db.session.scalars(db.select(Comment).filter_by(article_id=article.id))
        return {comment.body: comment.status for comment in rows}


def comments_of(app, article) -> list[Comment]:
    with app.app_context():
        return list(db.session.scalars(db.select(Comment).filter_by(article_id=article.id)))


def test_a_reply_written_at_once_is_not_held_for_its_speed(app, client, reader, make):
    article = make.article()
    parent = make.comment(article)
    # The page and the reply form, then "Thanks!" within the same second.
    reader.page(article)
    client.get(f"/comments/{parent.id}/reply", headers={"HX-Request": "true"})
    reply = reader.post(article, htmx=True, parent_id=str(parent.id), body="Thanks!")
    first = reader.post(article, htmx=True, body="Quick first word.")

    assert reply.status_code == 200 and first.status_code == 200
    assert statuses(app, article)["Thanks!"] == CommentStatus.VISIBLE
    assert statuses(app, article)["Quick first word."] == CommentStatus.VISIBLE
    assert not re.search(r"awaiting moderation", reply.text)


def count(client, body: str, band: str = "", form_id: str = "comment-form") -> str:
    """The live counter's answer to `body`, after the counter was in `band`."""
    data = {"body": body, "form_id": form_id, "counter_band": band}
    response = client.post("/comments/count", data=data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.text


def announced(html: str) -> str | None:
    found = re.search(
        r'<span id="comment-form-announcer" data-hx-swap-oob="innerHTML">(.*?)</span>', html
    )
    return found.group(1) if found else None


def test_the_textarea_has_no_maxlength_that_would_cut_a_paste(reader, make):
    html = reader.page(make.article())
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'name="body"' in textarea and "maxlength" not in textarea


def test_the_visible_counter_is_not_a_live_region(reader, make):
    html = reader.page(make.article())
    counter = re.search(r'<[^>]*id="comment-form-counter"[^>]*>', html).group(0)
    assert "aria-live" not in counter and not counter.startswith("<output")
    # The announcer is there, empty, before anyone types: a region present from the start.
    assert (
        '<span class="visually-hidden" id="comment-form-announcer" aria-live="polite"></span>'
        in html
    )


def test_the_counter_is_announced_only_when_it_crosses_a_threshold(client):
    # Typing with plenty left: nothing is said.
    assert announced(count(client, "x" * 100)) is None
    # Crossing 100, 50, 10 left, and the limit: said once each.
    assert announced(count(client, "x" * 1400)) == "100 characters left"
    assert announced(count(client, "x" * 1420, band="100")) is None
    assert announced(count(client, "x" * 1455, band="100")) == "45 characters left"
    assert announced(count(client, "x" * 1491, band="50")) == "9 characters left"
    assert announced(count(client, "x" * 1495, band="10")) is None
    assert announced(count(client, "x" * 1512, band="10")) == "12 characters too many"
    assert announced(count(client, "x" * 1513, band="over")) is None
    # Back under the limit: said again, so the reader knows they may post.
    assert announced(count(client, "x" * 1497, band="over")) == "3 characters left"


def test_the_counter_remembers_its_stretch_in_the_form(client):
    html = count(client, "x" * 1455, band="100")
    band = re.search(r'<input type="hidden" name="counter_band"[^>]*>', html).group(0)
    assert 'value="50"' in band and 'data-hx-swap-oob="true"' in band


def test_over_the_limit_the_counter_shows_the_overflow_and_the_submit_is_refused(client):
    html = count(client, "x" * 1512)
    assert re.search(r'class="counter counter--over">-12 characters left<', html)
    assert re.search(r'<button[^>]*id="comment-form-submit"[^>]*disabled', html)


def test_an_overlong_comment_comes_back_whole_with_its_count(app, reader, make):
    article = make.article()
    text = "y" * 1512
    response = reader.post(article, htmx=True, body=text)

    assert response.status_code == 422
    assert f">\n{text}</textarea>" in response.text
    assert "-12 characters left" in response.text
    assert "at most 1500 characters; this one has 1512" in response.text
    assert statuses(app, article) == {}


def test_the_posted_comment_carries_a_note_that_takes_the_focus(app, reader, make):
    article = make.article()
    response = reader.post(article, htmx=True, body="Where I look.")

    [comment] = comments_of(app, article)
    item = re.search(
        rf'<li class="[^"]*comment--posted[^"]*" id="comment-{comment.id}">', response.text
    )
    assert item is not None
    assert '<p class="posted-note" tabindex="-1" autofocus>Your comment was posted.</p>' in (
        response.text
    )
    # Only the new comment has it: the page itself never autofocuses a note.
    assert "posted-note" not in reader.page(article)


def test_a_held_comment_says_so_in_the_same_place(app, reader, make):
    article = make.article(comment_moderation="pre")
    response = reader.post(article, htmx=True, body="Held, and told so.")

    assert "comment--posted" in response.text
    assert (
        '<p class="pending-note" tabindex="-1" autofocus>Your comment is awaiting moderation.</p>'
        in response.text
    )
    assert "Your comment was posted." not in response.text


def test_a_repeated_post_says_so_visibly_and_points_to_the_comment(app, reader, make):
    article = make.article()
    reader.post(article, htmx=True, body="Said once.")
    again = reader.post(article, htmx=True, body="Said once.")

    [comment] = comments_of(app, article)
    status = re.search(r'<div id="comments-status".*?</div>', again.text, re.S).group(0)
    assert 'data-hx-swap-oob="true"' in status and "visually-hidden" not in status
    assert "You have already posted this comment." in status and "autofocus" in status
    assert f'href="#comment-{comment.id}"' in status
    assert "comment--posted" not in again.text


def test_a_failed_post_focuses_the_first_field_in_error_with_or_without_htmx(reader, make):
    article = make.article()
    for htmx in (True, False):
        no_name = reader.post(article, htmx=htmx, name="", body="Kept text")
        assert no_name.status_code == 422
        autofocused = re.findall(r"<(?:input|textarea)[^>]*\bautofocus\b[^>]*>", no_name.text)
        assert len(autofocused) == 1 and 'id="comment-form-name"' in autofocused[0]

        bad_email = reader.post(article, htmx=htmx, email="nope", body="Kept text")
        autofocused = re.findall(r"<(?:input|textarea)[^>]*\bautofocus\b[^>]*>", bad_email.text)
        assert len(autofocused) == 1 and 'id="comment-form-email"' in autofocused[0]

        too_long = reader.post(article, htmx=htmx, body="z" * 1501)
        autofocused = re.findall(r"<(?:input|textarea)[^>]*\bautofocus\b[^>]*>", too_long.text)
        assert len(autofocused) == 1 and 'id="comment-form-body"' in autofocused[0]


def test_the_article_page_autofocuses_nothing(reader, make):
    assert "autofocus" not in reader.page(make.article())
