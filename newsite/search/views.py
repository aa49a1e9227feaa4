"""The search page: a plain GET form that htmx turns into live results."""

from __future__ import annotations

import re

from flask import abort, current_app, render_template, request

from newsite.extensions import db
from newsite.htmx import wants_fragment
from newsite.languages import use_language
from newsite.models import Edition, Section
from newsite.public.caching import public_page
from newsite.public.queries import MAX_PAGE
from newsite.search import bp
from newsite.search.query import MAX_QUERY_LENGTH, parse
from newsite.search.service import search
from newsite.text import SLUG_PATTERN


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        abort(404)
    return int(raw)


SLUG = re.compile(SLUG_PATTERN)


def _chosen(model: type[Edition] | type[Section], name: str) -> Edition | Section | None:
    """The edition or section picked in the filter; an unknown slug means "all"."""
    slug = request.args.get(name, "")
    # Only what could be a slug reaches the database (a NUL byte is an error there).
    if not SLUG.fullmatch(slug):
        return None
    return db.session.scalar(db.select(model).filter_by(slug=slug))


@bp.get("/search")
@public_page(reads=("q", "edition", "section", "sort", "page"))
def results() -> str:
    """Public articles matching the reader's words, with edition and section filters,
    best matches or the newest first (`sort=newest`)."""
    query = parse(request.args.get("q"))
    edition, section = _chosen(Edition, "edition"), _chosen(Section, "section")
    # Searching one edition speaks its language; searching them all, the default.
    use_language(edition.language if edition else None)
    page = _page_number()
    newest = request.args.get("sort") == "newest"
    found = search(
        query,
        edition_id=edition.id if edition else None,
        section_id=section.id if section else None,
        page=page,
        per_page=current_app.config["ARTICLES_PER_PAGE"],
        newest=newest,
    )
    if page > found.pages:
        abort(404)
    context = {
        "found": found,
        "query": query,
        "chosen_edition": edition,
        "chosen_section": section,
        "newest": newest,
        "max_query_length": MAX_QUERY_LENGTH,
        # The header's search box shows it too (templates/includes/_header.html).
        "search_query": query.shown,
    }
    if wants_fragment():
        return render_template("search/_results.html", oob=True, **context)
    return render_template("search/page.html", **context)
