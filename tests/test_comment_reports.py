"""Reporting a comment: the form (htmx and plain), one report per reader, refusals,
the hold for review after enough readers, and the moderators' "Reported" view."""

from __future__ import annotations

import re

import pytest
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Article, Comment, CommentReport, CommentStatus

HTMX = {"HX-Request": "true", "HX-Target": ""}
THANKS = "Thank you. Our moderators will look at this comment."
PLACEHOLDER = "This comment is being reviewed."


def report(client, comment, htmx=True, **fields):
    """Send the report form as the page has it (no token: the cross-origin check guards it)."""
    data = {"reason": "spam", "note": "", "article_id": str(comment.article_id)} | fields
    headers = {"HX-Request": "true", "HX-Target": f"report-{comment.id}"} if htmx else {}
    return client.post(f"/comments/{comment.id}/report", data=data, headers=headers)


def new_reader(app):
    """Another reader's browser. Each has its own User-Agent: two cookie-less first
    actions on one target from one client within a second are one reader's (a double
    click, `newsite.readers.acting_reader_id`)."""
    new_reader.count = getattr(new_reader, "count", 0) + 1
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = f"Browser {new_reader.count}"
    return client


def reports_of(app, comment) -> list[CommentReport]:
    with app.app_context():
        return list(db.session.scalars(db.select(CommentReport).filter_by(comment_id=comment.id)))


def stored(app, comment) -> Comment:
    with app.app_context():
        return db.session.get(Comment, comment.id)


def count_of(app, article) -> int:
    with app.app_context():
        return db.session.get(Article, article.id).comment_count


@pytest.fixture
def desk(app, make):
    moderator = make.editor("moderator")
    client = new_reader(app)
    sign_in(client, moderator.email)
    return client


def test_every_comment_on_the_shared_page_has_a_report_link(reader, make):
    article = make.article()
    comment = make.comment(article)
    page = reader.page(article)
    link = re.search(rf'<a id="report-{comment.id}"[^>]*>Report</a>', page).group(0)
    assert f'href="?report={comment.id}#comment-{comment.id}"' in link
    # Where static/js/comments.js fetches the form with htmx (the id in place of 1).
    assert 'data-report-form="/comments/1/report"' in page


def test_the_report_form_opens_in_place_and_closes_again_with_htmx(client, make):
    comment = make.comment(make.article(), name="Samir")
    form = client.get(f"/comments/{comment.id}/report", headers=HTMX)
    assert form.status_code == 200
    html = form.text
    assert f'<div class="report-slot" id="report-{comment.id}">' in html
    for reason in ("Spam", "Abuse or harassment", "Off topic", "Something else"):
        assert reason in html
    assert 'name="note"' in html and "Up to 300 characters." in html
    assert "Send report" in html and "Cancel" in html and "Samir" in html
    assert "no-store" in form.headers["Cache-Control"]
    closed = client.get(f"/comments/{comment.id}/report?close=1", headers=HTMX)
    assert f'<a id="report-{comment.id}"' in closed.text and "autofocus" in closed.text


def test_without_javascript_report_opens_the_form_on_the_private_page(client, reader, make):
    article = make.article()
    comment = make.comment(article)
    response = client.get(f"/comments/{comment.id}/report")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"?report={comment.id}#comment-{comment.id}")
    page = client.get(reader.url(article, report=comment.id))
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    assert f'id="report-form-{comment.id}"' in page.text
    assert f'action="/comments/{comment.id}/report"' in page.text


@pytest.mark.db
def test_a_report_is_stored_and_the_reader_thanked(app, client, make):
    comment = make.comment(make.article())
    response = report(client, comment, reason="abuse", note="Insults another reader.")
    assert response.status_code == 200
    assert THANKS in response.text and f'id="report-{comment.id}"' in response.text
    assert "reader=" in response.headers.get("Set-Cookie", "")  # a first action
    [stored_report] = reports_of(app, comment)
    assert stored_report.reason == "abuse" and stored_report.note == "Insults another reader."
    assert stored(app, comment).status == CommentStatus.VISIBLE


@pytest.mark.db
def test_without_javascript_a_report_redirects_to_the_thanks(app, client, reader, make):
    article = make.article()
    comment = make.comment(article)
    response = report(client, comment, htmx=False, reason="off_topic")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert "mine=1" in location and f"reported={comment.id}" in location
    assert THANKS in client.get(location).text
    again = report(client, comment, htmx=False)
    assert "report_again=1" in again.headers["Location"]
    assert "You have already reported this comment." in client.get(again.headers["Location"]).text
    assert len(reports_of(app, comment)) == 1


@pytest.mark.db
def test_one_report_per_reader_and_comment(app, client, make):
    comment = make.comment(make.article())
    report(client, comment)
    again = report(client, comment, reason="abuse", note="Again")
    assert again.status_code == 200
    assert "You have already reported this comment." in again.text
    assert [r.reason for r in reports_of(app, comment)] == ["spam"]


