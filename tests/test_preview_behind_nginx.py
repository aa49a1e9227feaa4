"""A preview link behind nginx and gunicorn: never stored by the shared cache."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from support import Factory, HttpReader, app_on, gunicorn, server_database, server_env
from test_nginx_cache import FROM_CACHE, fetch, nginx

from newsite.extensions import db
from newsite.models import Article, ArticleStatus, PreviewLink, utcnow
from newsite.public.previews import token_for


@pytest.mark.load
def test_nginx_never_serves_a_preview_from_its_cache(migrated_template, tmp_path):
    database = server_database("sqlite", tmp_path, migrated_template)
    env = server_env(database, tmp_path, PROXY_COUNT="1")
    with app_on(database, tmp_path / "media", SECRET_KEY=env["NEWSITE_SECRET_KEY"]) as app:
        story = Factory(app).article(
            status=ArticleStatus.DRAFT, published_at=None, headline="First headline"
        )
        with app.app_context():
            link = PreviewLink(
                article_id=story.id,
                nonce=secrets.token_urlsafe(32),
                expires_at=utcnow() + timedelta(hours=1),
            )
            db.session.add(link)
            db.session.commit()
            with app.test_request_context():
                path = "/preview/" + token_for(link)

        with (
            gunicorn(env, workers=2, log=tmp_path / "gunicorn.log") as upstream,
            nginx(upstream, tmp_path / "nginx") as base,
        ):
            outsider = HttpReader(base)
            first, second = fetch(outsider, path), fetch(outsider, path)
            assert first.status == second.status == 200
            assert "First headline" in second.text
            assert first.cache not in FROM_CACHE and second.cache not in FROM_CACHE

            with app.app_context():
                db.session.get(Article, story.id).headline = "Second headline"
                db.session.commit()
            assert "Second headline" in fetch(outsider, path).text

            with app.app_context():
                db.session.get(PreviewLink, link.id).revoked_at = utcnow()
                db.session.commit()
            gone = [fetch(outsider, path) for _ in range(2)]
            assert [answer.status for answer in gone] == [410, 410]
            assert all(answer.cache not in FROM_CACHE for answer in gone)
