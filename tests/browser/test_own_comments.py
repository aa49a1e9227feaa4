"""A commenter changes their own comment in Chromium (issue 15, items 1 and 2): edit and
delete within the window with htmx, refused after it and after a reply; the same
without JavaScript; and editing in the Arabic edition."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from support import Factory

from newsite.extensions import db
from newsite.models import Comment, utcnow

TOO_LATE = "This comment can no longer be edited."


@pytest.fixture
def story(site: Flask):
    """A fresh article (with another reader's comment) and a way to age comments."""
    return Story(site)


class Story:
    def __init__(self, site: Flask, language: str = "en") -> None:
        self.site = site
        self.make = Factory(site)
        tag = secrets.token_hex(4)
        self.article = self.make.article(
            # Last of the editions: the shared site's front pages stay the demo's.
            edition=self.make.edition(
                slug=f"own-{tag}", name=f"Own {tag}", language=language, position=10_000
            ),
            section=self.make.section(slug=f"own-section-{tag}", name=f"Own section {tag}"),
            author=self.make.author(slug=f"own-author-{tag}", name=f"Writer {tag}"),
            slug=f"own-story-{tag}",
        )
        self.make.comment(self.article, body="Another reader's view.")
        self.path = f"/{self.article.edition.slug}/{self.article.section.slug}/{self.article.slug}"

    def age(self, comment_id: int, minutes: int = 20) -> None:
        with self.site.app_context():
            db.session.get(Comment, comment_id).created_at = utcnow() - timedelta(minutes=minutes)
            db.session.commit()

    def reply_to(self, comment_id: int) -> None:
        with self.site.app_context():
            parent = db.session.get(Comment, comment_id)
        self.make.comment(self.article, parent=parent, body="A reply from someone else.")


def post(page: Page, name: str, body: str) -> int:
    """Post a comment with the page's form; the id of the comment it made."""
    page.fill("#comment-form-name", name)
    page.fill("#comment-form-body", body)
    page.click("#comment-form-submit")
    comment = page.locator("li.comment", has_text=body).first
    expect(comment).to_be_visible()
    return int(comment.get_attribute("id").removeprefix("comment-"))


def test_edit_and_delete_with_htmx_within_the_window_and_not_after(
    page: Page, base_url: str, story: Story
):
    page.goto(base_url + story.path)
    first = post(page, "Huda", "Frist thoughts.")
    comment = page.locator(f"#comment-{first}")

    # Edit: the comment becomes a form with its text and its own counter.
    comment.get_by_role("link", name="Edit your comment").click()
    body = page.locator(f"#edit-form-{first}-body")
    expect(body).to_have_value("Frist thoughts.")
    expect(body).to_be_focused()
    body.fill("First thoughts, corrected.")
    expect(page.locator(f"#edit-form-{first}-counter")).to_have_text("1474 characters left")
    page.get_by_role("button", name="Save changes").click()
    expect(comment.locator(".comment-body")).to_have_text("First thoughts, corrected.")
    expect(comment.locator(".edited time")).to_have_count(1)
    expect(comment.locator(".posted-note")).to_have_text("Your changes were saved.")

    # Cancel puts the comment back as it was.
    comment.get_by_role("link", name="Edit your comment").click()
    page.get_by_role("link", name="Cancel").click()
    expect(comment.locator(".comment-body")).to_have_text("First thoughts, corrected.")
    expect(comment.get_by_role("link", name="Edit your comment")).to_be_focused()

    # Delete asks first; "Keep it" keeps it; the second button deletes it.
    comment.get_by_role("link", name="Delete your comment").click()
    expect(comment.get_by_text("Delete this comment?")).to_be_visible()
    comment.get_by_role("link", name="Keep it").click()
    expect(comment.get_by_role("link", name="Delete your comment")).to_be_focused()
    comment.get_by_role("link", name="Delete your comment").click()
    comment.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator(f"#comment-{first}")).to_have_count(0)
    expect(page.locator("#comment-count")).to_have_text("1 Comment")

    # Past the window: the open form refuses, keeping the text.
    late = post(page, "Huda", "Second thoughts.")
    page.locator(f"#comment-{late}").get_by_role("link", name="Edit your comment").click()
    story.age(late)
    page.fill(f"#edit-form-{late}-body", "Second thoughts, too late.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(f"#edit-form-{late}-status")).to_have_text(TOO_LATE)
    expect(page.locator(f"#edit-form-{late}-body")).to_have_value("Second thoughts, too late.")

    # After a reply: Delete stays, Edit goes; past the window, neither (and no Report).
    answered = post(page, "Huda", "Third thoughts.")
    story.reply_to(answered)
    page.reload()
    mine = page.locator(f"#comment-{answered} > article")
    expect(mine.get_by_role("link", name="Delete your comment")).to_be_visible()
    expect(mine.get_by_role("link", name="Edit your comment")).to_have_count(0)
    expect(page.locator(f"#report-{late}")).to_be_empty()


def test_edit_and_delete_without_javascript(browser: Browser, base_url: str, story: Story):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + story.path)
        first = post(page, "Karim", "Typo here.")
        comment = page.locator(f"#comment-{first}")

        comment.get_by_role("link", name="Edit your comment").click()
        expect(page).to_have_url(re.compile(rf"\?edit={first}#comment-{first}$"))
        page.fill(f"#edit-form-{first}-body", "No typo here.")
        page.get_by_role("button", name="Save changes").click()
        expect(page).to_have_url(re.compile(rf"\?mine=1#comment-{first}$"))
        expect(comment.locator(".comment-body")).to_have_text("No typo here.")
        expect(comment.locator(".edited time")).to_have_count(1)

        comment.get_by_role("link", name="Delete your comment").click()
        expect(page).to_have_url(re.compile(rf"\?delete={first}#comment-{first}$"))
        expect(page.get_by_text("Delete this comment?")).to_be_visible()
        page.get_by_role("button", name="Delete", exact=True).click()
        expect(page.locator(f"#comment-{first}")).to_have_count(0)

        # Past the window: the page comes back with the form and the text.
        late = post(page, "Karim", "Late words.")
        page.locator(f"#comment-{late}").get_by_role("link", name="Edit your comment").click()
        story.age(late)
        page.fill(f"#edit-form-{late}-body", "Late words, changed.")
        page.get_by_role("button", name="Save changes").click()
        expect(page.locator(f"#edit-form-{late}-status")).to_have_text(TOO_LATE)
        expect(page.locator(f"#edit-form-{late}-body")).to_have_value("Late words, changed.")

        # After a reply: no Edit link on the private page.
        answered = post(page, "Karim", "Answer this.")
        story.reply_to(answered)
        page.goto(base_url + story.path + "?mine=1")
        mine = page.locator(f"#comment-{answered} > article")
        expect(mine.get_by_role("link", name="Delete your comment")).to_be_visible()
        expect(mine.get_by_role("link", name="Edit your comment")).to_have_count(0)
    finally:
        context.close()


def test_editing_in_the_arabic_edition(page: Page, base_url: str, site: Flask):
    story = Story(site, language="ar")
    page.goto(base_url + story.path)
    first = post(page, "هدى", "رأي أول فيه خطأ.")
    comment = page.locator(f"#comment-{first}")
    edit = comment.get_by_role("link", name="تعديل تعليقك")
    delete = comment.get_by_role("link", name="حذف تعليقك")
    # Right to left: Edit comes first, at the right.
    assert edit.bounding_box()["x"] > delete.bounding_box()["x"]

    edit.click()
    body = page.locator(f"#edit-form-{first}-body")
    expect(body).to_have_value("رأي أول فيه خطأ.")
    body.fill("رأي أول مصحح.")
    page.get_by_role("button", name="حفظ التعديلات").click()
    expect(comment.locator(".comment-body")).to_have_text("رأي أول مصحح.")
    expect(comment.locator(".edited")).to_contain_text("عُدّل")
    expect(comment.locator(".posted-note")).to_have_text("حُفظت تعديلاتك.")
