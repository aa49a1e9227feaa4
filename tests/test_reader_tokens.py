"""Readers' CSRF tokens: derived from the reader id, the same whichever page made them."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support import Factory, Reader

from newsite.extensions import db
from newsite.models import Comment

pytestmark = pytest.mark.db


def test_a_reader_page_sets_no_session_cookie_once_the_reader_is_known(
    client: FlaskClient, reader: Reader, make: Factory
):
    article = make.article()
    reader.page(article)  # the first page: the reader cookie is set
    response = client.get(reader.url(article))
    assert not [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]


def test_a_token_from_a_cached_page_still_posts_after_a_form_built_elsewhere(
    app: Flask, client: FlaskClient, reader: Reader, make: Factory
):
    """A reply form (a GET that builds a form) must not give the reader a new secret."""
    article = make.article()
    parent = make.comment(article)
    Reader(app.test_client()).page(article)  # someone else's view fills the page cache
    tokens = reader.tokens(article)  # from the cache: a reader cookie, no session
    assert client.get_cookie("session") is None
    reply = client.get(f"/comments/{parent.id}/reply", headers={"HX-Request": "true"})
    assert reply.status_code == 200
    response = reader.post(article, tokens=tokens, body="Still my token.")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(db.select(Comment).filter_by(body="Still my token."))


def test_another_readers_token_is_refused(app: Flask, make: Factory, reader: Reader):
    article = make.article()
    theirs = Reader(app.test_client()).tokens(article)
    reader.page(article)
    response = reader.post(article, tokens=theirs)
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0


def test_pages_work_with_flask_sqlalchemy_query_recording_on(app: Flask, make: Factory):
    """Prepared reads tell the engine's listeners about themselves, as SQLAlchemy would."""
    from flask_sqlalchemy.record_queries import get_recorded_queries

    article = make.article()
    app.config["SQLALCHEMY_RECORD_QUERIES"] = True
    with app.app_context():
        from flask_sqlalchemy.record_queries import _listen

        _listen(db.engine)
    client = app.test_client()
    with client:
        page = client.get(Reader(client).url(article))
        assert page.status_code == 200
        recorded = [q.statement for q in get_recorded_queries()]
    assert any(re.search(r"FROM article JOIN edition", s) for s in recorded)
