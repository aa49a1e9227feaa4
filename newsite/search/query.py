"""What a reader typed, made safe to search for.

Search engines have query languages (FTS5: AND OR NOT NEAR * ^ : column filters,
parentheses, quotes; PostgreSQL's tsquery has its own), and a reader's text must
never be read as one. A query here is only a list of words: runs of letters, marks
and digits in any script, each handed to the engine quoted as a plain term, all of
which must appear. Everything else (punctuation, operators, emoji, control
characters, NUL) only separates words. Words are folded (`newsite.languages.fold`)
as the index folds the text, so Arabic diacritics and letter variants do not matter.

The last word also finds longer words that begin with it (`checkp` finds
"checkpoint"), as a search box that answers while the reader types must: that word
is usually still being typed. Only from MIN_PREFIX characters on: a one-letter
prefix would gather every word of the archive that starts with that letter.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from newsite.languages import fold

# Longer queries are cut (and the reader told); nobody types more to find an article.
MAX_QUERY_LENGTH = 200
# Words beyond these are ignored: each one is a posting list the engine must read.
MAX_TERMS = 12
# Longer "words" are noise (a pasted hash, a URL without separators).
MAX_TERM_LENGTH = 60
# The last word is searched as a prefix when it has at least this many characters.
MIN_PREFIX = 3


@dataclass(frozen=True)
class Query:
    """A reader's query: as shown back in the box, as searched, and its words."""

    shown: str  # what the reader typed, without control characters, for the search box
    text: str  # what is searched: `shown` cut to MAX_QUERY_LENGTH characters
    terms: tuple[str, ...]
    cut: bool  # the reader's query was longer than MAX_QUERY_LENGTH
    # The last term also matches words beginning with it ("checkp": "checkpoint").
    prefix: bool = False

    @property
    def empty(self) -> bool:
        return not self.text


def _is_word_character(char: str) -> bool:
    # Letters, combining marks (Arabic vowel signs stay inside their word) and digits.
    return unicodedata.category(char)[0] in "LMN"


def parse(raw: str | None) -> Query:
    """The query for `raw` (the `q` parameter): never raises, whatever it holds."""
    # Control characters (NUL among them: PostgreSQL refuses it in text) become spaces.
    shown = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cs") else c for c in (raw or "")
    ).strip()
    shown = " ".join(shown.split())
    text = shown[:MAX_QUERY_LENGTH].strip()
    terms: list[str] = []
    word: list[str] = []
    for char in text + " ":
        if _is_word_character(char):
            word.append(char)
            continue
        if word:
            # Folded as the index folds it: "المدرسة" finds "المدرسه", "مُعلِّم" finds "معلم".
            term = fold("".join(word))[:MAX_TERM_LENGTH]
            # A word made only of marks (stray diacritics) carries nothing to find.
            if any(unicodedata.category(c)[0] != "M" for c in term) and term not in terms:
                terms.append(term)
            word = []
    kept = tuple(terms[:MAX_TERMS])
    return Query(
        shown=shown,
        text=text,
        terms=kept,
        cut=len(shown) > MAX_QUERY_LENGTH,
        prefix=bool(kept) and len(kept[-1]) >= MIN_PREFIX,
    )
