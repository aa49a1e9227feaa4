"""One counting rule everywhere: LF newlines, UTF-16 code units, 1 to 1500."""

from __future__ import annotations

import re

import pytest

from newsite.comments import rules

EMOJI = "😀"  # outside the BMP: two UTF-16 code units, as value.length counts it
ARABIC = "مَرْحَبًا بِكُمْ"  # 16 code units: 9 letters, 6 diacritics, 1 space


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("abc", 3),
        (EMOJI, 2),
        (EMOJI * 750, 1500),
        (ARABIC, 16),
        ("a\nb", 3),
        ("👩‍👩‍👧", 8),  # a family: three emoji joined by zero-width joiners
    ],
)
def test_length_is_counted_in_utf16_code_units(text, length):
    assert rules.text_length(text) == length


@pytest.mark.parametrize(
    ("raw", "normal"), [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\n\nb", "a\n\nb")]
)
def test_crlf_and_cr_become_one_newline(raw, normal):
    assert rules.normalise_newlines(raw) == normal


def fill(used: int) -> str:
    return "x" * (used - 1) + "\r\n" if used else ""


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("", "1500 characters left"),
        ("hello", "1495 characters left"),
        (EMOJI * 10, "1480 characters left"),
        (ARABIC, "1484 characters left"),
        ("line one\r\nline two\r\n", "1482 characters left"),
        ("x" * 1512, "-12 characters left"),
    ],
)
def test_counter_endpoint_shows_characters_left(client, body, shown):
    response = client.post(
        "/comments/count",
        data={"body": body, "form_id": "comment-form"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert re.search(rf">{re.escape(shown)}<", response.text)


def test_counter_warns_near_the_limit_and_blocks_the_submit_when_over(client):
    def count(body):
        return client.post("/comments/count", data={"body": body}).text

    assert 'class="counter"' in count("short") and "disabled" not in count("short")
    assert "counter--near" in count("x" * 1450)
    over = count("x" * 1501)
    assert "counter--over" in over and ">-1 character left<" in over
    assert re.search(r'<button[^>]*id="comment-form-submit"[^>]*disabled', over)


def test_counter_refuses_a_form_id_that_is_not_an_id(client):
    response = client.post("/comments/count", data={"body": "x", "form_id": '"><script>'})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("body", "accepted"),
    [
        ("x" * 1500, True),
        ("x" * 1501, False),
        (EMOJI * 750, True),
        (EMOJI * 750 + "x", False),
        ("x" * 1000 + "\r\n" * 500, True),  # 2000 characters as sent, 1500 as counted
        ("x" * 1001 + "\r\n" * 500, False),
        ((ARABIC + " ") * 88 + "x" * 4, True),  # 17 * 88 + 4 = 1500
        ((ARABIC + " ") * 88 + "x" * 5, False),
    ],
)
def test_server_validation_agrees_with_the_counter(reader, make, body, accepted):
    article = make.article()
    response = reader.post(article, body=body)
    assert (response.status_code == 303) is accepted
    if not accepted:
        assert response.status_code == 422
        assert "Your comment can be at most 1500 characters" in response.text


def test_newlines_are_stored_as_lf(app, reader, make):
    article = make.article()
    reader.post(article, body="first\r\nsecond\rthird")
    assert "first\nsecond\nthird" in reader.page(article)
