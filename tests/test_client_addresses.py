"""Rate limits count a client, not an address (issue 13, item 8): an IPv6 client is
its /64, since it can take a new address in it for every request."""

from __future__ import annotations

import pytest

from newsite.clients import client_address
from newsite.extensions import db
from newsite.models import Article


@pytest.mark.parametrize(
    ("remote", "client"),
    [
        ("198.51.100.23", "198.51.100.23"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::ffff", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.23", "198.51.100.23"),
    ],
)
def test_a_client_is_its_ipv4_address_or_its_ipv6_64(app, remote, client):
    with app.test_request_context(environ_base={"REMOTE_ADDR": remote}):
        assert client_address() == client
    # Another /64 is another client.
    with app.test_request_context(environ_base={"REMOTE_ADDR": "2001:db8:1:3::1"}):
        assert client_address() != client


def test_new_ipv6_addresses_in_one_64_share_the_vote_flood_guard(app, make):
    app.config["VOTE_RATE_LIMIT"] = "3 per hour"
    article = make.article()
    statuses = []
    for n in range(5):
        # A new address (and no cookie) for every vote, all in one /64.
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"2001:db8:7:7::{n + 1:x}"
        client.environ_base["HTTP_USER_AGENT"] = f"Browser {n}"
        statuses.append(
            client.post(f"/votes/articles/{article.id}", data={"choice": "yes"}).status_code
        )
    assert statuses == [303, 303, 303, 429, 429]
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "2001:db8:7:8::1"
    assert other.post(f"/votes/articles/{article.id}", data={"choice": "yes"}).status_code == 303


def test_sixty_cookieless_votes_from_one_address_count_only_up_to_the_guard(app, make):
    # The case: one address votes "yes" again and again, dropping its cookie
    # (and changing its User-Agent) each time. The default guard counts 30 an hour
    # for one article; the rest are not counted, and the voter is told so.
    article = make.article()
    answers = []
    for n in range(60):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "198.51.100.60"
        client.environ_base["HTTP_USER_AGENT"] = f"Browser {n}"
        answers.append(client.post(f"/votes/articles/{article.id}", data={"choice": "yes"}))
    assert [a.status_code for a in answers].count(303) == 30
    assert "voted many times" in answers[-1].text
    with app.app_context():
        assert db.session.get(Article, article.id).votes_yes == 30
