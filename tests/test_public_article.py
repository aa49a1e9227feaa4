"""The article page is public: the same bytes for every reader, shareable by any cache.

What belongs to one reader (their vote, their likes, their pending comment) never
enters it: htmx fetches it afterwards from `/mine/articles/<id>` (private), and a
reader without JavaScript lands on the private variant `?mine=1` after acting.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest
import sqlalchemy as sa

from newsite.comments.services import approve_comment
from newsite.extensions import cache, db
from newsite.models import Article, Comment

AWAITING = "Your comment is awaiting moderation"
MINE_LINK = re.compile(r'data-hx-get="(/mine/articles/[^"]+)"')


def url_of(article) -> str:
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def pressed_votes(html: str) -> list[str]:
    return re.findall(r'vote-button--(\w+)" aria-pressed="true"', html)


def pressed_likes(html: str) -> list[int]:
    """Ids of the comments whose like button is pressed."""
    tags = re.findall(r"<button\b[^>]*>", html)
    return [
        int(re.search(r'\bid="like-(\d+)"', tag).group(1))
        for tag in tags
        if 'id="like-' in tag and 'aria-pressed="true"' in tag
    ]


@pytest.fixture
def one_time_step(app):
    """Relative times counted from one moment for the whole test: a page rendered either
    side of a minute's turn is rightly another page, which is not what these tests ask."""
    app.config["RELATIVE_TIME_SECONDS"] = 10**9


def forget_rendered_pages(app) -> None:
    """Empty the app's cache of rendered pages, so the next read renders afresh."""
    with app.app_context():
        cache.clear()


class Visitor:
    """A reader with a browser of their own (cookies kept)."""

    def __init__(self, app, article) -> None:
        self.client = app.test_client()
        self.article = article
        self.url = url_of(article)

    def page(self, **headers: str):
        return self.client.get(self.url, headers=headers)

    def mine_url(self) -> str:
        """The fragment address the shared page asks htmx to load."""
        return html_lib.unescape(MINE_LINK.search(self.page().text).group(1))

    def mine(self):
        return self.client.get(self.mine_url(), headers={"HX-Request": "true"})

    def private(self):
        return self.client.get(self.url + "?mine=1")

    def vote(self, choice: str = "yes"):
        return self.client.post(f"/votes/articles/{self.article.id}", data={"choice": choice})

    def like(self, comment_id: int):
        return self.client.post(f"/votes/comments/{comment_id}", data={"like": "1"})

    def comment(self, body: str, **fields: str):
        data = {"name": "Reader", "email": "", "body": body, "website": ""} | fields
        return self.client.post(f"/comments/articles/{self.article.id}", data=data)

    def has_cookie(self) -> bool:
        return self.client.get_cookie("reader") is not None


@pytest.fixture
def story(make):
    article = make.article()
    make.comment(article, body="An early comment by someone else")
    make.comment(article, body="A second comment by someone else")
    return article


def comment_ids(app, article) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(Comment.id).where(Comment.article_id == article.id).order_by(Comment.id)
            )
        )


@pytest.fixture
def three_readers(app, story):
    """A voted yes, B liked the first comment, C has a comment waiting for moderation."""
    app.config["COMMENT_MODERATION"] = "pre"
    first, _second = comment_ids(app, story)
    a, b, c = Visitor(app, story), Visitor(app, story), Visitor(app, story)
    assert a.vote("yes").status_code == 303
    assert b.like(first).status_code == 303
    assert c.comment("Only C may see this until approved").status_code == 303
    assert a.has_cookie() and b.has_cookie() and c.has_cookie()
    return {"a": a, "b": b, "c": c, "liked": first}


def test_reading_the_article_sets_no_cookie_at_all(client, story):
    response = client.get(url_of(story))
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert client.get_cookie("reader") is None and client.get_cookie("session") is None


def test_the_article_page_carries_no_token(client, story):
    html = client.get(url_of(story)).text
    assert "csrf_token" not in html
    assert "form_token" not in html
    assert "X-CSRFToken" not in html


