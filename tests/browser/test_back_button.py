"""Back after a live search shows the whole search page, never a bare htmx fragment.

The live search swaps only the results and pushes the address; Back must bring the
page back whole, whether the browser reloads it or htmx, having lost its own
history copy, asks the server for it (`HX-History-Restore-Request`).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def live_search(page: Page, words: str) -> None:
    box = page.get_by_role("searchbox", name="Words to find")
    box.fill("")
    box.press_sequentially(words, delay=30)
    expect(page).to_have_url(re.compile(rf"/search\?q={words}"))
    expect(page.locator(".search-hit-headline").first).to_be_visible()


def forget_htmx_history(page: Page) -> None:
    """No copy of the page in htmx's history cache: a restore must ask the server."""
    page.evaluate("htmx.config.historyCacheSize = 0; localStorage.clear()")


def expect_whole_search_page(page: Page, words: str, headline: str) -> None:
    expect(page.locator("header.site-header")).to_have_count(1)
    expect(page.locator("footer.site-footer")).to_have_count(1)
    expect(page.locator("main h1")).to_have_text("Search")
    expect(page.get_by_role("searchbox", name="Words to find")).to_have_value(words)
    expect(page.locator(".search-hit-headline").first).to_contain_text(headline)
    # The stylesheet and htmx came with it: a page, not a fragment shown raw.
    assert page.evaluate("document.querySelector('link[rel=stylesheet]') !== null")
    assert page.evaluate("typeof htmx") == "object"


def test_back_from_a_result_of_a_live_search_shows_the_whole_search_page(page: Page, base_url: str):
    page.goto(base_url + "/search")
    forget_htmx_history(page)
    live_search(page, "lantern")

    page.locator(".search-hit-headline a").first.click()
    expect(page.locator("main h1")).to_contain_text("Lantern walk")

    page.go_back()

    expect(page).to_have_url(re.compile(r"/search\?q=lantern"))
    expect_whole_search_page(page, "lantern", "Lantern walk")


def test_back_between_live_searches_restores_a_whole_page_from_the_server(
    page: Page, base_url: str
):
    restores: list[str] = []
    page.on(
        "request",
        lambda request: (
            restores.append(request.url)
            if request.headers.get("hx-history-restore-request")
            else None
        ),
    )
    page.goto(base_url + "/search")
    forget_htmx_history(page)
    live_search(page, "lantern")
    live_search(page, "checkpoint")
    expect(page.locator(".search-hit-headline").first).to_contain_text("Checkpoint")

    page.go_back()

    expect(page).to_have_url(re.compile(r"/search\?q=lantern"))
    expect_whole_search_page(page, "lantern", "Lantern walk")
    # htmx had no copy of its own: the page came back from the server, whole.
    assert any("q=lantern" in url for url in restores), restores
