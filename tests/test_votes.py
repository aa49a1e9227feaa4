"""Votes count exactly once: one row per reader and target, counters that match."""

from __future__ import annotations

import itertools
import random
import re

import pytest
import sqlalchemy as sa

from newsite.extensions import db, limiter
from newsite.models import Article, ArticleVote, Comment, CommentLike

BROWSERS = itertools.count(1)


class Voter:
    """A reader with a browser of their own (cookies), voting without JavaScript.

    Each has a User-Agent of its own: two new readers on one address voting alike
    within a second would otherwise be one reader's double click
    (`newsite.readers.acting_reader_id`).
    """

    def __init__(self, app, article) -> None:
        self.client = app.test_client()
        self.client.environ_base["HTTP_USER_AGENT"] = f"Browser/{next(BROWSERS)}"
        self.article = article
        self.url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"

    def page(self) -> str:
        """The article page every reader gets."""
        return self.client.get(self.url).text

    def mine(self) -> str:
        """The page with this reader's own vote and likes, where a vote without
        JavaScript lands (`?mine=1`)."""
        return self.client.get(f"{self.url}?mine=1").text

    def vote(self, choice: str, htmx: bool = False, **extra):
        data = {"choice": choice} | extra
        headers = {"HX-Request": "true", "HX-Target": "article-vote"} if htmx else {}
        return self.client.post(f"/votes/articles/{self.article.id}", data=data, headers=headers)

    def like(self, comment, like: bool = True, htmx: bool = False):
        data = {"like": "1" if like else ""}
        headers = {"HX-Request": "true", "HX-Target": f"like-{comment.id}"} if htmx else {}
        return self.client.post(f"/votes/comments/{comment.id}", data=data, headers=headers)


def tally(app, article) -> tuple[int, int, int, int]:
    """(yes counter, no counter, yes rows, no rows)."""
    with app.app_context():
        fresh = db.session.get(Article, article.id)
        rows = dict(
            db.session.execute(
                sa.select(ArticleVote.choice, sa.func.count())
                .where(ArticleVote.article_id == article.id)
                .group_by(ArticleVote.choice)
            ).all()
        )
        return fresh.votes_yes, fresh.votes_no, rows.get("yes", 0), rows.get("no", 0)


def pressed(html: str) -> list[str]:
    return re.findall(r'vote-button--(\w+)" aria-pressed="true"', html)


def test_article_page_asks_do_you_like_this_article(app, make):
    html = Voter(app, make.article()).page()
    widget = re.search(r'<section class="article-vote".*?</section>', html, re.S).group(0)
    assert "Do you like this article?" in widget
    assert re.search(r"Yes <span class=\"vote-count\">0</span>", widget)
    assert re.search(r"No <span class=\"vote-count\">0</span>", widget)
    assert html.index("Do you like this article?") < html.index('id="comments"')


def test_a_vote_counts_once_and_is_remembered(app, make):
    article = make.article()
    reader = Voter(app, article)

    response = reader.vote("yes")

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{reader.url}?mine=1#article-vote")
    assert tally(app, article) == (1, 0, 1, 0)
    assert pressed(reader.mine()) == ["yes"]
    assert pressed(reader.page()) == []  # the page every reader shares
    assert pressed(Voter(app, article).mine()) == []  # another reader


def test_the_same_vote_twice_is_one_vote(app, make):
    article = make.article()
    reader = Voter(app, article)
    reader.vote("yes")
    reader.vote("yes")
    assert tally(app, article) == (1, 0, 1, 0)


def test_choosing_the_other_answer_moves_the_vote(app, make):
    article = make.article()
    reader = Voter(app, article)
    reader.vote("yes")
    reader.vote("no")
    assert tally(app, article) == (0, 1, 0, 1)
    assert pressed(reader.mine()) == ["no"]


def test_pressing_your_answer_again_withdraws_it(app, make):
    article = make.article()
    reader = Voter(app, article)
    reader.vote("yes")
    html = reader.mine()
    # The pressed button carries the withdrawal: its form sends an empty choice.
    assert re.search(
        r'name="choice" value="">\s*<button[^>]*vote-button--yes" aria-pressed="true"', html
    )
    reader.vote("")
    assert tally(app, article) == (0, 0, 0, 0)
    assert pressed(reader.mine()) == []


def test_htmx_vote_returns_the_widget_with_counts_and_choice(app, make):
    article = make.article()
    Voter(app, article).vote("no")
    response = Voter(app, article).vote("yes", htmx=True)

    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.text.lstrip().startswith('<section class="article-vote" id="article-vote"')
    assert pressed(response.text) == ["yes"]
    assert (
        'vote-button--yes" aria-pressed="true">\n    Yes <span class="vote-count">1</span>'
        in response.text
    )
    assert "You answered yes." in response.text


@pytest.mark.parametrize("choice", ["maybe", "YES", "1", "yes no"])
def test_an_unknown_answer_is_refused_and_changes_nothing(app, make, choice):
    article = make.article()
    response = Voter(app, article).vote(choice)
    assert response.status_code == 400 and tally(app, article) == (0, 0, 0, 0)


