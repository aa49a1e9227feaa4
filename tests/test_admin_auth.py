"""Editors' sign-in, sessions and roles: every admin route is guarded."""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from support import csrf_from, sign_in
from werkzeug.routing.converters import AnyConverter

from newsite.admin.auth import hash_password
from newsite.extensions import db
from newsite.models import Editor

# Endpoints every signed-in editor may use, whatever the role.
ANY_ROLE = {"admin.dashboard", "admin.sign_out"}
ROLES = ["admin", "editor", "moderator", "reporter"]


def sample(rule, arg):
    """A value the route accepts: the first choice of an `any(...)` part, else 1."""
    converter = rule._converters[arg]
    return sorted(converter.items)[0] if isinstance(converter, AnyConverter) else 1


def admin_routes(app):
    """(endpoint, url, method) for every admin route, with sample arguments."""
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("admin.") or rule.endpoint == "admin.sign_in":
                continue
            # Arguments a rule has defaults for are not in its path.
            values = {arg: sample(rule, arg) for arg in rule.arguments - set(rule.defaults or ())}
            url = app.url_map.bind("localhost").build(rule.endpoint, values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, url, method


def request(client, url, method, token):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": token})


def test_the_admin_has_routes_to_check(app):
    assert len(list(admin_routes(app))) > 20


def test_every_admin_route_refuses_anonymous_readers(app, client):
    token = csrf_from(client.get("/admin/sign-in").text)
    for endpoint, url, method in admin_routes(app):
        response = request(client, url, method, token)
        if method == "GET":
            assert response.status_code == 302, endpoint
            assert response.headers["Location"].startswith("/admin/sign-in?next="), endpoint
        else:
            assert response.status_code == 401, endpoint


def test_every_admin_route_but_the_dashboard_declares_its_roles(app):
    for endpoint, _url, _method in admin_routes(app):
        view = app.view_functions[endpoint]
        assert endpoint in ANY_ROLE or getattr(view, "required_roles", None), endpoint


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_route_refuses_the_wrong_role(app, make, role):
    editor = make.editor(role)
    client = app.test_client()
    sign_in(client, editor.email)
    token = csrf_from(client.get("/admin/").text)
    for endpoint, url, method in admin_routes(app):
        roles = getattr(app.view_functions[endpoint], "required_roles", None)
        if roles is None or role == "admin" or role in roles:
            continue
        assert request(client, url, method, token).status_code == 403, (endpoint, role)


def test_a_reporter_reaches_no_article_but_their_own_drafts(app, make):
    someone_elses = make.article(status="draft")  # id 1: every sample URL names it
    assert someone_elses.id == 1
    client = app.test_client()
    sign_in(client, make.editor("reporter").email)
    token = csrf_from(client.get("/admin/").text)
    reached = set()
    for endpoint, url, method in admin_routes(app):
        roles = getattr(app.view_functions[endpoint], "required_roles", None) or ()
        if "reporter" not in roles:
            continue
        answer = request(client, url, method, token).status_code
        if "/articles/1" in url:
            assert answer == 403, (endpoint, method)
        else:
            assert answer != 403, (endpoint, method)
            reached.add(endpoint)
    assert reached == {"admin.new_article", "admin.preview_body"}


def test_sign_in_takes_an_editor_to_the_dashboard_with_a_fresh_session(app, client, make):
    editor = make.editor("editor")
    client.get("/admin/sign-in")
    before = client.get_cookie("session").value

    response = sign_in(client, editor.email.upper())  # emails are case-insensitive

    assert response.status_code == 303 and response.headers["Location"] == "/admin/"
    assert client.get_cookie("session").value != before
    assert "Signed in as" in client.get("/admin/").text


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("nobody@newsroom.test", "correct horse battery"),
        ("{email}", "wrong password"),
    ],
)
def test_unknown_email_and_wrong_password_get_the_same_message(client, make, email, password):
    editor = make.editor()
    response = sign_in(client, email.format(email=editor.email), password)
    assert response.status_code == 422
    assert "That email and password do not match an active account." in response.text
    assert "Signed in as" not in client.get("/admin/sign-in").text


