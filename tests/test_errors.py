"""Bad URLs and server faults get the site's own error pages, never a bare 500."""

from __future__ import annotations

import pytest

BAD_URLS = [
    "/no-such-edition/",
    "/iraq/no-such-section/",
    "/iraq/security/no-such-story",
    "/sections/no-such-section/",
    "/authors/nobody",
    "/iraq/?page=0",
    "/iraq/?page=-1",
    "/iraq/?page=2",
    "/iraq/?page=abc",
    "/iraq/?page=1.5",
    "/iraq/?page=99999999999999999999999",
    "/iraq/?page=%D9%A3",  # an Arabic-Indic digit three
    "/Iraq/",
    "/iraq/security/story%00",
    "/iraq/security/%FF%FE",
    "/iraq/security/<script>",
    "/iraq/security/" + "a" * 5000,
    "/iraq/security/story/extra",
    "/media/../secret_key",
    "/media/photos/nothing/480.jpg",
    "/comment-policy/",
]


@pytest.fixture
def small_site(make):
    make.article(edition=make.edition(slug="iraq"), section=make.section(slug="security"))


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_url_gets_the_branded_404(client, small_site, url):
    response = client.get(url, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in html and 'class="site-header"' in html
    assert "Go to the front page" in html


@pytest.mark.server_error
def test_server_error_gets_the_branded_500_without_a_database(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    response = app.test_client().get("/boom")
    html = response.get_data(as_text=True)

    assert response.status_code == 500
    assert "Something went wrong" in html and 'class="site-header"' in html
    assert "kaboom" not in html and "Traceback" not in html


def test_every_post_needs_a_csrf_token(app):
    changed = []

    @app.post("/change")
    def change():
        changed.append(True)
        return "changed"

    response = app.test_client().post("/change", data={"x": "1"})

    assert response.status_code == 400 and changed == []
    assert "The CSRF token is missing." in response.get_data(as_text=True)


def test_wrong_method_gets_the_branded_405(app):
    response = app.test_client().post("/")
    assert response.status_code == 405
    assert "Not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/comments/99999999999999999999/reply",
        "/comments/articles/1/page/0",
        "/comments/articles/1/page/99999999999999999999",
        "/comments/2147483648/reply",
    ],
)
def test_impossible_ids_are_a_404_not_a_500(client, small_site, url):
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404


def test_a_moved_article_redirect_ignores_odd_query_arguments(client, make):
    article = make.article(slug="moved-again")
    response = client.get(
        f"/{article.edition.slug}/elsewhere/moved-again?edition=x&_anchor=y&reply_to=3"
    )
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/moved-again?reply_to=3")


def test_a_comment_from_another_site_on_a_missing_article_is_a_clean_error(client):
    # Refused before the view looks the article up: the error page must not need it.
    response = client.post(
        "/comments/articles/999999",
        data={"name": "a", "body": "b"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403 and "another website" in response.text


def test_a_comment_on_a_missing_article_is_a_404(client):
    response = client.post("/comments/articles/999999", data={"name": "a", "body": "b"})
    assert response.status_code == 404
