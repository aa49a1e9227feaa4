"""HTTP caching: listings are public with version ETags; per-reader pages are private."""

from __future__ import annotations

import re

from support import Reader


def test_listings_answer_conditional_requests_with_304(client, make):
    edition = make.edition()
    make.article(edition=edition)
    first = client.get(f"/{edition.slug}/")
    etag = first.headers["ETag"]
    assert first.status_code == 200 and first.headers["Cache-Control"].startswith("public")

    again = client.get(f"/{edition.slug}/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_a_listing_etag_changes_when_its_content_changes(client, make):
    edition = make.edition()
    article = make.article(edition=edition)
    etag = client.get(f"/{edition.slug}/").headers["ETag"]

    make.comment(article)  # the teaser's comment count changes

    assert client.get(f"/{edition.slug}/", headers={"If-None-Match": etag}).status_code == 200


def test_listings_set_no_cookie_and_vary_on_htmx(client, make):
    make.article()
    response = client.get("/")
    assert "Set-Cookie" not in response.headers
    assert "HX-Request" in response.headers["Vary"]


def test_the_article_page_is_private_to_its_reader(client, make):
    article = make.article()
    response = client.get(Reader(client).url(article))
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert {"Cookie", "HX-Request"} <= set(response.headers["Vary"].replace(" ", "").split(","))


def test_two_readers_never_see_each_others_token_or_vote(app, make):
    article = make.article()
    alice, bob = Reader(app.test_client()), Reader(app.test_client())
    alice_token = alice.tokens(article)["csrf_token"]
    bob_page = bob.page(article)
    assert alice_token not in bob_page

    token = alice.tokens(article)["csrf_token"]
    alice.client.post(f"/votes/articles/{article.id}", data={"choice": "yes", "csrf_token": token})

    assert 'vote-button--yes" aria-pressed="true"' in alice.page(article)
    bob_again = bob.page(article)
    assert 'aria-pressed="true"' not in bob_again
    assert re.search(r'--yes" aria-pressed="false">\s*Yes <span class="vote-count">1<', bob_again)


LIKE_TOKEN = re.compile(
    r'action="/votes/comments/\d+"[^>]*>\s*'
    r'<input type="hidden" name="csrf_token" value="([^"]+)"'
)


def form_token(html: str) -> str:
    """The CSRF token of the page's comment form."""
    form = re.search(r'<form id="comment-form".*?</form>', html, re.S).group(0)
    return re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)


def like_tokens(html: str) -> set[str]:
    return set(LIKE_TOKEN.findall(html))


def test_a_cached_thread_gives_every_reader_their_own_token(app, make):
    article = make.article()
    make.comment(article)
    alice, bob = Reader(app.test_client()), Reader(app.test_client())
    alice_page, bob_page = alice.page(article), bob.page(article)  # bob's thread: from the cache

    assert "\x00" not in bob_page
    assert like_tokens(alice_page) == {form_token(alice_page)}
    assert like_tokens(bob_page) == {form_token(bob_page)}
    assert form_token(alice_page) != form_token(bob_page)


def test_a_cached_thread_shows_changes_at_once(app, make):
    article = make.article()
    first = make.comment(article, body="The first word")
    reader = Reader(app.test_client())
    assert "The first word" in reader.page(article)

    make.comment(article, body="A second word")
    assert "A second word" in reader.page(article)

    liker = Reader(app.test_client())
    token = liker.tokens(article)["csrf_token"]
    liker.client.post(f"/votes/comments/{first.id}", data={"like": "1", "csrf_token": token})
    assert re.search(r'Like <span class="like-count">1</span>', reader.page(article))


def test_a_cached_article_page_gives_each_reader_their_own_tokens(app, make):
    article = make.article()
    pages = [Reader(app.test_client()).page(article) for _ in range(3)]  # 2 and 3: cached
    form_tokens = [re.search(r'name="form_token" value="([^"]+)"', p).group(1) for p in pages]
    assert len(set(form_tokens)) == 3  # each form is its own post (idempotency key)
    assert len({form_token(p) for p in pages}) == 3
    assert all("\x00" not in p for p in pages)