def test_the_article_page_may_be_kept_by_shared_caches(client, story):
    response = client.get(url_of(story))
    cache_control = response.headers["Cache-Control"]
    assert "public" in cache_control and "s-maxage" in cache_control
    assert "private" not in cache_control and "no-store" not in cache_control
    assert "cookie" not in response.headers.get("Vary", "").lower()


def test_the_article_page_has_an_etag_and_answers_304_when_the_reader_has_it(client, story):
    first = client.get(url_of(story))
    etag = first.headers["ETag"]
    assert etag

    again = client.get(url_of(story), headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert "Set-Cookie" not in again.headers


def test_a_reader_with_a_cookie_gets_the_same_public_page(app, story):
    voter = Visitor(app, story)
    voter.vote("yes")
    assert voter.has_cookie()
    response = voter.page()
    assert "Set-Cookie" not in response.headers
    assert "public" in response.headers["Cache-Control"]


def test_readers_with_different_states_get_byte_identical_pages(
    app, story, three_readers, one_time_step
):
    bodies = []
    etags = set()
    for name in ("a", "b", "c"):
        forget_rendered_pages(app)  # each reader's page rendered for them, not reused
        response = three_readers[name].page()
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        bodies.append(response.data)
        etags.add(response.headers["ETag"])
    forget_rendered_pages(app)
    stranger = app.test_client().get(url_of(story))
    bodies.append(stranger.data)
    etags.add(stranger.headers["ETag"])

    assert len(set(bodies)) == 1
    assert len(etags) == 1
    page = bodies[0].decode()
    assert pressed_votes(page) == []
    assert "Only C may see this" not in page and AWAITING not in page
    assert 'aria-pressed="true"' not in page


def test_two_readers_get_byte_identical_pages(app, story, one_time_step):
    one, two = Visitor(app, story), Visitor(app, story)
    one.vote("no")
    forget_rendered_pages(app)
    first = one.page().data
    forget_rendered_pages(app)
    second = two.page().data
    assert first == second


def test_each_reader_own_fragment_holds_their_state_only(app, story, three_readers):
    a, b, c = three_readers["a"], three_readers["b"], three_readers["c"]
    liked = three_readers["liked"]

    mine_a, mine_b, mine_c = a.mine(), b.mine(), c.mine()

    for response in (mine_a, mine_b, mine_c):
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
    # A: their yes pressed; nobody's like, nobody's pending comment.
    assert pressed_votes(mine_a.text) == ["yes"]
    assert pressed_likes(mine_a.text) == []
    assert "Only C may see this" not in mine_a.text and AWAITING not in mine_a.text
    # B: their like pressed, no vote of theirs, no pending comment.
    assert pressed_likes(mine_b.text) == [liked]
    assert pressed_votes(mine_b.text) == []
    assert "Only C may see this" not in mine_b.text and AWAITING not in mine_b.text
    # C: their pending comment, awaiting moderation; nobody's vote or like.
    assert "Only C may see this until approved" in mine_c.text
    assert AWAITING in mine_c.text
    assert pressed_votes(mine_c.text) == [] and pressed_likes(mine_c.text) == []


def test_the_own_fragment_is_never_kept_by_a_shared_cache(app, story, three_readers):
    response = three_readers["a"].mine()
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control or "no-store" in cache_control
    assert "public" not in cache_control
    assert "s-maxage" not in cache_control


def test_a_reader_without_a_cookie_gets_nothing_from_the_own_fragment(app, story, count_queries):
    client = app.test_client()
    with count_queries() as queries:
        response = client.get(f"/mine/articles/{story.id}", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.data == b""
    assert "public" not in response.headers.get("Cache-Control", "")
    assert "Set-Cookie" not in response.headers
    assert queries == []


def test_the_private_variant_shows_the_reader_their_own_state_only(app, story, three_readers):
    a, b, c = three_readers["a"], three_readers["b"], three_readers["c"]
    liked = three_readers["liked"]

    page_a, page_b, page_c = a.private(), b.private(), c.private()

    for response in (page_a, page_b, page_c):
        assert response.status_code == 200
        cache_control = response.headers["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control
        assert "public" not in cache_control
    assert pressed_votes(page_a.text) == ["yes"] and pressed_likes(page_a.text) == []
    assert "Only C may see this" not in page_a.text
    assert pressed_likes(page_b.text) == [liked] and pressed_votes(page_b.text) == []
    assert "Only C may see this" not in page_b.text
    assert "Only C may see this until approved" in page_c.text and AWAITING in page_c.text
    assert pressed_votes(page_c.text) == [] and pressed_likes(page_c.text) == []
    # A stranger on the private address sees nobody's state.
    stranger = app.test_client().get(url_of(story) + "?mine=1")
    assert pressed_votes(stranger.text) == [] and pressed_likes(stranger.text) == []
    assert "Only C may see this" not in stranger.text


def test_acting_without_javascript_lands_on_the_private_variant(app, story):
    voter = Visitor(app, story)
    response = voter.vote("yes")
    assert response.status_code == 303
    assert "mine=1" in response.headers["Location"]
    landed = voter.client.get(response.headers["Location"])
    assert pressed_votes(landed.text) == ["yes"]


def etag_of(app, story) -> str:
    return app.test_client().get(url_of(story)).headers["ETag"]


def test_the_etag_changes_when_a_comment_is_posted(app, story):
    before = etag_of(app, story)
    Visitor(app, story).comment("A fresh visible comment")
    after = app.test_client().get(url_of(story))
    assert after.headers["ETag"] != before
    assert "A fresh visible comment" in after.text


def test_the_etag_changes_when_a_held_comment_is_approved(app, story):
    app.config["COMMENT_MODERATION"] = "pre"
    Visitor(app, story).comment("Held until a moderator says yes")
    before = etag_of(app, story)
    with app.app_context():
        held = db.session.scalar(
            sa.select(Comment).filter_by(body="Held until a moderator says yes")
        )
        approve_comment(held)
        db.session.commit()

    after = app.test_client().get(url_of(story), headers={"If-None-Match": before})

    assert after.status_code == 200
    assert after.headers["ETag"] != before
    assert "Held until a moderator says yes" in after.text


def test_the_etag_changes_when_a_vote_changes_the_counts(app, story):
    before = etag_of(app, story)
    Visitor(app, story).vote("yes")
    after = app.test_client().get(url_of(story), headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after.headers["ETag"] != before
    assert re.search(
        r'vote-button--yes" aria-pressed="false">\s*Yes <span class="vote-count">1<', after.text
    )


def test_the_etag_changes_when_the_article_is_edited(app, story):
    before = etag_of(app, story)
    with app.app_context():
        article = db.session.get(Article, story.id)
        article.headline = "A corrected headline"
        article.revision += 1
        db.session.commit()

    after = app.test_client().get(url_of(story), headers={"If-None-Match": before})

    assert after.status_code == 200
    assert after.headers["ETag"] != before
    assert "A corrected headline" in after.text


def test_the_own_fragment_runs_at_most_two_queries_for_a_returning_reader(
    app, story, count_queries
):
    first, second = comment_ids(app, story)
    reader = Visitor(app, story)
    reader.vote("yes")
    reader.like(first)
    reader.like(second)
    address = reader.mine_url()

    with count_queries() as queries:
        response = reader.client.get(address, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert pressed_votes(response.text) == ["yes"]
    assert sorted(pressed_likes(response.text)) == [first, second]
    assert len(queries) <= 2, queries


def test_the_page_with_fifty_comments_stays_under_60_kb(app, make):
    article = make.article()
    for n in range(50):
        make.comment(
            article,
            name=f"Reader number {n}",
            body=f"Comment {n}: a reader's view of the story, in a sentence or two of text.",
        )
    response = app.test_client().get(url_of(article))
    assert response.status_code == 200
    assert all(f"Comment {n}: a reader" in response.text for n in range(50))
    assert len(response.data) < 60 * 1024, len(response.data)


def test_tracking_arguments_share_the_one_cached_page(app, client, story):
    plain = client.get(url_of(story))
    shared = client.get(url_of(story) + "?utm_source=whatsapp&fbclid=abc")
    assert shared.status_code == 200
    assert shared.headers["ETag"] == plain.headers["ETag"]
    assert shared.data == plain.data
    later = client.get(url_of(story) + "?comments_page=1&utm_medium=social")
    assert later.headers["ETag"] == plain.headers["ETag"]
