"""Shareable previews: signed links to an unpublished article, expiring and revocable."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from itsdangerous import URLSafeSerializer
from support import csrf_from

import newsite.public.previews
from newsite.extensions import db
from newsite.models import (
    Article,
    ArticleStatus,
    EditorialNote,
    PreviewLink,
    utcnow,
)
from newsite.public.previews import SALT, token_for


@pytest.fixture
def story(make):
    return make.article(
        status=ArticleStatus.DRAFT, published_at=None, headline="Budget talks stall"
    )


@pytest.fixture
def hana(signed_in):
    return signed_in("editor", name="Hana Aziz")


def make_link(client, article, hours="24"):
    page = client.get(f"/admin/articles/{article.id}").text
    return client.post(
        f"/admin/articles/{article.id}/previews",
        data={"preview-csrf_token": csrf_from(page), "preview-hours": hours},
    )


def links(app):
    with app.app_context():
        return list(db.session.scalars(sa.select(PreviewLink).order_by(PreviewLink.id)))


def address(app, link):
    with app.test_request_context():
        return "/preview/" + token_for(link)


def test_an_editor_makes_a_link_listed_with_who_made_it_when_and_until_when(app, story, hana):
    made = make_link(hana, story, hours="72")

    assert made.status_code == 303
    (link,) = links(app)
    assert (
        timedelta(hours=71, minutes=59) < link.expires_at - link.created_at <= timedelta(hours=72)
    )
    page = hana.get(made.location).text
    assert "Preview link made: it works until" in page
    section = page[page.index('id="previews"') :]
    assert "Hana Aziz" in section
    assert f"http://localhost{address(app, link)}" in section
    for moment in (link.created_at, link.expires_at):  # "8 Dec 2026, 10:42 UTC"
        assert f"{moment.day} {moment:%b %Y, %H:%M} UTC" in section


def test_the_link_is_unguessable_and_tied_to_its_own_row(app, story, hana):
    make_link(hana, story)
    make_link(hana, story)
    first, second = links(app)
    assert first.nonce != second.nonce and len(first.nonce) >= 40
    assert address(app, first) != address(app, second)


def test_the_preview_shows_the_saved_draft_as_readers_will_see_it(app, client, story, hana):
    make_link(hana, story)
    (link,) = links(app)

    page = client.get(address(app, link))

    assert page.status_code == 200
    assert "<h1>Budget talks stall</h1>" in page.text
    assert "Preview: not published" in page.text
    assert '<meta name="robots" content="noindex' in page.text
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert "no-store" in page.headers["Cache-Control"]
    assert "public" not in page.headers["Cache-Control"]
    # Other sites the reader goes on to learn the origin, not the token.
    assert page.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    # Nothing of a reader's: no comment form, no vote, no /mine fragment.
    assert "comment-form" not in page.text and "/comments/" not in page.text
    assert "/votes/" not in page.text and "vote" not in page.text.lower()
    assert "/mine/" not in page.text
    assert "/admin/" not in page.text  # nothing of the newsroom's either
    # The article itself stays private.
    assert client.get(f"/{story.edition.slug}/{story.section.slug}/{story.slug}").status_code == 404


def test_editorial_notes_never_appear_in_a_preview(app, client, story, hana):
    with app.app_context():
        db.session.add(EditorialNote(article_id=story.id, body="Lawyers must read this first"))
        db.session.commit()
    make_link(hana, story)
    (link,) = links(app)
    assert "Lawyers must read" not in client.get(address(app, link)).text


def test_the_preview_is_never_cached_two_requests_show_a_change(app, client, story, hana):
    make_link(hana, story)
    (link,) = links(app)
    assert "Budget talks stall" in client.get(address(app, link)).text
    with app.app_context():
        article = db.session.get(Article, story.id)
        article.headline = "Budget talks resume"
        db.session.commit()
    assert "Budget talks resume" in client.get(address(app, link)).text


def test_a_preview_of_a_published_article_is_not_the_cached_page(app, client, make, hana):
    story = make.article(headline="Already out")
    make_link(hana, story)
    (link,) = links(app)
    shared = client.get(f"/{story.edition.slug}/{story.section.slug}/{story.slug}")
    assert shared.status_code == 200 and "public" in shared.headers["Cache-Control"]
    page = client.get(address(app, link))
    assert page.status_code == 200 and "Preview: not published" in page.text
    assert "no-store" in page.headers["Cache-Control"] and "ETag" not in page.headers


@pytest.mark.parametrize("hours", ["1", "168"])
def test_an_expiry_from_one_hour_to_seven_days_is_accepted(app, story, hana, hours):
    assert make_link(hana, story, hours).status_code == 303
    assert len(links(app)) == 1


@pytest.mark.parametrize("hours", ["0", "169", "720", "-1", "abc", ""])
def test_an_expiry_under_an_hour_or_over_seven_days_is_refused_by_the_field(
    app, story, hana, hours
):
    refused = make_link(hana, story, hours)

    assert refused.status_code == 422
    assert re.search(
        r'<select[^>]*id="preview-hours".*?Choose from 1 hour to 7 days\.', refused.text, re.S
    )
    assert links(app) == []


def test_a_refused_expiry_comes_back_in_the_section_to_htmx(app, story, hana):
    page = hana.get(f"/admin/articles/{story.id}").text
    refused = hana.post(
        f"/admin/articles/{story.id}/previews",
        data={"preview-csrf_token": csrf_from(page), "preview-hours": "999"},
        headers={"HX-Request": "true", "X-CSRFToken": csrf_from(page)},
    )
    assert refused.status_code == 422
    assert refused.text.lstrip().startswith('<section id="previews"')
    assert "Choose from 1 hour to 7 days." in refused.text


def test_expiry_boundaries(app, client, story, hana, monkeypatch):
    make_link(hana, story, "1")
    (link,) = links(app)
    url = address(app, link)
    monkeypatch.setattr(
        newsite.public.previews, "utcnow", lambda: link.expires_at - timedelta(microseconds=1)
    )
    assert client.get(url).status_code == 200
    monkeypatch.setattr(newsite.public.previews, "utcnow", lambda: link.expires_at)
    gone = client.get(url)
    assert gone.status_code == 410
    assert "No longer available" in gone.text and "expired or been withdrawn" in gone.text
    assert "no-store" in gone.headers["Cache-Control"]


def test_a_revoked_link_is_gone(app, client, story, hana):
    make_link(hana, story)
    (link,) = links(app)
    url = address(app, link)
    assert client.get(url).status_code == 200
    page = hana.get(f"/admin/articles/{story.id}").text

    revoked = hana.post(
        f"/admin/articles/{story.id}/previews/{link.id}/revoke",
        data={"csrf_token": csrf_from(page)},
    )

    assert revoked.status_code == 303
    assert "The preview link was revoked" in hana.get(revoked.location).text
    gone = client.get(url)
    assert gone.status_code == 410 and "No longer available" in gone.text
    assert "Revoked" in hana.get(f"/admin/articles/{story.id}").text


def test_revoking_with_htmx_answers_with_the_section(app, story, hana):
    make_link(hana, story)
    (link,) = links(app)
    page = hana.get(f"/admin/articles/{story.id}").text
    answer = hana.post(
        f"/admin/articles/{story.id}/previews/{link.id}/revoke",
        headers={"HX-Request": "true", "X-CSRFToken": csrf_from(page)},
    )
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<section id="previews"')
    assert "The preview link was revoked" in answer.text


def test_an_expired_link_speaks_the_articles_language(app, client, make, hana):
    edition = make.edition(slug="iraq-ar", name="العراق", language="ar")
    story = make.article(edition=edition, status=ArticleStatus.DRAFT, published_at=None)
    make_link(hana, story)
    (link,) = links(app)
    with app.app_context():
        db.session.get(PreviewLink, link.id).revoked_at = utcnow()
        db.session.commit()
    gone = client.get(address(app, link))
    assert gone.status_code == 410 and 'lang="ar"' in gone.text
    assert "No longer available" not in gone.text


def test_an_arabic_preview_has_its_band_in_arabic(app, client, make, hana):
    edition = make.edition(slug="iraq-ar", name="العراق", language="ar")
    story = make.article(edition=edition, status=ArticleStatus.DRAFT, published_at=None)
    make_link(hana, story)
    (link,) = links(app)
    page = client.get(address(app, link)).text
    assert "Preview: not published" not in page and "معاينة" in page


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature
        lambda token: "x" + token,  # payload
        lambda token: "not-a-token",
        lambda token: URLSafeSerializer("another secret", salt=SALT).dumps([1, "forged"]),
    ],
)
def test_a_forged_or_tampered_token_is_not_found(app, client, story, hana, tamper):
    make_link(hana, story)
    (link,) = links(app)
    token = address(app, link).rsplit("/", 1)[1]
    missing = client.get("/preview/" + tamper(token))
    assert missing.status_code == 404 and "Page not found" in missing.text
    assert "no-store" in missing.headers["Cache-Control"]


def test_a_signed_token_with_the_wrong_nonce_is_not_found(app, client, story, hana):
    make_link(hana, story)
    (link,) = links(app)
    with app.app_context():
        forged = URLSafeSerializer(app.config["SECRET_KEY"], salt=SALT).dumps([link.id, "guess"])
    assert client.get("/preview/" + forged).status_code == 404


def test_each_token_shows_its_own_article_and_is_revoked_on_its_own_article_only(
    app, client, story, make, hana
):
    other = make.article(status=ArticleStatus.DRAFT, published_at=None, headline="Other story")
    make_link(hana, story)
    make_link(hana, other)
    mine, theirs = links(app)
    assert "Budget talks stall" in client.get(address(app, mine)).text
    assert "Other story" in client.get(address(app, theirs)).text
    page = hana.get(f"/admin/articles/{story.id}").text

    # Another article's link cannot be revoked from this article's page.
    wrong = hana.post(
        f"/admin/articles/{story.id}/previews/{theirs.id}/revoke",
        data={"csrf_token": csrf_from(page)},
    )

    assert wrong.status_code == 404
    assert client.get(address(app, theirs)).status_code == 200


def test_making_or_revoking_needs_the_csrf_token(app, story, hana):
    refused = hana.post(f"/admin/articles/{story.id}/previews", data={"preview-hours": "24"})
    assert refused.status_code == 400 and links(app) == []
    make_link(hana, story)
    (link,) = links(app)
    refused = hana.post(f"/admin/articles/{story.id}/previews/{link.id}/revoke")
    assert refused.status_code == 400
    assert links(app)[0].revoked_at is None


def test_only_those_who_may_edit_the_article_make_or_revoke_links(app, story, hana, signed_in):
    make_link(hana, story)
    (link,) = links(app)
    moderator = signed_in("moderator")
    token = csrf_from(moderator.get("/admin/").text)
    for path in ("previews", f"previews/{link.id}/revoke"):
        refused = moderator.post(
            f"/admin/articles/{story.id}/{path}",
            data={"csrf_token": token, "preview-hours": "24"},
        )
        assert refused.status_code == 403
    assert moderator.get(f"/admin/articles/{story.id}/previews").status_code == 403
    assert len(links(app)) == 1 and links(app)[0].revoked_at is None


def test_the_seed_prints_a_working_preview_link_to_an_unpublished_story(site, site_client):
    from newsite.demo.previews import seed_preview_link

    with site.app_context():
        line = seed_preview_link()
    url = re.search(r"https?://\S+/preview/\S+", line).group(0)
    page = site_client.get("/" + url.split("/", 3)[3])
    assert page.status_code == 200 and "Preview: not published" in page.text
    with site.app_context():
        assert seed_preview_link() == line  # seeding again keeps the same link
