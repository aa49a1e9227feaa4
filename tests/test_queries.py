"""Speed from the start: a page's query count does not grow with its content."""

from __future__ import annotations

from newsite.languages import LANGUAGES


def test_article_page_query_count_is_fixed_however_many_photos_sections_and_comments(
    app, client, make, count_queries
):
    first = make.article(lead_photo=make.photo())
    make.comment(first)
    client.get(url(first))  # a returning reader: their vote and likes are looked up
    clear_fragment_cache(app)
    with count_queries() as small:
        assert client.get(url(first)).status_code == 200

    for _ in range(6):
        make.section()
        make.edition()
        make.article(lead_photo=make.photo(size=(500, 300)))
    for _ in range(30):
        top = make.comment(first)
        reply = make.comment(first, parent=top)
        make.comment(first, parent=make.comment(first, parent=reply))
    clear_fragment_cache(app)
    with count_queries() as large:
        assert client.get(url(first)).status_code == 200
    with count_queries() as cached:
        assert client.get(url(first)).status_code == 200

    # The stamp (with the reader's vote and own state), the article, its contributors,
    # its corrections, its gallery, its tags, related articles, 4 for the navigation
    # (editions, sections, the newsroom's pages, breaking banners: made again here, the
    # cache cleared; kept per taxonomy version otherwise) and 2 for the thread, when the
    # page has to be rendered...
    assert len(small) == len(large) <= 13
    # ...and only the stamp when it comes from the page cache.
    assert len(cached) == 1


def clear_fragment_cache(app) -> None:
    from newsite.extensions import cache

    with app.app_context():
        cache.clear()


def test_listing_query_count_is_fixed_however_many_articles(client, make, count_queries):
    edition = make.edition()
    make.article(edition=edition, lead_photo=make.photo(size=(500, 300)))
    with count_queries() as one:
        client.get(f"/{edition.slug}/")

    for _ in range(10):
        make.article(edition=edition, lead_photo=make.photo(size=(500, 300)))
    with count_queries() as many:
        client.get(f"/{edition.slug}/")

    # The content version behind the ETag, the edition, its front page
    # (newsite.public.front: 3), whether a page 2 follows it, and 4 for the navigation
    # (made again, the new articles having changed the taxonomy).
    assert len(one) == len(many) <= 10


def test_home_query_count_is_fixed_however_many_sections(app, client, make, count_queries):
    make.article()
    clear_fragment_cache(app)
    with count_queries() as few:
        client.get("/")
    for _ in range(8):
        make.article(section=make.section())
    clear_fragment_cache(app)
    with count_queries() as many:
        client.get("/")

    # The content version behind the ETag, the front page (newsite.public.front: 3), 4
    # for the navigation (the cache cleared), and the "Most read" and "Most commented"
    # rankings of each language (the ETag names them all; each is worked out once a
    # minute).
    assert len(few) == len(many) <= 8 + 2 * len(LANGUAGES)


def url(article) -> str:
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
