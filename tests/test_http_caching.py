"""HTTP caching: public pages have version ETags; what is one reader's is private."""

from __future__ import annotations

import re
import time

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


def test_listings_set_no_cookie(client, make):
    make.article()
    response = client.get("/")
    assert "Set-Cookie" not in response.headers


def test_the_article_page_is_public_and_its_private_variant_is_not(client, make):
    article = make.article()
    url = Reader(client).url(article)
    shared = client.get(url)
    assert shared.headers["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=1"
    assert "Set-Cookie" not in shared.headers
    private = client.get(url + "?mine=1")
    assert private.headers["Cache-Control"] == "private, no-store"
    assert "Cookie" in private.headers["Vary"]


def pressed(html: str) -> list[str]:
    return re.findall(r'vote-button--(\w+)" aria-pressed="true"', html)


def vote(reader: Reader, article, choice: str):
    return reader.client.post(f"/votes/articles/{article.id}", data={"choice": choice})


def own_parts(reader: Reader, article) -> str:
    """What htmx loads after the shared page: this reader's own vote and likes."""
    return reader.client.get(f"/mine/articles/{article.id}", headers={"HX-Request": "true"}).text


def test_two_readers_never_see_each_others_vote(app, make):
    article = make.article()
    alice, bob = Reader(app.test_client()), Reader(app.test_client())
    bob.page(article)
    vote(alice, article, "yes")

    assert pressed(alice.page(article, mine=1)) == ["yes"]
    assert pressed(own_parts(alice, article)) == ["yes"]
    for bob_sees in (bob.page(article), bob.page(article, mine=1), own_parts(bob, article)):
        assert pressed(bob_sees) == []
    assert re.search(
        r'--yes" aria-pressed="false">\s*Yes <span class="vote-count">1<', bob.page(article)
    )


def test_a_cached_article_page_shows_new_comments_and_likes_at_once(app, make):
    article = make.article()
    first = make.comment(article, body="The first word")
    reader = Reader(app.test_client())
    assert "The first word" in reader.page(article)

    make.comment(article, body="A second word")
    assert "A second word" in reader.page(article)

    liker = Reader(app.test_client())
    liker.client.post(f"/votes/comments/{first.id}", data={"like": "1"})
    assert re.search(r'Like <span class="like-count">1</span>', reader.page(article))


def test_a_reader_with_a_vote_gets_the_shared_page_and_their_vote_apart(app, make):
    article = make.article()
    voter, other = Reader(app.test_client()), Reader(app.test_client())
    other.page(article)  # fills the shared page cache
    vote(voter, article, "no")
    assert voter.page(article) == other.page(article)  # the shared page, vote counted in it
    assert pressed(voter.page(article)) == []
    assert pressed(voter.page(article, mine=1)) == ["no"]
    assert pressed(own_parts(voter, article)) == ["no"]
    assert pressed(other.page(article, mine=1)) == []


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


def test_a_public_page_is_served_again_for_its_shared_seconds_without_a_query(
    app, client, make, count_queries
):
    # At least a second of it whatever the clock says: expiry is to the whole second.
    app.config["SHARED_PAGE_SECONDS"] = 2
    article = make.article()
    reader = Reader(client)
    urls = [reader.url(article), "/"]
    first = {url: client.get(url) for url in urls}
    make.comment(article, body="Posted just after the page was made.")

    with count_queries() as queries:
        again = {url: client.get(url) for url in urls}
        revalidated = client.get(urls[0], headers={"If-None-Match": first[urls[0]].headers["ETag"]})
    assert queries == []
    for url in urls:
        assert (
            again[url].data == first[url].data
            and again[url].headers["ETag"] == (first[url].headers["ETag"])
        )
    assert again[urls[0]].headers["Cache-Control"] == first[urls[0]].headers["Cache-Control"]
    assert revalidated.status_code == 304 and revalidated.headers["ETag"]

    # The reader's own variant is never the shared copy.
    assert "Posted just after" in client.get(urls[0] + "?mine=1").text
    time.sleep(2.05)
    assert "Posted just after" in client.get(urls[0]).text


def test_the_already_posted_note_never_reaches_the_shared_page(client, make):
    article = make.article()
    url = Reader(client).url(article)
    shared = client.get(url + "?repeated=1")
    assert "already posted" not in shared.text
    assert shared.headers["ETag"] == client.get(url).headers["ETag"]