@pytest.mark.db
def test_nobody_reports_their_own_comment(app, client, reader, make):
    article = make.article()
    reader.post(article, body="My own words")
    with app.app_context():
        own = db.session.scalars(db.select(Comment)).one()
    response = report(client, own, note="Keep this note")
    assert response.status_code == 403
    assert "You cannot report your own comment." in response.text
    assert response.headers["HX-Retarget"] == f"#report-{own.id}-status"  # the note stays
    plain = report(client, own, htmx=False)
    assert plain.status_code == 403 and "You cannot report your own comment." in plain.text
    assert reports_of(app, own) == []


@pytest.mark.db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reason": "bogus"}, "Please choose one of the reasons."),
        ({"reason": ""}, "Please choose one of the reasons."),
        ({"note": "x" * 301}, "Your note can be at most 300 characters; this one has 301."),
        ({"note": "y" * 10_000}, "Your note can be at most 300 characters; this one has 10000."),
        ({"note": "bad \x07 bell"}, "This contains characters we cannot accept"),
        ({"article_id": "99999999999"}, "This comment is not on the page you reported it from."),
    ],
)
def test_invalid_reports_are_refused_with_the_note_kept(app, client, make, fields, message):
    comment = make.comment(make.article())
    fields = {"note": "A note to keep"} | fields
    for htmx in (True, False):
        response = report(client, comment, htmx=htmx, **fields)
        assert response.status_code == 422
        assert message in response.text
        if fields["note"].isprintable():
            assert fields["note"] in response.text  # the reader's text is kept
    assert reports_of(app, comment) == []


@pytest.mark.db
def test_a_comment_of_another_article_is_not_reported_from_this_page(app, client, make):
    first, second = make.article(), make.article()
    comment = make.comment(second)
    response = report(client, comment, article_id=str(first.id))
    assert response.status_code == 422
    assert "This comment is not on the page you reported it from." in response.text
    plain = report(client, comment, htmx=False, article_id=str(first.id))
    assert plain.status_code == 422 and "not on the page you reported it from" in plain.text
    assert reports_of(app, comment) == []


@pytest.mark.db
def test_removed_or_held_comments_cannot_be_reported(app, client, make):
    article = make.article()
    held = make.comment(article, body="Cheap casino")  # a suspect word: pending
    removed = make.comment(article)
    with app.app_context():
        from newsite.comments.services import remove_comment

        remove_comment(db.session.get(Comment, removed.id))
    for comment in (held, removed):
        response = report(client, comment)
        assert response.status_code == 422
        assert "This comment is no longer shown, so it cannot be reported." in response.text
        assert client.get(f"/comments/{comment.id}/report", headers=HTMX).status_code == 404
        assert reports_of(app, comment) == []


@pytest.mark.parametrize("comment_id", ["99999", "99999999999999999999", "-1", "abc"])
def test_unknown_or_impossible_ids_are_refused(client, make, comment_id):
    make.article()
    response = client.post(f"/comments/{comment_id}/report", data={"reason": "spam"})
    # No report route takes an impossible id: the article route's slugs do (GET only).
    assert response.status_code in (404, 405)


@pytest.mark.db
def test_invalid_utf8_is_refused_with_a_message(app, client, make):
    comment = make.comment(make.article())
    response = client.post(
        f"/comments/{comment.id}/report",
        data=b"reason=spam&note=%FF%FE",
        content_type="application/x-www-form-urlencoded",
        headers={"HX-Request": "true", "HX-Target": f"report-{comment.id}"},
    )
    assert response.status_code == 400 and "not valid text (UTF-8)" in response.text
    assert reports_of(app, comment) == []


