"""Editors and the Arabic edition: languages, Arabic section names, translations, Arabic text."""

from __future__ import annotations

import re

import pytest
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Article, Edition, Section

pytestmark = pytest.mark.db


@pytest.fixture
def desk(app, make):
    """A signed-in admin, an English and an Arabic edition, a section and an author."""
    admin = make.editor("admin")
    client = app.test_client()
    sign_in(client, admin.email)
    return {
        "client": client,
        "english": make.edition(slug="iraq", name="Iraq News"),
        "arabic": make.edition(slug="arabic", name="العربية", language="ar"),
        "section": make.section(slug="security", name="Security"),
        "author": make.author(),
    }


def post(client, url, **data):
    token = csrf_from(client.get("/admin/sections").text)
    return client.post(url, data={"csrf_token": token} | data)


def save_article(desk, edition, **fields):
    data = {
        "headline": "إعادة فتح المدرسة",
        "slug": "",
        "summary": "",
        "body": "نص",
        "dateline": "بغداد",
        "author_id": desk["author"].id,
        "edition_id": edition.id,
        "section_id": desk["section"].id,
        "status": "published",
        "published_at": "",
        "photo_id": 0,
        "comments": "",
        "revision": "0",
        "translation": "",
    } | fields
    return post(desk["client"], "/admin/articles/new", **data)


def test_an_edition_takes_a_language_from_the_list_only(app, desk):
    response = post(
        desk["client"], "/admin/editions/new", name="سوريا", slug="syria-ar", language="ar"
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(db.select(Edition.language).filter_by(slug="syria-ar")) == "ar"
    refused = post(desk["client"], "/admin/editions/new", name="X", slug="x-news", language="xx")
    assert refused.status_code == 422


def test_a_section_name_in_arabic_shows_in_the_arabic_edition(app, desk, make):
    section = desk["section"]
    response = post(
        desk["client"],
        f"/admin/sections/{section.id}",
        name="Security",
        slug="security",
        arabic_name="أمن",
    )
    assert response.status_code == 303
    make.article(edition=desk["arabic"], section=section)
    page = app.test_client().get("/arabic/security/").text
    assert "<h1>أمن</h1>" in page
    assert "<h1>Security</h1>" in app.test_client().get("/iraq/security/").text
    with app.app_context():
        assert db.session.get(Section, section.id).translations == {"ar": "أمن"}


def test_an_arabic_headline_gets_a_latin_slug(app, desk):
    response = save_article(desk, desk["arabic"])
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(db.select(Article.slug)) == "aadh-fth-almdrsh"


def test_linking_a_translation_links_both_articles(app, desk, make):
    english = make.article(edition=desk["english"], slug="school-reopens")
    response = save_article(desk, desk["arabic"], translation=f"/iraq/security/{english.slug}")
    assert response.status_code == 303
    with app.app_context():
        arabic = db.session.scalar(db.select(Article).filter_by(edition_id=desk["arabic"].id))
        assert arabic.translation_id == english.id
        assert db.session.get(Article, english.id).translation_id == arabic.id


@pytest.mark.parametrize(
    ("target", "message"),
    [("no-such-story", "No other article"), ("same-language", "same language")],
)
def test_a_wrong_translation_is_refused_with_the_form_kept(app, desk, make, target, message):
    make.article(edition=desk["arabic"], slug="same-language")
    response = save_article(desk, desk["arabic"], headline="عنوان محفوظ", translation=target)
    assert response.status_code == 422
    assert message in response.text and "عنوان محفوظ" in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Article.id))) == 1


def test_admin_text_fields_follow_the_direction_of_what_is_typed(desk):
    form = desk["client"].get("/admin/articles/new").text
    for name in ("headline", "summary", "body", "dateline", "caption", "alt_text"):
        assert re.search(
            rf'<(input|textarea)[^>]*dir="auto"[^>]*name="{name}"|'
            rf'<(input|textarea)[^>]*name="{name}"[^>]*dir="auto"',
            form,
        ), name
