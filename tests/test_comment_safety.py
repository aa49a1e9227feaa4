"""Abuse and safety: rate limits, CSRF, malformed input, and text that stays text."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from support import Reader, app_on

from newsite.extensions import db
from newsite.models import Comment


def stored(app) -> list[Comment]:
    with app.app_context():
        return list(db.session.scalars(db.select(Comment)))


def test_the_sixth_comment_in_ten_minutes_gets_a_friendly_429_with_the_text_kept(app, reader, make):
    article = make.article()
    for n in range(5):
        assert reader.post(article, body=f"Comment {n}").status_code == 303

    plain = reader.post(article, body="Sixth, plain")
    htmx = reader.post(article, htmx=True, body="Sixth, htmx")

    assert plain.status_code == 429 and "Sixth, plain" in plain.text
    # When to try again: in the message and, for browsers and scripts, Retry-After.
    assert re.search(r"Please try again in (10|9) minutes\.", plain.text)
    assert 540 <= int(plain.headers["Retry-After"]) <= 601
    assert htmx.status_code == 429 and "Please try again in" in htmx.text
    assert int(htmx.headers["Retry-After"]) > 0
    # htmx leaves the form (and its text) alone and reports in its status line.
    assert htmx.headers["HX-Retarget"] == "#comment-form-status"
    assert htmx.headers["HX-Reswap"] == "innerHTML"
    assert len(stored(app)) == 5


def test_refused_comments_do_not_use_up_the_rate_limit(app, reader, make):
    article = make.article()
    for _ in range(6):
        assert reader.post(article, name="").status_code == 422
    assert reader.post(article).status_code == 303


def test_comments_refused_by_the_rules_do_not_use_up_the_rate_limit(app, reader, make):
    app.config["COMMENT_RATE_LIMIT"] = "2 per 10 minutes"
    article = make.article()
    banned = app.config["COMMENT_BANNED_WORDS"][0]
    for _ in range(3):
        assert reader.post(article, body=f"You should {banned} now.").status_code == 422
    valid = [reader.post(article, body=f"A real comment {n}.").status_code for n in range(3)]
    assert valid == [303, 303, 429]


def test_comments_refused_by_the_rules_give_back_the_address_limit_too(app, client, make):
    app.config.update(COMMENT_RATE_LIMIT="2 per 10 minutes", COMMENT_READERS_PER_ADDRESS=1)
    article = make.article()
    banned = app.config["COMMENT_BANNED_WORDS"][0]
    for n in range(2):  # two newcomers (no cookie) on one address, both refused
        client.delete_cookie("reader")
        assert Reader(client).post(article, body=f"{n}: you should {banned}.").status_code == 422
    client.delete_cookie("reader")
    assert Reader(client).post(article, body="A welcome comment.").status_code == 303


def test_an_invalid_post_hears_what_it_lacks_even_when_the_limit_is_reached(app, reader, make):
    article = make.article()
    for n in range(5):
        assert reader.post(article, body=f"Comment {n}").status_code == 303

    empty = reader.post(article, name="", body="")

    assert empty.status_code == 422
    assert "Please enter your name." in empty.text and "several comments" not in empty.text
    assert reader.post(article, body="A sixth, valid").status_code == 429


def test_readers_behind_one_address_each_have_their_own_comment_limit(app, reader, make):
    article = make.article()
    for n in range(5):
        reader.post(article, body=f"From A {n}")
    assert reader.post(article, body="A again").status_code == 429

    # Ten more readers on the same carrier address (same REMOTE_ADDR, their own cookies).
    others = [Reader(app.test_client()) for _ in range(10)]
    statuses = [
        other.post(article, body=f"Reader {i}, post {n}")
        for n in range(2)
        for i, other in enumerate(others)
    ]
    assert {response.status_code for response in statuses} == {303}


def test_one_address_may_post_as_much_as_its_configured_readers(app, make):
    app.config["COMMENT_RATE_LIMIT"] = "2 per 10 minutes"
    app.config["COMMENT_READERS_PER_ADDRESS"] = 3
    article = make.article()
    # A client that sheds its cookie is a new reader each time: the address holds it.
    statuses = [Reader(app.test_client()).post(article, body=f"Shed {n}") for n in range(7)]
    assert [s.status_code for s in statuses] == [303] * 6 + [429]
    assert "Please try again in" in statuses[-1].text

    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    assert Reader(elsewhere).post(article, body="From B").status_code == 303


@pytest.mark.parametrize(("proxies", "sixth"), [(0, 429), (1, 303)])
def test_forwarded_addresses_count_only_behind_a_configured_proxy(app, make, proxies, sixth):
    with app_on(
        app.config["SQLALCHEMY_DATABASE_URI"],
        Path(app.config["MEDIA_ROOT"]),
        PROXY_COUNT=proxies,
        COMMENT_READERS_PER_ADDRESS=1,
    ) as proxied:
        article = make.article()

        def post(body: str, address: str) -> Any:
            # A new reader each time: only the address limit (5 here) counts them.
            headers = {"X-Forwarded-For": address}
            return Reader(proxied.test_client()).post(article, body=body, headers=headers)

        for n in range(5):
            post(f"n{n}", "198.51.100.1")
        assert post("last", "198.51.100.77").status_code == sixth


@pytest.mark.parametrize("htmx", [True, False])
def test_a_post_from_another_site_is_refused_and_stores_nothing(app, reader, make, htmx):
    article = make.article()
    cross_site = {"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"}
    response = reader.post(article, htmx=htmx, headers=cross_site, body="Do not lose this")

    assert response.status_code == 403 and "came from another website" in response.text
    if htmx:
        # The message goes to the form's status line: the form, and the text in it, stay.
        assert response.headers["HX-Retarget"] == "#comment-form-status"
    else:
        assert "<html" in response.text  # a whole page saying why
    assert stored(app) == []


def test_a_get_never_posts_a_comment(app, client, make):
    article = make.article()
    response = client.get(f"/comments/articles/{article.id}?name=A&body=B")
    assert response.status_code in (404, 405) and stored(app) == []


BAD_INPUT = {
    "NUL in the comment": {"body": "before\x00after"},
    "control character in the comment": {"body": "bell\x07"},
    "newline in the name": {"name": "Amal\nAdmin"},
    "right-to-left override in the name": {"name": "Amal\u202eevil"},
    "zero-width space in the name": {"name": "Am\u200bal"},
    "first strong isolate in the name": {"name": "\u2068Amal"},
    "parent that is not a number": {"parent_id": "1 OR 1=1"},
    "huge parent id": {"parent_id": "9" * 40},
}


@pytest.mark.parametrize("fields", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_malformed_input_gets_a_clear_422_and_stores_nothing(app, reader, make, fields):
    response = reader.post(make.article(), **fields)
    assert response.status_code == 422
    assert 'class="field-error"' in response.text or 'class="form-error"' in response.text
    assert stored(app) == []


def test_invalid_utf8_is_refused_not_mangled(app, client, reader, make):
    article = make.article()
    raw = "name=Amal&body=caf%C3%A9%FF%FE"
    response = client.post(
        f"/comments/articles/{article.id}",
        data=raw,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400 and "not valid text (UTF-8)" in response.text
    assert stored(app) == []


@pytest.mark.parametrize("htmx", [True, False])
def test_an_oversized_request_is_refused_with_413(app, reader, make, htmx):
    response = reader.post(make.article(), htmx=htmx, body="x" * 1_000_000)
    assert response.status_code == 413
    assert "far more text than a comment can hold" in response.text
    assert stored(app) == []


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    '<div hx-get="/comments/count" hx-trigger="load">x</div>',
    '<div data-hx-post="/x" data-hx-trigger="load">x</div>',
    "{{ 7*7 }} {% raw %}",
    "</textarea><script>alert(1)</script>",
]


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS)
def test_stored_payloads_render_as_the_text_typed(reader, make, payload):
    article = make.article()
    make.comment(article, name=payload[:80], body=payload)
    page = reader.page(article)
    # The comment section from its thread on (the page's own htmx loader comes after it).
    thread = re.search(r'<ol class="comment-thread".*?</section>', page, re.S).group(0)

    elements = Elements()
    elements.feed(thread)
    for tag, attrs in elements.found:
        assert (
            tag not in {"script", "img", "svg", "div"}
            or "comment" in (attrs.get("class") or "")
            or tag == "div"
        )
        assert not any(name.startswith("on") for name in attrs)
        if tag == "div":
            assert not any(name.startswith(("hx-", "data-hx-")) for name in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    body = re.search(r'<div class="comment-body" dir="auto">(.*?)</div>', thread, re.S).group(1)
    assert unescape(body) == payload


def test_bare_links_become_nofollow_ugc_links_and_nothing_else_does(reader, make):
    article = make.article()
    make.comment(
        article, body="See https://example.org/a?b=1&c=2. Not www.example.org or ftp://x.test"
    )
    page = reader.page(article)
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=2</a>." in page
    )
    assert 'href="ftp:' not in page and 'href="www.' not in page


def test_names_are_isolated_for_bidirectional_text(reader, make):
    article = make.article()
    make.comment(article, name="سارة 123")
    assert '<bdi class="comment-author">سارة 123</bdi>' in reader.page(article)
