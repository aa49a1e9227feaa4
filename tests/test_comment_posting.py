"""Posting comments and replies, with htmx and without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from newsite.extensions import db
from newsite.models import Comment


def comments_in(app, article) -> list[Comment]:
    with app.app_context():
        return list(db.session.scalars(db.select(Comment).filter_by(article_id=article.id)))


def test_article_page_has_the_comment_form_anatomy(reader, make):
    html = reader.page(make.article())
    form = re.search(r'<form id="comment-form".*?</form>', html, re.S).group(0)

    assert 'href="/comment-policy"' in form and "* Denotes Required Field" in form
    for field, label in [("name", "Name"), ("email", "Email"), ("body", "Comment")]:
        assert f'<label for="comment-form-{field}">{label}' in form
    assert ">1500 characters left<" in form
    assert 'aria-live="polite"' in form
    assert "<h2" in html and "0 Comments" in html


@pytest.mark.parametrize(
    ("count", "label"), [(0, "0 Comments"), (1, "1 Comment"), (2, "2 Comments")]
)
def test_comment_count_uses_plural_forms_on_article_and_teaser(client, reader, make, count, label):
    article = make.article()
    for _ in range(count):
        make.comment(article)
    assert f'<span id="comment-count">{label}</span>' in reader.page(article)
    assert label in client.get(f"/{article.edition.slug}/").text


def test_posting_without_javascript_redirects_to_the_new_comment(app, reader, make):
    article = make.article()
    response = reader.post(article, name="Amal", body="First!\r\nSecond line.")

    [comment] = comments_in(app, article)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"{reader.url(article)}?mine=1#comment-{comment.id}"
    )
    page = reader.page(article)
    assert f'id="comment-{comment.id}"' in page and "First!\nSecond line." in page
    assert "1 Comment" in page


def test_posting_with_htmx_returns_the_comment_the_count_and_a_fresh_form(app, reader, make):
    article = make.article()
    response = reader.post(article, htmx=True, body="Posted in place.")

    [comment] = comments_in(app, article)
    html = response.text
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "private, no-store"
    assert 'data-hx-swap-oob="beforeend:#comment-thread"' in html
    assert f'id="comment-{comment.id}"' in html and "Posted in place." in html
    assert re.search(r'<span id="comment-count" data-hx-swap-oob="true">1 Comment</span>', html)
    fresh = re.search(r'<form id="comment-form".*?</form>', html, re.S).group(0)
    assert re.search(r"<textarea[^>]*>\s*</textarea>", fresh) and ">1500 characters left<" in fresh
    assert "Your comment was posted." in html


@pytest.mark.parametrize("htmx", [True, False])
def test_validation_errors_come_back_next_to_the_field_with_the_text_kept(app, reader, make, htmx):
    article = make.article()
    response = reader.post(article, htmx=htmx, name="  ", email="not-an-email", body="Keep me")

    html = response.text
    assert response.status_code == 422
    assert '<p class="field-error" id="comment-form-name-error">Please enter your name.</p>' in html
    assert "Please enter a valid email address" in html
    assert re.search(r"<textarea[^>]*>\s*Keep me</textarea>", html)
    assert 'value="not-an-email"' in html and 'aria-invalid="true"' in html
    assert comments_in(app, article) == []
    if not htmx:
        assert "<h1>" in html  # the whole article page, form in place


@pytest.mark.parametrize("body", ["", "   ", "\r\n\r\n"])
def test_an_empty_comment_is_refused(app, reader, make, body):
    article = make.article()
    response = reader.post(article, body=body)
    assert response.status_code == 422 and "Please write a comment." in response.text
    assert comments_in(app, article) == []


def test_a_name_longer_than_80_characters_is_refused_with_the_text_kept(reader, make):
    response = reader.post(make.article(), name="N" * 81, body="Still here")
    assert response.status_code == 422
    assert (
        "Your name can be at most 80 characters" in response.text and "Still here" in response.text
    )


def test_double_click_or_retry_posts_the_comment_once(app, reader, make):
    # The same reader sending the same words to the same place is one comment.
    article = make.article()

    first = reader.post(article, body="Only once")
    second = reader.post(article, body="Only once")
    third = reader.post(article, htmx=True, body="Only once")

    [comment] = comments_in(app, article)
    assert first.headers["Location"].endswith(f"?mine=1#comment-{comment.id}")
    assert second.headers["Location"].endswith(f"?mine=1&repeated=1#comment-{comment.id}")
    assert third.status_code == 200 and "You have already posted this comment." in third.text
    assert f'id="comment-{comment.id}"' not in third.text  # already on the page: not added twice
    assert "1 Comment" in reader.page(article)


def test_email_is_stored_but_never_shown(app, reader, make):
    article = make.article()
    reader.post(article, email="amal@example.org")
    assert comments_in(app, article)[0].author_email == "amal@example.org"
    assert "amal@example.org" not in reader.page(article)


def test_comments_show_oldest_first(reader, make):
    article = make.article()
    for body in ["first words", "second words", "third words"]:
        make.comment(article, body=body)
    page = reader.page(article)
    assert page.index("first words") < page.index("second words") < page.index("third words")


def test_reply_appears_under_its_parent(app, reader, make):
    article = make.article()
    parent = make.comment(article, name="Basim")
    make.comment(article, body="Another top-level comment")

    response = reader.post(article, parent_id=str(parent.id), body="I agree with Basim")

    reply = [c for c in comments_in(app, article) if c.parent_id == parent.id][0]
    assert response.headers["Location"].endswith(f"#comment-{reply.id}")
    page = reader.page(article)
    replies = re.search(rf'<ol class="replies" id="replies-{parent.id}">(.*?)</ol>', page, re.S)
    assert "I agree with Basim" in replies.group(1)


def test_htmx_reply_is_appended_to_its_parents_replies_and_closes_the_form(app, reader, make):
    article = make.article()
    parent = make.comment(article)

    response = reader.post(article, htmx=True, parent_id=str(parent.id), body="In reply")

    html = response.text
    appended = re.search(
        rf'<div data-hx-swap-oob="beforeend:#comment-{parent.id}">(.*?)</div>', html, re.S
    )
    assert appended and 'class="replies"' in appended.group(1)
    assert "In reply" in html and '<form id="comment-form"' not in html
    assert "1 Comment" not in html and "2 Comments" in html


def test_replies_nest_three_levels_and_deeper_ones_say_whom_they_answer(app, reader, make):
    article = make.article()
    top = make.comment(article, name="Top")
    second = make.comment(article, parent=top, name="Second")
    third = make.comment(article, parent=second, name="Third")
    fourth = make.comment(article, parent=third, name="Fourth")

    assert (top.depth, second.depth, third.depth, fourth.depth) == (0, 1, 2, 2)
    assert fourth.display_parent_id == second.id
    page = reader.page(article)
    level = re.search(
        rf'<ol class="replies" id="replies-{second.id}">(.*?)</ol>\s*</li>', page, re.S
    )
    assert f'id="comment-{third.id}"' in level.group(
        1
    ) and f'id="comment-{fourth.id}"' in level.group(1)
    assert "in reply to <bdi>Third</bdi>" in page
    assert f'id="replies-{third.id}"' not in page  # no fourth level


def test_reply_link_without_javascript_opens_the_form_on_the_article_page(client, reader, make):
    article = make.article()
    parent = make.comment(article, name="Huda")

    page = reader.page(article)
    link = re.search(
        rf'<a class="reply-link" href="([^"]+)"[^>]*\s+data-hx-get="/comments/{parent.id}/reply"',
        page,
    )
    opened = urljoin(reader.url(article), link.group(1))  # where the browser goes
    assert opened == f"{reader.url(article)}?reply_to={parent.id}#reply"
    # From the private variant too (after the reader acted), it stays on the article.
    opened = urljoin(reader.url(article, mine=1), link.group(1))
    assert opened == f"{reader.url(article)}?reply_to={parent.id}#reply"

    with_form = reader.page(article, reply_to=parent.id)
    slot = re.search(
        rf'<div class="reply-slot" id="reply-slot-{parent.id}">(.*?)</form>', with_form, re.S
    )
    assert 'id="reply"' in slot.group(1) and f'name="parent_id" value="{parent.id}"' in slot.group(
        1
    )
    assert "Reply to <bdi>Huda</bdi>" in slot.group(1) and "Cancel" in slot.group(1)


def test_htmx_reply_form_closes_any_other_open_one(client, make):
    article = make.article()
    parent = make.comment(article)
    response = client.get(f"/comments/{parent.id}/reply", headers={"HX-Request": "true"})

    assert response.status_code == 200
    # Any reply form open elsewhere is emptied or removed (out of band), whichever markup.
    assert re.search(
        r'<div data-hx-swap-oob="(innerHTML|delete):\.reply-slot"></div>', response.text
    )
    assert f'id="reply-form-{parent.id}"' in response.text and "autofocus" in response.text


def test_reply_form_without_htmx_redirects_to_the_article(client, reader, make):
    article = make.article()
    parent = make.comment(article)
    response = client.get(f"/comments/{parent.id}/reply")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"?reply_to={parent.id}#reply")


def test_reply_with_errors_comes_back_in_the_reply_form(reader, make):
    article = make.article()
    parent = make.comment(article)
    for htmx in (True, False):
        response = reader.post(
            article, htmx=htmx, parent_id=str(parent.id), name="", body="Kept reply"
        )
        assert response.status_code == 422
        form = re.search(
            rf'<form id="reply-form-{parent.id}".*?</form>', response.text, re.S
        ).group(0)
        assert "Please enter your name." in form and "Kept reply" in form


def test_long_threads_paginate_with_show_more(app, client, reader, make):
    app.config["COMMENTS_PER_PAGE"] = 3
    article = make.article()
    tops = [make.comment(article, body=f"Top {n}") for n in range(7)]
    make.comment(article, parent=tops[4], body="Reply on page two")

    first = reader.page(article)
    assert "Top 2" in first and "Top 3" not in first
    link = re.search(
        r'<a class="button button--quiet" href="([^"]+)"\s+data-hx-get="([^"]+)"', first
    )
    assert link.group(1) == f"{reader.url(article)}?comments_page=2#comments"

    more = client.get(link.group(2), headers={"HX-Request": "true"}).text
    assert (
        "Top 3" in more and "Top 5" in more and "Reply on page two" in more and "Top 2" not in more
    )
    assert 'id="comments-more" class="comments-more" data-hx-swap-oob="true"' in more

    second_page = reader.page(article, comments_page=2)
    assert "Top 3" in second_page and "Top 2" not in second_page
    assert client.get(reader.url(article, comments_page=9)).status_code == 404
    last = client.get(
        link.group(2).replace("/page/2", "/page/3"), headers={"HX-Request": "true"}
    ).text
    assert "Top 6" in last and "Show more comments" not in last


def test_a_comment_does_not_change_the_articles_modified_time(app, reader, make):
    from newsite.models import Article

    article = make.article()
    with app.app_context():
        before = db.session.get(Article, article.id).updated_at
    assert reader.post(article, body="Counters are not edits.").status_code == 303
    with app.app_context():
        fresh = db.session.get(Article, article.id)
        assert fresh.comment_count == 1 and fresh.updated_at == before
