"""The editors' desk in Chromium: the edit lock taken over between two editors,
autosave and restore, a preview link opened outside the newsroom and then revoked.

Each test writes on a draft of its own (never public, never on a front page)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect
from support import Factory

from newsite.extensions import db
from newsite.models import Article, ArticleRevision, ArticleStatus, Author, Edition, Section

PASSWORD = "a long newsroom passphrase"
_drafts = itertools.count(1)


@pytest.fixture(scope="module")
def editors(site):
    make = Factory(site)
    return {
        name: make.editor("editor", email=f"{email}@newsroom.example", password=PASSWORD, name=name)
        for name, email in (("Hana Aziz", "desk-hana"), ("Omar Said", "desk-omar"))
    }


@pytest.fixture
def draft(site) -> int:
    """A draft of this test's own, in the demo's edition and section."""
    with site.app_context():
        article = Article(
            slug=f"desk-sharing-draft-{next(_drafts)}",
            headline="Port tender under review",
            summary="The tender for the new container berth is being checked again.",
            body="The ministry is reading every bid again.",
            dateline="Basra",
            status=ArticleStatus.DRAFT,
            edition=db.session.scalar(sa.select(Edition).filter_by(name="Iraq News")),
            section=db.session.scalar(sa.select(Section).filter_by(name="Economy")),
            author=db.session.scalar(sa.select(Author).order_by(Author.id).limit(1)),
        )
        db.session.add(article)
        db.session.commit()
        return article.id


@pytest.fixture
def quick(site, monkeypatch) -> None:
    """Poll and autosave every second instead of every minute and half-minute."""
    monkeypatch.setitem(site.config, "EDIT_LOCK_POLL_SECONDS", 1)
    monkeypatch.setitem(site.config, "AUTOSAVE_SECONDS", 1)


@pytest.fixture
def second_browser(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url)
    yield context.new_page()
    context.close()


def sign_in(page: Page, editor) -> None:
    page.goto("/admin/")
    page.fill("#email", editor.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_a_second_editor_sees_who_is_editing_takes_over_and_the_first_is_told(
    page: Page, second_browser: Page, editors, draft, quick, site
):
    hana, omar = page, second_browser
    sign_in(hana, editors["Hana Aziz"])
    sign_in(omar, editors["Omar Said"])
    hana.goto(f"/admin/articles/{draft}")
    hana.fill("#headline", "Port tender cancelled")  # typed, not saved
    expect(hana.locator("#autosave-status")).to_contain_text("Draft autosaved at")

    omar.goto(f"/admin/articles/{draft}")
    expect(omar.locator("#edit-lock")).to_contain_text("Hana Aziz is editing this article since")
    omar.click("#edit-lock button:has-text('Take over')")

    expect(omar.locator(".flash")).to_contain_text("You took over this article from Hana Aziz")
    expect(omar.locator("#edit-lock")).not_to_contain_text("is editing")
    # Hana's open form hears it at its next poll.
    expect(hana.locator("#edit-lock")).to_contain_text("Omar Said took over this article at")
    omar.goto(f"/admin/articles/{draft}/revisions")
    expect(omar.locator("body")).to_contain_text(
        "Autosaved draft of Hana Aziz, taken over by Omar Said"
    )
    with site.app_context():
        assert db.session.get(Article, draft).headline == "Port tender under review"
        kept = db.session.scalar(sa.select(ArticleRevision).filter_by(article_id=draft))
        assert kept.headline == "Port tender cancelled"


def test_typing_is_autosaved_and_offered_back_when_the_form_opens_again(
    page: Page, editors, draft, quick, site
):
    sign_in(page, editors["Hana Aziz"])
    page.goto(f"/admin/articles/{draft}")
    page.fill("#summary", "Typed in the browser, never saved.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft autosaved at")

    page.goto(f"/admin/articles/{draft}")
    expect(page.locator(".autosave-offer")).to_contain_text("Restore the autosaved version from")
    expect(page.locator("#summary")).not_to_have_value("Typed in the browser, never saved.")
    page.click(".autosave-offer a:has-text('Restore')")
    expect(page.locator("#summary")).to_have_value("Typed in the browser, never saved.")
    expect(page.locator(".autosave-offer")).to_contain_text("press Save to keep it")

    page.click(".autosave-offer button:has-text('Discard')")
    expect(page.locator(".flash")).to_contain_text("The autosaved version was discarded")
    expect(page.locator(".autosave-offer")).to_have_count(0)
    expect(page.locator("#summary")).to_have_value(
        "The tender for the new container berth is being checked again."
    )
    with site.app_context():
        article = db.session.get(Article, draft)
        assert article.summary.startswith("The tender") and article.revision == 0


def test_a_preview_link_opens_outside_the_newsroom_until_revoked(
    page: Page, second_browser: Page, editors, draft
):
    sign_in(page, editors["Hana Aziz"])
    page.goto(f"/admin/articles/{draft}")
    page.select_option("#preview-hours", "1")
    page.click("#previews button:has-text('Make a preview link')")
    expect(page.locator("#previews")).to_contain_text("Preview link made")
    url = page.locator("#previews input.preview-url").input_value()

    outsider = second_browser  # no cookie of the newsroom's
    shown = outsider.goto(url)
    assert shown.status == 200 and "no-store" in shown.headers["cache-control"]
    expect(outsider.locator(".preview-banner")).to_contain_text("Preview: not published")
    expect(outsider.locator("h1")).to_have_text("Port tender under review")
    expect(outsider.locator("textarea")).to_have_count(0)  # no comment form

    page.click("#previews button:has-text('Revoke')")
    expect(page.locator("#previews")).to_contain_text("The preview link was revoked")
    gone = outsider.goto(url)
    assert gone.status == 410
    expect(outsider.locator("h1")).to_have_text("No longer available")
