"""Second layers (issue 13, item 9): HTML marked safe only in reviewed places, and the
editors' HTML in pages ignored by htmx."""

from __future__ import annotations

import re

from support import PROJECT_ROOT

# Each place that marks HTML as safe, and why it may: reviewed, and listed here so a
# new one fails this test until someone has looked at it.
REVIEWED = {
    # Article bodies: Markdown rendered and sanitised with nh3 when saved (text.py).
    ("templates/public/article.html", "| safe"),
    ("templates/admin/article_form.html", "| safe"),
    ("templates/admin/revision.html", "| safe"),
    # The newsroom's pages: Markdown rendered and sanitised the same way when saved.
    ("templates/public/page.html", "| safe"),
    # Bylines: translated sentences from our catalog; names and datelines escaped by
    # Markup.format and Markup.escape (bylines.py).
    ("newsite/bylines.py", "Markup("),
    # Search snippets: the text is escaped first, then only <mark> is added.
    ("newsite/search/service.py", "Markup("),
    # Comment text: escaped piece by piece, links built by us (comments/rules.py).
    ("newsite/comments/rules.py", "Markup("),
    # <time> elements: a constant template whose values Markup.format escapes (templating.py).
    ("newsite/templating.py", "Markup("),
}
TRUSTING = re.compile(r"\|\s*safe\b|Markup\(|render_template_string")


def places_that_trust_html() -> set[tuple[str, str]]:
    found = set()
    for folder, pattern in (("templates", "*.html"), ("newsite", "*.py")):
        for path in (PROJECT_ROOT / folder).rglob(pattern):
            for match in TRUSTING.finditer(path.read_text(encoding="utf-8")):
                kind = "| safe" if match.group().startswith("|") else match.group()
                found.add((str(path.relative_to(PROJECT_ROOT)), kind))
    return found


def test_html_is_marked_safe_only_in_reviewed_places():
    assert places_that_trust_html() <= REVIEWED, "review these and list them in REVIEWED"


def test_article_bodies_are_out_of_htmx_reach(client, make):
    article = make.article(body="Text with a [link](https://example.org).")
    html = client.get(f"/{article.edition.slug}/{article.section.slug}/{article.slug}").text
    assert '<div class="story-body" data-hx-disable>' in html
