"""Voting in Chromium: yes, switch, withdraw, remembered; likes; and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

THEATRE = "/iraq/culture/riverside-theatre-in-baghdad-revives-a-forgotten-1960s-comedy"
LANTERNS = "/iraq/culture/lantern-walk-returns-to-the-old-canal-quarter-of-basra"
CHOIR = "/syria/culture/choir-returns-to-the-stage-of-a-restored-damascus-cinema"
WATER = "/syria/politics/hama-residents-ask-for-a-say-in-the-water-rationing-timetable"


def count(page: Page, choice: str) -> int:
    return int(page.locator(f".vote-button--{choice} .vote-count").inner_text())


def button(page: Page, choice: str):
    return page.locator(f".vote-button--{choice}")


def vote_yes_switch_withdraw_and_reload(page: Page, url: str) -> None:
    page.goto(url)
    yes, no = count(page, "yes"), count(page, "no")

    button(page, "yes").click()
    expect(button(page, "yes")).to_have_attribute("aria-pressed", "true")
    expect(button(page, "yes").locator(".vote-count")).to_have_text(str(yes + 1))

    button(page, "no").click()
    expect(button(page, "no")).to_have_attribute("aria-pressed", "true")
    expect(button(page, "yes")).to_have_attribute("aria-pressed", "false")
    expect(button(page, "yes").locator(".vote-count")).to_have_text(str(yes))
    expect(button(page, "no").locator(".vote-count")).to_have_text(str(no + 1))

    page.reload()
    expect(button(page, "no")).to_have_attribute("aria-pressed", "true")
    expect(button(page, "no").locator(".vote-count")).to_have_text(str(no + 1))

    button(page, "no").click()
    expect(button(page, "no")).to_have_attribute("aria-pressed", "false")
    expect(button(page, "no").locator(".vote-count")).to_have_text(str(no))

    button(page, "yes").click()
    expect(button(page, "yes")).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(button(page, "yes")).to_have_attribute("aria-pressed", "true")
    expect(button(page, "yes").locator(".vote-count")).to_have_text(str(yes + 1))


def like_and_unlike(page: Page, url: str) -> None:
    page.goto(url)
    like = page.locator(".like-button").first
    before = int(like.locator(".like-count").inner_text())
    like.click()
    like = page.locator(".like-button").first
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like.locator(".like-count")).to_have_text(str(before + 1))
    like.click()
    like = page.locator(".like-button").first
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like.locator(".like-count")).to_have_text(str(before))


def test_vote_switch_withdraw_and_remembered_choice(page: Page, base_url: str):
    vote_yes_switch_withdraw_and_reload(page, base_url + THEATRE)


def test_votes_swap_in_place_with_htmx(page: Page, base_url: str):
    page.goto(base_url + THEATRE)
    page.evaluate("window.notReloaded = true")
    button(page, "no").click()
    expect(page.locator("#article-vote-status")).to_contain_text("You answered no.")
    assert page.evaluate("window.notReloaded") is True


def test_like_and_unlike_a_comment(page: Page, base_url: str):
    like_and_unlike(page, base_url + CHOIR)


@pytest.fixture
def no_js_page(browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_voting_works_without_javascript(no_js_page: Page, base_url: str):
    vote_yes_switch_withdraw_and_reload(no_js_page, base_url + LANTERNS)
    assert no_js_page.url.endswith(LANTERNS) or "#article-vote" in no_js_page.url


def test_likes_work_without_javascript(no_js_page: Page, base_url: str):
    like_and_unlike(no_js_page, base_url + WATER)
