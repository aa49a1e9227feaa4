"""Names that lie are refused (issue 13, item 7): blank ones, the newsroom's roles,
email addresses, and lookalikes of an author's byline in other scripts or forms."""

from __future__ import annotations

import pytest

from newsite.extensions import db
from newsite.models import Comment

pytestmark = pytest.mark.db


@pytest.fixture
def story(make):
    return make.article(author=make.author(name="Nadia Karim"))


def refused(app, reader, story, name: str, message: str) -> None:
    response = reader.post(story, name=name, body="Trying to pass for someone.")
    assert response.status_code == 422, name
    assert message in response.text, name
    assert "Trying to pass for someone." in response.text  # the text is kept
    with app.app_context():
        assert db.session.query(Comment).count() == 0


@pytest.mark.parametrize(
    "name",
    [
        "\u00ad",  # soft hyphen
        "\u034f\u034f",  # combining grapheme joiner
        "\u3164",  # Hangul filler
        "\uffa0",  # halfwidth Hangul filler
        "\u2800\u2800",  # blank Braille pattern
        "\U000e0041\U000e0042",  # tag characters
        "\ufe0f",  # a variation selector alone
    ],
)
def test_names_that_show_nothing_are_refused(app, reader, story, name):
    response = reader.post(story, name=name, body="Trying to pass for someone.")
    assert response.status_code == 422
    assert "Trying to pass for someone." in response.text


@pytest.mark.parametrize(
    "name", ["Editor", "The Moderator", "admin", "Newsroom staff", "Еditor", "المحرر"]
)
def test_the_newsrooms_roles_are_not_names(app, reader, story, name):
    refused(app, reader, story, name, "belongs to the newsroom")


def test_an_email_address_is_not_a_name(app, reader, story):
    refused(app, reader, story, "nadia@example.org", "not an email address")


@pytest.mark.parametrize(
    "name",
    [
        "Nadia Karim",
        "nadia karim",
        "Nаdia Karim",  # a Cyrillic а
        "Νadia Κarim",  # Greek capital Nu and Kappa
        "Ｎａｄｉａ Ｋａｒｉｍ",  # fullwidth
        "𝐍𝐚𝐝𝐢𝐚 𝐊𝐚𝐫𝐢𝐦",  # mathematical bold
    ],
)
def test_an_authors_byline_and_its_lookalikes_are_refused(app, reader, story, name):
    refused(app, reader, story, name, "belongs to the newsroom")


@pytest.mark.parametrize("name", ["Nadia", "Karim from Basra", "سارة من البصرة", "Sara ❤️"])
def test_ordinary_names_still_post(reader, story, name):
    assert reader.post(story, name=name, body=f"A word from {name}.").status_code == 303
