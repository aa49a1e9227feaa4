"""Commenting in Chromium: the live counter, posting, errors, replies, more, no-JS."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from support import Factory

from newsite.extensions import db
from newsite.models import Article

ANATOMY = "/iraq/security/checkpoint-reopens-on-the-road-to-the-northern-crossing"
RUNNERS = "/syria/sport/nine-hundred-runners-take-part-in-the-first-latakia-coastal-10k"
PENALTY = "/iraq/sport/late-penalty-sends-tigris-stars-into-the-cup-semi-finals"
LEAGUE = "/iraq/sport/najaf-youth-league-signs-up-a-record-64-teams"
CROPS = "/syria/economy/spring-crops-bring-vegetable-prices-down-in-damascus-markets"
# Text set as a script would (a paste is tested in test_comment_ux_in_browser.py).
OVERFILL = """(el, n) => {
    el.value = "x".repeat(n);
    el.dispatchEvent(new Event("input", {bubbles: true}));
}"""
TYPING = {
    "plain": "Plain words from a reader.",
    "emoji": "Great result 🎉🎉 👩‍👩‍👧",
    "arabic": "مَرْحَبًا بِكُمْ، شُكْرًا عَلَى التَّقْرِيرِ",
    "newlines": "first line\nsecond line\n\n\nfifth line\n",
}


def counter(page: Page, form_id: str = "comment-form"):
    return page.locator(f"#{form_id}-counter")


@pytest.mark.parametrize("name", TYPING)
def test_counter_shows_what_the_browser_counts(page: Page, base_url: str, name: str):
    page.goto(base_url + ANATOMY)
    box = page.locator("#comment-form-body")
    expect(counter(page)).to_have_text("1500 characters left")

    box.fill(TYPING[name])

    browser_length = box.evaluate("el => el.value.length")
    expect(counter(page)).to_have_text(f"{1500 - browser_length} characters left")


def test_counter_warns_near_the_limit_and_refuses_the_submit_when_over(page: Page, base_url: str):
    page.goto(base_url + ANATOMY)
    box = page.locator("#comment-form-body")

    box.fill("x" * 1450)
    expect(counter(page)).to_have_class(re.compile("counter--near"))
    box.evaluate(OVERFILL, 1512)
    expect(counter(page)).to_have_text("-12 characters left")
    expect(counter(page)).to_have_class(re.compile("counter--over"))
    expect(page.locator("#comment-form-submit")).to_be_disabled()

    box.fill("x" * 10)
    expect(page.locator("#comment-form-submit")).to_be_enabled()


def test_posting_shows_the_comment_and_new_count_without_a_reload(page: Page, base_url: str):
    page.goto(
        base_url + "/syria/sport/nine-hundred-runners-take-part-in-the-first-latakia-coastal-10k"
    )
    page.evaluate("window.notReloaded = true")
    before = int(page.locator("#comment-count").inner_text().split()[0])

    page.fill("#comment-form-name", "Dalia")
    page.fill("#comment-form-body", "I ran it too 🏃 and the sea\nwas beautiful.")
    page.click("#comment-form-submit")

    new = page.locator("#comment-thread > li").last
    expect(new).to_contain_text("I ran it too 🏃 and the sea")
    expect(new.locator(".comment-author")).to_have_text("Dalia")
    expect(page.locator("#comment-count")).to_have_text(
        f"{before + 1} Comment" + ("s" if before else "")
    )
    expect(page.locator("#comment-form-body")).to_have_value("")
    expect(counter(page)).to_have_text("1500 characters left")
    assert page.evaluate("window.notReloaded") is True


def test_an_error_shows_inline_and_keeps_the_text(page: Page, base_url: str):
    page.goto(base_url + ANATOMY)
    page.fill("#comment-form-body", "Words I do not want to lose")
    page.click("#comment-form-submit")

    expect(page.locator("#comment-form-name-error")).to_have_text("Please enter your name.")
    expect(page.locator("#comment-form-body")).to_have_value("Words I do not want to lose")
    expect(page.locator("#comment-form-name")).to_have_attribute("aria-invalid", "true")


def test_reply_opens_under_its_comment_one_at_a_time_cancels_and_posts(page: Page, base_url: str):
    page.goto(base_url + "/iraq/sport/late-penalty-sends-tigris-stars-into-the-cup-semi-finals")
    first, second = (
        page.locator("#comment-thread > li").nth(0),
        page.locator("#comment-thread > li").nth(1),
    )

    first.locator(".reply-link").first.click()
    expect(first.locator(".reply-form")).to_be_visible()
    expect(first.locator(".reply-form input[name=name]")).to_be_focused()
    second.locator(".reply-link").first.click()
    expect(second.locator(".reply-form")).to_be_visible()
    expect(page.locator(".reply-form")).to_have_count(1)

    second.locator(".cancel-reply").click()
    expect(page.locator(".reply-form")).to_have_count(0)

    first.locator(".reply-link").first.click()
    form = first.locator(".reply-form")
    # Focus moves to the form once htmx has settled it: typing before then would
    # be faster than any reader and than htmx binding the counter.
    expect(form.locator("input[name=name]")).to_be_focused()
    form.locator("input[name=name]").fill("Haider")
    form.locator("textarea").fill("Agreed, what a night.")
    expect(form.locator(".counter")).to_have_text("1479 characters left")
    form.locator("button[type=submit]").click()

    expect(first.locator(".replies").first).to_contain_text("Agreed, what a night.")
    expect(page.locator(".reply-form")).to_have_count(0)


def test_show_more_comments_loads_the_next_page_in_place(page: Page, base_url: str, site):
    make = Factory(site)
    article_url = "/iraq/sport/najaf-youth-league-signs-up-a-record-64-teams"

    with site.app_context():
        article = db.session.scalar(
            db.select(Article).filter_by(slug=article_url.rsplit("/", 1)[1])
        )
    for n in range(5):
        make.comment(article, body=f"Coach number {n} says thanks")

    page.goto(base_url + LEAGUE)
    expect(page.get_by_text("Coach number 2 says thanks")).to_be_visible()
    expect(page.get_by_text("Coach number 3 says thanks")).to_have_count(0)
    page.get_by_role("link", name="Show more comments").click()

    expect(page.get_by_text("Coach number 4 says thanks")).to_be_visible()
    expect(page.get_by_text("Coach number 0 says thanks")).to_be_visible()  # page 1 stays
    assert page.url == base_url + LEAGUE
    expect(page.get_by_role("link", name="Show more comments")).to_have_count(0)


def test_post_and_reply_work_without_javascript(browser: Browser, base_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    article = (
        base_url + "/syria/economy/spring-crops-bring-vegetable-prices-down-in-damascus-markets"
    )
    page.goto(article)

    page.fill("#comment-form-name", "Farid")
    page.fill("#comment-form-body", "Tomatoes were half price\non Thursday.")
    page.click("#comment-form-submit")

    assert re.search(r"#comment-\d+$", page.url)
    mine = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    expect(mine).to_contain_text("Tomatoes were half price")

    mine.locator(".reply-link").click()
    assert "reply_to=" in page.url
    form = page.locator(".reply-form")
    form.locator("input[name=name]").fill("Salma")
    form.locator("textarea").fill("Not at our market.")
    form.locator("button[type=submit]").click()

    reply = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    expect(reply).to_contain_text("Not at our market.")
    parent_id = mine.get_attribute("id").removeprefix("comment-")
    expect(page.locator(f"#replies-{parent_id}")).to_contain_text("Not at our market.")

    # An error without JavaScript: the page comes back with the message and the text.
    page.goto(article)
    page.fill("#comment-form-body", "No name given")
    page.click("#comment-form-submit")
    expect(page.locator("#comment-form-name-error")).to_be_visible()
    expect(page.locator("#comment-form-body")).to_have_value("No name given")
    context.close()
