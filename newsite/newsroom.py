"""The newsroom's own pages: About us, the ethics and corrections policies, the
masthead, privacy and contact, which editors write in the admin (`Page` rows, one per
language, Markdown rendered when saved).

The set of pages is fixed here: each has a plain address (`/about`, `/about/ar`,
registered by `newsite.public.views`), a name in the admin, and, for some, the
schema.org property that links it from the site's `NewsMediaOrganization`
(`newsite.discovery.metadata`). A page whose row is missing in a language is a 404
there, and neither the footer nor the JSON-LD links it.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from newsite.extensions import db
from newsite.models import Author, Page

MASTHEAD = "masthead"


@dataclass(frozen=True)
class PageKind:
    slug: str
    name: str  # in the admin (English)
    schema_property: str | None = None  # how the NewsMediaOrganization links it


# In the footer's order (templates/includes/_footer.html). The about page is the
# site's publishingPrinciples: it says how we work and links the particular policies,
# which have properties of their own.
PAGES = (
    PageKind("about", "About us", "publishingPrinciples"),
    PageKind("ethics", "Ethics policy", "ethicsPolicy"),
    PageKind("corrections-policy", "Corrections policy", "correctionsPolicy"),
    PageKind(MASTHEAD, "Masthead", "masthead"),
    PageKind("privacy", "Privacy"),
    PageKind("contact", "Contact us"),
)
PAGE_SLUGS = tuple(kind.slug for kind in PAGES)
KINDS = {kind.slug: kind for kind in PAGES}


def existing_pages() -> frozenset[tuple[str, str]]:
    """(slug, language) of every page written: what the footer and the JSON-LD may link.
    Read with the navigation, once per taxonomy version (`newsite.templating`)."""
    return frozenset(
        (slug, language)
        for slug, language in db.session.execute(sa.select(Page.slug, Page.language))
    )


def find_page(slug: str, language: str) -> Page | None:
    return db.session.scalar(sa.select(Page).filter_by(slug=slug, language=language))


def masthead() -> list[Author]:
    """The staff on the masthead, in the order editors gave them."""
    return list(
        db.session.scalars(
            sa.select(Author)
            .where(Author.is_staff, sa.not_(Author.is_guest))
            .order_by(Author.masthead_position, Author.name, Author.id)
        )
    )
