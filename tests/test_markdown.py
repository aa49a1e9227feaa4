"""Editors' Markdown: rendered once when saved, and only safe HTML comes out."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from newsite.extensions import db
from newsite.models import Article
from newsite.text import render_markdown, slugify


def test_markdown_gives_subheadings_quotes_lists_and_links():
    html = render_markdown(
        "## Part one\n\n> A quote.\n\n- one\n- two\n\n[the council](https://example.org/c)"
    )
    assert "<h2>Part one</h2>" in html
    assert "<blockquote>" in html and "<li>one</li>" in html
    assert '<a href="https://example.org/c" rel="noopener noreferrer">the council</a>' in html


def test_a_top_level_heading_in_the_body_becomes_h2_so_the_headline_stays_the_only_h1():
    assert render_markdown("# Big") == "<h2>Big</h2>\n"


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://x.test" onclick="alert(1)">x</a>',
        '<div hx-get="/evil" hx-trigger="load">x</div>',
        "<iframe src=https://x.test></iframe>",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_raw_html_and_dangerous_links_never_reach_the_page(source):
    elements = Elements()
    elements.feed(render_markdown(source))

    assert {tag for tag, _ in elements.found} <= {"p", "a"}
    for _tag, attrs in elements.found:
        assert {name for name, _ in attrs} <= {"href", "rel"}
        assert all(value.startswith("https://") for name, value in attrs if name == "href")


class Elements(HTMLParser):
    """Collects every element and its attributes: what a browser would build."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def test_body_is_rendered_when_saved_not_at_page_view(app, client, make):
    article = make.article(body="Saved *once*.")
    assert article.body_html == "<p>Saved <em>once</em>.</p>\n"

    # Change only the stored HTML: the page must show it as stored, not re-render the body.
    with app.app_context():
        db.session.execute(
            db.update(Article)
            .where(Article.id == article.id)
            .values(body_html="<p>Stored HTML</p>")
        )
        db.session.commit()
    html = client.get(f"/{article.edition.slug}/{article.section.slug}/{article.slug}").text

    assert "<p>Stored HTML</p>" in html and "<em>once</em>" not in html


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Checkpoint reopens on the northern road", "checkpoint-reopens-on-the-northern-road"),
        ("  Água & Power!  ", "agua-power"),
        ("2026: a year in 10 numbers", "2026-a-year-in-10-numbers"),
    ],
)
def test_slugify_makes_readable_url_parts(text, slug):
    assert slugify(text) == slug


def test_an_article_refuses_a_malformed_slug(make):
    with pytest.raises(ValueError):
        make.article(slug="Not A Slug")


def test_english_bodies_get_curly_quotes_and_apostrophes():
    html = render_markdown('The mayor said "the bridge is safe" and it\'s open -- for now...')
    assert "“the bridge is safe”" in html and "it’s" in html
    assert "–" in html and "…" in html
    assert '"' not in html and "'" not in html


def test_code_keeps_its_straight_quotes():
    html = render_markdown('Type `"exact words"` to search.')
    assert '<code>"exact words"</code>' in html


def test_arabic_bodies_keep_their_punctuation():
    source = 'قال المحافظ "الجسر آمن" -- ثم غادر... «نعم»'
    html = render_markdown(source)
    assert '"الجسر آمن"' in html
    assert "“" not in html and "–" not in html and "…" not in html
    assert "«نعم»" in html


def test_render_bodies_command_renders_stored_html_again(app, client, make):
    from support import Reader

    article = make.article(body='He said "the road is open".')
    old_html = '<p>He said "the road is open".</p>\n'
    with app.app_context():
        db.session.execute(
            sa.update(Article).where(Article.id == article.id).values(body_html=old_html)
        )
        db.session.commit()
        modified = db.session.get(Article, article.id).updated_at
    reader = Reader(client)
    assert 'He said "the road is open"' in reader.page(article)  # cached as it is now

    result = app.test_cli_runner().invoke(args=["render-bodies"])

    assert result.exit_code == 0 and "1 article(s) rendered again." in result.output
    assert "He said “the road is open”." in reader.page(article)
    with app.app_context():
        assert db.session.get(Article, article.id).updated_at == modified
    again = app.test_cli_runner().invoke(args=["render-bodies"])
    assert "0 article(s) rendered again." in again.output