def test_a_vote_sent_from_another_site_changes_nothing(app, make):
    article = make.article()
    reader = Voter(app, article)
    reader.vote("no")
    response = reader.client.post(
        f"/votes/articles/{article.id}",
        data={"choice": "yes"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"},
    )
    assert response.status_code == 403 and "another website" in response.text
    assert tally(app, article) == (0, 1, 0, 1)


def test_a_get_never_changes_a_vote(app, make):
    article = make.article()
    reader = Voter(app, article)
    response = reader.client.get(f"/votes/articles/{article.id}?choice=yes")
    assert response.status_code in (404, 405) and tally(app, article) == (0, 0, 0, 0)


def test_a_vote_on_a_draft_is_a_404(app, make):
    from newsite.models import ArticleStatus

    draft = make.article(status=ArticleStatus.DRAFT)
    reader = Voter(app, make.article())
    assert (
        reader.client.post(f"/votes/articles/{draft.id}", data={"choice": "yes"}).status_code == 404
    )


def test_a_tampered_reader_cookie_makes_a_new_voter_never_someone_else(app, make):
    article = make.article()
    alice = Voter(app, article)
    alice.vote("yes")
    alice_cookie = alice.client.get_cookie("reader").value

    for forged in (alice_cookie[:-2] + "xx", alice_cookie.split(".")[0], "forged.value"):
        mallory = Voter(app, article)  # a browser of their own for each forged cookie
        mallory.client.set_cookie("reader", forged)
        mallory.vote("no")
        assert mallory.client.get_cookie("reader").value not in (forged, alice_cookie)

    # Alice's yes stands; each forged cookie made a new voter.
    assert tally(app, article) == (1, 3, 1, 3)
    assert pressed(alice.mine()) == ["yes"]


def test_a_cookie_signed_with_another_key_is_not_trusted(app, make):
    from itsdangerous import URLSafeSerializer

    article = make.article()
    alice = Voter(app, article)
    alice.vote("yes")
    with app.app_context():
        alice_id = db.session.scalar(sa.select(ArticleVote.voter_id))
    forged = URLSafeSerializer("not-the-secret", salt="newsite.reader").dumps(alice_id)
    mallory = Voter(app, article)
    mallory.client.set_cookie("reader", forged)
    mallory.vote("")  # would withdraw Alice's vote if the cookie were trusted
    assert tally(app, article) == (1, 0, 1, 0)


def test_reader_cookie_is_signed_httponly_samesite_lax_for_a_year(app, make):
    article = make.article()
    reader = Voter(app, article)
    assert "Set-Cookie" not in reader.client.get(reader.url).headers  # reading sets none
    response = reader.vote("yes")  # the first action does
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("reader="))
    assert cookie.startswith("reader=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Max-Age=31536000" in cookie


def test_counters_equal_rows_after_any_sequence_of_votes(app, make):
    article = make.article()
    readers = [Voter(app, article) for _ in range(6)]
    rng = random.Random(7)
    for _ in range(60):
        rng.choice(readers).vote(rng.choice(["yes", "no", ""]))
    yes, no, yes_rows, no_rows = tally(app, article)
    assert (yes, no) == (yes_rows, no_rows) and yes + no <= 6


def test_like_and_unlike_a_comment(app, make):
    article = make.article()
    comment = make.comment(article)
    reader = Voter(app, article)

    reader.like(comment)
    reader.like(comment)  # a double click is still one like
    html = reader.mine()
    assert re.search(
        rf'id="like-{comment.id}".*?aria-pressed="true">\s*Like <span class="like-count">1</span>',
        html,
        re.S,
    )
    response = reader.like(comment, like=False, htmx=True)

    assert response.status_code == 200 and 'aria-pressed="false"' in response.text
    assert 'Like <span class="like-count">0</span>' in response.text
    with app.app_context():
        assert db.session.get(Comment, comment.id).like_count == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CommentLike)) == 0


def test_readers_cannot_like_their_own_comment(app, make):
    article = make.article()
    author = Voter(app, article)
    author.client.post(
        f"/comments/articles/{article.id}", data={"name": "Self", "body": "My own words"}
    )
    with app.app_context():
        mine = db.session.scalars(sa.select(Comment)).one()
    html = author.mine()
    assert not re.search(rf'action="/votes/comments/{mine.id}"', html)
    assert "0 likes" in html

    response = author.client.post(f"/votes/comments/{mine.id}", data={"like": "1"})
    assert response.status_code == 403 and "cannot like your own comment" in response.text
    with app.app_context():
        assert db.session.get(Comment, mine.id).like_count == 0


def test_flood_guard_limits_votes_per_client_and_target(app, make):
    app.config["VOTE_RATE_LIMIT"] = "3 per hour"
    article, other = make.article(), make.article()
    reader = Voter(app, article)
    statuses = [reader.vote(choice).status_code for choice in ["yes", "no", "yes", "no"]]
    assert statuses == [303, 303, 303, 429]
    htmx = reader.vote("no", htmx=True)
    assert htmx.status_code == 429 and htmx.headers["HX-Retarget"] == "#article-vote-status"
    assert "voted many times" in htmx.text and "Please try again in" in htmx.text
    assert int(htmx.headers["Retry-After"]) > 0
    assert tally(app, article) == (1, 0, 1, 0)
    assert Voter(app, other).vote("yes").status_code == 303  # another target


def test_no_raw_client_address_reaches_the_rate_limit_storage(app, make):
    article = make.article()
    reader = Voter(app, article)
    reader.client.environ_base["REMOTE_ADDR"] = "198.51.100.23"
    reader.vote("yes")
    keys = " ".join(str(key) for key in limiter.storage.storage)
    assert keys and "198.51.100.23" not in keys
