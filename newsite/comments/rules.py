"""What a comment may contain, and how its length is counted.

One counting rule everywhere: newlines are one character (CRLF and CR become
LF before anything else) and length is in UTF-16 code units, which is what a
textarea's `value.length` counts. The live counter and the form's validation
both call `text_length`. The textarea has no `maxlength`: a paste past the limit
is kept whole and the counter shows how far over it is.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote_to_bytes

from markupsafe import Markup, escape

BODY_MAX = 1500
NAME_MAX = 80
EMAIL_MAX = 254
# The counter speaks to screen readers only when the characters left cross one of
# these (or the limit itself), not after every pause in typing.
COUNTER_THRESHOLDS = (100, 50, 10)

# Bidi controls, zero-width characters and characters that show as nothing or as a
# blank (soft hyphen, combining grapheme joiner, Hangul fillers, the blank Braille
# pattern, tag characters) can disguise a name or reorder the page.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    "\u2800\u3164\ufeff\uffa0\U000e0000-\U000e007f]"
)
# Variation selectors: allowed beside what they vary (an emoji), not alone.
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# Control characters other than newline and tab (and the replacement character
# that undecodable UTF-8 turns into).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# Punctuation a sentence puts after a link is not part of it.
_TRAILING = ".,;:!?)]}'\"»"


def is_utf8_form(body: bytes) -> bool:
    """True if every name and value of a urlencoded body decodes as UTF-8."""
    try:
        for pair in body.split(b"&"):
            unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def normalise_newlines(text: str | None) -> str:
    """CRLF and CR become LF: the browser sends CRLF but counts one character."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def comparable_text(text: str) -> str:
    """Text as two posts are compared to tell a repeat: Unicode-normalised (NFC),
    spaces and line breaks collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def text_length(text: str) -> int:
    """Length in UTF-16 code units, as the browser's `value.length` counts it."""
    return len(text.encode("utf-16-le")) // 2


def counter_band(left: int) -> str:
    """The stretch of the counter `left` characters fall in: "over" the limit, within
    one of the thresholds ("10", "50", "100"), or "" (plenty left)."""
    if left < 0:
        return "over"
    within = [threshold for threshold in COUNTER_THRESHOLDS if left <= threshold]
    return str(min(within)) if within else ""


def has_control_characters(text: str, allow_newlines: bool = True) -> bool:
    if not allow_newlines and ("\n" in text or "\t" in text):
        return True
    return bool(_CONTROL.search(text))


def has_invisible_characters(text: str) -> bool:
    return bool(_INVISIBLE.search(text))


def is_blank(text: str) -> bool:
    """Whether nothing would show: only spaces, invisible characters and variation
    selectors."""
    return not _VARIATION_SELECTORS.sub("", _INVISIBLE.sub("", text)).strip()


def count_links(text: str) -> int:
    return len(_URL.findall(text))


def words_found(text: str, words: list[str]) -> list[str]:
    """The listed words or phrases that appear in `text` as whole words, any case."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [
        word
        for word in words
        if word.strip()
        and re.search(
            rf"(?<!\w){re.escape(unicodedata.normalize('NFKC', word).casefold())}(?!\w)", folded
        )
    ]


def render_body(text: str) -> Markup:
    """Comment text as safe HTML: escaped, bare http(s) URLs linked, nothing else."""
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        start, end = match.start(), match.start() + len(url)
        parts.append(str(escape(text[position:start])))
        parts.append(f'<a href="{escape(url)}" rel="nofollow ugc noopener">{escape(url)}</a>')
        position = end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))
