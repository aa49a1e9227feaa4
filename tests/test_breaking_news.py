"""Breaking news: editors raise a banner from an article, the edition's pages show it
under the header until it expires or is taken down, and readers may dismiss it without
the page everyone else shares changing."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from support import csrf_from, sign_in

import newsite.models
from newsite.banners import COOKIE
from newsite.extensions import db
from newsite.models import Banner, utcnow

BAGHDAD = ZoneInfo("Asia/Baghdad")


@pytest.fixture
def desk(signed_in):
    """A signed-in editor's browser, with the CSRF token its forms carry."""
    client = signed_in("editor")
    client.token = csrf_from(client.get("/admin/").text)
    return client


@pytest.fixture
def iraq(make):
    return make.edition(slug="iraq", name="Iraq News", time_zone="Asia/Baghdad")


def url(article) -> str:
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def region(html: str) -> str | None:
    found = re.search(r'<section class="breaking".*?</section>', html, re.S)
    return found.group(0) if found else None


def local(moment) -> str:
    """A UTC time as an editor in Baghdad types it."""
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(BAGHDAD).strftime("%Y-%m-%dT%H:%M")


def raise_banner(desk, article, text="Ceasefire announced", expires=None, **extra):
    expires = local(utcnow() + timedelta(hours=3)) if expires is None else expires
    data = {"csrf_token": desk.token, "text": text, "expires_at": expires} | extra
    return desk.post(f"/admin/articles/{article.id}/banners", data=data)


def banners(app) -> list[Banner]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Banner)))


# --- raising and taking down ---------------------------------------------------------


def test_an_editor_raises_a_banner_that_every_page_of_the_edition_shows(
    app, client, desk, make, iraq
):
    article = make.article(edition=iraq, headline="Talks resume in the capital")
    sibling = make.article(edition=iraq)
    elsewhere = make.article(edition=make.edition(slug="syria"))
    form = desk.get(f"/admin/articles/{article.id}").text
    assert 'value="Talks resume in the capital"' in form  # the headline, to start from

    response = raise_banner(desk, article, text="Ceasefire announced in the capital")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/articles/{article.id}#breaking"
    for path in ("/iraq/", f"/iraq/{sibling.section.slug}/", url(article), url(sibling)):
        shown = region(client.get(path).text)
        assert shown, path
        assert f'<a class="breaking-link" href="{url(article)}">Ceasefire announced' in shown
        assert "Breaking" in shown
    assert region(client.get(url(elsewhere)).text) is None
    assert region(client.get("/syria/").text) is None


def test_the_banner_is_a_labelled_region_not_an_alert(client, make, iraq):
    make.banner(make.article(edition=iraq))
    shown = region(client.get("/iraq/").text)
    assert shown.startswith('<section class="breaking" aria-label="Breaking news">')
    for noisy in ('role="alert"', 'role="status"', "aria-live"):
        assert noisy not in shown


def test_pages_of_no_edition_show_the_banners_of_the_editions_in_their_language(client, make, iraq):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    make.banner(make.article(edition=iraq), text="English news breaks")
    make.banner(make.article(edition=arabic), text="خبر عاجل بالعربية")
    make.page("about", "en"), make.page("about", "ar")
    author = make.author()
    make.article(edition=iraq, author=author)

    for path in ("/", "/about", f"/authors/{author.slug}", "/comment-policy", "/search?q=x"):
        shown = region(client.get(path).text)
        assert shown and "English news breaks" in shown and "خبر" not in shown, path
    for path in ("/about/ar", "/comment-policy/ar", "/arabic/"):
        shown = region(client.get(path).text)
        assert shown and "خبر عاجل بالعربية" in shown and "English" not in shown, path
        assert ">عاجل</strong>" in shown and ">إخفاء<" in shown


