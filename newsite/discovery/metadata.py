"""Sharing metadata for readers' pages: canonical URLs, Open Graph images and JSON-LD.

The templates in templates/discovery/ call these as globals. Everything they
return is derived from the article and the taxonomy (covered by the article
page's cache key) and from SITE_URL, which is fixed for the life of a process.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app, g, request, url_for

from newsite import newsroom
from newsite.bylines import byline_of
from newsite.discovery import bp
from newsite.discovery.urls import absolute, external_url_for
from newsite.languages import section_name, select_locale
from newsite.models import Article, Author, Photo, StoryType
from newsite.story_types import schema_type
from newsite.templating import navigation

LOGO_SIZE = (600, 60)  # Google's publisher logo: at most 600 x 60 pixels


@bp.app_template_global()
def iso8601(value: datetime | None) -> str:
    """A stored UTC time as ISO 8601 with its zone, e.g. 2024-05-01T09:30:00Z."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


@bp.app_template_global()
def absolute_url(path: str) -> str:
    return absolute(path)


@bp.app_template_global()
def canonical_url() -> str:
    """This reader page's absolute URL: its endpoint and path, plus `?page=N` after page 1
    on a listing that reads it (anywhere else `?page=` would be kept in a shared page)."""
    page = request.args.get("page", type=int)
    values = dict(request.view_args or {})
    if page and page > 1 and "page" in g.get("page_reads", ()):
        values["page"] = page
    return external_url_for(request.endpoint or "public.home", **values)


@bp.app_template_global()
def share_image(photo: Photo | None) -> dict[str, Any] | None:
    """The largest rendition of a photo: absolute URL, size and alt text, for og:image."""
    if photo is None:
        return None
    width = photo.widths[-1]
    return {
        "url": absolute(photo.url()),
        "width": width,
        "height": round(photo.height * width / photo.width),
        "alt": photo.alt_text or photo.caption,
        "caption": photo.caption,
    }


@bp.app_template_global()
def date_modified(article: Any) -> datetime | None:
    """When an article last changed for its readers: its last substantive update or
    correction (`modified_at`), else its publication, never before it. What JSON-LD,
    Open Graph, feeds and sitemaps say; a typo fix does not move it. `article` is an
    `Article` or a row with its `modified_at` and `published_at`."""
    modified, published = article.modified_at, article.published_at
    if modified is None or published is None:
        return modified or published
    return max(modified, published)


@bp.app_template_global()
def article_json_ld(article: Article) -> dict[str, Any]:
    """schema.org NewsArticle (its subtype for the story's type) for an article page."""
    url = absolute(article.url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": schema_type(article),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.summary,
        "datePublished": iso8601(article.published_at),
        "dateModified": iso8601(date_modified(article)),
        "author": [
            {"@type": "Person", "name": writer.name, "url": author_url(writer)}
            for writer in byline_of(article).writers
        ],
        "publisher": publisher_json_ld(),
        "articleSection": section_name(article.section, article.edition.language),
        "inLanguage": article.edition.language,
    }
    if article.dateline:
        data["dateline"] = article.dateline
    if article.corrections:  # removed ones are not in the relationship
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": iso8601(correction.created_at),
            }
            for correction in article.corrections
        ]
    if article.story_type == StoryType.SPONSORED and article.sponsor:
        data["sponsor"] = {"@type": "Organization", "name": article.sponsor}
    if image := share_image(article.lead_photo):
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": image["url"],
                "width": image["width"],
                "height": image["height"],
                "caption": image["caption"],
            }
        ]
    return data


@bp.app_template_global()
def author_url(author: Author) -> str:
    """An author's page as an absolute URL (structured data, feeds, `article:author`)."""
    return external_url_for("public.author", slug=author.slug)


def publisher_json_ld() -> dict[str, Any]:
    """The article's publisher: the site's NewsMediaOrganization, which every page
    describes once (`organization_json_ld`), named by its `@id`."""
    return {"@id": organization_id()}


def organization_id() -> str:
    return external_url_for("public.home") + "#organization"


@bp.app_template_global()
def organization_json_ld() -> dict[str, Any]:
    """schema.org NewsMediaOrganization, on every page once (templates/base.html): the
    site, its logo, and the newsroom's pages that are written in the page's language.

    Which pages exist comes with the navigation (one cached lookup per taxonomy
    version, which every page's version includes): no query of its own."""
    width, height = LOGO_SIZE
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsMediaOrganization",
        "@id": organization_id(),
        "name": current_app.config["SITE_NAME"],
        "url": external_url_for("public.home"),
        "logo": {
            "@type": "ImageObject",
            "url": external_url_for("discovery.logo"),
            "width": width,
            "height": height,
        },
    }
    language = select_locale()
    written = navigation().pages
    for kind in newsroom.PAGES:
        if kind.schema_property and (kind.slug, language) in written:
            data[kind.schema_property] = external_url_for(
                "public.static_page", page=kind.slug, language=language
            )
    return data


@bp.app_template_global()
def breadcrumb_json_ld(article: Article) -> dict[str, Any]:
    """schema.org BreadcrumbList: Home › Edition › Section › Article."""
    edition, section = article.edition, article.section
    trail = [
        (current_app.config["SITE_NAME"], url_for("public.home")),
        (edition.name, url_for("public.edition", edition=edition.slug)),
        (
            section_name(section, edition.language),
            url_for("public.edition_section", edition=edition.slug, section=section.slug),
        ),
        (article.headline, article.url()),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }
