"""Second layers (issue 13, item 9): what /healthz tells outsiders, the editors'
`__Host-` cookie, whom gunicorn believes about the scheme, and request ids on errors."""

from __future__ import annotations

import logging
import runpy
import shutil

import pytest
from support import PROJECT_ROOT, Factory, app_on, csrf_from, sign_in

OUTSIDER = {"REMOTE_ADDR": "203.0.113.9"}


def test_healthz_tells_outsiders_only_ok(client):
    response = client.get("/healthz", environ_base=OUTSIDER)
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_gives_details_on_loopback_and_to_the_token(app, client):
    assert client.get("/healthz").json["migrations"] == "head"  # the test client is 127.0.0.1
    app.config["HEALTH_TOKEN"] = "a-long-monitoring-token"
    wrong = client.get("/healthz", environ_base=OUTSIDER, headers={"X-Health-Token": "guess"})
    assert wrong.json == {"status": "ok"}
    right = client.get(
        "/healthz", environ_base=OUTSIDER, headers={"X-Health-Token": "a-long-monitoring-token"}
    )
    assert right.json == {"status": "ok", "database": "ok", "migrations": "head"}


def test_healthz_tells_outsiders_unavailable_without_saying_why(tmp_path):
    url = "postgresql+psycopg://nobody@127.0.0.1:9/nothing?connect_timeout=1"
    with app_on(url, tmp_path / "media") as down:
        response = down.test_client().get("/healthz", environ_base=OUTSIDER)
    assert response.status_code == 503
    assert response.json == {"status": "unavailable"}


def test_production_signs_editors_in_with_a_host_only_secure_cookie(tmp_path, migrated_template):
    shutil.copy(migrated_template, tmp_path / "prod.db")
    database = f"sqlite:///{tmp_path / 'prod.db'}"
    with app_on(
        database, tmp_path / "media", ENV_NAME="production", TRUSTED_HOSTS=["localhost"]
    ) as app:
        assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
        editor = Factory(app).editor("editor")
        client = app.test_client()
        https = "https://localhost"
        token = csrf_from(client.get("/admin/sign-in", base_url=https).text)
        response = client.post(
            "/admin/sign-in",
            base_url=https,
            # Flask-WTF checks the Referer of an HTTPS post (WTF_CSRF_SSL_STRICT).
            headers={"Referer": f"{https}/admin/sign-in"},
            data={"email": editor.email, "password": "correct horse battery", "csrf_token": token},
        )
        assert response.status_code == 303
        cookie = next(c for c in response.headers.getlist("Set-Cookie") if "session=" in c)
        assert cookie.startswith("__Host-session=")
        assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


@pytest.mark.parametrize(("proxies", "trusted"), [(None, ""), ("0", ""), ("1", "127.0.0.1")])
def test_gunicorn_believes_forwarded_headers_only_behind_a_proxy(monkeypatch, proxies, trusted):
    if proxies is None:
        monkeypatch.delenv("NEWSITE_PROXY_COUNT", raising=False)
    else:
        monkeypatch.setenv("NEWSITE_PROXY_COUNT", proxies)
    settings = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    assert settings["forwarded_allow_ips"] == trusted


@pytest.mark.server_error
def test_an_errors_log_line_starts_with_its_request_id(app, caplog):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get("/boom", headers={"X-Request-ID": "req-4242"})
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.exc_info]
    assert errors and errors[0].getMessage().startswith("req-4242 ")


def test_admin_pages_are_never_compressed_but_readers_pages_are(app, make):
    article = make.article(body="Long enough to be worth compressing. " * 40)
    editor = make.editor("admin")
    client = app.test_client()
    sign_in(client, editor.email)
    gzip = {"Accept-Encoding": "gzip, br"}
    admin = client.get("/admin/articles?q=" + "secret-guess" * 30, headers=gzip)
    assert admin.status_code == 200 and "Content-Encoding" not in admin.headers
    page = client.get(
        f"/{article.edition.slug}/{article.section.slug}/{article.slug}", headers=gzip
    )
    assert page.headers.get("Content-Encoding") in ("gzip", "br")
