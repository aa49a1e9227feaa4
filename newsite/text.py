"""Text rules shared by models and views: slugs and editors' Markdown."""

from __future__ import annotations

import math
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterator

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# What a slug looks like; the URL converter and `slugify` share it.
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_MAX = 120

# Editors write prose, not layout: headings, emphasis, quotes, lists, links, tables.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Raw HTML is off: an editor's "<script>" shows as text, and nh3 is the second wall.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
# English bodies get typographer's punctuation: curly quotes and apostrophes ("it's" ->
# "it’s"), en dashes, ellipses. Code keeps its straight quotes.
_typographer = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True})
    .enable("table")
    .enable(["replacements", "smartquotes"])
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_WEB_ADDRESS = re.compile(r"https?://\S+")


def written_in(text: str) -> str:
    """ "ar" when most of the letters of `text` are Arabic, else "en". Web addresses
    are not prose: their Latin letters are not counted."""
    text = _WEB_ADDRESS.sub(" ", text)
    arabic = len(_ARABIC_LETTER.findall(text))
    return "ar" if arabic and arabic >= len(_LATIN_LETTER.findall(text)) else "en"


def render_markdown(
    source: str,
    language: str | None = None,
    lone_link: Callable[[str, str], str | None] | None = None,
) -> str:
    """Editors' Markdown as sanitised HTML. Headings start at h2: h1 is the headline.

    English gets curly quotes; Arabic punctuation is left as the editor typed it
    (its own quotation marks, no Latin quotes put in). `language` defaults to the
    script most of the text is written in.

    `lone_link(text, language)` may give the HTML that stands for a top-level paragraph
    of one word (a video's address becomes its card, newsite/embeds.py): that HTML is
    put in after sanitising, so it must be built by us, never from an editor's markup.
    """
    source = source or ""
    language = language or written_in(source)
    markdown = _markdown if language == "ar" else _typographer
    tokens = markdown.parse(source)
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
    # Each replaced paragraph holds a mark no editor can guess until it is swapped.
    nonce = secrets.token_hex(8)
    standing_in: dict[str, str] = {}
    for inline in _lone_paragraphs(tokens) if lone_link else ():
        html = lone_link(inline.content.strip(), language)
        if html is not None:
            mark = f"lone-{nonce}-{len(standing_in)}"
            standing_in[f"<p>{mark}</p>"] = html
            inline.children = [Token("text", "", 0, content=mark)]
    html = nh3.clean(
        markdown.renderer.render(tokens, markdown.options, {}),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    for mark, replacement in standing_in.items():
        html = html.replace(mark, replacement)
    return html


def _lone_paragraphs(tokens: list[Token]) -> Iterator[Token]:
    """The inline tokens of top-level paragraphs that hold one word and nothing else."""
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if (
            opening.type == "paragraph_open"
            and opening.level == 0
            and inline.type == "inline"
            and inline.content.strip()
            and len(inline.content.split()) == 1
        ):
            yield inline


def lone_links(source: str) -> list[str]:
    """The words alone in a top-level paragraph of `source` (where a video's card goes)."""
    return [inline.content.strip() for inline in _lone_paragraphs(_markdown.parse(source or ""))]


# Words a reader reads in a minute, for "4 min read" (news prose, either language).
WORDS_PER_MINUTE = 200
_TAG = re.compile(r"<[^>]*>")


def reading_minutes(body_html: str) -> int:
    """Whole minutes to read a rendered body, at least one."""
    words = len(_TAG.sub(" ", body_html or "").split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


# Arabic letters in Latin, so an Arabic headline or tag gets a readable address of
# its own ("إعادة فتح المدرسة" -> "iadh-fth-almdrsh"); vowel marks are dropped.
_ARABIC_LATIN = str.maketrans(
    {
        **dict.fromkeys("اأإآٱى", "a"),
        "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
        "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
        "ه": "h", "ة": "h", "و": "w", "ؤ": "w", "ي": "y", "ئ": "y", "ء": "",
        **{chr(0x0660 + d): str(d) for d in range(10)},
    }
)  # fmt: skip


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """A lowercase ASCII slug of `text`: "Água & Power!" -> "agua-power", Arabic
    spelt in Latin letters."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_ARABIC_LATIN))
        .encode("ascii", "ignore")
        .decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
