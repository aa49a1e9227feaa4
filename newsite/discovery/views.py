"""Feeds, sitemaps, robots.txt and the publisher logo."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, render_template, request
from flask_babel import gettext as _

from newsite.bylines import credited_by
from newsite.discovery import bp
from newsite.discovery.feeds import ATOM_TYPE, atom_feed, corrections_atom, feed_articles
from newsite.discovery.logo import logo_png
from newsite.discovery.metadata import LOGO_SIZE
from newsite.discovery.sitemaps import (
    article_sitemaps,
    articles_in_sitemap,
    news_articles,
    taxonomy_slugs,
)
from newsite.discovery.urls import external_url_for
from newsite.extensions import db
from newsite.languages import DEFAULT, LANGUAGES, section_name, use_language
from newsite.models import Article, Author, Edition, Section, in_language
from newsite.public.caching import public_page
from newsite.public.corrections import OTHER_LANGUAGES

XML_TYPE = "application/xml; charset=utf-8"
LOGO_MAX_AGE = 24 * 3600

# Views under `public_page` return (body, headers): the pair is what its cache keeps.
Body = tuple[Any, dict[str, str]]


def _feed(title: str, subtitle: str, page_url: str, articles: list[Article], **kw: Any) -> Body:
    xml = atom_feed(
        title=title,
        subtitle=subtitle,
        page_url=page_url,
        self_url=external_url_for(request.endpoint or "", **(request.view_args or {})),
        articles=articles,
        **kw,
    )
    return xml, {"Content-Type": ATOM_TYPE}


@bp.get("/feeds/all.atom")
@public_page
def site_feed() -> Body:
    """The newest public articles of the whole site."""
    name = current_app.config["SITE_NAME"]
    return _feed(
        f"{name}: latest news",
        "Independent news from Iraq, Syria and the region.",
        external_url_for("public.home"),
        feed_articles(),
    )


@bp.get("/feeds/editions/<slug:slug>.atom")
@public_page
def edition_feed(slug: str) -> Body:
    """The newest public articles of one edition."""
    edition = db.first_or_404(db.select(Edition).filter_by(slug=slug))
    return _feed(
        f"{edition.name} – {current_app.config['SITE_NAME']}",
        edition.description or f"The latest {edition.name} stories.",
        external_url_for("public.edition", edition=edition.slug),
        feed_articles(Article.edition_id == edition.id),
        language=edition.language,
    )


@bp.get("/feeds/sections/<slug:slug>.atom")
@public_page
def section_feed(slug: str) -> Body:
    """The newest public articles of one section across the editions in the default
    language, as its page lists them; other languages' editions have their own
    (`edition_section_feed`)."""
    section = db.first_or_404(db.select(Section).filter_by(slug=slug))
    return _feed(
        f"{section.name} – {current_app.config['SITE_NAME']}",
        f"The latest {section.name} stories from every edition in English.",
        external_url_for("public.section", section=section.slug),
        feed_articles(Article.section_id == section.id, in_language(DEFAULT)),
        language=DEFAULT,
    )


@bp.get("/feeds/editions/<slug:edition>/sections/<slug:section>.atom")
@public_page
def edition_section_feed(edition: str, section: str) -> Body:
    """The newest public articles of one section of one edition, in its language."""
    found_edition = db.first_or_404(db.select(Edition).filter_by(slug=edition))
    found_section = db.first_or_404(db.select(Section).filter_by(slug=section))
    name = section_name(found_section, found_edition.language)
    return _feed(
        f"{found_edition.name}: {name} – {current_app.config['SITE_NAME']}",
        f"{name} – {found_edition.name}",  # in the edition's language, as its entries
        external_url_for(
            "public.edition_section", edition=found_edition.slug, section=found_section.slug
        ),
        feed_articles(
            Article.edition_id == found_edition.id, Article.section_id == found_section.id
        ),
        language=found_edition.language,
    )


@bp.get("/feeds/authors/<slug:slug>.atom")
@public_page
def author_feed(slug: str) -> Body:
    """The newest public articles one author worked on, in any role (as their page)."""
    author = db.first_or_404(db.select(Author).filter_by(slug=slug))
    return _feed(
        f"{author.name} – {current_app.config['SITE_NAME']}",
        f"Stories by {author.name}.",
        external_url_for("public.author", slug=author.slug),
        feed_articles(credited_by(author.id)),
    )


@bp.get("/feeds/corrections.atom", defaults={"language": DEFAULT})
@bp.get(f"/feeds/corrections/<any({OTHER_LANGUAGES}):language>.atom")
@public_page
def corrections_feed(language: str) -> Body:
    """The newest corrections and clarifications of the articles in one language."""
    use_language(language)
    heading = _("Corrections and clarifications")
    xml = corrections_atom(
        title=f"{heading} – {current_app.config['SITE_NAME']}",
        subtitle=_("Every correction and clarification, newest first."),
        page_url=external_url_for("public.corrections", language=language),
        self_url=external_url_for("discovery.corrections_feed", language=language),
        language=language,
    )
    return xml, {"Content-Type": ATOM_TYPE}


@bp.get("/sitemap.xml")
@public_page
def sitemap_index() -> Body:
    """The sitemap index: the pages sitemap, the news sitemap and one per id range."""
    xml = render_template("discovery/sitemap_index.xml", article_sitemaps=article_sitemaps())
    return xml, {"Content-Type": XML_TYPE}


@bp.get("/sitemaps/articles-<id:number>.xml")
@public_page
def article_sitemap(number: int) -> Body:
    """The public articles of one id range, with their last modification."""
    rows = articles_in_sitemap(number)
    if not rows:
        abort(404)
    return render_template("discovery/articles.xml", rows=rows), {"Content-Type": XML_TYPE}


@bp.get("/sitemaps/pages.xml")
@public_page
def pages_sitemap() -> Body:
    """Home, editions, sections (alone and within editions), authors, tags, the policy,
    the newsroom's pages and the corrections page of each language."""
    editions, sections, authors, tags = taxonomy_slugs()
    xml = render_template(
        "discovery/pages.xml",
        editions=editions,
        sections=sections,
        authors=authors,
        tags=tags,
        languages=sorted(LANGUAGES),
    )
    return xml, {"Content-Type": XML_TYPE}


@bp.get("/sitemaps/news.xml")
@public_page
def news_sitemap() -> Body:
    """Google News sitemap: public articles of the last two days."""
    xml = render_template("discovery/news.xml", rows=news_articles())
    return xml, {"Content-Type": XML_TYPE}


@bp.get("/robots.txt")
def robots() -> Response:
    """Crawlers: everything but the admin and the POST endpoints; where the sitemaps are."""
    text = render_template("discovery/robots.txt")
    response = Response(text, mimetype="text/plain")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.get("/publisher-logo.png")
def logo() -> Response:
    """The publisher logo for structured data and feeds, drawn by Pillow."""
    response = Response(logo_png(current_app.config["SITE_NAME"], LOGO_SIZE), mimetype="image/png")
    response.cache_control.public = True
    response.cache_control.max_age = LOGO_MAX_AGE
    response.add_etag()
    return response.make_conditional(request)
