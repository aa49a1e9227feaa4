"""Cached pages are keyed on what decides their rendering, and on nothing else:
arguments a page does not read cannot fill the cache, and an htmx request that
wants a whole page never takes a fragment's place (issue 13, item 4)."""

from __future__ import annotations

import pytest

from newsite.extensions import cache

pytestmark = pytest.mark.db


def cached_listings(app) -> set[str]:
    with app.app_context():
        store = cache.cache._cache  # SimpleCache: the app's own rendered pages
        return {key for key in store if "listing:" in key}


def test_arguments_a_listing_does_not_read_share_its_one_cached_copy(app, client, make):
    make.article()
    first = client.get("/")
    for n in range(20):
        response = client.get(f"/?x={n}&utm_source=whatsapp")
        assert response.headers["ETag"] == first.headers["ETag"]
        assert response.data == first.data
    assert len(cached_listings(app)) == 1


def test_a_page_number_is_one_key_however_it_is_written(app, client, make):
    article = make.article()
    url = f"/{article.edition.slug}/"
    plain = client.get(url + "?page=1")
    for written in ("?page=01", "?page=0001", "?page=1&page=7"):
        assert client.get(url + written).headers["ETag"] == plain.headers["ETag"]
    assert len(cached_listings(app)) == 1


def test_search_is_keyed_on_its_words_filters_and_page(client, make):
    make.article(headline="Water returns to the canal", body="The canal has water again.")
    plain = client.get("/search?q=water")
    assert client.get("/search?q=water&ref=share").headers["ETag"] == plain.headers["ETag"]
    assert client.get("/search?q=%20water%20").headers["ETag"] == plain.headers["ETag"]
    assert client.get("/search?q=canal").headers["ETag"] != plain.headers["ETag"]


def test_a_boosted_htmx_request_gets_a_page_and_never_poisons_the_fragment(client, make):
    make.article(headline="Lanterns along the canal", body="Lanterns lit the canal.")
    boosted = client.get("/search?q=lanterns", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.text
    fragment = client.get("/search?q=lanterns", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert fragment.headers["ETag"] != boosted.headers["ETag"]
    assert "HX-Request" in fragment.headers["Vary"]
