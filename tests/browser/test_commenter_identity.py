"""Who is commenting, in Chromium (issue 15, items 6 and 7): a name and email remembered
across a reload, with htmx and without JavaScript, and an editor's comment with its
Staff badge."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from support import Factory

from newsite.comments.services import comments_closed
from newsite.extensions import db
from newsite.models import Article, Edition

PASSWORD = "a long newsroom passphrase"


def open_articles(site, edition: str, count: int) -> list[str]:
    """Paths of the newest open articles of an edition: ones the other tests leave alone."""
    with site.app_context():
        found = db.session.scalars(
            Article.public()
            .join(Edition, Edition.id == Article.edition_id)
            .where(Edition.slug == edition)
            .order_by(Article.published_at.desc())
        )
        open_ = [a for a in found if not comments_closed(a)]
        return [f"/{a.edition.slug}/{a.section.slug}/{a.slug}" for a in open_[:count]]


@pytest.fixture(scope="module")
def articles(site) -> list[str]:
    return open_articles(site, "syria", 3)


def test_remember_me_survives_a_reload_and_unticking_forgets(
    page: Page, base_url: str, articles: list[str]
):
    page.goto(base_url + articles[0])
    expect(page.locator("#comment-form-remember")).not_to_be_checked()
    page.fill("#comment-form-name", "Hiba")
    page.fill("#comment-form-email", "hiba@example.org")
    page.check("#comment-form-remember")
    page.fill("#comment-form-body", "Remember me, please.")
    page.click("#comment-form-submit")
    expect(page.locator("#comment-thread > li").last).to_contain_text("Remember me, please.")
    # The form after the post is filled again (its answer reads the new cookie).
    expect(page.locator("#comment-form-name")).to_have_value("Hiba")

    page.reload()  # the shared page, then this reader's parts from /mine
    expect(page.locator("#comment-form-name")).to_have_value("Hiba")
    expect(page.locator("#comment-form-email")).to_have_value("hiba@example.org")
    expect(page.locator("#comment-form-remember")).to_be_checked()
    page.locator(".reply-link").first.click()  # a reply form opened later is filled too
    expect(page.locator(".reply-form input[name=name]")).to_have_value("Hiba")

    page.goto(base_url + articles[1])  # another article: the same name waits there
    expect(page.locator("#comment-form-name")).to_have_value("Hiba")
    page.uncheck("#comment-form-remember")
    page.fill("#comment-form-body", "Forget me now.")
    page.click("#comment-form-submit")
    expect(page.locator("#comment-thread > li").last).to_contain_text("Forget me now.")
    page.reload()
    expect(page.locator("#comment-form-body")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#comment-form-name")).to_have_value("")
    expect(page.locator("#comment-form-remember")).not_to_be_checked()


def test_remember_me_without_javascript(browser: Browser, base_url: str, articles: list[str]):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + articles[2])
    page.fill("#comment-form-name", "Karam")
    page.check("#comment-form-remember")
    page.fill("#comment-form-body", "No scripts here.")
    page.click("#comment-form-submit")

    assert "mine=1" in page.url  # the private page after a post: filled from the cookie
    expect(page.locator("#comment-form-name")).to_have_value("Karam")
    expect(page.locator("#comment-form-remember")).to_be_checked()
    page.locator(".reply-link").first.click()  # ?reply_to=: private, filled too
    expect(page.locator(".reply-form input[name=name]")).to_have_value("Karam")
    context.close()


@pytest.fixture(scope="module")
def staff_member(site):
    return Factory(site).editor("editor", name="Samir Nasser", password=PASSWORD)


def test_a_signed_in_editor_comments_with_a_staff_badge(
    page: Page, base_url: str, site, staff_member
):
    [article] = open_articles(site, "iraq", 1)
    page.goto(base_url + "/admin/")
    page.fill("#email", staff_member.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")

    page.goto(base_url + article)
    line = page.locator("#comment-form-commenter .commenting-as")
    expect(line).to_contain_text("Commenting as Samir Nasser")
    expect(line.locator(".badge")).to_have_text("Staff")
    expect(page.locator("#comment-form-name")).to_have_count(0)
    page.fill("#comment-form-body", "A note from the newsroom.")
    page.click("#comment-form-submit")

    posted = page.locator("#comment-thread > li").last
    expect(posted).to_contain_text("A note from the newsroom.")
    expect(posted.locator(".comment-author")).to_have_text("Samir Nasser")
    expect(posted.locator(".comment-meta .badge")).to_have_text("Staff")
