"""Cross-site writes are refused by asking the browser where they come from.

`Sec-Fetch-Site` first, then `Origin` (as Go's `net/http.CrossOriginProtection`): a
write from another site is a 403 that stores nothing; the site's own pages, typed
addresses and clients that are not browsers (neither header) are judged as usual.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Article, ArticleVote, Comment, CommentLike, Edition

REFUSED = "This request came from another website"
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]{3,}")


def counts(app, article) -> dict[str, int]:
    """Everything a reader's write could have stored about `article`."""
    with app.app_context():
        fresh = db.session.get(Article, article.id)
        comment_ids = sa.select(Comment.id).where(Comment.article_id == article.id)
        return {
            "comments": db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Comment)
                .where(Comment.article_id == article.id)
            ),
            "votes": db.session.scalar(
                sa.select(sa.func.count())
                .select_from(ArticleVote)
                .where(ArticleVote.article_id == article.id)
            ),
            "likes": db.session.scalar(
                sa.select(sa.func.count())
                .select_from(CommentLike)
                .where(CommentLike.comment_id.in_(comment_ids))
            ),
            "comment_count": fresh.comment_count,
            "votes_yes": fresh.votes_yes,
            "votes_no": fresh.votes_no,
        }


def editions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Edition.slug)))


@pytest.fixture
def story(make):
    article = make.article()
    make.comment(article, body="Someone else's comment")
    return article


@pytest.fixture
def their_comment(app, story):
    with app.app_context():
        return db.session.scalar(sa.select(Comment.id).where(Comment.article_id == story.id))


def write(client, kind: str, story, comment_id: int, headers: dict[str, str]):
    """One reader's write of `kind` to the story, with these request headers."""
    if kind == "comment":
        data = {"name": "Amal", "email": "", "body": "Forged words", "website": ""}
        return client.post(f"/comments/articles/{story.id}", data=data, headers=headers)
    if kind == "vote":
        return client.post(f"/votes/articles/{story.id}", data={"choice": "yes"}, headers=headers)
    return client.post(f"/votes/comments/{comment_id}", data={"like": "1"}, headers=headers)


