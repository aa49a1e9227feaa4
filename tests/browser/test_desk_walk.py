"""A story's walk through the desk in Chromium: a reporter's draft, a note naming the
editor (added without a reload), "Ready for edit", the editor's approval and its
scheduled publication, three days ahead so no front page of the shared site shows it;
the story is deleted afterwards."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect
from support import Factory

from newsite.extensions import db
from newsite.models import Article

PASSWORD = "a long newsroom passphrase"
HEADLINE = "Ferry timetable changes on the Tigris"
SLUG = "ferry-timetable-changes-on-the-tigris"


@pytest.fixture(scope="module")
def people(site):
    make = Factory(site)
    return {
        "reporter": make.editor("reporter", email="walker@newsroom.example", password=PASSWORD),
        "editor": make.editor(
            "editor", email="deskwalk@newsroom.example", name="Desk Walk", password=PASSWORD
        ),
    }


@pytest.fixture
def walked_story(site):
    yield
    with site.app_context():
        db.session.execute(sa.delete(Article).where(Article.slug == SLUG))
        db.session.commit()


def sign_in_as(page: Page, base_url: str, account) -> None:
    page.goto(base_url + "/admin/sign-in")
    page.fill("#email", account.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_a_story_walks_from_a_reporters_draft_to_a_scheduled_publication(
    page: Page, base_url: str, people, walked_story
):
    sign_in_as(page, base_url, people["reporter"])
    expect(page.locator("nav[aria-label=Admin] a")).to_have_text(["Dashboard", "Write an article"])
    page.click("nav[aria-label=Admin] >> text=Write an article")
    page.fill("#headline", HEADLINE)
    page.fill("#summary", "Boats leave every half hour from Sunday.")
    page.fill("#body", "The river ferries change their timetable on Sunday.")
    page.select_option("#edition_id", label="Iraq News")
    page.select_option("#section_id", label="Economy")
    expect(page.locator("#status option")).to_have_text(["Draft"])
    page.click("form.article-form button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Saved")

    page.evaluate("window.notReloaded = true")
    page.fill("#note_text", "@deskwalk the port authority confirmed the times.")
    page.click("text=Add note")
    expect(page.locator("#notes .note")).to_contain_text("the port authority confirmed")
    assert page.evaluate("window.notReloaded") is True

    page.click("text=Submit: ready for edit")
    expect(page.locator(".flash")).to_contain_text("Ready for edit")
    expect(page.locator("#budget")).to_contain_text(HEADLINE)
    page.click("text=Sign out")

    sign_in_as(page, base_url, people["editor"])
    for_you = page.locator("#notes-for-you")
    expect(for_you).to_contain_text("the port authority confirmed the times.")
    for_you.locator(f"a:has-text('{HEADLINE}')").click()
    page.click("button:has-text('Approve')")
    expect(page.locator("#desk")).to_contain_text("Status: Approved")

    # Three days ahead in the edition's (Baghdad's) time: never on a front while tests run.
    when = datetime.now(ZoneInfo("Asia/Baghdad")) + timedelta(days=3)
    page.select_option("#status", "scheduled")
    page.fill("#published_at", when.strftime("%Y-%m-%dT%H:%M"))
    page.click("form.article-form button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Saved")
    history = page.locator(".status-history li")
    expect(history.first).to_contain_text("Approved → Scheduled, by Desk Walk")
    expect(history).to_have_count(4)
    assert page.request.get(base_url + f"/iraq/economy/{SLUG}").status == 404
    page.goto(base_url + "/admin/")
    expect(page.locator("#budget")).to_contain_text(HEADLINE)