def test_a_reader_with_a_vote_gets_their_own_page_not_the_shared_one(app, make):
    article = make.article()
    voter, other = Reader(app.test_client()), Reader(app.test_client())
    other.page(article)  # fills the shared page cache
    token = voter.tokens(article)["csrf_token"]
    voter.client.post(f"/votes/articles/{article.id}", data={"choice": "no", "csrf_token": token})
    assert 'vote-button--no" aria-pressed="true"' in voter.page(article)
    assert 'aria-pressed="true"' not in other.page(article)


def test_a_scheduled_article_going_live_refreshes_the_listings(app, client, make, monkeypatch):
    from datetime import timedelta

    import newsite.models
    from newsite.models import ArticleStatus, utcnow

    edition = make.edition()
    make.article(edition=edition, headline="Already out")
    soon = utcnow() + timedelta(minutes=5)
    make.article(
        edition=edition,
        headline="Out in five minutes",
        status=ArticleStatus.SCHEDULED,
        published_at=soon,
    )
    first = client.get(f"/{edition.slug}/")
    assert "Out in five minutes" not in first.text

    later = soon + timedelta(minutes=1)
    monkeypatch.setattr(newsite.models, "utcnow", lambda: later)
    again = client.get(f"/{edition.slug}/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and "Out in five minutes" in again.text


def test_editing_an_author_refreshes_their_page(app, client, make):
    from support import csrf_from, sign_in

    author = make.author(name="Old Byline")
    make.article(author=author)
    etag = client.get(f"/authors/{author.slug}").headers["ETag"]
    editor = app.test_client()
    sign_in(editor, make.editor("admin").email)
    token = csrf_from(editor.get("/admin/authors").text)
    editor.post(
        f"/admin/authors/{author.id}",
        data={"csrf_token": token, "name": "New Byline", "slug": author.slug, "bio": ""},
    )
    page = client.get(f"/authors/{author.slug}", headers={"If-None-Match": etag})
    assert page.status_code == 200 and "New Byline" in page.text


def test_a_cached_article_page_shows_a_renamed_section_and_a_recaptioned_photo_at_once(app, make):
    from newsite.extensions import db
    from newsite.models import Photo, Section

    article = make.article(lead_photo=make.photo(caption="First caption"))
    first = Reader(app.test_client()).page(article)  # fills the shared page cache
    assert "First caption" in first

    # Written straight to the database, as the seed or a shell would: no view is
    # there to remember to invalidate anything.
    with app.app_context():
        db.session.get(Section, article.section_id).name = "Renamed Desk"
        db.session.get(Photo, article.lead_photo_id).caption = "Second caption"
        db.session.commit()

    again = Reader(app.test_client()).page(article)
    assert "Second caption" in again and "First caption" not in again
    assert "Renamed Desk" in again


def test_a_listing_etag_changes_when_an_edition_is_renamed_by_any_writer(app, client, make):
    from newsite.extensions import db
    from newsite.models import Edition

    edition = make.edition(name="Old Name")
    make.article(edition=edition)
    etag = client.get("/").headers["ETag"]
    with app.app_context():
        db.session.get(Edition, edition.id).name = "New Name"
        db.session.commit()
    page = client.get("/", headers={"If-None-Match": etag})
    assert page.status_code == 200 and "New Name" in page.text


def test_cached_pages_never_carry_another_hosts_absolute_urls(app, make):
    article = make.article()
    url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
    for path in ("/", url):
        app.test_client().get(path, base_url="http://evil.example")  # fills the caches
        page = app.test_client().get(path, base_url="http://news.example.org").text
        assert "evil.example" not in page and "news.example.org" in page
