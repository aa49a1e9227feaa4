"""Inputs that reached a 500 or a wrong answer (issue 13, item 6): every one now gets
an ordinary answer. The `app` fixture fails any test whose requests got a 500, and the
`db` mark runs them on PostgreSQL too, where a NUL byte in a query is an error."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from support import Reader, csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Comment

pytestmark = pytest.mark.db

HUGE = "99999999999999999999"


def test_search_filters_with_a_nul_byte_search_everything(client, make):
    make.article(headline="Port reopens", body="The harbour of Umm Qasr welcomed ships.")
    for name in ("edition", "section"):
        response = client.get(f"/search?q=harbour&{name}=iraq%00")
        assert response.status_code == 200
        assert "Port reopens" in response.text


def test_signing_in_with_a_nul_byte_in_the_email_is_refused_calmly(app, client, make):
    make.editor("editor")
    token = csrf_from(client.get("/admin/sign-in").text)
    response = client.post(
        "/admin/sign-in",
        data={"email": "editor\x00@example.org", "password": "x", "csrf_token": token},
    )
    assert response.status_code == 422
    assert 'name="password"' in response.text


def test_oversized_ids_in_admin_filters_and_bulk_forms_find_nothing(app, make):
    editor = make.editor("admin")
    client = app.test_client()
    sign_in(client, editor.email)
    for url in (
        f"/admin/comments?article={HUGE}",
        f"/admin/articles?edition={HUGE}&section={HUGE}&author={HUGE}",
    ):
        assert client.get(url).status_code == 200
    token = csrf_from(client.get("/admin/comments").text)
    response = client.post(
        "/admin/comments/bulk", data={"ids": [HUGE, "0"], "action": "approve", "csrf_token": token}
    )
    assert response.status_code < 500


def test_replying_without_javascript_works_for_ids_past_the_deepest_page(app, make):
    article = make.article()
    comment = make.comment(article, body="An old comment with a large id.")
    with app.app_context():
        db.session.execute(sa.update(Comment).where(Comment.id == comment.id).values(id=123456))
        db.session.commit()
    reader = Reader(app.test_client())
    page = reader.page(article, reply_to=123456)
    assert 'id="reply-form-123456"' in page
    assert reader.client.get(reader.url(article, reply_to=HUGE)).status_code == 404


def test_a_link_in_a_snippet_never_spans_other_brackets():
    # The property that keeps snippets linear in the body's length: from each "[",
    # the link pattern stops at the next "[" instead of reading on to the end.
    from newsite.search.service import _LINK, _plain

    assert [m.group(1) for m in _LINK.finditer("[[[ [a map](https://x.org)")] == ["a map"]
    assert _plain("see [the map](https://x.org/a) and ![a photo](p.jpg)") == (
        "see the map and a photo"
    )


def test_a_body_of_sixty_thousand_brackets_is_found_and_shown(client, make):
    make.article(headline="Harbour notes", body="[" * 60_000 + " The harbour reopened.")
    response = client.get("/search?q=harbour")
    assert response.status_code == 200
    assert "<mark>Harbour</mark> notes" in response.text
