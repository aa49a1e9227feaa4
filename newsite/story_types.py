"""What kind of story an article is, and what that changes: the label readers see
above its headline, its schema.org type, its sponsor's byline, and whether the
newsroom's own boxes ("Most read", "Most commented") may promote it."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask_babel import lazy_gettext as _l

from newsite.models import Article, StoryType

# Shown above the headline on the page and on teasers; news has no label.
LABELS = {
    StoryType.ANALYSIS: _l("Analysis"),
    StoryType.OPINION: _l("Opinion"),
    StoryType.EXPLAINER: _l("Explainer"),
    StoryType.INTERVIEW: _l("Interview"),
    StoryType.SPONSORED: _l("Sponsored"),
}

# The admin's names (the admin stays English), News first: the default.
NAMES = {
    StoryType.NEWS: "News",
    StoryType.ANALYSIS: "Analysis",
    StoryType.OPINION: "Opinion",
    StoryType.EXPLAINER: "Explainer",
    StoryType.INTERVIEW: "Interview",
    StoryType.SPONSORED: "Sponsored",
}

# schema.org's subtypes of NewsArticle (and the advertiser's own type) that search
# engines read to tell reporting from comment and advertising.
SCHEMA_TYPES = {
    StoryType.NEWS: "ReportageNewsArticle",
    StoryType.ANALYSIS: "AnalysisNewsArticle",
    StoryType.OPINION: "OpinionNewsArticle",
    StoryType.EXPLAINER: "BackgroundNewsArticle",
    StoryType.INTERVIEW: "NewsArticle",
    StoryType.SPONSORED: "AdvertiserContentArticle",
}


def story_label(article: Article) -> str:
    """The label above the article's headline, in the page's language ("" for news)."""
    label = LABELS.get(StoryType(article.story_type or StoryType.NEWS))
    return "" if label is None else str(label)


def schema_type(article: Article) -> str:
    return SCHEMA_TYPES[StoryType(article.story_type or StoryType.NEWS)]


def promotable() -> sa.ColumnElement[bool]:
    """Articles the newsroom's own boxes may recommend: not paid-for content, which
    readers should find only where it was placed, never as what others read most."""
    return Article.story_type != StoryType.SPONSORED


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(story_label=story_label)