@pytest.mark.parametrize(
    ("text", "expires", "field", "message"),
    [
        ("Storm warning", "", "banner-expires-at", "Give the banner an expiry time"),
        ("Storm warning", "yesterday", "banner-expires-at", "Not a valid datetime value"),
        ("Storm warning", -1, "banner-expires-at", "The expiry must be in the future."),
        ("Storm warning", 25, "banner-expires-at", "A banner lasts at most 24 hours."),
        ("", 3, "banner-text", "Give the banner a short text."),
        ("   ", 3, "banner-text", "Give the banner a short text."),
        ("S" * 201, 3, "banner-text", "At most 200 characters"),
    ],
)
def test_the_banner_form_refuses_bad_input_by_the_field_with_the_text_kept(
    app, desk, make, iraq, text, expires, field, message
):
    article = make.article(edition=iraq)
    if isinstance(expires, int):
        expires = local(utcnow() + timedelta(hours=expires))

    response = raise_banner(desk, article, text=text, expires=expires)

    assert response.status_code == 422
    error = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', response.text)
    assert error and message in error.group(1), response.text
    assert f'id="{field}"' in response.text and 'aria-invalid="true"' in response.text
    if text.strip():
        assert f'value="{text}"' in response.text
    if expires:
        assert f'value="{expires}"' in response.text
    assert banners(app) == []


def test_the_expiry_is_typed_in_the_editions_time(app, desk, make, iraq):
    article = make.article(edition=iraq)
    wanted = (utcnow() + timedelta(hours=5)).replace(second=0, microsecond=0)

    assert raise_banner(desk, article, expires=local(wanted)).status_code == 303

    assert banners(app)[0].expires_at == wanted  # stored in UTC, typed three hours ahead


def test_a_banner_for_an_article_readers_cannot_open_is_refused(app, desk, make, iraq):
    draft = make.article(edition=iraq, status=newsite.models.ArticleStatus.DRAFT)
    response = raise_banner(desk, draft)
    assert response.status_code == 422 and "Publish the article first" in response.text
    assert banners(app) == []


def test_a_banner_expires_without_anything_being_written(app, client, make, iraq, monkeypatch):
    article = make.article(edition=iraq)
    make.banner(article, hours=1)
    listing, page = client.get("/iraq/"), client.get(url(article))
    assert region(listing.text) and region(page.text)

    later = utcnow() + timedelta(hours=1, minutes=1)
    monkeypatch.setattr(newsite.models, "utcnow", lambda: later)

    again = client.get("/iraq/", headers={"If-None-Match": listing.headers["ETag"]})
    assert again.status_code == 200 and region(again.text) is None
    again = client.get(url(article), headers={"If-None-Match": page.headers["ETag"]})
    assert again.status_code == 200 and region(again.text) is None


def test_a_banner_taken_down_leaves_every_page_at_once(app, client, desk, make, iraq):
    article = make.article(edition=iraq)
    banner = make.banner(article, text="Soon gone")
    page = client.get(url(article))
    assert "Soon gone" in page.text
    edit = desk.get(f"/admin/articles/{article.id}").text
    assert "Soon gone" in edit and f'action="/admin/banners/{banner.id}/take-down"' in edit

    response = desk.post(
        f"/admin/banners/{banner.id}/take-down",
        data={"csrf_token": desk.token, "next": f"/admin/articles/{article.id}#breaking"},
    )

    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/articles/{article.id}#breaking"
    again = client.get(url(article), headers={"If-None-Match": page.headers["ETag"]})
    assert again.status_code == 200 and "Soon gone" not in again.text
    assert region(client.get("/iraq/").text) is None
    [stored] = banners(app)
    assert stored.taken_down_at is not None and stored.expires_at == stored.taken_down_at