@pytest.mark.db
def test_a_report_from_another_site_is_refused(app, client, make):
    comment = make.comment(make.article())
    response = client.post(
        f"/comments/{comment.id}/report",
        data={"reason": "spam", "article_id": str(comment.article_id)},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert reports_of(app, comment) == []


@pytest.mark.db
def test_reports_are_rate_limited_per_reader_with_the_note_kept(app, client, make):
    app.config["COMMENT_REPORT_RATE_LIMIT"] = "2 per hour"
    article = make.article()
    comments = [make.comment(article) for _ in range(3)]
    assert [report(client, c).status_code for c in comments[:2]] == [200, 200]
    response = report(client, comments[2], note="Still here")
    assert response.status_code == 429
    assert "You have sent several reports in a short time." in response.text
    assert "Still here" in response.text and "Please try again in" in response.text
    assert reports_of(app, comments[2]) == []


@pytest.mark.db
def test_the_third_reader_holds_a_comment_for_review(app, reader, make):
    article = make.article()
    comment = make.comment(article, body="A contested remark")
    reply = make.comment(article, parent=comment, body="A reply that stays")
    assert count_of(app, article) == 2
    readers = [new_reader(app) for _ in range(3)]
    for client in readers[:2]:
        report(client, comment)
    assert stored(app, comment).status == CommentStatus.VISIBLE
    report(readers[2], comment, reason="abuse")
    held = stored(app, comment)
    assert held.status == CommentStatus.REVIEW and held.held_reason == "reported by 3 readers"
    assert count_of(app, article) == 1
    page = reader.page(article)  # a new reader's shared page, rendered again
    assert PLACEHOLDER in page and "A contested remark" not in page
    assert "A reply that stays" in page and f'id="comment-{reply.id}"' in page
    assert "1 Comment" in page
    writer_view = readers[0].get(reader.url(article, mine=1)).text
    assert PLACEHOLDER in writer_view and "A contested remark" not in writer_view


@pytest.mark.db
def test_a_held_reply_and_a_held_comment_without_replies_show_the_placeholder(app, reader, make):
    app.config["COMMENT_REPORTS_TO_HOLD"] = 1
    article = make.article()
    lone = make.comment(article, body="Alone and reported")
    top = make.comment(article)
    reply = make.comment(article, parent=top, body="A reported reply")
    report(new_reader(app), lone)
    report(new_reader(app), reply)
    page = reader.page(article)
    assert page.count(PLACEHOLDER) == 2
    assert "Alone and reported" not in page and "A reported reply" not in page


@pytest.mark.db
def test_dismissed_reports_do_not_count_towards_a_hold(app, desk, make):
    article = make.article()
    comment = make.comment(article)
    for _ in range(2):
        report(new_reader(app), comment)
    token = csrf_from(desk.get("/admin/comments?status=reported").text)
    desk.post(f"/admin/comments/{comment.id}/approve", data={"csrf_token": token})
    assert all(r.dismissed_at is not None for r in reports_of(app, comment))
    report(new_reader(app), comment)
    assert stored(app, comment).status == CommentStatus.VISIBLE


@pytest.mark.db
def test_the_reported_view_lists_reasons_notes_and_readers_oldest_first(app, desk, make):
    article = make.article(headline="Reported story")
    later = make.comment(article, body="Reported second")
    first = make.comment(article, body="Reported first")
    make.comment(article, body="Never reported")
    report(new_reader(app), first, reason="spam", note="Selling things")
    report(new_reader(app), later, reason="abuse")
    report(new_reader(app), first, reason="spam")
    report(new_reader(app), first, reason="off_topic", note="Nothing to do with it")
    page = desk.get("/admin/comments?status=reported").text
    assert 'aria-current="page">Reported<' in page
    assert "Never reported" not in page
    assert page.index("Reported first") < page.index("Reported second")
    row = re.search(rf'<tr id="mod-comment-{first.id}".*?</tr>', page, re.S).group(0)
    assert "Reported by 3 readers" in row and "Spam (2)" in row and "Off topic (1)" in row
    assert "Selling things" in row and "Nothing to do with it" in row
    assert "held: reported by 3 readers" in row and "review" in row
    assert ">Approve<" in row and ">Remove<" in row


@pytest.mark.db
def test_approving_a_held_comment_shows_it_again_and_dismisses_its_reports(app, desk, make):
    app.config["COMMENT_REPORTS_TO_HOLD"] = 2
    article = make.article()
    comment = make.comment(article, body="Fair comment after all")
    for _ in range(2):
        report(new_reader(app), comment)
    assert count_of(app, article) == 0
    token = csrf_from(desk.get("/admin/comments?status=reported").text)
    response = desk.post(
        f"/admin/comments/{comment.id}/approve",
        data={"csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert stored(app, comment).status == CommentStatus.VISIBLE and count_of(app, article) == 1
    assert all(r.dismissed_at is not None for r in reports_of(app, comment))
    assert "held: reported by 2 readers" in response.text  # why it was held, still shown
    assert "Fair comment after all" not in desk.get("/admin/comments?status=reported").text


@pytest.mark.db
def test_removing_a_held_comment_takes_it_out_of_the_reported_view(app, desk, make):
    app.config["COMMENT_REPORTS_TO_HOLD"] = 1
    article = make.article()
    comment = make.comment(article, body="Really abusive")
    report(new_reader(app), comment, reason="abuse")
    token = csrf_from(desk.get("/admin/comments").text)
    desk.post(f"/admin/comments/{comment.id}/remove", data={"csrf_token": token})
    assert stored(app, comment).status == CommentStatus.REMOVED
    assert count_of(app, article) == 0
    assert "Really abusive" not in desk.get("/admin/comments?status=reported").text


@pytest.mark.db
def test_the_report_form_speaks_the_language_of_its_article(app, client, make):
    edition = make.edition(language="ar", slug="iraq-ar", name="العراق")
    comment = make.comment(make.article(edition=edition))
    form = client.get(f"/comments/{comment.id}/report", headers=HTMX)
    assert "إلغاء" in form.text  # "Cancel" (the new strings follow when the catalog merges)
    refused = report(client, comment, reason="bogus", note="ملاحظة")
    assert refused.status_code == 422 and "ملاحظة" in refused.text and "إلغاء" in refused.text
