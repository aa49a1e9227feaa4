"""Editions, sections and authors in the admin: create, reorder, delete only when unused."""

from __future__ import annotations

import re

import pytest
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Section


@pytest.fixture
def chief(app, make):
    admin = make.editor("admin")
    client = app.test_client()
    sign_in(client, admin.email)
    return client


def post(client, url, **data):
    token = csrf_from(client.get("/admin/sections").text)
    return client.post(url, data={"csrf_token": token} | data)


def test_a_section_is_created_and_appears_in_the_navigation(app, chief):
    response = post(chief, "/admin/sections/new", name="Health", slug="health")
    assert response.status_code == 303
    assert '<a href="/sections/health/">Health</a>' in app.test_client().get("/").text


@pytest.mark.parametrize(
    ("slug", "message"), [("Not OK", "lowercase letters"), ("admin", "path the site uses")]
)
def test_bad_or_reserved_edition_slugs_are_refused(chief, slug, message):
    response = post(chief, "/admin/editions/new", name="Odd", slug=slug, language="en")
    assert response.status_code == 422 and message in response.text


def test_a_taken_slug_is_refused(chief, make):
    make.section(slug="politics")
    response = post(chief, "/admin/sections/new", name="Politics again", slug="politics")
    assert response.status_code == 422 and "already used" in response.text


def test_sections_are_reordered_for_the_navigation(app, chief, make):
    make.section(name="First")
    second = make.section(name="Second")
    post(chief, f"/admin/sections/{second.id}/move", direction="up")
    nav = re.search(
        r'<nav class="sections-nav".*?</nav>', app.test_client().get("/").text, re.S
    ).group(0)
    assert nav.index("Second") < nav.index("First")


def test_deleting_a_section_with_articles_is_refused_with_the_count(app, chief, make):
    section = make.section(name="Busy")
    make.article(section=section)
    make.article(section=section)
    response = post(chief, f"/admin/sections/{section.id}/delete")
    assert "still has 2 article(s)" in chief.get(response.headers["Location"]).text
    empty = make.section(name="Empty")
    post(chief, f"/admin/sections/{empty.id}/delete")
    with app.app_context():
        assert db.session.get(Section, section.id) and db.session.get(Section, empty.id) is None


def test_an_author_is_edited(app, chief, make):
    author = make.author(name="Old Name")
    post(
        chief, f"/admin/authors/{author.id}", name="New Name", slug=author.slug, bio="Covers water."
    )
    assert "Covers water." in app.test_client().get(f"/authors/{author.slug}").text


def test_every_fixed_first_path_segment_is_reserved_from_edition_slugs(app):
    from newsite.models import RESERVED_SLUGS

    firsts = set()
    for rule in app.url_map.iter_rules():
        first = rule.rule.strip("/").split("/", 1)[0]
        if first and "<" not in first:
            firsts.add(first)
    assert firsts - RESERVED_SLUGS == set()