def test_the_banners_screen_lists_live_and_recent_banners(desk, make, iraq):
    article = make.article(edition=iraq)
    make.banner(article, text="Live one")
    make.banner(article, text="Over already", expires_at=utcnow() - timedelta(hours=1))
    make.banner(
        article,
        text="Long ago",
        created_at=utcnow() - timedelta(days=30),
        expires_at=utcnow() - timedelta(days=29),
    )

    screen = desk.get("/admin/banners").text

    assert 'href="/admin/banners"' in screen  # in the admin's navigation
    assert "Live one" in screen and "Over already" in screen and "Long ago" not in screen
    assert screen.count("/take-down") == 1  # only the live one can be taken down


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/admin/articles/{article}/banners"), ("post", "/admin/banners/{banner}/take-down"),
     ("get", "/admin/banners")],
)  # fmt: skip
def test_moderators_may_not_raise_take_down_or_list_banners(app, make, iraq, method, path):
    article = make.article(edition=iraq)
    banner = make.banner(article)
    moderator = app.test_client()
    sign_in(moderator, make.editor("moderator").email)
    token = csrf_from(moderator.get("/admin/").text)
    target = path.format(article=article.id, banner=banner.id)
    response = getattr(moderator, method)(target, data={"csrf_token": token, "text": "Mine"})
    assert response.status_code == 403
    assert len(banners(app)) == 1 and banners(app)[0].taken_down_at is None


# --- dismissing ------------------------------------------------------------------------


def test_dismissing_without_javascript_hides_the_banner_for_that_reader_only(
    app, client, make, iraq
):
    article = make.article(edition=iraq)
    banner = make.banner(article, text="Dismiss me", hours=5)
    other = app.test_client()
    shared = other.get("/iraq/")
    assert "Dismiss me" in shared.text and "public" in shared.headers["Cache-Control"]
    form = re.search(r'<form class="breaking-dismiss".*?</form>', shared.text, re.S).group(0)
    assert f'action="/banners/{banner.id}/dismiss"' in form and 'name="next" value="/iraq/"' in form

    response = client.post(f"/banners/{banner.id}/dismiss", data={"next": "/iraq/"})

    assert response.status_code == 303 and response.headers["Location"] == "/iraq/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}={banner.id};")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))
    assert 5 * 3600 - 60 <= max_age <= 5 * 3600 + 1  # until the banner expires
    assert "private" in response.headers["Cache-Control"]
    for path in ("/iraq/", url(article), "/"):
        mine = client.get(path)
        assert mine.status_code == 200 and "Dismiss me" not in mine.text, path
        assert mine.headers["Cache-Control"] == "private, no-store", path
        assert "Cookie" in mine.headers["Vary"], path
    # Everyone else still gets the shared page, the same bytes under the same version.
    again = other.get("/iraq/", headers={"If-None-Match": shared.headers["ETag"]})
    assert again.status_code == 304
    assert "Dismiss me" in app.test_client().get("/iraq/").text


def test_dismissing_with_htmx_removes_the_banner_in_place(app, client, make, iraq):
    article = make.article(edition=iraq)
    first = make.banner(article, text="First news")
    second = make.banner(make.article(edition=iraq), text="Second news")
    htmx = {"HX-Request": "true"}
    data = {"next": "/iraq/", "language": "en", "edition": "iraq"}

    response = client.post(f"/banners/{first.id}/dismiss", data=data, headers=htmx)

    # The region again, with the other banner only.
    assert response.status_code == 200
    assert response.text.startswith('<section class="breaking"')
    assert "Second news" in response.text and "First news" not in response.text
    assert 'name="next" value="/iraq/"' in response.text
    assert response.headers["Cache-Control"] == "private, no-store"

    last = client.post(f"/banners/{second.id}/dismiss", data=data, headers=htmx)

    assert last.status_code == 200 and last.text == ""  # nothing left: the region goes
    assert last.headers["Set-Cookie"].startswith(f"{COOKIE}={first.id}.{second.id};")
    assert region(client.get("/iraq/").text) is None


