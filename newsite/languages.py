"""The languages editions are written in, and which one a request speaks.

Each edition has a language; every page of it, and every fragment htmx fetches
for it (comments, votes, the counter), renders in that language and direction.
Pages that span editions (home, sections across editions) speak the default.
The interface text comes from Flask-Babel's catalogs (`newsite/translations`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, has_request_context
from flask_babel import refresh


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself
    direction: str  # "ltr" or "rtl"
    # A translation's link, in its own language (so its readers can read it),
    # whatever the language of the page that offers it.
    read_in: str


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "ltr", "Read in English"),
    "ar": Language("ar", "العربية", "rtl", "اقرأ بالعربية"),
}
DEFAULT = "en"


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        current_language=current,
        language_of=language_of,
        section_name=section_name,
        public_translation=public_translation,
        read_in=lambda code: language_of(code).read_in,
    )


def select_locale() -> str:
    """Flask-Babel's locale selector: the language this request speaks."""
    return g.get("language", DEFAULT) if has_request_context() else DEFAULT


def use_language(code: str | None) -> None:
    """Make this request speak `code` (an unknown code speaks the default)."""
    code = code if code in LANGUAGES else DEFAULT
    if g.get("language", DEFAULT) != code:
        g.language = code
        # Flask-Babel keeps the locale it looked up for the rest of the request.
        refresh()


def current() -> Language:
    return LANGUAGES[select_locale()]


def language_of(code: str | None) -> Language:
    return LANGUAGES.get(code or DEFAULT, LANGUAGES[DEFAULT])


def section_name(section: Any, code: str | None = None) -> str:
    """A section's name in `code` (this request's language if None), else its own name."""
    names = section.translations or {}
    return names.get(code or select_locale()) or section.name


def public_translation(article: Any) -> Any | None:
    """The article's translation, when readers may see it."""
    translation = article.translation
    return translation if translation is not None and translation.is_public else None


# Arabic letters readers type in several ways: searching folds them to one form.
_ARABIC_FOLDS = {
    "أ": "ا",  # alef with hamza above
    "إ": "ا",  # alef with hamza below
    "آ": "ا",  # alef with madda
    "ٱ": "ا",  # alef wasla
    "ة": "ه",  # taa marbuta, often typed as haa
    "ى": "ي",  # alef maqsura, often typed as yaa
}
# Harakat (fathatan to sukun, and the rarer marks after them), superscript alef, tatweel.
_ARABIC_DROPPED = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]
_FOLD_TABLE = str.maketrans({**_ARABIC_FOLDS, **dict.fromkeys(_ARABIC_DROPPED, None)})


def fold(text: str) -> str:
    """`text` as search compares it: Arabic diacritics and tatweel dropped, letter
    variants (alef forms, taa marbuta, alef maqsura) made one. Other scripts are
    unchanged. The database indexes apply the same rule (`fold_sql`)."""
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


# SQLite has no translate(): every connection gets `fold` itself as this function
# (`newsite.database`), deterministic, so the index's triggers can call it.
SQLITE_FOLD_FUNCTION = "newsite_fold"


def fold_sql(column: str, dialect: str) -> str:
    """`fold` as an SQL expression over `column`, for the search index's definition."""
    if dialect == "postgresql":
        sources = "".join(_ARABIC_FOLDS)
        targets = "".join(_ARABIC_FOLDS.values())
        dropped = "".join(_ARABIC_DROPPED)
        # translate() drops characters that have no counterpart in the target list.
        return f"translate({column}, '{sources}{dropped}', '{targets}')"
    return f"{SQLITE_FOLD_FUNCTION}({column})"


def fold_or_none(text: str | None) -> str | None:
    return None if text is None else fold(text)


def link_translations(article: Any, other: Any | None) -> None:
    """Make `other` the translation of `article` (None: it has none), on both sides.

    Whatever either was linked to before loses its link, so no article is left
    pointing at a story that no longer points back.
    """
    for side, keep in ((article, other), (other, article)):
        if side is None:
            continue
        previous = side.translation
        if previous is not None and previous is not keep and previous.translation is side:
            previous.translation = None
        side.translation = keep