def test_a_disabled_account_cannot_sign_in(app, client, make):
    editor = make.editor(active=False)
    assert sign_in(client, editor.email).status_code == 422


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.test/",
        "//evil.test/x",
        "/\\evil.test",
        "javascript:alert(1)",
        "http:/evil.test",
    ],
)
def test_next_only_ever_redirects_within_the_site(client, make, target):
    editor = make.editor()
    token = csrf_from(client.get("/admin/sign-in").text)
    response = client.post(
        "/admin/sign-in",
        query_string={"next": target},
        data={"email": editor.email, "password": "correct horse battery", "csrf_token": token},
    )
    assert response.headers["Location"] == "/admin/"


def test_next_takes_the_editor_back_to_the_page_they_wanted(client, make):
    editor = make.editor()
    first = client.get("/admin/photos")
    assert first.headers["Location"] == "/admin/sign-in?next=/admin/photos"
    token = csrf_from(client.get(first.headers["Location"]).text)
    response = client.post(
        first.headers["Location"],
        data={"email": editor.email, "password": "correct horse battery", "csrf_token": token},
    )
    assert response.headers["Location"] == "/admin/photos"


def test_sign_out_ends_the_session_even_for_a_replayed_cookie(app, client, make):
    editor = make.editor()
    sign_in(client, editor.email)
    stolen = client.get_cookie("session").value
    token = csrf_from(client.get("/admin/").text)

    client.post("/admin/sign-out", data={"csrf_token": token})

    assert client.get("/admin/").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/admin/").status_code == 302


def test_disabling_an_account_ends_its_sessions_at_once(app, client, make, runner):
    editor = make.editor()
    sign_in(client, editor.email)
    assert client.get("/admin/").status_code == 200

    result = runner.invoke(args=["editors", "disable", editor.email])

    assert result.exit_code == 0 and "sessions have ended" in result.output
    assert client.get("/admin/").status_code == 302


def test_failed_sign_ins_are_throttled_per_account_for_the_sources_that_fail(app, make):
    app.config["SIGN_IN_RATE_LIMIT"] = "3 per 15 minutes"
    editor = make.editor()
    attackers = []
    for n in range(3):  # three addresses, each failing twice on the account
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"203.0.113.{n}"
        attackers.append(client)
    statuses = [sign_in(c, editor.email, "wrong").status_code for c in attackers * 2]
    # First tries are each source's own; from the second on they count for the
    # account, and once it has had three, a source that keeps failing is refused.
    assert statuses == [422] * 6
    assert sign_in(attackers[0], editor.email, "wrong again").status_code == 429
    assert sign_in(attackers[1], editor.email).status_code == 429  # even the right one


def test_an_attacker_failing_from_many_addresses_never_locks_the_editor_out(app, make):
    app.config["SIGN_IN_RATE_LIMIT"] = "3 per 15 minutes"
    editor = make.editor()
    for round_ in range(3):
        for n in range(10):  # ten addresses, failing again and again
            client = app.test_client()
            client.environ_base["REMOTE_ADDR"] = f"198.51.100.{n}"
            sign_in(client, editor.email, f"guess {round_} {n}")
    # The account is under attack; the editor, from an address that has not been
    # failing, signs in with the right password at once.
    own = app.test_client()
    own.environ_base["REMOTE_ADDR"] = "192.0.2.77"
    assert sign_in(own, editor.email).status_code == 303


def test_failed_sign_ins_are_throttled_per_address(app, client, make):
    app.config["SIGN_IN_RATE_LIMIT"] = "3 per 15 minutes"
    answers = [sign_in(client, f"guess{n}@newsroom.test", "wrong") for n in range(4)]
    assert [a.status_code for a in answers] == [422, 422, 422, 429]
    # The refusal says when to come back, in the page and in Retry-After.
    assert "Please try again in 15 minutes." in answers[-1].text
    assert 840 <= int(answers[-1].headers["Retry-After"]) <= 901


@pytest.mark.parametrize("password", ["كلمة سر طويلة 🔐 with spaces", "p" * 128])
def test_passwords_may_be_any_unicode_up_to_128_characters(client, make, password):
    editor = make.editor(password=password)
    assert sign_in(client, editor.email, password).status_code == 303


