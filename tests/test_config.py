"""Configuration: safe defaults, environment overrides, no hard-coded secret."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from newsite import create_app
from newsite.config import normalise_database_url
from newsite.extensions import db


@pytest.fixture
def instance_app(tmp_path, monkeypatch):
    """Builds apps whose instance folder is a temporary folder."""
    monkeypatch.delenv("NEWSITE_SECRET_KEY", raising=False)
    monkeypatch.delenv("NEWSITE_ENV_NAME", raising=False)
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(tmp_path / "i"))
    built = []

    def build(**test_config):
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.db'}"} | test_config
        )
        built.append(app)
        return app

    yield build
    for app in built:
        with app.app_context():
            db.engine.dispose()


def test_development_generates_a_secret_once_and_keeps_it(instance_app, tmp_path):
    first = instance_app().config["SECRET_KEY"]
    second = instance_app().config["SECRET_KEY"]

    assert len(first) >= 64 and first == second
    assert (tmp_path / "i" / "secret_key").read_text() == first
    assert (tmp_path / "i" / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(instance_app, monkeypatch):
    monkeypatch.setenv("NEWSITE_ENV_NAME", "production")
    with pytest.raises(RuntimeError, match="NEWSITE_SECRET_KEY"):
        instance_app()


def test_production_starts_with_a_secret_key_from_the_environment(instance_app, monkeypatch):
    monkeypatch.setenv("NEWSITE_ENV_NAME", "production")
    monkeypatch.setenv("NEWSITE_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("NEWSITE_SITE_URL", "https://news.example.org")
    assert instance_app().config["SECRET_KEY"] == "from-the-environment"


def test_newsite_prefixed_environment_variables_override_defaults(instance_app, monkeypatch):
    monkeypatch.setenv("NEWSITE_ARTICLES_PER_PAGE", "7")
    monkeypatch.setenv("NEWSITE_SITE_NAME", "Night Desk")
    app = instance_app()
    assert app.config["ARTICLES_PER_PAGE"] == 7 and app.config["SITE_NAME"] == "Night Desk"


def test_default_database_is_a_sqlite_file_in_the_instance_folder(
    instance_app, monkeypatch, tmp_path
):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = instance_app(SQLALCHEMY_DATABASE_URI=None)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'i' / 'newsite.db'}"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@db/news", "postgresql+psycopg://u:p@db/news"),
        ("postgresql://u@127.0.0.1:5432/news", "postgresql+psycopg://u@127.0.0.1:5432/news"),
        ("postgresql+psycopg://u@db/news", "postgresql+psycopg://u@db/news"),
        ("sqlite:////var/lib/news.db", "sqlite:////var/lib/news.db"),
    ],
)
def test_database_url_selects_postgresql_through_psycopg_3(given, used):
    assert normalise_database_url(given) == used


def test_unknown_htmx_source_is_refused(instance_app):
    with pytest.raises(RuntimeError, match="HTMX_SOURCE"):
        instance_app(HTMX_SOURCE="somewhere")


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(instance_app):
    app = instance_app()
    with app.app_context(), db.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() == 5000


def test_the_app_builds_with_rate_limiting_switched_off(instance_app):
    """Benchmarks switch the limiter off; reads must still skip it and writes still work."""
    app = instance_app(RATELIMIT_ENABLED=False)
    assert app.test_client().get("/healthz").status_code in (200, 503)


@pytest.fixture
def production(instance_app, monkeypatch):
    """Builds production apps (a secret key set) from the environment given."""
    monkeypatch.setenv("NEWSITE_ENV_NAME", "production")
    monkeypatch.setenv("NEWSITE_SECRET_KEY", "from-the-environment")
    for name in ("NEWSITE_SITE_URL", "NEWSITE_TRUSTED_HOSTS"):
        monkeypatch.delenv(name, raising=False)

    def build(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(f"NEWSITE_{name}", value)
        return instance_app()

    return build


def test_production_refuses_to_start_without_site_url_or_trusted_hosts(production):
    with pytest.raises(RuntimeError, match="NEWSITE_SITE_URL.*NEWSITE_TRUSTED_HOSTS"):
        production()


def test_production_answers_only_the_host_of_site_url_when_only_it_is_set(production):
    app = production(SITE_URL="https://news.example.org")
    assert app.config["TRUSTED_HOSTS"] == ["news.example.org"]
    client = app.test_client()
    # A file, so the (unmigrated) database is not asked.
    own = client.get("/static/css/site.css", base_url="https://news.example.org")
    assert own.status_code == 200
    assert client.get("/static/css/site.css", base_url="https://other.example").status_code == 400


def test_production_keeps_the_trusted_hosts_it_is_given(production):
    app = production(TRUSTED_HOSTS='["news.example.org", "www.news.example.org"]')
    assert app.config["TRUSTED_HOSTS"] == ["news.example.org", "www.news.example.org"]


def test_development_answers_any_host(instance_app):
    app = instance_app()
    assert app.config["TRUSTED_HOSTS"] is None
    response = app.test_client().get("/static/css/site.css", base_url="http://anything.test")
    assert response.status_code == 200


def test_an_unknown_host_gets_the_branded_400_page_with_links_to_the_site(production):
    app = production(SITE_URL="https://news.example.org")
    response = app.test_client().get("/", headers={"Host": "attacker.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<html lang="en"' in page and 'class="error-page"' in page
    assert "does not answer to the address" in page
    assert 'href="/static/css/site.css' in page  # the site's own look
    assert "attacker.example" not in page
