"""The editors' desk in Chromium: sign in, write, upload, preview, publish, schedule,
moderate without a reload, sign out."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from support import Factory

import newsite.models
import newsite.votes.services
from newsite.extensions import db
from newsite.models import Article, utcnow

PASSWORD = "a long newsroom passphrase"


@pytest.fixture(scope="module")
def chief(site):
    return Factory(site).editor("admin", email="chief@newsroom.example", password=PASSWORD)


def sign_in(page: Page, base_url: str, chief) -> None:
    page.goto(base_url + "/admin/")
    expect(page.locator("h1")).to_have_text("Sign in")
    page.fill("#email", chief.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 900), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def write(page: Page, base_url: str, headline: str, status: str, when: str = "") -> None:
    page.goto(base_url + "/admin/articles/new")
    page.fill("#headline", headline)
    page.fill("#summary", "A summary written in the browser.")
    page.fill("#body", '## First part\n\nWritten in the browser.\n\n> "Quoted," said a source.')
    expect(page.locator("#body-preview h2")).to_have_text("First part")  # the live preview
    page.fill("#dateline", "Basra")
    page.select_option("#edition_id", label="Iraq News")
    page.select_option("#section_id", label="Economy")
    page.select_option("#status", status)
    if when:
        page.fill("#published_at", when)
    page.set_input_files(
        "#upload", files=[{"name": "harbour.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
    )
    page.fill("#caption", "Cranes over the harbour")
    page.fill("#credit", "newsite / Staff")
    page.fill("#alt_text", "Orange cranes against the sky")
    page.click("form.article-form button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Saved")


def test_write_a_draft_with_a_photo_preview_publish_and_find_it(page: Page, base_url: str, chief):
    sign_in(page, base_url, chief)
    write(page, base_url, "Harbour cranes return to work", "draft")
    assert page.request.get(base_url + "/iraq/economy/harbour-cranes-return-to-work").status == 404

    page.click("text=Preview as readers see it")
    expect(page.locator("h1")).to_have_text("Harbour cranes return to work")
    expect(page.locator("figcaption")).to_contain_text("Cranes over the harbour [newsite / Staff]")
    page.click("text=Back to editing")

    page.select_option("#status", "published")
    page.click("form.article-form button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Saved")

    page.goto(base_url + "/iraq/economy/")
    page.click("text=Harbour cranes return to work")
    expect(page.locator(".byline")).to_contain_text("in Basra")
    assert page.locator("figure.lead-photo img").evaluate("img => img.naturalWidth") > 0


def test_a_scheduled_article_appears_when_its_time_comes(
    page: Page, base_url: str, chief, site, monkeypatch
):
    sign_in(page, base_url, chief)
    # Typed in the edition's time: Iraq News is on Baghdad's.
    when = (datetime.now(ZoneInfo("Asia/Baghdad")) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    write(page, base_url, "Grain silo opens next month", "scheduled", when)
    url = base_url + "/iraq/economy/grain-silo-opens-next-month"
    assert page.request.get(url).status == 404

    # The test controls the clock: three hours later, nobody has pressed anything.
    later = utcnow() + timedelta(hours=3)
    monkeypatch.setattr(newsite.models, "utcnow", lambda: later)
    # The signed-in editor's own parts of the page (/mine) read the clock there too.
    monkeypatch.setattr(newsite.votes.services, "utcnow", lambda: later)
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Grain silo opens next month")


def test_approve_and_remove_comments_in_the_queue_without_a_reload(
    page: Page, base_url, chief, site
):
    make = Factory(site)
    with site.app_context():
        # A story readers can comment on (the demo has closed and expired ones too).
        open_to_comments = Article.public().where(Article.comments_closed.is_(False)).limit(1)
        article = db.session.scalar(open_to_comments)
    keep = make.comment(article, body="Best casino bonus, honest review", name="Held one")
    drop = make.comment(article, body="Another casino link for you", name="Held two")

    sign_in(page, base_url, chief)
    page.goto(base_url + "/admin/comments?status=held")
    page.evaluate("window.notReloaded = true")
    page.locator(f"#mod-comment-{keep.id} button", has_text="Approve").click()
    expect(page.locator(f"#mod-comment-{keep.id} .status")).to_have_text("visible")
    page.locator(f"#mod-comment-{drop.id} button", has_text="Remove").click()
    expect(page.locator(f"#mod-comment-{drop.id} .status")).to_have_text("removed")
    expect(page.locator(f"#mod-comment-{drop.id} button", has_text="Undo")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True


def test_sign_out_ends_the_session(page: Page, base_url: str, chief):
    sign_in(page, base_url, chief)
    page.click("text=Sign out")
    expect(page.locator(".flash")).to_have_text("You have signed out.")
    page.goto(base_url + "/admin/")
    expect(page.locator("h1")).to_have_text("Sign in")
