"""A reader's very first vote or like, double-clicked in Chromium, counts once:
htmx disables the button while its request is in flight, and the one cookie the
reader gets keeps the vote theirs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

STORY = "/syria/culture/choir-returns-to-the-stage-of-a-restored-damascus-cinema"


def test_a_double_click_on_a_first_vote_counts_once(page: Page, base_url: str) -> None:
    page.goto(base_url + STORY)
    yes = page.locator(".vote-button--yes")
    before = int(yes.locator(".vote-count").inner_text())
    yes.dblclick()
    expect(page.locator(".vote-button--yes")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".vote-button--yes .vote-count")).to_have_text(str(before + 1))
    page.reload()
    # The shared page has the new count; the reader's own vote comes back pressed.
    expect(page.locator(".vote-button--yes .vote-count")).to_have_text(str(before + 1))
    expect(page.locator(".vote-button--yes")).to_have_attribute("aria-pressed", "true")


def test_a_double_click_on_a_first_like_counts_once(page: Page, base_url: str) -> None:
    page.goto(base_url + STORY)
    like = page.locator(".like-button").first
    comment_id = like.get_attribute("id")
    before = int(like.locator(".like-count").inner_text())
    like.dblclick()
    liked = page.locator(f"#{comment_id}")
    expect(liked).to_have_attribute("aria-pressed", "true")
    expect(liked.locator(".like-count")).to_have_text(str(before + 1))
    page.reload()
    expect(page.locator(f"#{comment_id} .like-count")).to_have_text(str(before + 1))
    expect(page.locator(f"#{comment_id}")).to_have_attribute("aria-pressed", "true")