def test_an_arabic_page_gets_its_region_back_in_arabic(client, make):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    first = make.banner(make.article(edition=arabic), text="الأول")
    make.banner(make.article(edition=arabic), text="الثاني")
    response = client.post(
        f"/banners/{first.id}/dismiss",
        data={"next": "/arabic/", "language": "ar", "edition": "arabic"},
        headers={"HX-Request": "true"},
    )
    assert "الثاني" in response.text and ">عاجل</strong>" in response.text


def test_a_dismissal_from_another_site_is_refused(client, make, iraq):
    banner = make.banner(make.article(edition=iraq))
    response = client.post(
        f"/banners/{banner.id}/dismiss",
        data={"next": "/iraq/"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"},
    )
    assert response.status_code == 403 and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("target", ["https://evil.test/", "//evil.test/x", "/\\evil.test", ""])
def test_dismissing_only_ever_leads_back_within_the_site(client, make, iraq, target):
    banner = make.banner(make.article(edition=iraq))
    response = client.post(f"/banners/{banner.id}/dismiss", data={"next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_a_cookie_of_expired_or_unknown_banners_keeps_the_shared_page(client, make, iraq):
    make.banner(make.article(edition=iraq), text="Still live")
    client.set_cookie(COOKIE, "999.abc.12345678901234")
    page = client.get("/iraq/")
    assert "Still live" in page.text and "public" in page.headers["Cache-Control"]


def test_dismissing_a_banner_that_has_gone_sets_no_cookie(client, make, iraq):
    banner = make.banner(make.article(edition=iraq), expires_at=utcnow() - timedelta(minutes=1))
    response = client.post(f"/banners/{banner.id}/dismiss", data={"next": "/iraq/"})
    assert response.status_code == 303
    assert f"{COOKIE}=;" in response.headers.get("Set-Cookie", f"{COOKIE}=;")


def test_the_cached_article_costs_one_query_with_or_without_a_dismissed_banner(
    app, client, make, iraq, count_queries
):
    article = make.article(edition=iraq)
    banner = make.banner(article)
    client.get(url(article))
    with count_queries() as shared:
        assert client.get(url(article)).status_code == 200
    dismissed = app.test_client()
    dismissed.post(f"/banners/{banner.id}/dismiss", data={"next": url(article)})
    dismissed.get(url(article))
    with count_queries() as own:
        page = dismissed.get(url(article))
    assert region(page.text) is None
    assert len(shared) == len(own) == 1


def test_the_seed_raises_a_fresh_banner_once_the_last_has_expired(app, make, monkeypatch):
    from newsite.demo import content
    from newsite.demo.newsroom import seed_newsroom

    iraq = make.edition(slug="iraq")
    make.article(edition=iraq, slug=content.ANATOMY_ARTICLE_SLUG)
    with app.app_context():
        seed_newsroom()
        seed_newsroom()
    assert len(banners(app)) == 1
    assert banners(app)[0].expires_at - banners(app)[0].created_at <= timedelta(hours=24)

    tomorrow = utcnow() + timedelta(hours=25)
    monkeypatch.setattr(newsite.models, "utcnow", lambda: tomorrow)
    with app.app_context():
        seed_newsroom()
    assert len(banners(app)) == 2


def test_dismissing_leads_back_to_the_page_as_it_reads_its_address(app, client, make, iraq):
    app.config["ARTICLES_PER_PAGE"] = 1
    article = make.article(edition=iraq, headline="Water mains repaired")
    make.article(edition=iraq)
    make.banner(article)
    for path, back in (
        ("/iraq/?page=02&fbclid=tracking", "/iraq/?page=2"),
        ("/search?q=water%20%20mains&utm_source=chat", "/search?q=water+mains"),
        (url(article) + "?utm_source=chat", url(article)),
    ):
        form = re.search(r'<form class="breaking-dismiss".*?</form>', client.get(path).text, re.S)
        assert f'name="next" value="{back}"' in form.group(0), path
