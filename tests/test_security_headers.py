"""Security headers on every response the app can give, whatever the route."""

from __future__ import annotations

import pytest
from support import csrf_from
from werkzeug.routing.converters import AnyConverter

REQUIRED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
CSP_MUST = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"]


def check(response, where):
    for name, value in REQUIRED.items():
        assert response.headers.get(name) == value, (where, name)
    csp = response.headers.get("Content-Security-Policy", "")
    for part in CSP_MUST:
        assert part in csp, (where, part)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where


def sample(rule, arg):
    if arg in (rule.defaults or {}):
        return rule.defaults[arg]
    converter = rule._converters[arg]
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return {
        "slug": "a-slug",
        "edition": "iraq",
        "section": "security",
        "filename": "css/site.css",
    }.get(arg, 1)


def test_every_route_in_the_url_map_sends_the_security_headers(app, client, make):
    make.article(edition=make.edition(slug="iraq"), section=make.section(slug="security"))
    token = csrf_from(client.get("/admin/sign-in").text)
    checked = 0
    for rule in app.url_map.iter_rules():
        values = {arg: sample(rule, arg) for arg in rule.arguments}
        url = app.url_map.bind("localhost").build(rule.endpoint, values)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(url, method=method, data={"csrf_token": token})
            check(response, f"{method} {url}")
            response.close()
            checked += 1
    assert checked > 40


@pytest.mark.server_error
def test_error_pages_and_fragments_send_them_too(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/explode")
    def explode():
        raise RuntimeError("boom")

    check(client.get("/no-such/page/here"), "404")
    check(client.get("/explode"), "500")
    check(client.post("/comments/count", headers={"HX-Request": "true"}), "htmx 400")


def test_htmx_from_the_cdn_is_the_only_outside_script_allowed(app, tmp_path):
    from support import app_on

    with app_on(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, HTMX_SOURCE="cdn") as cdn_app:
        csp = cdn_app.test_client().get("/").headers["Content-Security-Policy"]
    assert "script-src 'self' https://cdn.jsdelivr.net/npm/htmx.org@" in csp
    assert "script-src 'self';" in app.test_client().get("/").headers["Content-Security-Policy"]


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_unknown_host_headers_are_refused_when_hosts_are_set(app, client):
    app.config["TRUSTED_HOSTS"] = ["news.example.org"]
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", base_url="http://news.example.org").status_code == 200
