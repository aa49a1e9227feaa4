"""A video in a story, in Chromium (issue 17, item 10): the card asks nothing of the
video's site until the reader presses Play; then the player comes from the host that
sets no tracking cookies, answered here by a local stand-in, never the internet."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Browser, Page, Route, expect

from newsite.demo.embeds import ARTICLE_SLUG
from newsite.extensions import db
from newsite.models import Article

VIDEO_SITES = re.compile(
    r"^https?://([^/]*\.)?(youtube|youtu\.be|ytimg|vimeo|vimeocdn|googlevideo)"
)
PLAYER = "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"


@pytest.fixture(scope="module")
def story(site: Flask) -> str:
    with site.test_request_context():
        article = db.session.scalar(sa.select(Article).filter_by(slug=ARTICLE_SLUG))
        return article.url()


def stand_in(route: Route) -> None:
    # The player's host, answered locally: nothing in a test reaches the internet.
    route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>player</title>")


def test_the_player_loads_only_after_play_from_the_privacy_enhanced_host(
    page: Page, base_url: str, story: str
) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.route(VIDEO_SITES, stand_in)
    page.goto(base_url + story)
    card = page.locator(".story-body .embed")
    expect(card.locator(".embed-source")).to_have_text("YouTube")
    expect(card.locator("img.embed-thumb")).to_have_attribute("src", re.compile(r"^/media/embeds/"))
    card.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert [url for url in asked if not url.startswith(base_url)] == []

    card.get_by_role("button", name=re.compile("^Play")).click()
    frame = page.locator(".story-body iframe.embed-player")
    expect(frame).to_have_attribute("src", re.compile("^" + re.escape(PLAYER) + r"\?"))
    expect(frame).to_be_focused()
    page.wait_for_load_state("networkidle")
    elsewhere = [url for url in asked if not url.startswith(base_url)]
    assert elsewhere and all(url.startswith(PLAYER) for url in elsewhere)


def test_without_scripts_the_card_is_a_link_to_the_video(
    browser: Browser, base_url: str, story: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.route(VIDEO_SITES, stand_in)
        page.goto(base_url + story)
        link = page.locator(".story-body .embed a.embed-link")
        expect(link).to_have_attribute("href", "https://www.youtube.com/watch?v=aqz-KE-bpKQ")
        expect(page.locator(".story-body .embed-play")).to_be_hidden()
        assert [url for url in asked if not url.startswith(base_url)] == []
    finally:
        context.close()