def test_a_password_over_128_characters_is_refused(client, make):
    editor = make.editor(password="p" * 129)
    assert sign_in(client, editor.email, "p" * 129).status_code == 422


def test_the_site_hashes_with_argon2_defaults_unless_told_otherwise(app):
    app.config["PASSWORD_HASHING"] = {}
    app.extensions.pop("password_hasher", None)
    with app.app_context():
        made = hash_password("correct horse battery")
    assert not PasswordHasher().check_needs_rehash(made)


def test_an_old_hash_is_upgraded_at_sign_in(app, client, make):
    # At the production cost, not the tests' cheaper one.
    app.config["PASSWORD_HASHING"] = {}
    app.extensions.pop("password_hasher", None)
    editor = make.editor()
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash("correct horse battery")
    with app.app_context():
        db.session.get(Editor, editor.id).password_hash = weak
        db.session.commit()
    sign_in(client, editor.email)
    with app.app_context():
        upgraded = db.session.get(Editor, editor.id).password_hash
    assert upgraded != weak and not PasswordHasher().check_needs_rehash(upgraded)


def test_admin_pages_are_never_cached_or_indexed(client, make):
    for response in (client.get("/admin/sign-in"), client.get("/admin/")):
        assert response.headers["Cache-Control"] == "no-store"
        assert "noindex" in response.headers["X-Robots-Tag"]


def test_session_cookie_is_httponly_and_samesite_lax(client, make):
    editor = make.editor()
    response = sign_in(client, editor.email)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert re.search(r"(?i)expires", cookie) is None  # ends with the browser


def test_editors_can_be_created_listed_and_disabled_from_the_command_line(app, runner):
    created = runner.invoke(
        args=["editors", "create", "Chief@Newsroom.test", "--role", "admin"],
        input="a long secret phrase\na long secret phrase\n",
    )
    assert created.exit_code == 0, created.output
    listed = runner.invoke(args=["editors", "list"])
    assert "chief@newsroom.test\tadmin\tactive" in listed.output
    again = runner.invoke(
        args=["editors", "create", "chief@newsroom.test"], input="another phrase\nanother phrase\n"
    )
    assert again.exit_code != 0 and "already has an account" in again.output
    mismatch = runner.invoke(
        args=["editors", "create", "b@newsroom.test"], input="one phrase here\nanother one\n" * 3
    )
    assert mismatch.exit_code != 0
    runner.invoke(args=["editors", "disable", "chief@newsroom.test"])
    assert "chief@newsroom.test\tadmin\tdisabled" in runner.invoke(args=["editors", "list"]).output
    client = app.test_client()
    assert sign_in(client, "chief@newsroom.test", "a long secret phrase").status_code == 422


def test_admins_manage_editor_accounts_in_the_admin(app, make):
    chief = make.editor("admin")
    client = app.test_client()
    sign_in(client, chief.email)
    token = csrf_from(client.get("/admin/editors").text)
    created = client.post(
        "/admin/editors",
        data={
            "csrf_token": token,
            "email": "New.Reporter@newsroom.example",
            "name": "New",
            "role": "editor",
            "password": "a fine passphrase",
        },
    )
    assert created.status_code == 303
    with app.app_context():
        account = db.session.scalar(
            db.select(Editor).filter_by(email="new.reporter@newsroom.example")
        )
    reporter = app.test_client()
    assert sign_in(reporter, account.email, "a fine passphrase").status_code == 303

    client.post(
        f"/admin/editors/{account.id}/role", data={"csrf_token": token, "role": "moderator"}
    )
    assert reporter.get("/admin/").status_code == 302  # the role change ended their session
    sign_in(reporter, account.email, "a fine passphrase")
    assert reporter.get("/admin/articles").status_code == 403
    assert reporter.get("/admin/comments").status_code == 200

    client.post(
        f"/admin/editors/{account.id}/disable", data={"csrf_token": token, "role": "moderator"}
    )
    assert reporter.get("/admin/").status_code == 302
    assert sign_in(reporter, account.email, "a fine passphrase").status_code == 422