KINDS = ["comment", "vote", "like"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_a_write_another_site_sent_is_refused_and_stores_nothing(
    app, client, story, their_comment, kind, fetch_site
):
    before = counts(app, story)

    response = write(client, kind, story, their_comment, {"Sec-Fetch-Site": fetch_site})

    assert response.status_code == 403
    assert REFUSED in response.text
    assert counts(app, story) == before
    # Refused before anything ran: no reader cookie was handed out either.
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fetch_site", ["same-origin", "none"])
def test_a_write_from_the_site_itself_or_a_typed_address_passes(
    app, client, story, their_comment, kind, fetch_site
):
    before = counts(app, story)

    response = write(client, kind, story, their_comment, {"Sec-Fetch-Site": fetch_site})

    assert response.status_code == 303
    after = counts(app, story)
    stored = {"comment": "comments", "vote": "votes", "like": "likes"}[kind]
    assert after[stored] == before[stored] + 1


@pytest.mark.parametrize("kind", KINDS)
def test_without_sec_fetch_site_an_origin_of_another_host_is_refused(
    app, client, story, their_comment, kind
):
    before = counts(app, story)

    response = write(client, kind, story, their_comment, {"Origin": "https://attacker.example"})

    assert response.status_code == 403
    assert REFUSED in response.text
    assert counts(app, story) == before


@pytest.mark.parametrize(
    "origin",
    [
        "http://localhost:8080",  # the same host on another port is another origin
        "http://evil-localhost",
        "null",  # a sandboxed frame or a data: page
    ],
)
def test_without_sec_fetch_site_an_origin_that_only_looks_close_is_refused(
    app, client, story, their_comment, origin
):
    before = counts(app, story)
    response = write(client, "comment", story, their_comment, {"Origin": origin})
    assert response.status_code == 403
    assert counts(app, story) == before


@pytest.mark.parametrize("kind", KINDS)
def test_without_sec_fetch_site_an_origin_matching_the_host_passes(
    app, client, story, their_comment, kind
):
    # The test client's requests go to Host "localhost".
    response = write(client, kind, story, their_comment, {"Origin": "http://localhost"})
    assert response.status_code == 303


def test_the_site_url_origin_passes_behind_a_proxy_that_changes_the_host(
    app, client, story, their_comment
):
    app.config["SITE_URL"] = "https://news.example.org/"
    before = counts(app, story)

    response = write(
        client, "comment", story, their_comment, {"Origin": "https://news.example.org"}
    )

    assert response.status_code == 303
    assert counts(app, story)["comments"] == before["comments"] + 1


def test_trusted_origins_pass(app, client, story, their_comment):
    app.config["TRUSTED_ORIGINS"] = ["https://partner.example.net"]
    before = counts(app, story)

    response = write(
        client, "vote", story, their_comment, {"Origin": "https://partner.example.net"}
    )

    assert response.status_code == 303
    assert counts(app, story)["votes"] == before["votes"] + 1
    other = write(client, "vote", story, their_comment, {"Origin": "https://other.example.net"})
    assert other.status_code == 403


def test_a_trusted_origin_passes_even_when_the_browser_says_cross_site(
    app, client, story, their_comment
):
    app.config["TRUSTED_ORIGINS"] = ["https://partner.example.net"]
    headers = {"Sec-Fetch-Site": "cross-site", "Origin": "https://partner.example.net"}
    response = write(client, "comment", story, their_comment, headers)
    assert response.status_code == 303


def test_sec_fetch_site_wins_over_an_origin_that_matches(app, client, story, their_comment):
    before = counts(app, story)
    headers = {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"}
    response = write(client, "comment", story, their_comment, headers)
    assert response.status_code == 403
    assert counts(app, story) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_client_that_is_not_a_browser_sends_neither_header_and_is_judged_as_usual(
    app, client, story, their_comment, kind
):
    before = counts(app, story)
    response = write(client, kind, story, their_comment, {})
    assert response.status_code == 303
    stored = {"comment": "comments", "vote": "votes", "like": "likes"}[kind]
    assert counts(app, story)[stored] == before[stored] + 1


def test_without_either_header_the_usual_rules_still_judge_a_post(app, client, story):
    # The honeypot holds what a script fills in; a banned word is refused.
    held = client.post(
        f"/comments/articles/{story.id}",
        data={"name": "Bot", "body": "Buy now", "website": "http://spam.example"},
    )
    assert held.status_code == 303
    with app.app_context():
        comment = db.session.scalar(sa.select(Comment).filter_by(body="Buy now"))
        assert comment.status == "pending"
    refused = client.post(f"/comments/articles/{story.id}", data={"name": "Rude", "body": "go die"})
    assert refused.status_code == 422


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_gets_are_never_refused(client, story, fetch_site):
    url = f"/{story.edition.slug}/{story.section.slug}/{story.slug}"
    headers = {"Sec-Fetch-Site": fetch_site, "Origin": "https://attacker.example"}
    assert client.get(url, headers=headers).status_code == 200
    assert client.get("/", headers=headers).status_code == 200
    assert client.get(f"/mine/articles/{story.id}", headers=headers).status_code == 204
    assert client.head(url, headers=headers).status_code == 200


def test_an_admin_write_from_another_site_is_refused_even_with_a_valid_token(app, make):
    admin = make.editor("admin")
    client = app.test_client()
    sign_in(client, admin.email)
    token = csrf_from(client.get("/admin/editions").text)
    data = {"csrf_token": token, "name": "Forged", "slug": "forged", "language": "en"}

    refused = client.post(
        "/admin/editions/new", data=data, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert refused.status_code == 403
    assert REFUSED in refused.text
    assert "forged" not in editions(app)

    refused = client.post(
        "/admin/editions/new", data=data, headers={"Origin": "https://attacker.example"}
    )
    assert refused.status_code == 403
    assert "forged" not in editions(app)

    # The same post from the admin's own page goes through.
    allowed = client.post(
        "/admin/editions/new", data=data, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert allowed.status_code == 303
    assert "forged" in editions(app)


def test_the_admin_still_needs_its_csrf_token_from_its_own_pages(app, make):
    admin = make.editor("admin")
    client = app.test_client()
    sign_in(client, admin.email)
    data = {"name": "No token", "slug": "no-token", "language": "en"}
    response = client.post(
        "/admin/editions/new", data=data, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 400
    assert "no-token" not in editions(app)


def test_with_htmx_the_refusal_goes_to_the_form_status_line_and_the_text_stays(app, client, story):
    before = counts(app, story)
    headers = {
        "HX-Request": "true",
        "HX-Target": "comment-form",
        "Sec-Fetch-Site": "cross-site",
    }
    data = {"name": "Amal", "body": "Words I keep", "website": ""}

    response = client.post(f"/comments/articles/{story.id}", data=data, headers=headers)

    assert response.status_code == 403
    assert response.headers["HX-Retarget"] == "#comment-form-status"
    assert response.headers["HX-Reswap"] == "innerHTML"
    assert REFUSED in response.text
    # An alert for the status line, not a form that would replace the reader's text.
    assert 'role="alert"' in response.text
    assert "<form" not in response.text and "<html" not in response.text
    assert counts(app, story) == before


def test_with_htmx_a_refused_vote_is_an_alert_in_the_vote_status_line(app, client, story):
    headers = {"HX-Request": "true", "HX-Target": "article-vote", "Sec-Fetch-Site": "cross-site"}
    response = client.post(f"/votes/articles/{story.id}", data={"choice": "yes"}, headers=headers)
    assert response.status_code == 403
    assert response.headers["HX-Retarget"] == "#article-vote-status"
    assert REFUSED in response.text and "<html" not in response.text


def test_without_javascript_the_refusal_is_a_whole_page_saying_why(client, story):
    response = client.post(
        f"/comments/articles/{story.id}",
        data={"name": "Amal", "body": "Forged words"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert "<html" in response.text
    assert REFUSED in response.text
    assert "nothing was saved" in response.text


def test_an_arabic_article_refuses_in_arabic(app, client, make):
    edition = make.edition(slug="arabic", name="العربية", language="ar")
    story = make.article(edition=edition, headline="خبر", slug="ar-story")
    for path, data in [
        (f"/comments/articles/{story.id}", {"name": "أمل", "body": "كلمات"}),
        (f"/votes/articles/{story.id}", {"choice": "yes"}),
    ]:
        response = client.post(path, data=data, headers={"Sec-Fetch-Site": "cross-site"})
        assert response.status_code == 403
        assert 'lang="ar"' in response.text and 'dir="rtl"' in response.text
        message = re.search(r"<h1>.*?</h1>\s*<p>(.*?)</p>", response.text, re.S).group(1)
        assert REFUSED not in message, "the refusal is not translated into Arabic"
        assert ARABIC_LETTERS.search(message)
