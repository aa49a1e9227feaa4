"""Live search in Chromium: a word found from its first letters, the address carrying the
query, and one history entry per search (not one per keystroke)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def history_length(page: Page) -> int:
    return page.evaluate("history.length")


def test_a_prefix_typed_live_finds_the_word_and_back_is_one_step(page: Page, base_url: str):
    page.goto(base_url + "/search")
    before = history_length(page)

    box = page.get_by_role("searchbox", name="Words to find")
    box.press_sequentially("checkp", delay=40)

    expect(page.locator(".search-hit-headline").first).to_contain_text("Checkpoint")
    expect(page.locator(".search-hit-headline mark").first).to_have_text(
        re.compile("checkpoint", re.I)
    )
    # The address bar carries the query, and so does the header's box.
    expect(page).to_have_url(re.compile(r"/search\?q=checkp(&|$)"))
    expect(page.get_by_role("searchbox", name="Search articles")).to_have_value("checkp")
    # Six keystrokes, one new entry.
    assert history_length(page) == before + 1

    page.go_back()
    expect(page).to_have_url(re.compile(r"/search$"))
    expect(page.get_by_role("searchbox", name="Words to find")).to_have_value("")


def test_a_second_search_after_a_pause_is_a_second_entry(page: Page, base_url: str):
    page.goto(base_url + "/search")
    before = history_length(page)
    box = page.get_by_role("searchbox", name="Words to find")
    box.press_sequentially("lant", delay=40)
    expect(page.locator(".search-hit-headline").first).to_contain_text("Lantern")
    page.wait_for_timeout(1500)  # the reader stops and reads

    box.press("End")
    box.press_sequentially("ern walk", delay=40)
    expect(page).to_have_url(re.compile(r"q=lantern(%20|\+)walk"))
    expect(page.locator("#search-status")).to_contain_text("lantern walk")
    assert history_length(page) == before + 2

    page.go_back()
    expect(page).to_have_url(re.compile(r"/search\?q=lant(&|$)"))
