"""Reporting and featuring comments in Chromium (issue 15, items 3 and 8): the report
form in place with htmx, the hold for review after the third reader, a moderator
featuring from the thread, the report without JavaScript and in the Arabic edition."""

from __future__ import annotations

import secrets

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from support import Factory

THANKS = "Thank you. Our moderators will look at this comment."
PASSWORD = "a long moderation passphrase"


@pytest.fixture
def story(site: Flask):
    """A fresh article with a comment and a reply, in a new edition (`language`)."""

    def make_story(language: str = "en"):
        make = Factory(site)
        tag = secrets.token_hex(4)
        article = make.article(
            edition=make.edition(
                slug=f"rep-{tag}", name=f"Report {tag}", language=language, position=10_000
            ),
            section=make.section(slug=f"rep-section-{tag}", name=f"Report section {tag}"),
            author=make.author(slug=f"rep-author-{tag}", name=f"Writer {tag}"),
            slug=f"rep-story-{tag}",
        )
        comment = make.comment(article, name="Karim", body="A remark some find rude.")
        make.comment(article, parent=comment, name="Huda", body="A reply that stays.")
        url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
        return make, comment, url

    return make_story


def report_with_htmx(page: Page, comment_id: int, reason: str, note: str = "") -> None:
    page.locator(f"#report-{comment_id}").click()
    form = page.locator(f"#report-form-{comment_id}")
    expect(form.locator("input[type=radio]").first).to_be_focused()
    form.locator("label").filter(has=page.locator(f"input[value={reason}]")).click()
    if note:
        form.locator("textarea").fill(note)
    form.get_by_role("button").click()


def test_reports_in_place_hold_the_comment_after_the_third_reader(
    browser: Browser, base_url: str, story
):
    _make, comment, url = story()
    thread = f"#comment-{comment.id}"
    for n in range(3):
        # Each reader a browser of their own (and its own User-Agent: one client's
        # cookie-less first actions within a second are taken as one reader's).
        context = browser.new_context(user_agent=f"Reader browser {n}")
        page = context.new_page()
        page.goto(base_url + url)
        if n == 0:
            # Cancel puts the link back, the page never left.
            page.locator(f"#report-{comment.id}").click()
            page.locator(f"#report-form-{comment.id} .cancel-report").click()
            expect(page.locator(f"a#report-{comment.id}")).to_be_visible()
        report_with_htmx(page, comment.id, "abuse", note=f"Reader {n} objects.")
        done = page.locator(f"#report-{comment.id}")
        expect(done).to_have_text(THANKS)
        expect(done).to_be_focused()
        assert page.url == base_url + url
        context.close()

    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + url)
    held = page.locator(thread)
    expect(held.locator("> article")).to_have_text("This comment is being reviewed.")
    expect(held).to_contain_text("A reply that stays.")
    expect(page.get_by_text("A remark some find rude.")).to_have_count(0)
    context.close()


def test_a_moderator_features_a_comment_from_the_thread(page: Page, base_url: str, story):
    make, comment, url = story()
    moderator = make.editor("moderator", password=PASSWORD)
    page.goto(base_url + "/admin/")
    page.fill("#email", moderator.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")

    page.goto(base_url + url)
    button = page.locator(f"#feature-{comment.id} button")
    expect(button).to_contain_text("Feature")
    button.click()
    expect(page.locator(f"#feature-{comment.id} button")).to_contain_text("Unfeature")

    page.reload()
    featured = page.locator(".featured-comments")
    expect(featured.get_by_role("heading")).to_have_text("Featured comments")
    expect(featured).to_contain_text("A remark some find rude.")
    expect(page.locator(f"#comment-{comment.id} .comment-label")).to_have_text("Featured")
    featured.get_by_role("link").first.click()
    assert page.url.endswith(f"#comment-{comment.id}")


def test_a_report_without_javascript(browser: Browser, base_url: str, story):
    _make, comment, url = story()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    page.locator(f"#report-{comment.id}").click()
    assert f"report={comment.id}" in page.url
    form = page.locator(f"#report-form-{comment.id}")
    form.locator("label", has_text="Something else").click()
    form.locator("textarea").fill("x" * 301)
    form.get_by_role("button").click()
    # Too long: the form again, the note kept, nothing sent.
    expect(page.locator(f"#report-form-{comment.id} .field-error")).to_contain_text("at most 300")
    expect(page.locator(f"#report-form-{comment.id} textarea")).to_have_value("x" * 301)
    page.locator(f"#report-form-{comment.id} textarea").fill("Off the subject entirely.")
    page.locator(f"#report-form-{comment.id}").get_by_role("button").click()
    assert f"reported={comment.id}" in page.url and page.url.endswith(f"#comment-{comment.id}")
    expect(page.locator(f"#report-{comment.id}")).to_have_text(THANKS)
    context.close()


def test_a_report_in_the_arabic_edition(page: Page, base_url: str, story):
    _make, comment, url = story(language="ar")
    page.goto(base_url + url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    report_with_htmx(page, comment.id, "spam", note="تعليق مسيء")
    done = page.locator(f"#report-{comment.id}.report-done")
    expect(done).to_be_visible()
    expect(done).not_to_be_empty()
    # The form mirrored: its rule on the reading side's start, the right.
    page.reload()
    page.locator(f"#report-{comment.id}").click()
    form = page.locator(f"#report-form-{comment.id}")
    expect(form).to_be_visible()
    widths = form.evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert widths == ["4px", "0px"]
