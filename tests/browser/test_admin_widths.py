"""The admin on a phone, a tablet and a laptop (issue 17, item 11): no admin page scrolls
sideways at 360, 768, 1024 or 1280 px. The pages are every GET route of the admin
blueprint, found in the URL map and filled with ids from the seeded demo site, so a
page added later is swept too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from support import Factory
from werkzeug.routing.converters import AnyConverter

from newsite.extensions import db
from newsite.models import Article, ArticleRevision, Author, Edition, Section

PASSWORD = "a long newsroom passphrase"
WIDTHS = (360, 768, 1024, 1280)
# Ids whose name does not say their table.
TAXONOMY = {"editions": Edition, "sections": Section, "authors": Author}

# Elements reaching past the page's right (or, right to left, left) edge: named in a
# failure so the culprit is found without a screenshot.
WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter(e => {
      const r = e.getBoundingClientRect();
      return r.right > width + 1 || r.left < -1;
    })
    .filter(e => !e.closest(".visually-hidden, .skip-link"))
    .filter(e => { for (let a = e.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return false; } return true; })
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
         (typeof e.className === "string" && e.className ? "." + e.className.split(" ")[0] : "") +
         " " + Math.round(e.getBoundingClientRect().width) + "px");
}"""


@pytest.fixture(scope="module")
def chief(site: Flask) -> Any:
    return Factory(site).editor("admin", email="widths@newsroom.example", password=PASSWORD)


def admin_pages(site: Flask) -> list[str]:
    """Every admin page an editor can open, with the demo site's ids in its address."""
    pages: list[str] = []
    with site.test_request_context(), site.app_context():
        # The story with a video card (the longest form), else any English one.
        english = db.session.scalar(
            sa.select(Article)
            .join(Article.edition)
            .where(Edition.language == "en")
            .order_by(Article.body.contains("youtube.com").desc(), Article.id)
            .limit(1)
        )
        arabic = db.session.scalar(
            sa.select(Article)
            .join(Article.edition)
            .where(Edition.language == "ar", Article.lead_photo_id.is_not(None))
            .limit(1)
        )
        for rule in site.url_map.iter_rules():
            if not rule.endpoint.startswith("admin.") or "GET" not in rule.methods:
                continue
            for values in _arguments(rule, [english, arabic]):
                pages.append(site.url_for(rule.endpoint, **values))
    return sorted(set(pages))


def _arguments(rule: Any, articles: list[Article]) -> Iterator[dict[str, Any]]:
    """Values for the rule's arguments: each of an `any(...)`'s words, each article."""
    choices: list[dict[str, Any]] = [{}]
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            options = sorted(converter.items)
        elif name == "article_id":
            options = [a.id for a in articles]
        elif name == "edition":
            options = [a.edition.slug for a in articles]
        else:
            options = [None]  # filled below, from the other values
        choices = [c | {name: o} for c in choices for o in options]
    for values in choices:
        for name, value in values.items():
            if value is None:
                values[name] = _id_for(name, values)
        yield values


def _id_for(name: str, values: dict[str, Any]) -> Any:
    if name == "number":
        # A demo article may have no saved versions: then another's, with its id.
        revisions = sa.select(ArticleRevision).order_by(
            (ArticleRevision.article_id == values["article_id"]).desc(), ArticleRevision.id
        )
        revision = db.session.scalar(revisions.limit(1))
        assert revision is not None, "the demo site has no saved versions of an article"
        values["article_id"] = revision.article_id
        return revision.number
    if name == "item_id":
        model = TAXONOMY[values["kind"]]
    else:
        table = name.removesuffix("_id")
        model = next(
            (m.class_ for m in db.Model.registry.mappers if m.class_.__tablename__ == table),
            None,
        )
        assert model is not None, f"test_admin_widths cannot fill <{name}>: teach _id_for"
    found = db.session.scalar(sa.select(model.id).order_by(model.id).limit(1))
    assert found is not None, f"the demo site has no {model.__name__} for <{name}>"
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_admin_page_scrolls_sideways(
    browser: Browser, site: Flask, base_url: str, chief: Any, width: int
) -> None:
    pages = admin_pages(site)
    assert len(pages) > 15
    context = browser.new_context(viewport={"width": width, "height": 800})
    page: Page = context.new_page()
    try:
        wide: dict[str, Any] = {}
        page.goto(base_url + "/admin/sign-in")
        wide.update(_measure(page, "/admin/sign-in"))
        page.fill("#email", chief.email)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Dashboard")
        for path in pages:
            response = page.goto(base_url + path)
            assert response is not None and response.status == 200, path
            if page.locator("main").count():  # a page, not an htmx fragment
                wide.update(_measure(page, path))
        if width == WIDTHS[0]:
            _walk_the_phone_desk(page, base_url)
        assert not wide, f"pages that scroll sideways at {width} px:\n" + "\n".join(
            f"{path}: {overflow} px too wide, by {culprits}"
            for path, (overflow, culprits) in wide.items()
        )
    finally:
        context.close()


def _measure(page: Page, path: str) -> dict[str, Any]:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return {path: (overflow, page.evaluate(WIDE_ELEMENTS))} if overflow > 0 else {}


def _walk_the_phone_desk(page: Page, base_url: str) -> None:
    """On a phone: each comment a card with its actions; "select all" ticks every
    comment in the queue; the photo search swaps the grid (Enter does not save the
    article); Save stays on screen."""
    page.goto(base_url + "/admin/comments")
    card = page.locator(".mod-row").first
    assert card.evaluate("e => getComputedStyle(e).display") == "block"  # a card, not a row
    for button in card.locator(".row-actions button").all():  # each within the screen's width
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[0]
    expect(page.locator(".select-all-link")).to_be_hidden()
    page.check("#select-all")
    ids = page.locator('input[name="ids"]')
    assert ids.count() > 0
    assert all(ids.nth(i).is_checked() for i in range(ids.count()))
    page.uncheck("#select-all")
    assert not any(ids.nth(i).is_checked() for i in range(ids.count()))

    page.goto(base_url + "/admin/articles/new")
    expect(page.locator(".form-actions--sticky button")).to_be_in_viewport()
    before = page.locator(".photo-picker-grid li").count()
    page.fill("#photo_id-q", "zzz-no-such-photo")
    expect(page.locator(".photo-picker-grid li")).to_have_count(1)  # "No photo" alone
    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" and "preview" not in r.url else None,
    )
    page.press("#photo_id-q", "Enter")
    page.wait_for_load_state("networkidle")
    assert posts == []  # the article was not saved
    page.fill("#photo_id-q", "")
    expect(page.locator(".photo-picker-grid li")).to_have_count(before)
