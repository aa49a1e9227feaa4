"""Sharing in Chromium: the share links are there with or without JavaScript, and
"Copy link" puts the article's address on the clipboard."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page, expect

from newsite.demo.content import ANATOMY_ARTICLE_SLUG

ARTICLE = f"/iraq/security/{ANATOMY_ARTICLE_SLUG}"
NETWORKS = ("WhatsApp", "Telegram", "Facebook", "X", "email")


def test_copy_link_puts_the_articles_address_on_the_clipboard(
    page: Page, context: BrowserContext, base_url: str
):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(base_url + ARTICLE)
    share = page.get_by_role("region", name="Share this story")
    for network in NETWORKS:
        expect(
            share.get_by_role(
                "link", name=f"Share {'by' if network == 'email' else 'on'} {network}"
            )
        ).to_be_visible()
    share.get_by_role("button", name="Copy link").click()
    expect(share.get_by_role("status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == base_url + ARTICLE


def test_without_javascript_the_links_remain_and_copy_link_is_not_offered(
    browser: Browser, base_url: str
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + ARTICLE)
        share = page.locator(".share")
        expect(share.locator("a.share-link")).to_have_count(len(NETWORKS))
        expect(share.locator("a.share-link").first).to_be_visible()
        expect(share.get_by_role("button")).to_have_count(0)  # hidden: not offered
    finally:
        context.close()
