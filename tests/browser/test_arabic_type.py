"""Arabic type in Chromium: about 12% larger than Latin throughout, and never slanted."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page

from newsite.extensions import db
from newsite.models import Article, Edition

# What a reader sees on both pages of a translated article.
PARTS = ["h1", ".standfirst", ".byline", ".story-body p", ".breadcrumb ol", ".comments > h2"]


def font_sizes(page: Page) -> dict[str, float]:
    return {
        part: page.eval_on_selector(part, "e => parseFloat(getComputedStyle(e).fontSize)")
        for part in PARTS
    }


@pytest.fixture(scope="module")
def translated(site: Flask) -> tuple[str, str]:
    with site.test_request_context():
        arabic = db.session.scalar(
            db.select(Article)
            .join(Article.edition)
            .where(Edition.language == "ar", Article.translation_id.is_not(None))
            .limit(1)
        )
        return db.session.get(Article, arabic.translation_id).url(), arabic.url()


def test_arabic_text_is_about_twelve_percent_larger_than_latin_throughout(
    page: Page, base_url: str, translated: tuple[str, str]
):
    english_url, arabic_url = translated
    page.goto(base_url + english_url)
    english = font_sizes(page)
    page.goto(base_url + arabic_url)
    arabic = font_sizes(page)
    for part in PARTS:
        assert 1.10 <= arabic[part] / english[part] <= 1.15, (part, english[part], arabic[part])


def test_arabic_emphasis_and_quotes_are_not_slanted(
    page: Page, base_url: str, translated: tuple[str, str]
):
    page.goto(base_url + translated[1])
    styles = page.evaluate(
        """() => {
          const body = document.querySelector('.story-body');
          const quote = '<blockquote><p>«نص <em>مؤكد</em>»</p></blockquote>';
          body.insertAdjacentHTML('beforeend', quote);
          const style = e => getComputedStyle(e);
          const em = body.querySelector('blockquote em');
          return {quote: style(body.querySelector('blockquote')).fontStyle,
                  em: style(em).fontStyle, weight: style(em).fontWeight,
                  synthesis: style(em).fontSynthesisStyle};
        }"""
    )
    assert styles == {"quote": "normal", "em": "normal", "weight": "700", "synthesis": "none"}
